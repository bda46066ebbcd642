/** Parsing the config file: its YAML read, its meaning checked, every mistake reported in one pass, so a
 * user fixes the file once instead of once per error. */
import type { Diagnostic, Position } from '../types.js';
import { readConfigYaml } from './read.js';
import type { ParsedConfig } from './result.js';
import { readConfig } from './top-level.js';

/** Parse and validate the config file's text. `file` is the repo-relative path put in every diagnostic.
 * `config` is null when any diagnostic is an error. */
export function parseConfig(text: string, file: string): ParsedConfig {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], pos: Position, message: string): void => {
    diagnostics.push({ severity, file, line: pos.line, column: pos.column, message });
  };
  const yaml = readConfigYaml(text, report);
  const { config, paths } = yaml ? readConfig(yaml, file, report) : { config: null, paths: null };
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const ordered = dedupe(diagnostics).sort((a, b) => a.line - b.line || a.column - b.column);
  return { config: hasError ? null : config, diagnostics: ordered, paths };
}

/** An alias shared by two places can make the same value report twice; keep one. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.severity}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
