/** Which services' `paths` (and `shared`) a file matches, fast enough for 10,000 services × 50,000 files. */
import micromatch from 'micromatch';
import { suggest } from './suggest.js';
import type { TreeEntry } from './ports.js';
import type { Config, Diagnostic, PositionLookup, ServiceConfig } from './types.js';

/** The glob dialect: micromatch with dotfiles matched. The `s` flag lets wildcards match a newline, which
 * is legal in a file name; without it `services/api/**` would miss `services/api/a\nb`.
 * (@types/micromatch declares `flags` as a boolean; picomatch passes it to `new RegExp` as a string.) */
export const GLOB_OPTIONS = { dot: true, flags: 's' } as unknown as micromatch.Options;

export interface PathMatch {
  /** In config order. */
  services: string[];
  shared: boolean;
}

export interface PathIndex {
  match(file: string): PathMatch;
  /** The same answer by position, for hot loops: writes to `owners` the ascending indexes into
   * `config.services`, then `config.services.length` when `shared` matches, and returns how many. The
   * buffer is reused by the next call (an array per file would be garbage 50,000 times a plan). */
  matchOwners(file: string): number;
  readonly owners: Int32Array;
}

type FileTest = (file: string) => boolean;

interface IncludeEntry {
  owner: number;
  rule: Rule;
}

// Characters that are glob or regex syntax somewhere in picomatch. A base holding one may not be
// literal (`a/b|c/**` matches `c/x`), so such a pattern is indexed under '' and always tested.
const UNSAFE = String.raw`\\|[\]{}()*?!+@`;
// Segments of a literal path; `.` and `..` are left to micromatch (`./**` is not `.` + `/**`).
const LITERAL_SEGMENT = `(?!\\.\\.?(?:/|$))[^/${UNSAFE}]+`;
const LITERAL_PATH = `${LITERAL_SEGMENT}(?:/${LITERAL_SEGMENT})*`;
// A base the index can trust: literal, with no empty, `.` or `..` segment (`/**` matches `/a`).
const PLAIN_BASE = new RegExp(`^${LITERAL_PATH}$`);
// The shapes nearly every config uses are answered with string operations: compiling 10,000
// micromatch regexes costs more than all the matching. `dir/**`:
const TREE_PATTERN = new RegExp(`^(?:\\./)?(${LITERAL_PATH})/\\*\\*$`);
// A literal path:
const LITERAL_PATTERN = new RegExp(`^(?:\\./)?(${LITERAL_PATH})$`);
// `**/*.md`, `**/Dockerfile`, `dir/**/*.md`: (base)/**/(*)(name).
const ANYWHERE_PATTERN = new RegExp(`^(?:\\./)?(?:(${LITERAL_PATH})/)?\\*\\*/(\\*?)([^/${UNSAFE}]+)$`);
// The literal end of a glob: after its last glob character or slash.
const LITERAL_TAIL = new RegExp(`[^/${UNSAFE}]*$`);
const TRAILING_SLASHES = /\/+$/;
// `**` never matches a `.` or `..` segment, even with `dot: true`.
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** A path as git writes it: no leading, trailing or doubled slash, no `.` or `..` segment. The string
 * shortcuts of `Rule` are exact for such paths; anything else goes to micromatch. */
function isPlainPath(file: string): boolean {
  return (
    file !== '' &&
    !file.startsWith('/') &&
    !file.endsWith('/') &&
    !file.includes('//') &&
    !((file.startsWith('.') || file.includes('/.')) && DOT_SEGMENT.test(file))
  );
}

/** The literal path every file an include pattern matches equals or lies under ('' when it has none);
 * null for a `!` pattern, which only excludes. */
export function includeBase(pattern: string): string | null {
  return isNegated(pattern) ? null : classify(pattern).base;
}

/** `!x` excludes, as micromatch.scan reads it; `!(x)` is an extglob, not a negation. */
function isNegated(pattern: string): boolean {
  return pattern.startsWith('!') && !pattern.startsWith('!(');
}

interface Shape {
  kind: 'tree' | 'literal' | 'anywhere' | 'glob';
  base: string;
  tail: string;
  wholeName: boolean;
}

