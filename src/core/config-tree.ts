/** The config file as a tree of positioned nodes: what the validator in config.ts reads. Two readers build
 * it: the `yaml` package's Document API (config-yaml.ts), which reads any YAML, and a small reader of the
 * plain YAML a config file is usually written in (yaml-fast.ts), which is many times faster. */
import type { Diagnostic, Position } from './types.js';

/** How readers and the validator report a problem at a position. */
export type Report = (severity: Diagnostic['severity'], pos: Position, message: string) => void;

export interface TreeScalar {
  kind: 'scalar';
  /** Offset of the node's first character (a quote, for a quoted scalar). */
  start: number;
  /** The resolved value: string, number, boolean or null (an empty value). */
  value: unknown;
  /** The text as written, for a plain scalar (a key `0x10` is the name "0x10", not 16). */
  source?: string;
  /** A tag YAML could not resolve (`!services/api/**` unquoted); the reader has reported it. */
  unknownTag?: boolean;
}

export interface TreeMap {
  kind: 'map';
  start: number;
  items: TreePair[];
}

export interface TreePair {
  key: TreeNode | null;
  value: TreeNode | null;
}

export interface TreeSeq {
  kind: 'seq';
  start: number;
  items: Array<TreeNode | null>;
}

/** `*name`: its target is the anchored node, or null when no anchor of that name precedes it. */
export interface TreeAlias {
  kind: 'alias';
  start: number;
  target: TreeNode | null;
}

export type TreeNode = TreeScalar | TreeMap | TreeSeq | TreeAlias;

/** Line and column (1-based, in UTF-16 units as editors count) of text offsets. Readers ask in nearly
 * ascending order, so the line of the previous answer is tried first, then the next one. */
export function positionsOf(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let line = 0;
  const isOn = (index: number, offset: number): boolean =>
    index < starts.length &&
    starts[index]! <= offset &&
    (index + 1 === starts.length || offset < starts[index + 1]!);
  return (offset) => {
    if (!isOn(line, offset)) {
      if (isOn(line + 1, offset)) line++;
      else line = lineOf(starts, offset);
    }
    return { line: line + 1, column: offset - starts[line]! + 1 };
  };
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A key as written: plain `123` or `true` keys are names too; null for anything else. */
export function keyText(key: TreeNode | null): string | null {
  if (key?.kind !== 'scalar' || key.value === null) return null;
  if (typeof key.value === 'string') return key.value;
  if (typeof key.value === 'number' || typeof key.value === 'boolean') return key.source ?? String(key.value);
  return null;
}

/** A value shown in a message: JSON quoting makes newlines and control characters visible; long values are
 * shortened. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

export const ALIAS_BOMB_MESSAGE =
  'the YAML aliases (*name) in this file expand to far more data than the file holds, which is refused ' +
  'to protect the runner ("billion laughs"); write the values out or use fewer aliases';
