/** Reads typed values out of the config file's content, reporting each mistake at the value. */
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../duration.js';
import { describeNameRule, isEnvironmentName, isServiceName, isStageName, type NameKind } from '../names.js';
import { suggest } from '../suggest.js';
import type { Position } from '../types.js';
import type { FilePositions, Step } from './positions.js';
import {
  describe,
  duplicateKeyMessage,
  keyText,
  quote,
  UNKNOWN_TAG,
  type Report,
  type YamlValue,
} from './value.js';

/** A value in the file, the way to it, and how messages name it. Positions and labels are worked out when a
 * message asks for them. */
export class Value {
  constructor(
    readonly value: YamlValue,
    private readonly positions: FilePositions,
    private readonly parent: Value | null,
    /** The key (in a mapping) or index (in a list) that leads from the parent here. */
    private readonly step: Step,
  ) {}

  get path(): Step[] {
    return this.parent === null ? [] : [...this.parent.path, this.step];
  }

  /** The value's own position (the alias's, when reached through one; its key's, when empty). */
  get pos(): Position {
    return this.positions.valueAt(this.path);
  }

  /** The entry's position: the key for a mapping entry, else the value. */
  get at(): Position {
    return this.positions.entryAt(this.path);
  }

  /** `services.api.stages[0].percent`; empty for the top level. */
  get label(): string {
    if (this.parent === null) return '';
    if (typeof this.step === 'number') return `${this.parent.label}[${this.step}]`;
    const up = this.parent.label;
    return up ? `${up}.${this.step}` : this.step;
  }
}

export class Reader {
  constructor(
    readonly positions: FilePositions,
    private readonly report: Report,
  ) {}

  error(pos: Position, message: string): void {
    this.report('error', pos, message);
  }

  warning(pos: Position, message: string): void {
    this.report('warning', pos, message);
  }

  root(value: YamlValue): Value {
    return new Value(value, this.positions, null, '');
  }

  /** The entries of a mapping, by name, first of each. Keys outside `allowed` are reported with a
   * suggestion; pass null to accept any key. */
  mapping(
    v: Value,
    allowed: readonly string[] | null,
    expected = 'a mapping of keys',
  ): Map<string, Value> | null {
    if (!(v.value instanceof Map)) {
      this.typeError(v, expected);
      return null;
    }
    const entries = new Map<string, Value>();
    let index = 0;
    for (const [key, value] of v.value) {
      const name = keyText(key);
      if (name === null) {
        this.error(
          this.positions.keyAt(v.path, index),
          `a key ${where(v)} must be a plain name, not ${describe(key)}`,
        );
      } else if (entries.has(name)) {
        // `1` and `"1"` are two keys to YAML, one name here.
        this.error(this.positions.keyAt(v.path, index), duplicateKeyMessage(name));
      } else if (allowed && !allowed.includes(name)) {
        this.unknownKey(name, v, allowed);
      } else {
        entries.set(name, new Value(value, this.positions, v, name));
      }
      index++;
    }
    return entries;
  }

  private unknownKey(key: string, parent: Value, allowed: readonly string[]): void {
    const guess = suggest(key, allowed);
    const hint = guess ? `; did you mean ${quote(guess)}?` : '.';
    this.error(
      this.positions.entryAt([...parent.path, key]),
      `unknown key ${quote(key)} ${where(parent)}${hint} Allowed keys: ${allowed.join(', ')}`,
    );
  }

  /** The items of a list, or null (reported) when the value is not one. */
  list(v: Value, expected: string): Value[] | null {
    if (!Array.isArray(v.value)) {
      this.typeError(v, expected);
      return null;
    }
    return v.value.map((item, i) => new Value(item, this.positions, v, i));
  }

  /** A non-blank string. */
  string(v: Value, expected: string): string | undefined {
    if (typeof v.value === 'string' && v.value.trim() !== '') return v.value;
    this.typeError(v, expected);
    return undefined;
  }

  boolean(v: Value): boolean | undefined {
    if (typeof v.value === 'boolean') return v.value;
    this.typeError(v, 'true or false');
    return undefined;
  }

  integer(v: Value, min: number, max: number, expected: string): number | undefined {
    const value = v.value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.typeError(v, expected);
    return undefined;
  }

  duration(v: Value): number | undefined {
    const ms = typeof v.value === 'string' ? parseDuration(v.value) : null;
    if (ms !== null) return ms;
    if (typeof v.value === 'number') {
      this.typeError(v, `a duration with a unit, like ${v.value}s`);
      return undefined;
    }
    this.typeError(
      v,
      'a duration: a whole number above 0 and a unit (ms, s, m or h) with no space, like 500ms, 30s, 5m or 1h, ' +
        `at most ${formatDuration(MAX_DURATION_MS - (MAX_DURATION_MS % 3_600_000))}`,
    );
    return undefined;
  }

  name(v: Value, kind: NameKind): string | undefined {
    const value = this.string(v, `${article(kind)} ${kind} name`);
    if (value === undefined) return undefined;
    if (isNameOf(kind, value)) return value;
    this.error(
      v.pos,
      `${quote(v.label)} must be a valid ${kind} name; got ${quote(value)}: ${describeNameRule(kind)}`,
    );
    return undefined;
  }

  oneOf<T extends string>(v: Value, choices: readonly T[]): T | undefined {
    const value = v.value;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    const guess = typeof value === 'string' ? suggest(value, choices) : undefined;
    this.typeError(v, `one of ${choices.join(', ')}${guess ? ` (did you mean ${quote(guess)}?)` : ''}`);
    return undefined;
  }

  url(v: Value): string | undefined {
    const value = this.string(v, 'an http or https URL');
    if (value === undefined) return undefined;
    if (isHttpUrl(value)) return value;
    this.error(
      v.pos,
      `${quote(v.label)} must be an http or https URL, like https://api.example.com; got ${quote(value)}`,
    );
    return undefined;
  }

  typeError(v: Value, expected: string): void {
    if (v.value === UNKNOWN_TAG) return; // already reported as a problem of the YAML
    this.error(v.pos, `${quote(v.label)} must be ${expected}; got ${describe(v.value)}`);
  }
}

/** Where a key stands, for a message. */
export function where(parent: Value): string {
  return parent.label ? `in ${quote(parent.label)}` : 'at the top level';
}

function isNameOf(kind: NameKind, value: string): boolean {
  if (kind === 'service') return isServiceName(value);
  if (kind === 'environment') return isEnvironmentName(value);
  return isStageName(value);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
