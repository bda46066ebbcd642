/** Loading the config file: read, parse, report every diagnostic at once, refuse an invalid file. */
import { startConfig } from '../core/config/parse.js';
import { discoverServices } from '../core/discover/discover.js';
import { ConfigError, InputError } from '../core/errors.js';
import { auditBranchProblem, notARegularFile } from '../core/config/repository.js';
import { PatternCheck, type ConfigPaths } from '../core/pattern-check.js';
import type { Discovery } from '../core/discover/model.js';
import type { ConfigSource, Logger, TreeEntry } from '../core/ports.js';
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

/** Parse and validate the config, and check it against the repository: its path patterns against the
 * tracked files (a dead pattern is a warning, or an error when `strictPaths`; a deployable service with no
 * live pattern is an error), and `audit.branch` against the branches that hold code. Every problem is
 * reported at once, sorted by line; throws ConfigError after reporting them. */
export async function loadConfig(
  deps: { log: Logger; source: ConfigSource },
  path: string,
  options: {
    /** Unmatched path patterns are errors, checked against the tracked files alone (the `validate`
     * command: a file staged for the next commit counts, a file staged for deletion does not). */
    strictPaths?: boolean;
  } = {},
): Promise<Config> {
  const file = checkConfigPath(path);
  const strict = options.strictPaths ?? false;
  // For errors, git lists the tracked files while the config is parsed; origin/HEAD is read meanwhile.
  const tracked = strict ? deps.source.trackedFiles() : null;
  tracked?.catch(() => undefined);
  const branches = deps.source.codeBranches();
  branches.catch(() => undefined);
  const text = await readConfigText(deps, file);
  const started = startConfig(text, file);
  // `discover:` reads the manifests of the same commit as the config (the index, for the work tree).
  const discovery =
    started.rules.length > 0 ? await discoverServices(started.rules, deps.source.discoveryFiles()) : null;
  const parsed = started.finish(discovery);
  const auditProblem = parsed.config ? auditBranchProblem(parsed.config, await branches) : null;
  const diagnostics = [
    ...parsed.diagnostics,
    ...(auditProblem ? [auditProblem] : []),
    ...(await pathDiagnostics(
      deps.source,
      parsed.paths,
      strict ? tracked : null,
      foundDirectories(discovery),
    )),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  reportDiagnostics(deps.log, diagnostics);
  if (!parsed.config || diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return parsed.config;
}

/** The config file's text; a missing file is an InputError, anything but a regular file a ConfigError
 * (reported) that names what was found and reads nothing of it. */
async function readConfigText(deps: { log: Logger; source: ConfigSource }, file: string): Promise<string> {
  const found = await deps.source.read(file);
  if (found.kind === 'file') return found.text;
  if (found.kind === 'missing') {
    throw new InputError(
      `no config file at ${file}`,
      `create ${file} (see the README's quick start), or point the \`config\` input at your file`,
      `create ${file} (see the README's quick start), or pass --config PATH`,
    );
  }
  const diagnostics = [notARegularFile(file, found.kind)];
  reportDiagnostics(deps.log, diagnostics);
  throw new ConfigError(diagnostics);
}

/** The problems of the path patterns that could be read: warnings and the errors of services that would
 * never release; with the listing of the tracked files (`validate`), every problem is an error. */
async function pathDiagnostics(
  source: ConfigSource,
  paths: ConfigPaths | null,
  strictListing: Promise<string[]> | null,
  discovered: ReadonlyArray<Pick<TreeEntry, 'path' | 'type'>>,
): Promise<Diagnostic[]> {
  if (paths === null) return [];
  const check = new PatternCheck(paths);
  if (strictListing === null) {
    // The directories discovery found at this commit prove their services' `<dir>/**` already.
    check.proveWith(discovered);
    if (!check.allProven) await proveFromCommit(check, source);
  }
  if (check.allProven) return [];
  const found = check.unmatched(await (strictListing ?? source.trackedFiles()));
  return strictListing === null ? found : found.map((d) => ({ ...d, severity: 'error' as const }));
}

/** The directories of the services `discover:` found, as entries of the commit's tree. */
function foundDirectories(discovery: Discovery | null): Array<Pick<TreeEntry, 'path' | 'type'>> {
  return (discovery?.services ?? []).filter((s) => s.dir !== '').map((s) => ({ path: s.dir, type: 'tree' }));
}

/** Proves what it can of the patterns from the entries of the few directories that hold their paths (for
 * `services/api/**`, `services`): a much smaller answer from git than the listing of every tracked file,
 * and it nearly always proves every pattern, so that the listing is not needed. */
async function proveFromCommit(check: PatternCheck, source: ConfigSource): Promise<void> {
  // The adapter lists none when there are too many directories to be worth one listing.
  const dirs = check.directoriesToList(Number.POSITIVE_INFINITY);
  if (dirs && dirs.length > 0) check.proveWith(await source.committedEntries(dirs));
}

/** The target environment: the input, else the config's; a name that is safe as a path segment. */
export function resolveEnvironment(config: Config, input: string | undefined): string {
  const name = input || config.environment;
  if (!isEnvironmentName(name)) {
    throw new InputError(`environment "${name}" is not a valid name`, describeNameRule('environment'));
  }
  return name;
}
