/** Reading the config file's YAML: js-yaml reads it; for a file it refuses, the `yaml` package says why. */
import { CORE_SCHEMA, load, realMapTag, YAMLException } from 'js-yaml';
import { reportYamlProblems, valueOfDocument } from './document.js';
import { FilePositions } from './positions.js';
import {
  ALIAS_BOMB_MESSAGE,
  expandsWithin,
  invalidYamlMessage,
  START,
  type Report,
  type YamlValue,
} from './value.js';
import type { Position } from '../types.js';

/** YAML 1.2's core schema, which the `yaml` package reads by too: JSON's types and nothing else (no custom
 * tags, no timestamps, no merge keys). Mappings become Maps, so keys keep their order and their type. */
export const YAML_SCHEMA = CORE_SCHEMA.withTags(realMapTag);

export const MAX_CONFIG_BYTES = 1024 * 1024;

/** What a file the size of this text can hold without aliases, and then some: more than this, read through
 * the aliases, is an alias bomb. */
function valueLimit(text: string): number {
  return text.length + 10_000;
}

export interface ConfigYaml {
  /** The document's content; null for an empty file. */
  value: YamlValue;
  positions: FilePositions;
}

/** The file's content and where its values stand; null when there is nothing worth checking (reported:
 * too big, broken syntax, an alias to nothing, an alias bomb). */
export function readConfigYaml(text: string, report: Report): ConfigYaml | null {
  if (!withinSizeLimit(text, report)) return null;
  const positions = new FilePositions(text);
  let value: YamlValue;
  try {
    value = load(text, { schema: YAML_SCHEMA }) as YamlValue;
  } catch (refusal) {
    return readRefusedFile(text, refusal, positions, report);
  }
  if (!expandsWithin(value, valueLimit(text))) {
    report('error', positions.firstAlias(), ALIAS_BOMB_MESSAGE);
    return null;
  }
  return { value, positions };
}

function withinSizeLimit(text: string, report: Report): boolean {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes <= MAX_CONFIG_BYTES) return true;
  report(
    'error',
    START,
    `the config file is ${(bytes / MAX_CONFIG_BYTES).toFixed(1)} MiB, over the limit of 1 MiB; ` +
      `check that the "config" input names the right file (a config is usually a few KiB)`,
  );
  return false;
}

/** A file js-yaml refused, read by `yaml`. Its errors stop the check; after a problem that leaves a sound
 * tree (an unknown tag, a key written twice) the rest of the file is still checked. An empty file is not a
 * YAML problem: the config check says what a minimal config looks like. */
function readRefusedFile(
  text: string,
  refusal: unknown,
  positions: FilePositions,
  report: Report,
): ConfigYaml | null {
  let explained = false;
  const noting: Report = (severity, pos, message) => {
    if (severity === 'error') explained = true;
    report(severity, pos, message);
  };
  if (!reportYamlProblems(positions, text, noting)) return null;
  const value = valueOfDocument(positions, noting);
  if (value === undefined) return null;
  if (!expandsWithin(value, valueLimit(text))) {
    report('error', positions.firstAlias(), ALIAS_BOMB_MESSAGE);
    return null;
  }
  if (explained || value === null) return { value, positions };
  // Something only js-yaml refuses (a control character in a quoted string, nesting 100 deep): its word.
  const { pos, reason } = describeRefusal(refusal);
  report('error', pos, invalidYamlMessage(reason));
  return null;
}

function describeRefusal(refusal: unknown): { pos: Position; reason: string } {
  if (refusal instanceof YAMLException) {
    const mark = refusal.mark;
    return { pos: mark ? { line: mark.line + 1, column: mark.column + 1 } : START, reason: refusal.reason };
  }
  return { pos: START, reason: refusal instanceof Error ? refusal.message : String(refusal) };
}
