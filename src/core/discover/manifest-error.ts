/** A manifest's mistake, at its line and column, and the small helpers that find them in its text. */
import type { Position } from '../types.js';

/** Thrown by a manifest reader; discovery turns it into a problem of the rule that read the manifest. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly pos: Position,
    message: string,
  ) {
    super(message);
  }
}

const START: Position = { line: 1, column: 1 };

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Where the first of the `spellings` stands in the text (a value the parser gave without its position:
 * JSON.parse and the TOML parser keep none); the start of the file when none does. */
export function positionOf(text: string, ...spellings: string[]): Position {
  for (const spelling of spellings) {
    const offset = text.indexOf(spelling);
    if (offset !== -1) return positionAt(text, offset);
  }
  return START;
}

/** Where a JSON.parse error stands: Node says "at position N". */
export function jsonErrorPosition(text: string, error: unknown): Position {
  const offset = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  return offset === undefined ? START : positionAt(text, Number(offset));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strings of a list, or null when it is not a list of strings. */
export function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}
