#!/usr/bin/env node
/** The `monorepo-release` command line: the same use cases as the action, on any git checkout, with no
 * GitHub at all. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import { GitAuditStore } from './adapters/audit-store.js';
import { findRepoRoot, CliGit } from './adapters/git.js';
import { ConsoleLogger, label, wantsColour } from './adapters/console-logger.js';
import { skipOptimizingCompiler } from './adapters/engine.js';
import { commitConfigSource, workTreeConfigSource } from './adapters/workspace.js';
import { loadConfig } from './app/config.js';
import { readHistory } from './app/history.js';
import { readStats } from './app/stats.js';
import { planFromInputs } from './app/plan.js';
import { DEFAULTS } from './core/config/schema.js';
import { describeOrigins } from './core/discover/explain.js';
import { InputError, UserError } from './core/errors.js';
import { describeNameRule, isServiceName } from './core/names.js';
import { showControls } from './core/markdown.js';
import { planToJson, renderPlanTable } from './core/plan.js';
import { renderHistory } from './core/release-summary.js';
import { parseSince, renderStatsTable } from './core/stats.js';

const USAGE = `usage: monorepo-release <command> [options]

commands:
  plan                      which services changed, at which version, and why
  validate                  check the config file (a path pattern that matches nothing is an error)
  history [service]         the audit log, newest first, and what is live now
  stats [service] [--since 90d]
                            delivery metrics from the audit log: deploys, lead time, change failure
                            rate, time to restore, rollback success, days since the last drill
  release <service> --dry-run [--version V]
                            the stages, commands and environment a release would use, and whom it
                            would wait for first (after:); runs nothing
  drill <service> --dry-run [--environment E]
                            what a rollback drill would run: back to the version before the live one
                            and forward again; runs nothing
  promote <service> --dry-run [--version V]
                            what a promote of the service's paused release would check and run
  abort <service> --dry-run [--version V]
                            what an abort of the service's paused release would roll back to

options:
  --config PATH   config file, relative to the repository root (default .github/monorepo-release.yml)
  --base REV      plan: compare from this revision (default: each service since its last release,
                  else every service, as a first release)
  --head REV      plan: compare up to this revision (default HEAD)
  --environment E plan, history, release, drill: the environment (default: the config's); stats:
                  only this environment (default: every one)
  --limit N       history: how many records (default 20)
  --since W       stats: the window, days before now (90d) or a date (2026-09-01); default 90d
  --audit-branch B
                  history, stats: the audit branch (default: the config's, else release-audit); no config
                  file needed
  --explain       plan: first list every service, where it came from (a discover rule and its manifest,
                  or services:) and its dependencies
  --json          plan, history, stats: print JSON
  -C DIR          run as if started in DIR
  -h, --help      this text
  --version       the version of monorepo-release (alone; with release, the version to preview)

Origin is asked for the audit branch (what is live) with a deadline of 30 s a call
(MONOREPO_RELEASE_GIT_TIMEOUT changes it); past it, the copy fetched last is used, and a warning says so.
plan --base never asks origin. NO_COLOR turns colour off; output that is not a terminal has none.
`;

type Out = (text: string) => void;

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', default: '.github/monorepo-release.yml' },
      base: { type: 'string' },
      head: { type: 'string' },
      environment: { type: 'string' },
      version: { type: 'string', default: '' },
      limit: { type: 'string', default: '20' },
      since: { type: 'string' },
      'audit-branch': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      C: { type: 'string', short: 'C' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

type Values = ReturnType<typeof parseCommandLine>['values'];

/** What every command runs on: the options, the repository and its adapters. */
interface Cli {
  values: Values;
  /** The positional after the command: `history`'s, `stats`' or `release`'s service. */
  target: string | undefined;
  root: string;
  git: CliGit;
  deps: { git: CliGit; log: ConsoleLogger; source: ReturnType<typeof workTreeConfigSource> };
  auditFor: (branch: string) => GitAuditStore;
  out: Out;
}