/** Which shortcut answers a glob (without its `!`), with the literal parts it needs. */
function classify(glob: string): Shape {
  const tree = TREE_PATTERN.exec(glob);
  if (tree) return { kind: 'tree', base: tree[1]!, tail: '', wholeName: false };
  // An empty pattern (the config parser refuses it) is a literal that no file equals.
  if (glob === '') return { kind: 'literal', base: '', tail: '', wholeName: false };
  const literal = LITERAL_PATTERN.exec(glob);
  if (literal) return { kind: 'literal', base: literal[1]!, tail: '', wholeName: false };
  const anywhere = ANYWHERE_PATTERN.exec(glob);
  if (anywhere)
    return { kind: 'anywhere', base: anywhere[1] ?? '', tail: anywhere[3]!, wholeName: anywhere[2] === '' };
  const { base, negated } = micromatch.scan(glob);
  // A glob that is itself negated (`!!x`) matches outside its base and tail, and a `|` alternates whole
  // regexes (`a|b/**/*.md` matches `a`).
  const unbounded = negated || glob.includes('|');
  return {
    kind: 'glob',
    base: unbounded || !PLAIN_BASE.test(base) ? '' : base,
    tail: unbounded ? '' : LITERAL_TAIL.exec(glob)![0],
    wholeName: false,
  };
}

/** One pattern, compiled once however many services list it. A plain object with one `test` method
 * rather than a closure per pattern keeps the hot call site monomorphic. */
class Rule {
  /** A `!` pattern: excludes from its owner's includes. */
  readonly negated: boolean;
  /** A literal path every matching file equals or lies under ('' when the pattern has none). */
  readonly base: string;
  private readonly kind: Shape['kind'];
  private readonly glob: string;
  private readonly prefix: string;
  /** Literal text every match ends with (before trailing slashes): `.md` for `**\/*.md`. */
  private readonly tail: string;
  /** `anywhere` kind: the tail is a whole file name (`**\/Dockerfile`), not the end of one (`**\/*.md`). */
  private readonly wholeName: boolean;
  private regex: RegExp | undefined;
  // The last answer of a glob, so one file is tested against the `!**/*.md` of 2,000 services once.
  private lastFile: string | undefined;
  private lastResult = false;

  constructor(pattern: string) {
    this.negated = isNegated(pattern);
    this.glob = this.negated ? pattern.slice(1) : pattern;
    ({ kind: this.kind, base: this.base, tail: this.tail, wholeName: this.wholeName } = classify(this.glob));
    this.prefix = `${this.base}/`;
  }

  /** What a `-z` listing (each path after a NUL) holds where a file of this pattern is listed: `NUL dir/`
   * for `dir/**`, `NUL path NUL` for a literal path; null for other shapes. */
  listingKey(): string | null {
    if (this.kind === 'tree') return `\0${this.prefix}`;
    if (this.kind === 'literal' && this.base !== '') return `\0${this.base}\0`;
    return null;
  }

  /** The directory whose entries can prove this pattern: the one holding its literal path or its tree
   * (`services/api` for `services/api/**`), or the one its files lie directly in (`.github` for
   * `.github/*.yml`); null for a pattern whose files can lie deeper. */
  listedDirectory(): string | null {
    if (this.kind === 'tree' || this.kind === 'literal') return this.base === '' ? null : parentOf(this.base);
    if (this.kind !== 'glob') return null;
    const below = this.base === '' ? this.glob : this.glob.slice(this.prefix.length);
    return below.includes('/') || below.includes('**') ? null : this.base;
  }

  /** Whether a listed entry proves that a tracked file matches: for `dir/**`, anything at or under `dir`;
   * for any pattern, a listed file that passes the test. */
  provenBy(listed: ListedEntries): boolean {
    if (this.kind === 'tree') return this.base !== '' && listed.occupies(this.base);
    if (this.kind === 'literal') return this.base !== '' && listed.isFile(this.base);
    const dir = this.listedDirectory();
    return dir !== null && listed.files(dir).some((file) => this.test(file));
  }

  /** Whether the file matches the pattern without its `!`. */
  test(file: string): boolean {
    if (this.kind === 'literal') return file === this.base && file !== '';
    if (this.kind === 'tree')
      return file === this.base || (file.startsWith(this.prefix) && !this.hasDotSegment(file));
    if (this.kind === 'anywhere' && isPlainPath(file)) return this.endsAnywhere(file);
    if (file !== this.lastFile) {
      this.lastResult = this.matchesGlob(file);
      this.lastFile = file;
    }
    return this.lastResult;
  }

