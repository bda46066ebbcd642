/** The config file's content as YAML gives it, before its meaning is checked, and the words messages use
 * for it. */
import type { Diagnostic, Position } from '../types.js';

/** Stands for a scalar whose tag YAML does not know (`!services/api/**` unquoted): the reader has already
 * reported it, so the checks of the value stay silent. */
export const UNKNOWN_TAG = Symbol('a value with an unknown YAML tag');

/** What JSON can hold, with mappings as Maps (keys keep their order and type, and `__proto__` is a key like
 * any other). */
export type YamlValue = null | string | number | boolean | YamlValue[] | YamlMap | typeof UNKNOWN_TAG;
export type YamlMap = Map<unknown, YamlValue>;

/** How readers and the validator report a problem at a position. */
export type Report = (severity: Diagnostic['severity'], pos: Position, message: string) => void;

export const START: Position = { line: 1, column: 1 };

/** A key as a name: plain `123` or `true` keys are names too; null for anything else. */
export function keyText(key: unknown): string | null {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean') return String(key);
  return null;
}

/** Whether the value, read through its aliases, holds at most `limit` values. Both YAML readers share an
 * aliased node instead of copying it, so a few lines of aliases can stand for billions of values ("billion
 * laughs") or for endless ones (an alias inside its own anchor); reading those would never finish. */
export function expandsWithin(root: YamlValue, limit: number): boolean {
  const pending: YamlValue[] = [root];
  for (let count = 1; pending.length > 0; count++) {
    if (count > limit) return false;
    const value = pending.pop();
    if (Array.isArray(value)) for (const item of value) pending.push(item);
    else if (value instanceof Map) for (const item of value.values()) pending.push(item);
  }
  return true;
}

/** A value shown in a message: JSON quoting makes newlines and control characters visible; long values are
 * shortened. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** What a message says a value is. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (value instanceof Map) return 'a mapping';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return value.trim() === '' ? 'an empty string' : `the string ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return 'an unsupported value';
}

export const ALIAS_BOMB_MESSAGE =
  'the YAML aliases (*name) in this file expand to far more data than the file holds, which is refused ' +
  'to protect the runner ("billion laughs"); write the values out or use fewer aliases';

export function duplicateKeyMessage(key: string): string {
  return `duplicate key ${quote(key)}; a key may appear only once in a mapping: merge the two entries or remove one`;
}

export function invalidYamlMessage(detail: string): string {
  return `invalid YAML: ${detail}; fix the syntax here (indentation, quotes, colons)`;
}
