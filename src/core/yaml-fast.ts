/** A fast reader of the plain YAML config files are written in. The `yaml` package's Document API reads any
 * YAML with positions but needs ~0.3 s for 2,000 services on a slow runner; this reader builds the same
 * config tree (config-tree.ts) for the common subset in one pass over the text, ~10x faster.
 *
 * The subset: block mappings and block sequences (a sequence may sit at its key's indentation, and an item
 * may hold a compact mapping, `- name: canary`); single-line plain, single-quoted and double-quoted
 * scalars (with YAML's escapes); single-line flow collections; literal and folded block scalars (`|`, `>`,
 * with `-` or `+`); comments; LF or CRLF line ends. Anything else gives up (undefined) and the caller uses
 * `yaml`, which reads it or reports the error: anchors, aliases, tags, directives, document markers,
 * explicit keys, indentation indicators, multi-line plain, quoted or flow values, tabs, lone CRs, a BOM,
 * control characters, duplicate keys, odd indentation. Giving up only costs speed, so every doubtful shape
 * gives up; config-fast.test.ts checks that whatever this reader accepts reads exactly as `yaml` reads it. */
import {
  keyText,
  type TreeMap,
  type TreeNode,
  type TreePair,
  type TreeScalar,
  type TreeSeq,
} from './config-tree.js';

