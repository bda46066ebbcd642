/** Parsing the config file: its YAML read, its meaning checked, every mistake reported in one pass, so a
 * user fixes the file once instead of once per error. */
import type { DiscoverRule, Discovery } from '../discover/model.js';
import type { Diagnostic, Position } from '../types.js';
import { readDiscoverRules, type RuleDraft } from './discover.js';
import { readConfigYaml } from './read.js';
import { Reader } from './reader.js';
import type { ParsedConfig } from './result.js';
import { readConfig } from './top-level.js';

/** A config file read as far as its `discover:` rules: what the repository must be asked before the rest
 * of the file can be checked. */
export interface StartedConfig {
  /** The valid rules; none when the file has no `discover:`. */
  rules: DiscoverRule[];
  /** The file checked, with what the rules found (null: no discovery ran). */
  finish(discovery: Discovery | null): ParsedConfig;
}

/** Parse and validate the config file's text. `file` is the repo-relative path put in every diagnostic.
 * `config` is null when any diagnostic is an error. A file with `discover:` rules needs what they find
 * (see startConfig); without it, it has only its listed services, and an entry without `paths` is taken to
 * extend a service the rules would find (the file alone is checked: examples, editors). */
export function parseConfig(text: string, file: string, discovery: Discovery | null = null): ParsedConfig {
  return startConfig(text, file).finish(discovery);
}

export function startConfig(text: string, file: string): StartedConfig {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], pos: Position, message: string): void => {
    diagnostics.push({ severity, file, line: pos.line, column: pos.column, message });
  };
  const yaml = readConfigYaml(text, report);
  const rules = yaml ? discoverRulesOf(new Reader(yaml.positions, report), yaml.value) : [];
  return {
    rules: rules.map((r) => r.rule),
    finish(discovery) {
      const discovered = discovery ? { rules, discovery } : null;
      if (discovery) reportDiscoveryProblems(discovery, rules, report, diagnostics);
      const { config, paths } = yaml
        ? readConfig(yaml, file, report, discovered)
        : { config: null, paths: null };
      const hasError = diagnostics.some((d) => d.severity === 'error');
      const ordered = dedupe(diagnostics).sort((a, b) => a.line - b.line || a.column - b.column);
      return { config: hasError ? null : config, diagnostics: ordered, paths };
    },
  };
}

/** The rules of the top level's `discover:` (the rest of the file is checked later, by readConfig). */
function discoverRulesOf(r: Reader, value: unknown): RuleDraft[] {
  if (!(value instanceof Map)) return [];
  return readDiscoverRules(r, r.mapping(r.root(value as Map<unknown, never>), null)?.get('discover'));
}

/** A problem in a manifest stands there; any other at its rule in the config file. */
function reportDiscoveryProblems(
  discovery: Discovery,
  rules: readonly RuleDraft[],
  report: (severity: Diagnostic['severity'], pos: Position, message: string) => void,
  diagnostics: Diagnostic[],
): void {
  for (const problem of discovery.problems) {
    if (problem.at) {
      const { file, line, column } = problem.at;
      diagnostics.push({ severity: problem.severity, file, line, column, message: problem.message });
      continue;
    }
    const rule = rules.find((r) => r.rule.index === problem.rule);
    report(problem.severity, rule?.value.pos ?? { line: 1, column: 1 }, problem.message);
  }
}

/** An alias shared by two places can make the same value report twice; keep one. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.severity}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