export async function main(argv: string[], out: Out = (text) => process.stdout.write(text)): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    out(`monorepo-release ${packageJson.version}\n`);
    return 0;
  }
  const { values, positionals } = parseCommandLine(argv);
  const [command, target] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'plan' || command === 'validate') skipOptimizingCompiler();
  const log = new ConsoleLogger(undefined, false, wantsColour(process.stderr));
  const warning = (message: string) => log.warning(message);
  const root = await findRepoRoot(values.C ?? process.cwd());
  const git = new CliGit({ root, warning });
  const cli: Cli = {
    values,
    target,
    root,
    git,
    deps: { git, log, source: workTreeConfigSource(git) },
    // Off the VPN, say: the copy of the audit branch fetched last, with a warning, rather than nothing.
    auditFor: (branch) => new GitAuditStore({ root, branch, readLocalCopy: warning }),
    out,
  };
  switch (command) {
    case 'plan':
      return plan(cli);
    case 'validate':
      return validate(cli);
    case 'history':
      return history(cli);
    case 'stats':
      return stats(cli);
    case 'release':
      return previewRelease(cli);
    case 'drill':
      return previewDrill(cli);
    case 'promote':
    case 'abort':
      return previewPromote(cli, command);
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function plan({ values, git, deps, auditFor, out }: Cli): Promise<number> {
  const result = await planFromInputs(
    // The config of the commit planned, as the action reads it; `validate` reads the work tree.
    { ...deps, source: commitConfigSource(git, values.head ?? 'HEAD'), auditFor },
    {
      configPath: values.config,
      eventName: 'local',
      payload: {},
      base: values.base,
      head: values.head,
      environment: values.environment,
    },
  );
  // With --json, stdout stays one JSON document: the listing goes to stderr.
  if (values.explain)
    (values.json ? (text: string) => process.stderr.write(text) : out)(describeOrigins(result.config));
  out(values.json ? JSON.stringify(planToJson(result.plan), null, 2) + '\n' : renderPlanTable(result.plan));
  return 0;
}

async function validate({ values, deps, out }: Cli): Promise<number> {
  const config = await loadConfig(deps, values.config, { strictPaths: true });
  out(`${config.file} is valid: ${config.services.length} service(s).\n`);
  if (config.origins) out(describeOrigins(config));
  return 0;
}

async function history({ values, target, root, deps, auditFor, out }: Cli): Promise<number> {
  if (target !== undefined && !isServiceName(target)) {
    throw new InputError(
      `${JSON.stringify(target)} is not a service name`,
      `${describeNameRule('service')}; run \`monorepo-release history\` to see every service`,
    );
  }
  const limit = Number.parseInt(values.limit, 10);
  if (!(limit > 0))
    throw new InputError(`--limit ${values.limit} is not a positive number`, 'give --limit 20');
  const history = await readHistory(auditFor(await auditBranch(values, root, deps)), {
    service: target,
    limit,
  });
  out(
    values.json
      ? JSON.stringify(history, null, 2) + '\n'
      : renderHistory(history.records, history.live, history.problems, {
          records: history.paused,
          now: new Date(),
        }),
  );
  // Everything readable was listed; a file that was not is a damaged log, which scripts must notice.
  return history.problems.length > 0 ? 1 : 0;
}

async function stats({ values, target, root, git, deps, auditFor, out }: Cli): Promise<number> {
  const now = new Date();
  const report = await readStats(
    { audit: auditFor(await auditBranch(values, root, deps)), git },
    { service: target, environment: values.environment, since: parseSince(values.since, now), now },
  );
  for (const { path, problem } of report.problems)
    deps.log.warning(`audit file ${showControls(path)} left out of the stats: ${showControls(problem)}`);
  out(
    values.json ? JSON.stringify(report.stats, null, 2) + '\n' : renderStatsTable(report.stats, showControls),
  );
  // As history: a file that could not be read is a damaged log, which scripts must notice.
  return report.problems.length > 0 ? 1 : 0;
}

/** The CLI runs nothing that changes what is live: real releases, drills, promotes and aborts run in
 * GitHub Actions, where the audit record names the run. */
function requireDryRun(values: Cli['values'], what: string, where: string): void {
  if (!values['dry-run']) {
    throw new InputError(
      `the CLI only previews ${what}`,
      `add --dry-run; ${where} in GitHub Actions, where the audit record names the run`,
    );
  }
}

async function previewRelease({ values, target, root, git, deps, auditFor, out }: Cli): Promise<number> {
  requireDryRun(values, 'releases', 'real releases run');
  const config = await loadConfig(deps, values.config);
  // Loaded only here: the release modules are a third of the CLI, and every other command starts faster.
  const preview = await import('./cli-release.js');
  const result = await preview.previewRelease({ root, git, auditFor, out }, config, {
    service: target ?? '',
    version: values.version,
    head: values.head,
    environment: values.environment,
  });
  out(result.message + '\n');
  return 0;
}

async function previewDrill({ values, target, root, git, deps, auditFor, out }: Cli): Promise<number> {
  requireDryRun(values, 'drills', 'drills run (`command: drill`)');
  const config = await loadConfig(deps, values.config);
  const preview = await import('./cli-release.js');
  const result = await preview.previewDrill({ root, git, auditFor, out }, config, {
    service: target ?? '',
    environment: values.environment,
  });
  out(result.message + '\n');
  return 0;
}

/** `promote` / `abort --dry-run`: a preview, as for `release`. */
async function previewPromote(
  { values, target, root, git, deps, auditFor, out }: Cli,
  command: 'promote' | 'abort',
): Promise<number> {
  requireDryRun(
    values,
    command,
    `run the real ${command} (\`command: ${command}\`, \`service: ${target ?? '<service>'}\`)`,
  );
  const config = await loadConfig(deps, values.config);
  const preview = await import('./cli-release.js');
  const result = await preview.previewPromote({ root, git, auditFor, out }, config, {
    command,
    service: target ?? '',
    version: values.version,
    environment: values.environment,
  });
  out(result.message + '\n');
  return 0;
}

/** The audit branch `history` and `stats` read: --audit-branch, else the config's, else the default; a repository
 * without a config file can still show its log. */
async function auditBranch(
  values: { 'audit-branch'?: string; config: string },
  root: string,
  deps: Parameters<typeof loadConfig>[0],
): Promise<string> {
  if (values['audit-branch']) return values['audit-branch'];
  if (!existsSync(join(root, values.config))) return DEFAULTS.auditBranch;
  return (await loadConfig(deps, values.config)).audit.branch;
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  exitCode = 1;
  const failed = label('error', wantsColour(process.stderr));
  if (error instanceof UserError) {
    process.stderr.write(`${failed} ${error.describe('terminal')}\n`);
    // Bad input is a usage error, as a bad option is.
    if (error instanceof InputError) exitCode = 2;
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`${failed} ${error.message}\n\n${USAGE}`);
    exitCode = 2;
  } else {
    // A bug: its message, and the stack on request, not a wall of frames for a user.
    const stack = process.env.MONOREPO_RELEASE_DEBUG ? `\n${(error as Error)?.stack ?? ''}` : '';
    process.stderr.write(
      `${failed} ${error instanceof Error ? error.message : String(error)}\n${stack || '(set MONOREPO_RELEASE_DEBUG=1 for the stack trace)'}\n`,
    );
  }
}
// Everything is done: leave now instead of tearing the heap down, which is slow after a large plan.
// Only once the output is flushed, as a pipe is written asynchronously on macOS.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
