/** A fast reader for ordinary config files. The `yaml` package's Document API gives positions for every node
 * but needs ~1 s for 10,000 services; js-yaml reads the same text ~10× faster but only yields plain values.
 * This module replays js-yaml's open/close events into the very node classes of `yaml` (YAMLMap, YAMLSeq,
 * Pair, Scalar, with `range` offsets), so the one validator in config.ts reads either tree alike.
 *
 * It gives up (returns null) whenever the tree might differ from what `yaml` would build: js-yaml errors or
 * warnings, anchors, aliases, tags, directives, explicit `?` keys, multi-line plain or quoted scalars,
 * multi-line flow collections, tabs, lone CRs, a BOM, control characters. The caller then uses `yaml`. */
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import {
  isScalar,
  LineCounter,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node as YamlNode,
  type ParseOptions,
  type ScalarTag,
  type Schema,
} from 'yaml';

export interface FastTree {
  /** The document's root node; null for a file with no content. */
  contents: YamlNode | null;
  lineCounter: LineCounter;
}

/** How `yaml` resolves plain scalars (its schema and parse options), so both readers type `0x10`, `yes`,
 * `~` or `1e3` identically: the fast reader reads every scalar as text and resolves it with `yaml`'s tags. */
export interface ScalarResolver {
  schema: Schema;
  options: ParseOptions;
}

/** Longest implicit key `yaml` accepts (its "at most 1024 chars" rule); js-yaml has no such limit. */
const MAX_IMPLICIT_KEY = 1024;

/** Text the fast reader never tries: features it does not replay, and characters on which the two
 * parsers are known or likely to disagree. Conservative on purpose: a false hit only costs speed. */
