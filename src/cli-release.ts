/** `monorepo-release release --dry-run`: the stages, commands and environment a release would use. A module
 * of its own so that the CLI loads the release code only for this command. */
import { systemClock } from './adapters/clock.js';
import { ConsoleLogger } from './adapters/console-logger.js';
import type { CliGit } from './adapters/git.js';
import { FetchProbe } from './adapters/http-probe.js';
import { ShellRunner } from './adapters/runner.js';
import { GitTagPusher } from './adapters/tags.js';
import { resolveEnvironment } from './app/config.js';
import { runRelease, type ReleaseResult } from './app/release.js';
import type { AuditStore } from './core/ports.js';
import type { Config } from './core/types.js';

export async function previewRelease(
  cli: { root: string; git: CliGit; auditFor: (branch: string) => AuditStore; out: (text: string) => void },
  config: Config,
  options: { service: string; version: string; head?: string; environment?: string },
): Promise<ReleaseResult> {
  const { root, git, out } = cli;
  const sha = (await git.resolveCommit(options.head ?? 'HEAD'))!;
  return runRelease(
    {
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
    },
    {
      config,
      service: options.service,
      version: options.version,
      sha,
      environment: resolveEnvironment(config, options.environment),
      run: {
        event: 'local',
        ref: '',
        actor: '',
        triggeringActor: '',
        runId: 'local',
        runAttempt: 1,
        runUrl: '',
      },
      dryRun: true,
    },
  );
}