  /** What micromatch.matcher answers (picomatch.test: a non-empty input equal to the glob, or matching its
   * regex), without the result object it builds on every call. The base and tail reject most files
   * before the regex, which with `**` is the slow part. */
  private matchesGlob(file: string): boolean {
    if (file === '') return false;
    if (this.base !== '' && file !== this.base && !file.startsWith(this.prefix)) return false;
    if (this.tail !== '' && !this.endsWithTail(file)) return false;
    this.regex ??= micromatch.makeRe(this.glob, GLOB_OPTIONS);
    return file === this.glob || this.regex.test(file);
  }

  /** `(base/)**\/(*)name` for a path as git writes it: the file lies under the base and its name is, or
   * ends with, the tail. */
  private endsAnywhere(file: string): boolean {
    const start = this.base === '' ? 0 : this.prefix.length;
    if (start > 0 && !file.startsWith(this.prefix)) return false;
    const rest = file.length - start;
    if (!this.wholeName) return rest >= this.tail.length && file.endsWith(this.tail);
    if (rest === this.tail.length) return file.endsWith(this.tail);
    return rest > this.tail.length && file.endsWith(`/${this.tail}`);
  }

  private endsWithTail(file: string): boolean {
    return (file.endsWith('/') ? file.replace(TRAILING_SLASHES, '') : file).endsWith(this.tail);
  }

  /** Whether the part after the base has a `.` or `..` segment; such a segment starts right after a `/`. */
  private hasDotSegment(file: string): boolean {
    const start = this.prefix.length - 1;
    return file.indexOf('/.', start) !== -1 && DOT_SEGMENT.test(file.slice(start));
  }
}

class RuleCache {
  private readonly rules = new Map<string, Rule>();

  get(pattern: string): Rule {
    let rule = this.rules.get(pattern);
    if (!rule) this.rules.set(pattern, (rule = new Rule(pattern)));
    return rule;
  }
}

/** The rules of a config's patterns, compiled once: the pattern check and the path index share them. */
const rulesByConfig = new WeakMap<object, RuleCache>();