/** Longest implicit key `yaml` accepts (its "at most 1024 chars" rule). */
const MAX_IMPLICIT_KEY = 1024;
/** Deeper nesting than any config needs: given up on, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 64;

const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** The tree of `text`: null for a file with no content, undefined when the fast reader gives up. */
export function readFastTree(text: string): TreeNode | null | undefined {
  if (!isPlainConfigText(text)) return undefined;
  try {
    return new FastReader(text).document();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Thrown to give up. */
class Unsupported extends Error {}

function giveUp(): never {
  throw new Unsupported();
}

/** Text the reader never tries: characters the two readers may treat differently, and features recognised
 * line by line. */
const UNSUPPORTED_TEXT = [
  /^\uFEFF/, // a BOM
  /[\t\x85\u2028\u2029]/, // tabs and Unicode line breaks
  /\r(?!\n)/, // a CR that is not part of a CRLF
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/, // C0 controls other than TAB, LF and CR, and DEL
  /^%/m, // directives
  /^(?:---|\.\.\.)(?:[ \r\n]|$)/m, // document markers
];

/** Regular expressions scan the whole text natively: a loop over its characters in JavaScript runs cold
 * (interpreted) in a one-shot process and costs more than the reading itself. */
function isPlainConfigText(text: string): boolean {
  return !UNSUPPORTED_TEXT.some((pattern) => pattern.test(text));
}

/** Characters that cannot start a plain scalar here (YAML's indicators). `-` may, before a non-space. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
const FLOW_END = new Set(',[]{}');

function isIndicator(code: number): boolean {
  return INDICATORS.has(code);
}

// The scans below are sticky regular expressions: native code, where a loop over the characters would
// run cold (interpreted) in a one-shot process. They are run with `test`, and `lastIndex` tells where
// the match ends: `exec` would allocate a result array per value.
/** A plain implicit key: up to the first `:` that a space or the line end follows. */
const PLAIN_KEY = /[^\r\n]*?(?=:(?:[ \r\n]|$))/y;
/** A plain value in block context: words up to the line end or a comment, without trailing spaces. */
const PLAIN_VALUE = /[^ \r\n]+(?: +[^ #\r\n][^ \r\n]*)*/y;
/** Characters of a plain scalar in a flow collection, up to a flow indicator, `:`, `#` or line end. */
const FLOW_PLAIN_RUN = /[^,[\]{}:#\r\n]*/y;

class FastReader {
  /** Between nodes: the start of a line. */
  private pos = 0;
  /** The offset after the scalar or flow collection read last (returning it in a tuple would allocate one
   * per value). */
  private end = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): TreeNode | null {
    const indent = this.nextContentLine();
    if (indent < 0) return null;
    const root = this.blockCollection(this.pos + indent, indent);
    if (this.nextContentLine() >= 0) giveUp();
    return root;
  }

  /** Moves to the next line with content (not blank, not only a comment) and returns its indentation,
   * or -1 at the end of the text. */
  private nextContentLine(): number {
    const text = this.text;
    while (this.pos < text.length) {
      let at = this.pos;
      while (text.charCodeAt(at) === SPACE) at++;
      const ch = text.charCodeAt(at);
      if (!this.atLineEnd(at) && ch !== HASH) return at - this.pos;
      this.pos = this.nextLine(at);
    }
    this.pos = text.length;
    return -1;
  }

  /** A block mapping or sequence whose first entry starts at `at`, in column `col` (0-based). */
  private blockCollection(at: number, col: number): TreeMap | TreeSeq {
    if (++this.depth > MAX_DEPTH) giveUp();
    const node = this.isDashItem(at) ? this.sequence(at, col) : this.mapping(at, col);
    this.depth--;
    return node;
  }

  private mapping(at: number, col: number): TreeMap {
    const map: TreeMap = { kind: 'map', start: at, items: [] };
    let entry = at;
    for (;;) {
      const key = this.key(entry) ?? giveUp();
      if (key.node.value === null) giveUp();
      map.items.push({ key: key.node, value: this.value(key.after, col, 'map') });
      const indent = this.nextContentLine();
      if (indent !== col) {
        if (indent > col) giveUp(); // a continuation line, or a stray indentation
        if (hasDuplicateKeys(map.items)) giveUp(); // `yaml` reports them
        return map;
      }
      entry = this.pos + col;
      if (this.isDashItem(entry)) giveUp(); // a sequence item after a value
    }
  }

  private sequence(at: number, col: number): TreeSeq {
    const seq: TreeSeq = { kind: 'seq', start: at, items: [] };
    let item = at;
    for (;;) {
      seq.items.push(this.value(item + 1, col, 'seq'));
      const indent = this.nextContentLine();
      if (indent > col) giveUp();
      if (indent < col || !this.isDashItem(this.pos + col)) return seq;
      item = this.pos + col;
    }
  }

  /** The value after an indicator (`:` of a key, `-` of an item) that ends at `after`. Leaves `pos` at the
   * start of a line. `col` is the column of the mapping or sequence the value belongs to. */
  private value(after: number, col: number, owner: 'map' | 'seq'): TreeNode | null {
    const text = this.text;
    let at = after;
    while (text.charCodeAt(at) === SPACE) at++;
    const ch = text.charCodeAt(at);
    if (this.atLineEnd(at) || ch === HASH) return this.valueBelow(at, col, owner);
    if (ch === DASH && this.isDashItem(at)) giveUp(); // `- - a`, `key: - a`
    const key = this.key(at);
    if (key !== null) {
      if (owner === 'map') giveUp(); // `a: b: c`
      return this.blockCollection(at, at - this.lineStart(at)); // `- name: canary`
    }
    if (ch === 0x7c /* | */ || ch === 0x3e /* > */) return this.blockScalar(at, col);
    let node: TreeNode;
    if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) node = this.flowCollection(at);
    else if (ch === 0x22 || ch === 0x27) node = this.quoted(at);
    else node = this.plain(at);
    this.pos = this.restOfLine(this.end);
    return node;
  }

  /** A value that is not on the indicator's line: a block collection below it, or nothing. */
  private valueBelow(emptyAt: number, col: number, owner: 'map' | 'seq'): TreeNode | null {
    this.pos = this.nextLine(emptyAt);
    const indent = this.nextContentLine();
    const first = this.pos + indent;
    if (indent > col) return this.blockCollection(first, indent);
    // A sequence may sit at its key's own indentation.
    if (owner === 'map' && indent === col && this.isDashItem(first)) return this.blockCollection(first, col);
    return { kind: 'scalar', start: Math.min(emptyAt, this.text.length), value: null, source: '' };
  }

  /** An implicit key at `at` (plain or quoted, on one line, followed by `:` and a space or line end), or
   * null when there is none. */
  private key(at: number): { node: TreeScalar; after: number } | null {
    const text = this.text;
    const ch = text.charCodeAt(at);
    let node: TreeScalar;
    let end: number;
    if (ch === 0x22 || ch === 0x27) {
      node = this.quoted(at);
      end = this.end;
    } else {
      if (isIndicator(ch)) return null;
      PLAIN_KEY.lastIndex = at;
      if (!PLAIN_KEY.test(text)) return null;
      end = PLAIN_KEY.lastIndex;
      const source = text.slice(at, end);
      if (source.includes(' #')) return null; // the colon is inside a comment
      if (source.endsWith(' ') || source.includes(':')) giveUp();
      node = plainScalar(at, source);
    }
    if (end - at > MAX_IMPLICIT_KEY) giveUp();
    if (text.charCodeAt(end) !== COLON) return null;
    if (!(text.charCodeAt(end + 1) === SPACE || this.atLineEnd(end + 1))) return null;
    return { node, after: end + 1 };
  }

  /** A single-line quoted scalar at `at`; `end` is set after its closing quote. */
  private quoted(at: number): TreeScalar {
    const text = this.text;
    const quote = text[at]!;
    const lineEnd = this.lineEnd(at);
    let value = '';
    let from = at + 1;
    for (let i = from; i < lineEnd; i++) {
      const c = text[i];
      if (c === '\\' && quote === '"') {
        const [decoded, next] = unescapeAt(text, i + 1);
        value += text.slice(from, i) + decoded;
        from = next;
        i = next - 1;
      } else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") {
          value += text.slice(from, i + 1);
          from = ++i + 1;
          continue;
        }
        value += text.slice(from, i);
        this.end = i + 1;
        return { kind: 'scalar', start: at, value, source: value };
      }
    }
    giveUp(); // multi-line, or not closed
  }

  /** A plain scalar in block context: to the end of the line or a comment. */
  private plain(at: number): TreeScalar {
    const text = this.text;
    const ch = text.charCodeAt(at);
    if (isIndicator(ch) && !(ch === DASH && text.charCodeAt(at + 1) !== SPACE)) giveUp();
    PLAIN_VALUE.lastIndex = at;
    if (!PLAIN_VALUE.test(text)) giveUp();
    const end = PLAIN_VALUE.lastIndex;
    const source = text.slice(at, end);
    if (source.includes(': ') || source.endsWith(':')) giveUp();
    this.end = end;
    return plainScalar(at, source);
  }

  /** `[...]` or `{...}` on one line. */
  private flowCollection(at: number): TreeNode {
    if (++this.depth > MAX_DEPTH) giveUp();
    const text = this.text;
    const isSeq = text[at] === '[';
    const close = isSeq ? ']' : '}';
    const node: TreeSeq | TreeMap = isSeq
      ? { kind: 'seq', start: at, items: [] }
      : { kind: 'map', start: at, items: [] };
    let p = this.skipSpaces(at + 1);
    if (text[p] === close) {
      this.depth--;
      this.end = p + 1;
      return node;
    }
    for (;;) {
      if (node.kind === 'seq') {
        node.items.push(this.flowItem(p, false));
      } else {
        const key = this.flowItem(p, true);
        const keyEnd = this.end;
        if (key.kind !== 'scalar' || key.value === null || text[keyEnd] !== ':' || text[keyEnd + 1] !== ' ')
          giveUp();
        node.items.push({ key, value: this.flowItem(this.skipSpaces(keyEnd + 1), false) });
      }
      p = this.skipSpaces(this.end);
      if (text[p] === close) {
        if (node.kind === 'map' && hasDuplicateKeys(node.items)) giveUp();
        this.depth--;
        this.end = p + 1;
        return node;
      }
      if (text[p] !== ',') giveUp();
      p = this.skipSpaces(p + 1);
      if (text[p] === close) giveUp(); // a trailing comma
    }
  }

  /** An item of a flow collection (a key when `isKey`). */
  private flowItem(at: number, isKey: boolean): TreeNode {
    const text = this.text;
    const ch = text[at]!;
    if (ch === '[' || ch === '{') {
      if (isKey) giveUp();
      return this.flowCollection(at);
    }
    if (ch === '"' || ch === "'") return this.quoted(at);
    if (at >= text.length || isIndicator(text.charCodeAt(at))) giveUp();
    let end = at;
    for (;;) {
      FLOW_PLAIN_RUN.lastIndex = end;
      FLOW_PLAIN_RUN.test(text); // always matches, perhaps nothing
      end = FLOW_PLAIN_RUN.lastIndex;
      const c = text[end];
      if (c !== ':') {
        if (c === undefined || !FLOW_END.has(c)) giveUp(); // a line end, a comment
        break;
      }
      const next = text[end + 1] ?? ' ';
      if (next === ' ' && isKey) break;
      // `https://x` is one scalar; a `:` before a space, a break or a flow indicator is left to `yaml`.
      if (isKey || next === ' ' || next === '\r' || next === '\n' || FLOW_END.has(next)) giveUp();
      end++;
    }
    let last = end;
    while (text.charCodeAt(last - 1) === SPACE) last--;
    if (isKey && last !== end) giveUp(); // `{a : b}`
    this.end = end;
    return plainScalar(at, text.slice(at, last));
  }

  /** A block scalar (`|` literal or `>` folded, with `-` strip or `+` keep chomping) whose header is at
   * `at`; `col` is its owner's column. */
  private blockScalar(at: number, col: number): TreeScalar {
    const text = this.text;
    const folded = text[at] === '>';
    let p = at + 1;
    const chomp = text[p] === '-' || text[p] === '+' ? text[p++] : '';
    const afterHeader = this.skipSpaces(p);
    // Indentation indicators and anything else on the header line are left to `yaml`.
    if (!(this.atLineEnd(afterHeader) || (text.charCodeAt(afterHeader) === HASH && afterHeader > p)))
      giveUp();
    let line = this.nextLine(afterHeader);
    let indent = -1;
    let longestBlank = 0;
    const lines: string[] = [];
    let blanks = 0;
    while (line < text.length) {
      const end = this.lineEnd(line);
      const width = this.skipSpaces(line) - line;
      if (line + width === end) {
        if (indent === -1) longestBlank = Math.max(longestBlank, width);
        else if (width > indent) giveUp(); // spaces kept as content: left to `yaml`
        blanks++;
      } else {
        if (indent === -1) {
          if (width <= col || longestBlank > width) giveUp(); // empty, or odd leading blank lines
          indent = width;
        }
        if (width < indent) break;
        for (; blanks > 0; blanks--) lines.push('');
        lines.push(text.slice(line + indent, end));
      }
      if (end >= text.length) giveUp(); // no final line break
      line = this.nextLine(end);
    }
    if (indent === -1) giveUp();
    this.pos = line;
    const body = folded ? fold(lines) : lines.join('\n');
    // Clip keeps one final line break, strip none, keep every trailing blank line too.
    const value = chomp === '-' ? body : body + '\n'.repeat(chomp === '+' ? blanks + 1 : 1);
    return { kind: 'scalar', start: at, value, source: value };
  }

  /** After a value on its line: only spaces and a comment may follow. Returns the next line's start. */
  private restOfLine(end: number): number {
    const text = this.text;
    const at = this.skipSpaces(end);
    const ch = text.charCodeAt(at);
    if (!this.atLineEnd(at) && !(ch === HASH && at > end)) giveUp();
    return this.nextLine(at);
  }

  /** A `-` that starts a block sequence item: followed by a space or the line end. */
  private isDashItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || this.atLineEnd(at + 1);
  }

  private skipSpaces(at: number): number {
    while (this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** Whether `at` is where its line's content ends: a line break, or the end of the text. */
  private atLineEnd(at: number): boolean {
    const code = this.text.charCodeAt(at);
    return at >= this.text.length || code === NEWLINE || code === CR;
  }

  /** Where the content of the line holding `at` ends (before its LF or CRLF). */
  private lineEnd(at: number): number {
    const end = this.text.indexOf('\n', at);
    if (end === -1) return this.text.length;
    return this.text.charCodeAt(end - 1) === CR ? end - 1 : end;
  }

  /** The start of the line after the one holding `at` (the text's length after the last line). */
  private nextLine(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end === -1 ? this.text.length : end + 1;
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }
}

/** Whether two keys of a mapping are the same name, as the validator reads names (`keyText`). Most
 * mappings hold a few keys, compared pairwise without a set. */
function hasDuplicateKeys(items: readonly TreePair[]): boolean {
  const name = (i: number): string | null => keyText(items[i]!.key);
  if (items.length <= 8) {
    for (let i = 1; i < items.length; i++) for (let j = 0; j < i; j++) if (name(i) === name(j)) return true;
    return false;
  }
  const seen = new Set<string | null>();
  for (let i = 0; i < items.length; i++) seen.add(name(i));
  return seen.size !== items.length;
}

/** The lines of a folded block scalar joined: a line break between two text lines becomes a space, one
 * next to an empty line is dropped, and breaks around more-indented lines are kept. */
function fold(lines: readonly string[]): string {
  let value = '';
  let separator = '';
  let previousMoreIndented = false;
  for (const line of lines) {
    if (line.startsWith(' ')) {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + line;
      separator = '\n';
      previousMoreIndented = true;
    } else if (line === '') {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + line;
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  return value;
}

/** The escapes of double-quoted YAML with one-character names. */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The escape whose name is at `at` (after its backslash): its text, and the offset after it. */
function unescapeAt(text: string, at: number): [string, number] {
  const name = text[at] ?? '';
  const simple = ESCAPES[name];
  if (simple !== undefined) return [simple, at + 1];
  const length = HEX_ESCAPE_LENGTH[name] ?? giveUp();
  const digits = text.slice(at + 1, at + 1 + length);
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) giveUp();
  const code = parseInt(digits, 16);
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) giveUp(); // surrogates: left to `yaml`
  return [String.fromCodePoint(code), at + 1 + length];
}

/** A plain scalar, resolved by the YAML 1.2 core schema as `yaml` resolves it (in the same order): null,
 * booleans, octal `0o17`, decimal, hex `0x1f`, infinities and NaN, floats. Anything else is a string. */
function plainScalar(start: number, source: string): TreeScalar {
  return { kind: 'scalar', start, value: resolvePlain(source), source };
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

export function resolvePlain(source: string): unknown {
  const first = source.charCodeAt(0);
  // Most values (paths, commands, names) start with a letter that no null, boolean or number starts with.
  const lower = first | 0x20;
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x6e && lower !== 0x74 && lower !== 0x66) return source;
  if (NULL.test(source)) return null;
  if (BOOL.test(source)) return first === 0x74 || first === 0x54;
  if (OCT.test(source)) return parseInt(source.slice(2), 8);
  if (INT.test(source)) return parseInt(source, 10);
  if (HEX.test(source)) return parseInt(source.slice(2), 16);
  if (NAN_INF.test(source)) {
    if (source.slice(-3).toLowerCase() === 'nan') return NaN;
    return source.startsWith('-') ? -Infinity : Infinity;
  }
  if (EXP.test(source) || FLOAT.test(source)) return parseFloat(source);
  return source;
}
