/** The decisions of a release that depend only on data: may it run here, where does it start, is an
 * unfinished record still owned by a live run, does a stage pass, how to roll back. */
import { InputError } from './errors.js';
import {
  isPaused,
  leftOpen,
  owningRun,
  pausedSince,
  pausedStage,
  rollbackRecorded,
  rollbackUnderWay,
  stoppedStage,
  type AuditRecord,
  type LivePointer,
} from './record.js';
import type { ServiceConfig } from './types.js';

/** `release` and `rollback` run with write access and secrets: never for code a fork controls. */
export function refuseUnsafeTrigger(eventName: string, payload: unknown): void {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    throw new InputError(
      `release and rollback do not run on ${eventName} events: a pull request's code must not reach production credentials`,
      'run `command: plan` on pull requests (it previews what a merge would release), and release from `push` or `workflow_dispatch`',
    );
  }
  if (eventName === 'workflow_run' && isForkRun(payload)) {
    throw new InputError(
      'release and rollback do not run for a workflow_run triggered from a fork',
      'release from `push` to your default branch or from `workflow_dispatch`',
    );
  }
}

function isForkRun(payload: unknown): boolean {
  const run = (
    payload as {
      workflow_run?: { head_repository?: { full_name?: string }; repository?: { full_name?: string } };
    }
  )?.workflow_run;
  const head = run?.head_repository?.full_name;
  const base = run?.repository?.full_name;
  return head !== undefined && head !== base;
}

/** How long an unfinished record's heartbeat keeps it owned by a live run. */
export function livenessWindowMs(timeoutMs: number): number {
  return Math.max(2 * timeoutMs, 2 * 60_000);
}

export type Ownership = 'live' | 'dead';

/** Whether an unfinished record still belongs to a running job. The run's status from the API, when
 * known, wins over the heartbeat; an earlier attempt of our own run is over by definition. */
export function ownership(
  record: AuditRecord,
  context: { now: Date; timeoutMs: number; runId: string; runAttempt: number; runActive: boolean | null },
): Ownership {
  const owner = owningRun(record);
  if (owner.runId === context.runId && owner.runAttempt < context.runAttempt) return 'dead';
  if (context.runActive === false) return 'dead';
  if (context.runActive === true) return 'live';
  const age = context.now.getTime() - Date.parse(record['heartbeat-at']);
  return age <= livenessWindowMs(context.timeoutMs) ? 'live' : 'dead';
}

export type StartDecision =
  | { action: 'already-released'; record: AuditRecord | null }
  /** This very release (version and commit) is paused: nothing to deploy, it stays paused. */
  | { action: 'already-paused'; record: AuditRecord }
  | { action: 'refuse'; message: string; fix: string }
  | { action: 'wait'; record: AuditRecord }
  | { action: 'resume'; record: AuditRecord }
  /** A dead run left this record open: settle it (finish its rollback, or close it), then decide again. */
  | { action: 'settle'; record: AuditRecord; settlement: Exclude<Settlement, { action: 'none' | 'resume' }> }
  | { action: 'start'; why: string };

/** Where a release of (service, version, sha) starts, from the newest record of the service and what is live.
 * `latestOwnership`: whether a live run holds the newest record, when it is left open (see `leftOpen`).
 * `liveIsNewer`: the live version was released after the requested one (newer version or descendant commit). */
export function decideStart(input: {
  latest: AuditRecord | null;
  latestOwnership: Ownership | null;
  live: LivePointer | null;
  liveIsNewer: boolean;
  version: string;
  sha: string;
}): StartDecision {
  const { latest, live } = input;
  const same = (r: { version: string; sha: string } | null) =>
    r?.version === input.version && r?.sha === input.sha;
  // What a dead run left is settled before anything else, even before "already released": a half-done
  // rollback of a newer attempt may have left the service partly on a version that failed.
  if (latest && leftOpen(latest)) {
    if (input.latestOwnership === 'live') return { action: 'wait', record: latest };
    const settlement = settleOpenRecord(latest, { by: 'release', version: input.version, sha: input.sha });
    if (settlement.action === 'resume')
      return latest.resumes?.length
        ? { action: 'refuse', ...interruptedPromote(latest) }
        : { action: 'resume', record: latest };
    if (settlement.action !== 'none') return { action: 'settle', record: latest, settlement };
  }
  // A paused release keeps the service until a promote or an abort ends it.
  if (latest && isPaused(latest))
    return same(latest)
      ? { action: 'already-paused', record: latest }
      : { action: 'refuse', ...pausedRefusal(latest) };
  // A drill's record names the live version too, but it is not the release that made it live.
  const releasedBy = latest && same(latest) && latest.kind !== 'drill' ? latest : null;
  if (same(live)) return { action: 'already-released', record: releasedBy };
  if (input.liveIsNewer) {
    return {
      action: 'refuse',
      message: `${live!.version} (${live!.sha.slice(0, 12)}) was released after ${input.version}; a re-run never deploys an older version`,
      fix: 'release a newer commit, or use `command: rollback` with `version` to go back on purpose',
    };
  }
  const why =
    latest && same(latest) && (latest.outcome === 'rolled-back' || latest.outcome === 'rollback-failed')
      ? `the previous attempt was ${latest.outcome === 'rolled-back' ? 'rolled back' : 'stopped and its rollback failed'}: starting again from the first stage`
      : 'new release';
  return { action: 'start', why };
}

