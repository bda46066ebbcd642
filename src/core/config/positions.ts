/** Where the values of the config file stand. js-yaml, which reads the file, gives no positions; a message
 * that needs one has the `yaml` package read the file again (its Document API keeps every node's offset).
 * That read happens at the first question, so a valid file with nothing to report never pays for it. */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Pair,
} from 'yaml';
import type { Position, PositionLookup } from '../types.js';
import { keyText, START } from './value.js';

/** A step from a value to one inside it: a mapping's key or a list's index. */
export type Step = string | number;

/** The options every read with `yaml` uses. */
const YAML_OPTIONS = {
  schema: 'core', // as js-yaml reads, even under a `%YAML 1.1` directive (where `yes` would be true)
  uniqueKeys: false, // reported by the config reader, in one pass (yaml's own check compares every pair)
  strict: true,
  prettyErrors: false,
  merge: false, // as in js-yaml's core schema: `<<` is a key like any other
} as const;

/** A value found by its path: the node written there (an alias, when reached through one) and the key
 * that leads to it (null for a list item or the top level). */
interface Found {
  written: unknown;
  key: unknown;
}

export class FilePositions implements PositionLookup {
  private parsed: { document: Document.Parsed; lines: LineCounter } | null = null;

  constructor(private readonly text: string) {}

  /** The file as the `yaml` package reads it. */
  get document(): Document.Parsed {
    return this.read().document;
  }

  /** Line and column (1-based, in UTF-16 units as editors count) of a text offset. */
  at(offset: number): Position {
    const { line, col } = this.read().lines.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  }

  /** Where the value at `path` stands; for an empty value (`key:`), where its key does. */
  valueAt(path: readonly Step[]): Position {
    const found = this.find(path);
    if (found === null) return START;
    const own = this.positionOf(found.written);
    const key = this.positionOf(found.key);
    return own !== null && !isEmptyNode(this.resolve(found.written)) ? own : (key ?? own ?? START);
  }

  /** Where the entry at `path` stands: its key in a mapping, else the value itself. */
  entryAt(path: readonly Step[]): Position {
    const found = this.find(path);
    return (found && this.positionOf(found.key)) ?? this.valueAt(path);
  }

  /** Where the `index`th key of the mapping at `path` stands (a key that is no name has no path). */
  keyAt(path: readonly Step[], index: number): Position {
    const found = this.find(path);
    const pair = found ? pairsOf(this.resolve(found.written))?.[index] : undefined;
    return this.positionOf(pair?.key) ?? this.valueAt(path);
  }

  /** Where the value at a JSON pointer (`/services/api/paths/0`) is found: a scalar at its own position, a
   * mapping or list at its key (a block collection starts on the line after it). */
  get(pointer: string): Position | undefined {
    const path = pointer.split('/').slice(1).map(unescapePointer);
    const found = this.find(path);
    if (found === null) return undefined;
    const value = this.resolve(found.written);
    return isMap(value) || isSeq(value) || isPair(value) ? this.entryAt(path) : this.valueAt(path);
  }

  /** Where the first alias (`*name`) stands, for the message when aliases expand too far. */
  firstAlias(): Position {
    let offset: number | undefined;
    visit(this.document, {
      Alias(_key, node) {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    return offset === undefined ? START : this.at(offset);
  }

  private read(): { document: Document.Parsed; lines: LineCounter } {
    if (this.parsed === null) {
      const lines = new LineCounter();
      this.parsed = { document: parseDocument(this.text, { lineCounter: lines, ...YAML_OPTIONS }), lines };
    }
    return this.parsed;
  }

  /** Walks down from the top level. A mapping step takes the first key of that name, as the reader does. */
  private find(path: readonly Step[]): Found | null {
    let found: Found = { written: this.document.contents, key: null };
    for (const step of path) {
      const node = this.resolve(found.written);
      const pairs = pairsOf(node);
      if (pairs !== null) {
        const pair = pairs.find((p) => keyText(isScalar(p.key) ? p.key.value : undefined) === String(step));
        if (pair === undefined) return null;
        found = { written: pair.value, key: pair.key };
      } else if (isSeq(node) && Number(step) < node.items.length) {
        found = { written: node.items[Number(step)], key: null };
      } else return null;
    }
    return found;
  }

  /** The node an alias stands for (the last anchor of its name before it); any other node itself. */
  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.document) : node;
  }

  /** Where a node of the document starts (a pair: its key); null for no node. */
  positionOf(node: unknown): Position | null {
    if (isPair(node)) return this.positionOf(node.key);
    if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) return null;
    return node.range ? this.at(node.range[0]) : null;
  }
}

/** The pairs of a mapping; a pair written where a list item belongs (`[a: b]`) is a mapping of one. */
export function pairsOf(node: unknown): ReadonlyArray<Pair<unknown, unknown>> | null {
  if (isMap(node)) return node.items;
  if (isPair(node)) return [node];
  return null;
}

function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
