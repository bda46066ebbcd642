/** The decisions of a release that depend only on data: may it run here, where does it start, is an
 * unfinished record still owned by a live run, does a stage pass, how to roll back. */
import { InputError } from './errors.js';
import type { AuditRecord, LivePointer } from './record.js';
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
  if (record['run-id'] === context.runId && record['run-attempt'] < context.runAttempt) return 'dead';
  if (context.runActive === false) return 'dead';
  if (context.runActive === true) return 'live';
  const age = context.now.getTime() - Date.parse(record['heartbeat-at']);
  return age <= livenessWindowMs(context.timeoutMs) ? 'live' : 'dead';
}

export type StartDecision =
  | { action: 'already-released'; record: AuditRecord | null }
  | { action: 'refuse'; message: string; fix: string }
  | { action: 'wait'; record: AuditRecord }
  | { action: 'resume'; record: AuditRecord }
  | { action: 'start'; reconcile: AuditRecord | null; why: string };

/** Where a release of (service, version, sha) starts, from the newest record of the service and what is live.
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
  if (latest && latest.outcome === null) {
    if (input.latestOwnership === 'live') return { action: 'wait', record: latest };
    if (same(latest) && latest.kind === 'release') return { action: 'resume', record: latest };
  }
  if (same(live)) return { action: 'already-released', record: latest && same(latest) ? latest : null };
  if (input.liveIsNewer) {
    return {
      action: 'refuse',
      message: `${live!.version} (${live!.sha.slice(0, 12)}) was released after ${input.version}; a re-run never deploys an older version`,
      fix: 'release a newer commit, or use `command: rollback` with `version` to go back on purpose',
    };
  }
  const reconcile = latest && latest.outcome === null ? latest : null;
  const why =
    latest && same(latest) && latest.outcome === 'rolled-back'
      ? 'the previous attempt was rolled back: starting again from the first stage'
      : 'new release';
  return { action: 'start', reconcile, why };
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
