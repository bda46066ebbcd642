/** Loading the config file: read, parse, report every diagnostic at once, refuse an invalid file. */
import { parseConfigFast, type ParsedConfig } from '../core/config.js';
import { ConfigError, InputError } from '../core/errors.js';
import { unmatchedPatterns } from '../core/match.js';
import type { ConfigSource, Logger } from '../core/ports.js';
import type { Config, Diagnostic } from '../core/types.js';
import { describeNameRule, isEnvironmentName } from '../core/names.js';

/** A repo-relative path that stays inside the repository. */
export function checkConfigPath(path: string): string {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!normalized || normalized.startsWith('/') || normalized.split('/').some((part) => part === '..')) {
    throw new InputError(
      `the config path "${path}" is not a path inside the repository`,
      'give a path relative to the repository root, like .github/monorepo-release.yml',
    );
  }
  return normalized;
}

export function reportDiagnostics(log: Logger, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const where = { file: d.file, line: d.line, column: d.column };
    const text = `${d.file}:${d.line}:${d.column}: ${d.message}`;
    if (d.severity === 'error') log.error(text, where);
    else log.warning(text, where);
  }
}

/** Parse and validate the config. Unmatched path patterns are warnings, or errors when `strictPaths`
 * (the `validate` command). Throws ConfigError after reporting every problem. */
export async function loadConfig(
  deps: { log: Logger; source: ConfigSource },
  path: string,
  options: {
    strictPaths?: boolean;
    /** Called with a valid config as soon as it is parsed, before the path patterns are checked. */
    whenParsed?: (config: Config) => void;
  } = {},
): Promise<Config> {
  const file = checkConfigPath(path);
  // git lists the tracked files while the config is parsed.
  const tracked = deps.source.trackedFiles();
  tracked.catch(() => undefined);
  const text = await deps.source.read(file);
  if (text === null) {
    throw new InputError(
      `no config file at ${file}`,
      `create ${file} (see the README's quick start), or point the \`config\` input at your file`,
    );
  }
  const parsed = await parseConfigText(text, file);
  let diagnostics = parsed.diagnostics;
  if (parsed.config) {
    options.whenParsed?.(parsed.config);
    const unmatched = unmatchedPatterns(parsed.config, await tracked);
    diagnostics = [
      ...diagnostics,
      ...unmatched.map((d) => (options.strictPaths ? { ...d, severity: 'error' as const } : d)),
    ];
  }
  reportDiagnostics(deps.log, diagnostics);
  if (!parsed.config || diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return parsed.config;
}

/** The fast reader when it takes the file, else the complete one, whose module (with the `yaml` package)
 * is loaded only then: most config files never need it, and loading it costs a plan ~20 ms. */
async function parseConfigText(text: string, file: string): Promise<ParsedConfig> {
  const fast = parseConfigFast(text, file);
  if (fast) return fast;
  const { parseConfig } = await import('../core/config-parse.js');
  return parseConfig(text, file, { engine: 'yaml' });
}

/** The target environment: the input, else the config's; a name that is safe as a path segment. */
export function resolveEnvironment(config: Config, input: string | undefined): string {
  const name = input || config.environment;
  if (!isEnvironmentName(name)) {
    throw new InputError(`environment "${name}" is not a valid name`, describeNameRule('environment'));
  }
  return name;
}