function rulesOf(config: object): RuleCache {
  let cache = rulesByConfig.get(config);
  if (!cache) rulesByConfig.set(config, (cache = new RuleCache()));
  return cache;
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
    const cache = rulesOf(config);
    this.names = config.services.map((s) => s.name);
    this.sharedOwner = owners.length - 1;
    this.seenIn = new Int32Array(owners.length);
    this.owners = new Int32Array(owners.length);
    this.excludes = owners.map(() => []);
    owners.forEach((patterns, owner) => {
      for (const pattern of patterns) {
        const rule = cache.get(pattern);
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

/** Tracked files, sorted, so the files under a directory are one contiguous range. */
class TrackedFiles {
  // Default sort: UTF-16 code-unit order, the order `<` compares in.
  private readonly sorted: string[];

  constructor(listing: string) {
    const files = listing.split('\0');
    if (files[files.length - 1] === '') files.pop(); // every path ends with a NUL
    this.sorted = files.sort();
  }

  /** Whether any tracked file that could match a pattern with this base passes the test. */
  anyUnder(base: string, test: FileTest): boolean {
    if (base === '') return this.sorted.some(test);
    if (this.isFile(base) && test(base)) return true;
    const [start, end] = this.rangeUnder(base);
    for (let i = start; i < end; i++) if (test(this.sorted[i]!)) return true;
    return false;
  }

  isFile(path: string): boolean {
    return this.sorted[this.lowerBound(path)] === path;
  }

  isDirectory(path: string): boolean {
    const [start, end] = this.rangeUnder(path);
    return start < end;
  }

  /** Names (files and directories) directly inside a directory, '' being the root. Jumps over each
   * subdirectory's range, so the cost is the number of names, not of files. */
  children(dir: string): string[] {
    const prefix = dir === '' ? '' : `${dir}/`;
    const [start, end] = dir === '' ? [0, this.sorted.length] : this.rangeUnder(dir);
    let i = start;
    const names: string[] = [];
    while (i < end) {
      const rest = this.sorted[i]!.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.push(slash === -1 ? rest : rest.slice(0, slash));
      i = slash === -1 ? i + 1 : this.lowerBound(`${prefix}${rest.slice(0, slash)}0`);
    }
    return names;
  }

  /** Paths starting with `dir/` sort from `dir/` up to, not including, `dir0` ('0' follows '/'). */
  private rangeUnder(dir: string): [number, number] {
    return [this.lowerBound(`${dir}/`), this.lowerBound(`${dir}0`)];
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Walks the pattern's literal base through the tracked tree, replacing each missing segment by the
 * closest existing name. Returns the corrected path, or undefined when nothing close exists. */
function correctedBase(base: string, tracked: TrackedFiles): string | undefined {
  let dir = '';
  let changed = false;
  for (const part of base.split('/').filter((p) => p !== '' && p !== '.')) {
    const names = tracked.children(dir);
    let next = part;
    if (!names.includes(part)) {
      const close = suggest(part, names);
      if (close === undefined) break;
      next = close;
      changed = true;
    }
    dir = dir === '' ? next : `${dir}/${next}`;
  }
  return changed ? dir : undefined;
}

/** How to fix a pattern that matches nothing. */
function hint(pattern: string, dir: string, tracked: TrackedFiles): string {
  if (dir !== '' && !micromatch.scan(pattern).isGlob && tracked.isDirectory(dir)) {
    return `${JSON.stringify(dir)} is a directory: write ${JSON.stringify(`${dir}/**`)} to match the files in it`;
  }
  const corrected = dir === '' ? undefined : correctedBase(dir, tracked);
  if (corrected === undefined) return 'check the spelling';
  const kind = tracked.isFile(corrected) ? 'a file' : 'a directory';
  return `check the spelling (did you mean ${kind} like ${JSON.stringify(corrected)}?)`;
}

/** What the pattern check needs of a config. A valid Config is one; so is what could be read of a config
 * with errors, which `validate` still checks (see ParsedConfig.paths). */
export interface ConfigPaths {
  file: string;
  positions: PositionLookup;
  shared: readonly string[];
  services: ReadonlyArray<Pick<ServiceConfig, 'name' | 'paths' | 'deploy'>>;
}

/** An include pattern: the `index`th of a service's `paths`, or of `shared` when `service` is undefined. */
interface IncludePattern {
  service: string | undefined;
  index: number;
  pattern: string;
}

function includePatterns(config: ConfigPaths): IncludePattern[] {
  const found: IncludePattern[] = [];
  const add = (patterns: readonly string[], service: string | undefined): void => {
    for (let index = 0; index < patterns.length; index++) {
      const pattern = patterns[index]!;
      if (!isNegated(pattern)) found.push({ service, index, pattern });
    }
  };
  for (let i = 0; i < config.services.length; i++) add(config.services[i]!.paths, config.services[i]!.name);
  add(config.shared, undefined);
  return found;
}

/** A pattern's label in messages and its JSON pointer: made only for a warning (10,000 services have
 * 10,000 patterns to check, and nearly never a warning). */
function placeOf({ service, index }: IncludePattern): { label: string; pointer: string } {
  return service === undefined
    ? { label: `shared[${index}]`, pointer: `/shared/${index}` }
    : { label: `services.${service}.paths[${index}]`, pointer: `/services/${service}/paths/${index}` };
}

/** The problems of include patterns (of a service or `shared`) that match no tracked file: usually a typo.
 * A pattern alone is a warning; a deployable service none of whose include patterns matches anything
 * would never release, which is an error at its `paths`. In two steps: the entries of a few directories
 * at a commit prove most patterns (`proveWith`), without git listing every tracked file; only the
 * patterns left need the listing (`unmatched`). */
export class PatternCheck {
  private readonly patterns: IncludePattern[];
  private readonly rules: Rule[];
  private readonly proven = new Set<Rule>();

  constructor(private readonly config: ConfigPaths) {
    const cache = rulesOf(config);
    this.patterns = includePatterns(config);
    this.rules = this.patterns.map((p) => cache.get(p.pattern));
  }

  /** The directories ('' is the root) whose entries can prove the patterns not yet proven, or null when
   * there are more than `max` (git matches each listed entry against every directory asked for). */
  directoriesToList(max: number): string[] | null {
    const dirs = new Set<string>();
    for (const rule of this.rules) {
      const dir = this.proven.has(rule) ? null : rule.listedDirectory();
      if (dir !== null) dirs.add(dir);
    }
    return dirs.size > max ? null : [...dirs].sort();
  }

  /** Marks the patterns that these entries of the asked directories prove. */
  proveWith(entries: ReadonlyArray<Pick<TreeEntry, 'path' | 'type'>>): void {
    if (entries.length === 0) return;
    const listed = new ListedEntries(entries);
    for (const rule of this.rules) if (rule.provenBy(listed)) this.proven.add(rule);
  }

  get allProven(): boolean {
    return this.rules.every((rule) => this.proven.has(rule));
  }

  /** The diagnostics of the patterns not proven that match no file of `listing`, the tracked files as
   * `git ls-files -z` prints them: an error for each deployable service left with no live pattern, a
   * warning for each other dead pattern. Most patterns are proven by a search of the listing (see
   * `provenByListing`); the others scan the tracked files under their literal base, and stop at the first
   * match. */
  unmatched(listing: string): Diagnostic[] {
    const { patterns, rules } = this;
    const open = rules.filter((rule) => !this.proven.has(rule));
    const proven = new Set([...this.proven, ...provenByListing(listing, open)]);
    let files: TrackedFiles | undefined;
    const dead: number[] = [];
    for (let i = 0; i < patterns.length; i++) {
      const rule = rules[i]!;
      if (proven.has(rule)) continue;
      files ??= new TrackedFiles(listing);
      if (!files.anyUnder(rule.base, (file) => rule.test(file))) dead.push(i);
    }
    return files === undefined || dead.length === 0 ? [] : this.describe(dead, files);
  }

  private describe(dead: readonly number[], files: TrackedFiles): Diagnostic[] {
    const deadServices = this.servicesNeverReleased(dead);
    const diagnostics: Diagnostic[] = [];
    const deadOf = new Map<string, IncludePattern[]>();
    for (const i of dead) {
      const pattern = this.patterns[i]!;
      const service = pattern.service;
      if (service !== undefined && deadServices.has(service)) {
        const list = deadOf.get(service);
        if (list) list.push(pattern);
        else deadOf.set(service, [pattern]);
        continue;
      }
      const { label, pointer } = placeOf(pattern);
      const hintText = hint(pattern.pattern, this.rules[i]!.base, files);
      diagnostics.push(
        this.at(
          'warning',
          pointer,
          `${label} ${JSON.stringify(pattern.pattern)} matches no tracked file; ${hintText}`,
        ),
      );
    }
    for (const [service, list] of deadOf) {
      const fixes = list.map(({ pattern }) => fixOf(pattern, rulesOf(this.config).get(pattern).base, files));
      diagnostics.push(
        this.at(
          'error',
          `/services/${service}/paths`,
          `service ${JSON.stringify(service)} would never be released: none of its paths matches a tracked ` +
            `file; ${fixes.join('; and ')}`,
        ),
      );
    }
    return diagnostics;
  }

  /** The deployable services (deploy not false) all of whose include patterns are dead. A library
   * (`deploy: false`) is never released itself: its dead patterns stay warnings. */
  private servicesNeverReleased(dead: readonly number[]): Set<string> {
    const deadCount = new Map<string, number>();
    for (const i of dead) {
      const service = this.patterns[i]!.service;
      if (service !== undefined) deadCount.set(service, (deadCount.get(service) ?? 0) + 1);
    }
    const never = new Set<string>();
    for (const service of this.config.services) {
      const count = deadCount.get(service.name);
      if (count === undefined || service.deploy === false) continue;
      const includes = this.patterns.filter((p) => p.service === service.name).length;
      if (count === includes) never.add(service.name);
    }
    return never;
  }

  private at(severity: Diagnostic['severity'], pointer: string, message: string): Diagnostic {
    const position = this.config.positions.get(pointer) ?? { line: 1, column: 1 };
    return { severity, file: this.config.file, line: position.line, column: position.column, message };
  }
}

/** The fix for a dead pattern of a service that would never release: the pattern with its base's typo
 * corrected when a close tracked path exists, else to check the path. */
function fixOf(pattern: string, base: string, tracked: TrackedFiles): string {
  const quoted = JSON.stringify(pattern);
  if (base !== '' && !micromatch.scan(pattern).isGlob && tracked.isDirectory(base)) {
    return `no tracked file is ${quoted}, a directory: write ${JSON.stringify(`${base}/**`)} to match the files in it`;
  }
  const corrected = base === '' ? undefined : correctedBase(base, tracked);
  const at = pattern.indexOf(base);
  if (corrected === undefined || at === -1) return `no tracked file matches ${quoted}; check the path`;
  const fixed = `${pattern.slice(0, at)}${corrected}${pattern.slice(at + base.length)}`;
  return `fix the typo: no tracked file matches ${quoted}; did you mean ${JSON.stringify(fixed)}?`;
}

/** Entries of some directories of a commit, as `git ls-tree` lists them (not recursively). */
class ListedEntries {
  /** Each listed path, and each directory above one: a directory with something in it. */
  private readonly occupied = new Set<string>();
  /** The listed blobs and submodules (tracked paths themselves), by their directory. */
  private readonly filesIn = new Map<string, string[]>();
  private readonly fileSet = new Set<string>();

  constructor(entries: ReadonlyArray<Pick<TreeEntry, 'path' | 'type'>>) {
    for (const { path, type } of entries) {
      // git never stores an empty tree below the root (the index holds files, not directories), so a
      // listed tree has a tracked file under it.
      for (let at = path.length; at > 0 && !this.occupied.has(path.slice(0, at));) {
        this.occupied.add(path.slice(0, at));
        at = path.lastIndexOf('/', at - 1);
      }
      if (type === 'tree') continue;
      this.fileSet.add(path);
      const dir = parentOf(path);
      const files = this.filesIn.get(dir);
      if (files) files.push(path);
      else this.filesIn.set(dir, [path]);
    }
  }

  /** Whether something is tracked at or under the path. */
  occupies(path: string): boolean {
    return this.occupied.has(path);
  }

  isFile(path: string): boolean {
    return this.fileSet.has(path);
  }

  /** The tracked paths listed directly in the directory. */
  files(dir: string): readonly string[] {
    return this.filesIn.get(dir) ?? [];
  }
}

/** The directory a path lies directly in ('' for the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Most misses end the search early: each scans the rest of the listing. */
const MAX_LISTING_MISSES = 8;

/** The `dir/**` and literal patterns that some tracked file matches, found by searching the listing text
 * for each pattern's key, without splitting 80,000 paths into strings. git lists paths sorted, so the
 * keys are searched in sorted order, each from where the previous one was found: one pass over the text
 * in all. A pattern counts as proven only when the listed path found passes its test; any other (a miss,
 * another shape, an unsorted listing) gets the full check, so this only saves time. */
function provenByListing(listing: string, rules: readonly Rule[]): Set<Rule> {
  const keyed: Array<{ key: string; rule: Rule }> = [];
  for (const rule of rules) {
    const key = rule.listingKey();
    if (key !== null) keyed.push({ key, rule });
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const proven = new Set<Rule>();
  let from = 0;
  let misses = 0;
  for (let i = 0; i < keyed.length && misses < MAX_LISTING_MISSES; i++) {
    const { key, rule } = keyed[i]!;
    const start = listedPathStart(listing, key, from);
    if (start === -1) {
      misses++;
      continue;
    }
    const end = listing.indexOf('\0', start);
    if (!rule.test(listing.slice(start, end === -1 ? listing.length : end))) continue;
    proven.add(rule);
    from = start;
  }
  return proven;
}

/** Where the first path at or after `from` that begins with a listing key (`NUL` + the path's start) is
 * listed. The first path has no NUL before it; it is checked on its own rather than searching a copy of
 * the listing with a NUL in front, which V8 would flatten into a second megabytes-long string. */
function listedPathStart(listing: string, key: string, from: number): number {
  if (from === 0 && listing.startsWith(key.slice(1))) return 0;
  const at = listing.indexOf(key, from === 0 ? 0 : from - 1);
  return at === -1 ? -1 : at + 1;
}
