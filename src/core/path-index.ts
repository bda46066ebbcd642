/** Which services' `paths` (and `shared`) a file matches: the patterns indexed by their literal base, so
 * a changed file is tested against the few patterns that can match it, not against every service. */
import { RuleSet, type Rule } from './glob.js';
import type { Config } from './types.js';

export interface PathMatch {
  /** In config order. */
  services: string[];
  shared: boolean;
}

export interface PathIndex {
  match(file: string): PathMatch;
  /** The same answer by position, for hot loops: writes to `owners` the ascending indexes into
   * `config.services`, then `config.services.length` when `shared` matches, and returns how many. The
   * buffer is reused by the next call (an array per file would be garbage for every changed file). */
  matchOwners(file: string): number;
  readonly owners: Int32Array;
}

interface IncludeEntry {
  owner: number;
  rule: Rule;
}

/** Owners are services by position, then `shared` as the last one. */
function ownerPatterns(config: Pick<Config, 'services' | 'shared'>): string[][] {
  return [...config.services.map((s) => s.paths), config.shared];
}

function segmentCount(path: string): number {
  let count = 1;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) count++;
  return count;
}

/** A file matches an owner when one of its include patterns matches and none of its `!` patterns does,
 * whatever their order. Include patterns are indexed by literal base: a file is looked up under ''
 * (patterns with no base), under itself (a base equal to the file) and under its ancestor directories,
 * only at the depths some base has. Cost of `match`: those lookups, a test per pattern found, and the `!`
 * patterns of the owners that matched. */
class IndexedPaths implements PathIndex {
  private readonly unbased: IncludeEntry[] = [];
  private readonly byBase = new Map<string, IncludeEntry[]>();
  /** baseAtDepth[n]: some base has n segments. */
  private readonly baseAtDepth: boolean[] = [];
  private readonly excludes: Rule[][];
  private readonly names: string[];
  private readonly sharedOwner: number;
  // Marks the owners already found for the current file, without clearing an array per file.
  private readonly seenIn: Int32Array;
  private epoch = 0;
  readonly owners: Int32Array;
  private count = 0;

  constructor(config: Pick<Config, 'services' | 'shared'>) {
    const owners = ownerPatterns(config);
    const rules = new RuleSet();
    this.names = config.services.map((s) => s.name);
    this.sharedOwner = owners.length - 1;
    this.seenIn = new Int32Array(owners.length);
    this.owners = new Int32Array(owners.length);
    this.excludes = owners.map(() => []);
    owners.forEach((patterns, owner) => {
      for (const pattern of patterns) {
        const rule = rules.get(pattern);
        if (rule.negated) this.excludes[owner]!.push(rule);
        else this.addInclude({ owner, rule });
      }
    });
  }

  match(file: string): PathMatch {
    const count = this.matchOwners(file);
    const shared = count > 0 && this.owners[count - 1] === this.sharedOwner;
    const services: string[] = [];
    for (let i = 0; i < count - (shared ? 1 : 0); i++) services.push(this.names[this.owners[i]!]!);
    return { services, shared };
  }

  matchOwners(file: string): number {
    this.epoch++;
    this.count = 0;
    if (this.unbased.length > 0) this.collect(this.unbased, file);
    let depth = 0;
    let slash = file.indexOf('/');
    for (; slash !== -1 && ++depth < this.baseAtDepth.length; slash = file.indexOf('/', slash + 1)) {
      const bucket = this.baseAtDepth[depth] ? this.byBase.get(file.slice(0, slash)) : undefined;
      if (bucket) this.collect(bucket, file);
    }
    // The file itself as a base (a literal pattern), looked up only when some base is that deep.
    if (slash === -1 && this.baseAtDepth[depth + 1]) {
      const own = this.byBase.get(file);
      if (own) this.collect(own, file);
    }
    if (this.count > 1) this.owners.subarray(0, this.count).sort();
    return this.count;
  }

  private addInclude(entry: IncludeEntry): void {
    const base = entry.rule.base;
    if (base === '') {
      this.unbased.push(entry);
      return;
    }
    const bucket = this.byBase.get(base);
    if (bucket) bucket.push(entry);
    else this.byBase.set(base, [entry]);
    this.baseAtDepth[segmentCount(base)] = true;
  }

  // Indexed loops: `for...of` allocates an iterator result per step until the optimizing compiler, which
  // the short commands skip (adapters/engine.ts), removes it.
  private collect(bucket: readonly IncludeEntry[], file: string): void {
    for (let i = 0; i < bucket.length; i++) {
      const { owner, rule } = bucket[i]!;
      if (this.seenIn[owner] === this.epoch || !rule.test(file)) continue;
      this.seenIn[owner] = this.epoch;
      if (!this.isExcluded(owner, file)) this.owners[this.count++] = owner;
    }
  }

  private isExcluded(owner: number, file: string): boolean {
    const rules = this.excludes[owner]!;
    for (let i = 0; i < rules.length; i++) if (rules[i]!.test(file)) return true;
    return false;
  }
}

/** Compiles each pattern once and indexes the includes by their literal base, so matching costs about
 * files × path depth instead of files × services. */
export function compilePathIndex(config: Pick<Config, 'services' | 'shared'>): PathIndex {
  return new IndexedPaths(config);
}