/** Why nothing else may start while `record` is paused, and the two ways on: promote or abort. */
export function pausedRefusal(record: AuditRecord): { message: string; fix: string } {
  const stage = pausedStage(record);
  const at = stage ? ` after stage ${stage.name} (${stage.percent} %)` : '';
  return {
    message: `${record.version} is paused${at} since ${pausedSince(record)} (record ${record.id}${record['run-url'] ? `, ${record['run-url']}` : ''}); nothing was deployed`,
    fix: `go on with it: \`command: promote\`, \`service: ${record.service}\`, \`version: ${record.version}\` (or approve the waiting promote job; CLI: monorepo-release promote ${record.service}); or take it back: \`command: abort\`, \`service: ${record.service}\` (CLI: monorepo-release abort ${record.service}); then run this again`,
  };
}

/** A promote that took a paused release over was interrupted: only a promote (or an abort) goes on with it. */
function interruptedPromote(record: AuditRecord): { message: string; fix: string } {
  const owner = owningRun(record);
  return {
    message: `the promote of ${record.version} (record ${record.id}, run ${owner.runUrl || owner.runId}) was interrupted; nothing was deployed`,
    fix: `re-run the promote job (or \`command: promote\`, \`service: ${record.service}\`) to resume it, or \`command: abort\` to roll it back`,
  };
}

/** Who settles a record that a run left open: the next release of the service (of `version` at `sha`),
 * a manual rollback of it, or the post step of the run that left it (its main step is over). */
export type Settler =
  | { by: 'release'; version: string; sha: string }
  | { by: 'rollback' }
  | { by: 'post' }
  /** A promote or abort: a record a promote took over (see `resumes`) is resumed by the next promote. */
  | { by: 'promote' };

export type Settlement =
  /** Nothing is owed. */
  | { action: 'none' }
  /** The same release, interrupted mid-stage with nothing failed: go on at the interrupted stage. */
  | { action: 'resume' }
  /** Close it without running anything: nothing was deployed (`failed`), or its rollback is recorded and
   * only the outcome is missing. */
  | { action: 'close'; outcome: 'failed' | 'rolled-back' | 'rollback-failed'; why: string }
  /** Run (again) its rollback to the known-good version, record the result, close it. */
  | { action: 'finish-rollback'; why: string };

/** What a record left open by its run (see `leftOpen`) still needs, before anything else is deployed. A
 * record with a stopped stage or a rollback under way is never resumed forward; `failed` is kept for a
 * record under which nothing was deployed. A dead record of another release that deployed stages is rolled
 * back (not just closed): the version it left partly live never passed its gates, and the next release's
 * canary must run beside the known-good version, not beside it. */
export function settleOpenRecord(record: AuditRecord, settler: Settler): Settlement {
  if (!leftOpen(record)) return { action: 'none' };
  if (rollbackRecorded(record)) {
    const outcome = record.rollback!.result === 'passed' ? 'rolled-back' : 'rollback-failed';
    return { action: 'close', outcome, why: 'its rollback was recorded, its outcome was not' };
  }
  if (record.outcome === 'cancelled')
    return { action: 'finish-rollback', why: 'it was cancelled and its rollback never finished' };
  if (rollbackUnderWay(record))
    return { action: 'finish-rollback', why: 'its rollback was under way when its run ended' };
  const stopped = stoppedStage(record);
  if (stopped)
    return {
      action: 'finish-rollback',
      why: `stage ${stopped.name} (${stopped.percent} %) ${stopped.result === 'failed' ? 'failed' : 'was cancelled'} and no rollback was recorded`,
    };
  if (record.resumes?.at(-1)?.command === 'abort')
    return { action: 'finish-rollback', why: 'it was being aborted when its run ended' };
  const sameRelease =
    settler.by === 'release' &&
    record.kind === 'release' &&
    record.version === settler.version &&
    record.sha === settler.sha;
  const taken = record.resumes?.at(-1);
  const promoted = settler.by === 'promote' && taken !== undefined && taken.command !== 'abort';
  if (sameRelease || promoted) return { action: 'resume' };
  const stage = record.stages[record.stages.length - 1];
  if (!stage) return { action: 'close', outcome: 'failed', why: 'its run ended before its first stage' };
  return {
    action: 'finish-rollback',
    why: `its run ended during stage ${stage.name} (${stage.percent} %)`,
  };
}

/** The version a record's rollback goes back to: the target it started with, else what is live (the last
 * known-good version), else the version live when the release started; null when there is none. */
export function rollbackTarget(record: AuditRecord, live: LivePointer | null): string | null {
  if (record.rollback) return record.rollback['to-version'] || null;
  // A drill left open goes back to the version it drills, the one the live pointer still names.
  if (record.kind === 'drill') return record.version;
  if (live && !(live.version === record.version && live.sha === record.sha)) return live.version;
  return record['previous-version'] || null;
}

/** A stage's gate: it fails once more checks failed than tolerated. */
export function gateFailed(checks: { failed: number }, maxFailures: number): boolean {
  return checks.failed > maxFailures;
}

/** What an automatic rollback runs: the rollback command towards the known-good version, else `deploy`
 * at 100 % with the known-good version, else (no known-good one) `deploy` at 0 % with the failed version. */
export function rollbackAction(
  service: Pick<ServiceConfig, 'deploy' | 'rollback'>,
  knownGood: string | null,
  failedVersion: string,
): { command: string; version: string; percent: number; via: 'rollback' | 'deploy' } {
  if (service.rollback)
    return {
      command: service.rollback,
      version: knownGood ?? '',
      percent: knownGood ? 100 : 0,
      via: 'rollback',
    };
  const deploy = service.deploy === false ? '' : service.deploy;
  if (knownGood) return { command: deploy, version: knownGood, percent: 100, via: 'deploy' };
  return { command: deploy, version: failedVersion, percent: 0, via: 'deploy' };
}
