/** The check that each include pattern of a config matches some tracked file ("matches no tracked file":
 * usually a typo), and that every deployable service can be released at all. */
import { isGlob, isNegated, parentOf, RuleSet, type Rule } from './glob.js';
import { suggest } from './suggest.js';
import type { TreeEntry } from './ports.js';
import type { Diagnostic, PositionLookup, ServiceConfig } from './types.js';

type FileTest = (file: string) => boolean;

/** Tracked files, sorted, so the files under a directory are one contiguous range. */
class TrackedFiles {
  // Default sort: UTF-16 code-unit order, the order `<` compares in.
  private readonly sorted: string[];

  constructor(files: readonly string[]) {
    // git lists them sorted by bytes, which is another order for some names: TimSort makes sorted input
    // cheap either way.
    this.sorted = [...files].sort();
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

/** Why a pattern matches nothing, as far as the tracked files tell: it names a directory as a file, or
 * its literal base has a typo (`corrected` is the closest tracked path), or neither can be told. */
type DeadPattern = { kind: 'directory' } | { kind: 'typo'; corrected: string } | { kind: 'unknown' };

function whyDead(pattern: string, base: string, tracked: TrackedFiles): DeadPattern {
  if (base === '') return { kind: 'unknown' };
  if (!isGlob(pattern) && tracked.isDirectory(base)) return { kind: 'directory' };
  const corrected = correctedBase(base, tracked);
  return corrected === undefined ? { kind: 'unknown' } : { kind: 'typo', corrected };
}

/** How to fix a dead pattern, for its warning. */
function hint({ pattern, rule }: IncludePattern, tracked: TrackedFiles): string {
  const why = whyDead(pattern, rule.base, tracked);
  if (why.kind === 'directory') {
    return `${JSON.stringify(rule.base)} is a directory: write ${JSON.stringify(`${rule.base}/**`)} to match the files in it`;
  }
  if (why.kind === 'unknown') return 'check the spelling';
  const kind = tracked.isFile(why.corrected) ? 'a file' : 'a directory';
  return `check the spelling (did you mean ${kind} like ${JSON.stringify(why.corrected)}?)`;
}

/** The fix for a dead pattern of a service that would never release: the pattern with its base's typo
 * corrected when a close tracked path exists, else to check the path. */
function fixOf({ pattern, rule }: IncludePattern, tracked: TrackedFiles): string {
  const quoted = JSON.stringify(pattern);
  const why = whyDead(pattern, rule.base, tracked);
  if (why.kind === 'directory') {
    return `no tracked file is ${quoted}, a directory: write ${JSON.stringify(`${rule.base}/**`)} to match the files in it`;
  }
  const at = pattern.indexOf(rule.base);
  if (why.kind === 'unknown' || at === -1) return `no tracked file matches ${quoted}; check the path`;
  const fixed = `${pattern.slice(0, at)}${why.corrected}${pattern.slice(at + rule.base.length)}`;
  return `fix the typo: no tracked file matches ${quoted}; did you mean ${JSON.stringify(fixed)}?`;
}

/** What the pattern check needs of a config. A valid Config is one; so is what could be read of a config
 * with errors, which `validate` still checks (see ParsedConfig.paths). */
export interface ConfigPaths {
  file: string;
  positions: PositionLookup;
  shared: readonly string[];
  services: ReadonlyArray<Pick<ServiceConfig, 'name' | 'paths' | 'deploy'>>;
}

/** An include pattern, compiled: the `index`th of a service's `paths`, or of `shared` when `service` is
 * undefined. */
interface IncludePattern {
  service: string | undefined;
  index: number;
  pattern: string;
  rule: Rule;
}

function includePatterns(config: ConfigPaths): IncludePattern[] {
  const rules = new RuleSet();
  const found: IncludePattern[] = [];
  const add = (patterns: readonly string[], service: string | undefined): void => {
    patterns.forEach((pattern, index) => {
      if (!isNegated(pattern)) found.push({ service, index, pattern, rule: rules.get(pattern) });
    });
  };
  for (const service of config.services) add(service.paths, service.name);
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
 * patterns left need the tracked files (`unmatched`). */
export class PatternCheck {
  private readonly patterns: IncludePattern[];
  private readonly proven = new Set<Rule>();

  constructor(private readonly config: ConfigPaths) {
    this.patterns = includePatterns(config);
  }

  /** The directories ('' is the root) whose entries can prove the patterns not yet proven, or null when
   * there are more than `max` (git matches each listed entry against every directory asked for). */
  directoriesToList(max: number): string[] | null {
    const dirs = new Set<string>();
    for (const { rule } of this.patterns) {
      const dir = this.proven.has(rule) ? null : listedDirectory(rule);
      if (dir !== null) dirs.add(dir);
    }
    return dirs.size > max ? null : [...dirs].sort();
  }

  /** Marks the patterns that these entries of the asked directories prove. */
  proveWith(entries: ReadonlyArray<Pick<TreeEntry, 'path' | 'type'>>): void {
    if (entries.length === 0) return;
    const listed = new ListedEntries(entries);
    for (const { rule } of this.patterns) if (provenBy(rule, listed)) this.proven.add(rule);
  }

  get allProven(): boolean {
    return this.patterns.every(({ rule }) => this.proven.has(rule));
  }

  /** The diagnostics of the patterns not proven that match none of the tracked files: an error for each
   * deployable service left with no live pattern, a warning for each other dead pattern. Each pattern scans
   * the tracked files under its literal base, and stops at the first match. */
  unmatched(tracked: readonly string[]): Diagnostic[] {
    const open = this.patterns.filter(({ rule }) => !this.proven.has(rule));
    if (open.length === 0) return [];
    const files = new TrackedFiles(tracked);
    const dead = open.filter(({ rule }) => !files.anyUnder(rule.base, (file) => rule.test(file)));
    return dead.length === 0 ? [] : this.describe(dead, files);
  }

  /** A warning per dead pattern, then an error per service that would never be released. */
  private describe(dead: readonly IncludePattern[], files: TrackedFiles): Diagnostic[] {
    const never = this.servicesNeverReleased(dead);
    const diagnostics: Diagnostic[] = [];
    for (const pattern of dead) {
      if (pattern.service !== undefined && never.has(pattern.service)) continue;
      const { label, pointer } = placeOf(pattern);
      const message = `${label} ${JSON.stringify(pattern.pattern)} matches no tracked file; ${hint(pattern, files)}`;
      diagnostics.push(this.at('warning', pointer, message));
    }
    for (const service of never) {
      const fixes = dead.filter((p) => p.service === service).map((p) => fixOf(p, files));
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

  /** The deployable services (deploy not false) all of whose include patterns are dead, in the order of
   * their first dead pattern. A library (`deploy: false`) is never released itself: its dead patterns
   * stay warnings. */
  private servicesNeverReleased(dead: readonly IncludePattern[]): Set<string> {
    const deadCount = new Map<string, number>();
    for (const { service } of dead) {
      if (service !== undefined) deadCount.set(service, (deadCount.get(service) ?? 0) + 1);
    }
    const deployable = new Set(this.config.services.filter((s) => s.deploy !== false).map((s) => s.name));
    const never = new Set<string>();
    for (const [service, count] of deadCount) {
      const includes = this.patterns.filter((p) => p.service === service).length;
      if (deployable.has(service) && count === includes) never.add(service);
    }
    return never;
  }

  private at(severity: Diagnostic['severity'], pointer: string, message: string): Diagnostic {
    const position = this.config.positions.get(pointer) ?? { line: 1, column: 1 };
    return { severity, file: this.config.file, line: position.line, column: position.column, message };
  }
}

/** The directory whose entries can prove this rule: the one holding its literal path or its tree
 * (`services/api` for `services/api/**`), or the one its files lie directly in (`.github` for
 * `.github/*.yml`); null for a pattern whose files can lie deeper. */
function listedDirectory(rule: Rule): string | null {
  if (rule.kind === 'tree' || rule.kind === 'literal') return rule.base === '' ? null : parentOf(rule.base);
  if (rule.kind !== 'glob') return null;
  const below = rule.base === '' ? rule.glob : rule.glob.slice(rule.base.length + 1);
  return below.includes('/') || below.includes('**') ? null : rule.base;
}

/** Whether a listed entry proves that a tracked file matches: for `dir/**`, anything at or under `dir`;
 * for any pattern, a listed file that passes the test. */
function provenBy(rule: Rule, listed: ListedEntries): boolean {
  if (rule.kind === 'tree') return rule.base !== '' && listed.occupies(rule.base);
  if (rule.kind === 'literal') return rule.base !== '' && listed.isFile(rule.base);
  const dir = listedDirectory(rule);
  return dir !== null && listed.files(dir).some((file) => rule.test(file));
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
