/** Parsing the config file with both readers: the fast one where it can, `yaml` for everything else. The
 * action and the CLI load this module (and `yaml` with it) only when the fast reader cannot take a file. */
import {
  parseConfigFast,
  parseConfigWith,
  type ConfigEngine,
  type ParsedConfig,
  type TracedParse,
} from './config.js';
import { readYamlTree } from './config-yaml.js';

export interface ParseConfigOptions {
  engine?: ConfigEngine;
}

/** Parse and validate the config file's text. `file` is the repo-relative path put in every diagnostic.
 * `config` is null when any diagnostic is an error. */
export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): ParsedConfig {
  const { config, diagnostics, paths } = parseConfigTraced(text, file, options);
  return { config, diagnostics, paths };
}

/** parseConfig, also telling which reader was used. */
export function parseConfigTraced(
  text: string,
  file: string,
  { engine = 'auto' }: ParseConfigOptions = {},
): TracedParse {
  const fast = engine === 'yaml' ? null : parseConfigFast(text, file, engine);
  return fast ?? parseConfigWith(readYamlTree, text, file);
}
