/** `monorepo-release release --dry-run`: the stages, commands and environment a release would use. A module
 * of its own so that the CLI loads the release code only for this command. */
import { systemClock } from './adapters/clock.js';
import { ConsoleLogger } from './adapters/console-logger.js';
import type { CliGit } from './adapters/git.js';
import { FetchProbe } from './adapters/http-probe.js';
import { ShellRunner } from './adapters/runner.js';
import { GitTagPusher } from './adapters/tags.js';
import { resolveEnvironment } from './app/config.js';
import { runDrill } from './app/drill.js';
import { runRelease, type ReleaseResult } from './app/release.js';
import type { AuditStore } from './core/ports.js';
import type { Config } from './core/types.js';

/** `monorepo-release drill <service> --dry-run`: what a drill would run, from the audit log; runs nothing. */
export async function previewDrill(
  cli: { root: string; git: CliGit; auditFor: (branch: string) => AuditStore; out: (text: string) => void },
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

export async function previewRelease(
  cli: { root: string; git: CliGit; auditFor: (branch: string) => AuditStore; out: (text: string) => void },
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

/** A run on this machine, as a record would name it (dry runs write none). */
const LOCAL_RUN = {
  event: 'local',
  ref: '',
  actor: '',
  triggeringActor: '',
  runId: 'local',
  runAttempt: 1,
  runUrl: '',
};

function localDeps(
  cli: { root: string; git: CliGit; auditFor: (branch: string) => AuditStore; out: (text: string) => void },
  config: Config,
) {
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