const UNSUPPORTED_TEXT = [
  /^\uFEFF/, // js-yaml strips a BOM, shifting every offset
  /\t/, // tab rules differ between the two parsers
  /\r(?!\n)/, // a lone CR is a line break to js-yaml only
  /[\x85\u2028\u2029]/, // Unicode line breaks
  /^%/m, // directives (%YAML 1.1 changes the schema)
  /(?:^|[\s[{,])\?(?:\s|$)/m, // explicit keys
];

/** A cheap look at the text: false when it uses something the fast reader refuses outright. */
function isPlainConfigText(text: string): boolean {
  return !hasControlCharacter(text) && !UNSUPPORTED_TEXT.some((pattern) => pattern.test(text));
}

/** C0 controls other than TAB, LF and CR, and DEL: the parsers reject them in different places. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** Builds the `yaml` node tree of `text` from js-yaml's events, or returns null when the result could
 * differ from `yaml`'s (see the module comment); a syntax error also gives null, for `yaml` to report. */
export function buildFastTree(text: string, resolver: ScalarResolver): FastTree | null {
  if (!isPlainConfigText(text)) return null;
  const builder = new TreeBuilder(text, resolver);
  try {
    load(text, {
      schema: FAILSAFE_SCHEMA, // every scalar stays text: `yaml`'s own tags resolve it below
      onWarning: () => {
        throw new Unsupported();
      },
      listener: (event, state) => builder.on(event, state as unknown as ParserState),
    });
  } catch {
    return null; // a YAML error (yaml reports it with positions) or an Unsupported feature
  }
  const root = builder.root();
  if (root === undefined) return null;
  return { contents: root, lineCounter: lineCounterOf(text) };
}

/** Thrown from the listener to abandon the fast reader. */
class Unsupported extends Error {}

/** The fields of js-yaml's loader state the builder reads (its typings omit `tag` and `anchor`). */
interface ParserState {
  position: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
}

/** Replays js-yaml's events. Every composeNode call opens and closes a frame; some calls only wrap the node
 * of an inner call (js-yaml reads `- value` by first trying it as a mapping key), and some read nothing.
 * The built nodes wait in flat arrays until their parent closes (objects per frame cost GC time on
 * 10,000-service files). */
class TreeBuilder {
  /** Per open frame: where js-yaml opened it, and the index in `nodes` where its children begin. */
  private readonly opens: number[] = [];
  private readonly firsts: number[] = [];
  /** Built nodes not yet taken by a parent, with js-yaml's value for each (checked against the tree) and
   * whether it had no content at all (an empty value, or a failed attempt to read a key). */
  private readonly nodes: YamlNode[] = [];
  private readonly results: unknown[] = [];
  private readonly empties: boolean[] = [];

  constructor(
    private readonly text: string,
    private readonly resolver: ScalarResolver,
  ) {}

  on(event: 'open' | 'close', state: ParserState): void {
    if (event === 'open') {
      this.opens.push(state.position);
      this.firsts.push(this.nodes.length);
    } else {
      this.close(this.opens.pop()!, this.firsts.pop()!, state);
    }
  }

  /** The root node: null for an empty file, undefined when the events did not form one document. */
  root(): YamlNode | null | undefined {
    const roots = this.nodes.filter((_, i) => !this.empties[i]);
    if (roots.length === 0) return null;
    return roots.length === 1 ? roots[0]! : undefined;
  }

  private close(open: number, first: number, state: ParserState): void {
    // FAILSAFE leaves a plain scalar's tag as "?"; anything else is an explicit tag.
    if (state.anchor !== null || (state.tag !== null && state.tag !== '?')) throw new Unsupported();
    const { kind, result } = state;
    let contentCount = 0;
    let content = -1;
    for (let i = first; i < this.nodes.length; i++) {
      if (!this.empties[i]) {
        contentCount++;
        content = i;
      }
    }
    let node: YamlNode;
    if (kind === null) {
      if (contentCount > 0) throw new Unsupported();
      node = this.emptyScalar(open);
    } else if (contentCount === 1 && this.results[content] === result) {
      node = this.nodes[content]!; // a call that only wraps an inner one
    } else {
      const start = this.contentStart(open);
      if (kind === 'scalar' && contentCount === 0) node = this.scalar(start, state);
      else if (kind === 'sequence' && Array.isArray(result))
        node = this.sequence(start, state.position, first, result);
      else if (kind === 'mapping' && typeof result === 'object' && result !== null) {
        node = this.mapping(start, state.position, first, result as Record<string, unknown>);
      } else throw new Unsupported();
    }
    this.nodes.length = this.results.length = this.empties.length = first;
    this.nodes.push(node);
    this.results.push(kind === null ? null : result);
    this.empties.push(kind === null);
  }

  private scalar(start: number, state: ParserState): Scalar {
    const text = state.result as string;
    const end = state.position;
    const first = this.text.charCodeAt(start);
    const isBlock = first === 0x7c /* | */ || first === 0x3e; /* > */
    if (isBlock) {
      // js-yaml appends a newline to a file that lacks one, which changes a final block scalar's value.
      if (end > this.text.length) throw new Unsupported();
    } else if (this.spansLines(start, end)) {
      throw new Unsupported(); // line folding in plain and quoted scalars is left to `yaml`
    }
    const scalar = state.tag === '?' ? this.resolvePlain(text) : new Scalar(text);
    scalar.source = text;
    scalar.range = [start, end, end];
    return scalar;
  }

  /** Resolves a plain scalar the way `yaml`'s composer does: the first default tag whose test matches. */
  private resolvePlain(text: string): Scalar {
    const { schema, options } = this.resolver;
    const tag = schema.tags.find(
      (t): t is ScalarTag => t.default === true && !t.collection && t.test?.test(text) === true,
    );
    if (tag === undefined) return new Scalar(text);
    const value: unknown = tag.resolve(
      text,
      () => {
        throw new Unsupported();
      },
      options,
    );
    return isScalar(value) ? value : new Scalar(value);
  }

  private sequence(start: number, end: number, first: number, result: unknown[]): YAMLSeq {
    if (this.isFlow(start) && this.spansLines(start, end)) throw new Unsupported();
    // An item with no content at all (`-` alone) has no event: the counts then differ.
    if (this.nodes.length - first !== result.length) throw new Unsupported();
    const seq = new YAMLSeq(this.resolver.schema);
    for (let i = first; i < this.nodes.length; i++) {
      if (this.results[i] !== result[i - first]) throw new Unsupported();
      seq.items.push(this.nodes[i]);
    }
    seq.range = [start, end, end];
    return seq;
  }

  private mapping(start: number, end: number, first: number, result: Record<string, unknown>): YAMLMap {
    if (this.isFlow(start) && this.spansLines(start, end)) throw new Unsupported();
    let last = this.nodes.length;
    // A failed attempt to read one more key leaves an empty child at the end.
    if ((last - first) % 2 === 1 && this.empties[last - 1]) last--;
    if ((last - first) % 2 === 1) throw new Unsupported();
    const map = new YAMLMap(this.resolver.schema);
    for (let i = first; i < last; i += 2) {
      const key = this.nodes[i]!;
      const name = this.results[i];
      if (this.empties[i] || !isScalar(key) || typeof name !== 'string') throw new Unsupported();
      if (key.range![1] - key.range![0] > MAX_IMPLICIT_KEY) throw new Unsupported();
      // The pair must be one js-yaml stored: this catches `{ a, b }` (keys without values) and the like.
      if (!Object.prototype.hasOwnProperty.call(result, name) || result[name] !== this.results[i + 1]) {
        throw new Unsupported();
      }
      map.items.push(new Pair(key, this.nodes[i + 1]));
    }
    let keys = 0;
    for (const _ in result) keys++;
    if (keys !== map.items.length) throw new Unsupported();
    map.range = [start, end, end];
    return map;
  }

  /** An empty value sits after the spaces that follow its indicator, as `yaml` places it. */
  private emptyScalar(open: number): Scalar {
    let at = open;
    while (this.text.charCodeAt(at) === 0x20) at++;
    const scalar = new Scalar(null);
    scalar.source = '';
    scalar.range = [at, at, at];
    return scalar;
  }

  /** js-yaml opens a mapping value before skipping the spaces, comments and line breaks in front of it. */
  private contentStart(open: number): number {
    const text = this.text;
    let at = open;
    for (;;) {
      const ch = text.charCodeAt(at);
      if (ch === 0x20 || ch === 0x0a || ch === 0x0d) at++;
      else if (ch === 0x23 /* # */) {
        while (at < text.length && text.charCodeAt(at) !== 0x0a) at++;
      } else return at;
    }
  }

  private isFlow(start: number): boolean {
    const ch = this.text.charCodeAt(start);
    return ch === 0x5b /* [ */ || ch === 0x7b; /* { */
  }

  private spansLines(start: number, end: number): boolean {
    const newline = this.text.indexOf('\n', start);
    return newline !== -1 && newline < end;
  }
}

/** Line starts as `yaml`'s parser records them: offset 0 and after every LF. */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}
