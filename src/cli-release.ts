/** `monorepo-release release --dry-run` (and `promote` / `abort --dry-run`): the stages, commands and
 * environment a release would use. A module of its own so that the CLI loads the release code only for
 * these commands. */
import { systemClock } from './adapters/clock.js';
import { ConsoleLogger } from './adapters/console-logger.js';
import type { CliGit } from './adapters/git.js';
import { FetchProbe } from './adapters/http-probe.js';
import { ShellRunner } from './adapters/runner.js';
import { GitTagPusher } from './adapters/tags.js';
import { resolveEnvironment } from './app/config.js';
import { runDrill } from './app/drill.js';
import { runAbort, runPromote } from './app/promote.js';
import { runRelease, type ReleaseDeps, type ReleaseResult } from './app/release.js';
import type { AuditStore } from './core/ports.js';
import type { RunInfo } from './core/record.js';
import type { Config } from './core/types.js';

type PreviewCli = {
  root: string;
  git: CliGit;
  auditFor: (branch: string) => AuditStore;
  out: (text: string) => void;
};

/** A run on this machine: no workflow run to name. */
const LOCAL_RUN: RunInfo = {
  event: 'local',
  ref: '',
  actor: '',
  triggeringActor: '',
  runId: 'local',
  runAttempt: 1,
  runUrl: '',
};

function localDeps(cli: PreviewCli, config: Config): ReleaseDeps {
  const { root, git, out } = cli;
  return {
    git,
    log: new ConsoleLogger((line) => out(line + '\n')),
    audit: cli.auditFor(config.audit.branch),
    runner: new ShellRunner({ cwd: root, write: out }),
    probe: new FetchProbe(),
    clock: systemClock,
    tags: new GitTagPusher({ root }),
    randomId: () => 'dry-run',
    env: process.env,
    secrets: [],
  };
}

export async function previewRelease(
  cli: PreviewCli,
  config: Config,
  options: { service: string; version: string; head?: string; environment?: string },
): Promise<ReleaseResult> {
  const sha = (await cli.git.resolveCommit(options.head ?? 'HEAD'))!;
  return runRelease(localDeps(cli, config), {
    config,
    service: options.service,
    version: options.version,
    sha,
    environment: resolveEnvironment(config, options.environment),
    run: LOCAL_RUN,
    dryRun: true,
  });
}

/** `promote <service> --dry-run` / `abort <service> --dry-run`: what the command would do with the paused
 * release the audit log holds, or what it found instead. */
export async function previewPromote(
  cli: PreviewCli,
  config: Config,
  options: { command: 'promote' | 'abort'; service: string; version: string; environment?: string },
): Promise<ReleaseResult> {
  const use = options.command === 'promote' ? runPromote : runAbort;
  return use(localDeps(cli, config), {
    config,
    service: options.service,
    version: options.version,
    environment: resolveEnvironment(config, options.environment),
    run: LOCAL_RUN,
    dryRun: true,
  });
}

/** `monorepo-release drill <service> --dry-run`: what a drill would run, from the audit log; runs nothing. */
export async function previewDrill(
  cli: PreviewCli,
  config: Config,
  options: { service: string; environment?: string },
): Promise<ReleaseResult> {
  return runDrill(localDeps(cli, config), {
    config,
    service: options.service,
    environment: resolveEnvironment(config, options.environment),
    run: LOCAL_RUN,
    dryRun: true,
  });
}
