/** What reading a config file gives. */
import type { ConfigPaths } from '../pattern-check.js';
import type { Config, Diagnostic } from '../types.js';

export interface ParsedConfig {
  config: Config | null;
  diagnostics: Diagnostic[];
  /** What the path check can use: the config when it is valid; else the services and patterns that could
   * be read, so that `validate` reports dead paths with the other mistakes (null when nothing could be
   * read: not YAML, not a mapping, another config version). */
  paths: ConfigPaths | null;
}

/** A config as read: valid or null, and what the path check can use of it. */
export interface ReadResult {
  config: Config | null;
  paths: ConfigPaths | null;
}

export const NOTHING_READ: ReadResult = { config: null, paths: null };
