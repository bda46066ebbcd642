/** `notify:`: the user's command run once after a release, promote, abort, rollback or drill ends, told how
 * it ended (`RELEASE_OUTCOME`) and given the run's markdown summary in a file (`RELEASE_SUMMARY`). It runs
 * after the record is written and the outputs are set, so it can neither change the outcome nor hold up
 * the audit log: whatever it does (fail, hang, flood the log) is at most a warning. */
import { commandEnvironment, type ReleaseVars } from '../core/command-env.js';
import { describeEnding } from '../core/command-result.js';
import { formatDuration } from '../core/duration.js';
import type { CommandRunner, Logger } from '../core/ports.js';
import type { ServiceConfig } from '../core/types.js';
import type { ReleaseResult } from './release-result.js';

/** A notify command's own limit: a chat message should not hold a runner for the deploy's 15 minutes. The
 * service's `timeout` applies when it is shorter. */
export const NOTIFY_TIMEOUT_MS = 60_000;

export interface NotifyDeps {
  runner: CommandRunner;
  log: Logger;
  /** The step's environment, from which the command's environment is derived (as for deploy). */
  env: Record<string, string | undefined>;
  /** Values the command may not see (the token). */
  secrets: string[];
  /** Puts the summary where the command can read it; returns the file's path. */
  writeSummary: (markdown: string) => Promise<string>;
}

/** Why a notify command is not run for this result; null when it is. A run that did nothing (a dry run,
 * a version already live, a refusal: no record) tells nobody; a cancelled run's ending belongs to its
 * post step, which finishes the rollback. `blocked` has no record either, but someone must hear of it:
 * the service stays pending until a provider is fixed. */
export function notifySkipped(result: ReleaseResult, service: ServiceConfig | undefined): string | null {
  if (!service?.notify) return 'no notify command';
  if (
    result.outcome === 'dry-run' ||
    result.outcome === 'already-released' ||
    (!result.record && result.outcome !== 'blocked')
  )
    return `nothing was run (${result.outcome})`;
  if (result.pendingRollback) return 'the post step finishes this run';
  return null;
}

/** The timeout of a service's notify command: NOTIFY_TIMEOUT_MS, or its `timeout` when shorter. */
export function notifyTimeoutMs(service: Pick<ServiceConfig, 'timeoutMs'>): number {
  return Math.min(NOTIFY_TIMEOUT_MS, service.timeoutMs);
}

/** Run the service's notify command once for this ending, if it has one. Never throws: a failure is a
 * warning. */
export async function notifyEnding(
  deps: NotifyDeps,
  result: ReleaseResult,
  summary: string,
  service: ServiceConfig | undefined,
  run: NotifiedRun,
): Promise<void> {
  if (notifySkipped(result, service) !== null) return;
  const { notify } = service!;
  const timeoutMs = notifyTimeoutMs(service!);
  try {
    const vars = notifyVars(result, await deps.writeSummary(summary), run);
    const env = commandEnvironment(deps.env, vars, { passOidc: service!.passOidc, secrets: deps.secrets });
    const ended = await deps.log.group(`Notify (${result.outcome})`, () =>
      deps.runner.run(notify!, { env, timeoutMs, label: 'notify' }),
    );
    if (ended.exitCode !== 0 || ended.timedOut || ended.cancelled)
      deps.log.warning(
        `${result.service}: the notify command ${describeEnding(ended, timeoutMs)} (its limit is ${formatDuration(timeoutMs)}); the outcome stays ${result.outcome}.`,
      );
  } catch (error) {
    deps.log.warning(
      `${result.service}: the notify command could not run (${(error as Error).message}); the outcome stays ${result.outcome}.`,
    );
  }
}

/** Where the run was going, for an ending with no record (`blocked`). */
export interface NotifiedRun {
  environment: string;
  sha: string;
  attempt: number;
}

/** The `RELEASE_*` variables of the ending, from its record when it has one: RELEASE_STAGE is `notify`,
 * RELEASE_PERCENT the traffic of the last stage the record reached (0 when none ran), RELEASE_ID empty
 * without a record. */
function notifyVars(result: ReleaseResult, summaryPath: string, run: NotifiedRun): ReleaseVars {
  const record = result.record;
  const last = record?.stages[record.stages.length - 1];
  return {
    service: result.service,
    version: result.version,
    previousVersion: result.previousVersion,
    stage: 'notify',
    percent: last?.percent ?? 0,
    environment: record?.environment ?? run.environment,
    sha: record?.sha ?? run.sha,
    id: record?.id ?? '',
    attempt: record?.['run-attempt'] ?? run.attempt,
    outcome: result.outcome,
    summary: summaryPath,
  };
}
