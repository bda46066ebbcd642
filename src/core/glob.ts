/** The glob rules of `paths` and `shared`: micromatch, with string shortcuts for the shapes nearly every
 * config uses (`dir/**`, a literal path, `**\/*.md`). The property tests in test/core/match.test.ts prove
 * the shortcuts answer as micromatch does. */
import micromatch from 'micromatch';

/** The glob dialect: micromatch with dotfiles matched. The `s` flag lets wildcards match a newline, which
 * is legal in a file name; without it `services/api/**` would miss `services/api/a\nb`.
 * (@types/micromatch declares `flags` as a boolean; picomatch passes it to `new RegExp` as a string.) */
export const GLOB_OPTIONS = { dot: true, flags: 's' } as unknown as micromatch.Options;

// Characters that are glob or regex syntax somewhere in picomatch. A base holding one may not be
// literal (`a/b|c/**` matches `c/x`), so such a pattern has no base and is always tested.
const UNSAFE = String.raw`\\|[\]{}()*?!+@`;
// Segments of a literal path; `.` and `..` are left to micromatch (`./**` is not `.` + `/**`).
const LITERAL_SEGMENT = `(?!\\.\\.?(?:/|$))[^/${UNSAFE}]+`;
const LITERAL_PATH = `${LITERAL_SEGMENT}(?:/${LITERAL_SEGMENT})*`;
// A base the index can trust: literal, with no empty, `.` or `..` segment (`/**` matches `/a`).
const PLAIN_BASE = new RegExp(`^${LITERAL_PATH}$`);
// The shapes answered with string operations, so that a config of many services needs no regex per
// pattern. `dir/**`:
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

/** `!x` excludes, as micromatch.scan reads it; `!(x)` is an extglob, not a negation. */
export function isNegated(pattern: string): boolean {
  return pattern.startsWith('!') && !pattern.startsWith('!(');
}

/** The literal path every file an include pattern matches equals or lies under ('' when it has none);
 * null for a `!` pattern, which only excludes. */
export function includeBase(pattern: string): string | null {
  return isNegated(pattern) ? null : classify(pattern).base;
}

/** Whether the pattern is a glob rather than a literal path (micromatch's reading). */
export function isGlob(pattern: string): boolean {
  return micromatch.scan(pattern).isGlob;
}

/** The directory a path lies directly in ('' for the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

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

/** `tree`: `dir/**`; `literal`: a literal path; `anywhere`: `(dir/)**\/(*)name`; `glob`: anything else. */
export type RuleKind = 'tree' | 'literal' | 'anywhere' | 'glob';

interface Shape {
  kind: RuleKind;
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

/** One pattern, compiled: whether a file matches it. A plain object with one `test` method rather than a
 * closure per pattern keeps the hot call site monomorphic. */
export class Rule {
  /** A `!` pattern: excludes from its owner's includes. */
  readonly negated: boolean;
  /** The pattern without its `!`. */
  readonly glob: string;
  readonly kind: RuleKind;
  /** A literal path every matching file equals or lies under ('' when the pattern has none). */
  readonly base: string;
  private readonly prefix: string;
  /** Literal text every match ends with (before trailing slashes): `.md` for `**\/*.md`. */
  private readonly tail: string;
  /** `anywhere` kind: the tail is a whole file name (`**\/Dockerfile`), not the end of one (`**\/*.md`). */
  private readonly wholeName: boolean;
  private regex: RegExp | undefined;
  // The last answer of a glob: the `!**/fixtures/**` that many services list is one rule (see RuleSet),
  // asked about the same file by each of them in turn.
  private lastFile: string | undefined;
  private lastResult = false;

  constructor(pattern: string) {
    this.negated = isNegated(pattern);
    this.glob = this.negated ? pattern.slice(1) : pattern;
    ({ kind: this.kind, base: this.base, tail: this.tail, wholeName: this.wholeName } = classify(this.glob));
    this.prefix = `${this.base}/`;
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

/** The rules of one config's patterns, each pattern compiled once however many services list it. */
export class RuleSet {
  private readonly rules = new Map<string, Rule>();

  get(pattern: string): Rule {
    let rule = this.rules.get(pattern);
    if (!rule) this.rules.set(pattern, (rule = new Rule(pattern)));
    return rule;
  }
}
