/** How a release, a rollback or a settled record ends, as the action reports it: the result and its
 * builders, what the post step is told, and the one wording of a rollback's ending. */
import { pausedSince, pausedStage, recordPath, type AuditRecord, type Outcome } from '../core/record.js';
import type { CommitInfo, ServiceConfig } from '../core/types.js';
import type { RollbackOutcome } from './stages.js';

/** `blocked`: a provider (`after`) failed or was not live in time; nothing ran and nothing was recorded. */
export type ReleaseOutcome = Outcome | 'already-released' | 'dry-run' | 'blocked';

export interface ReleaseResult {
  outcome: ReleaseOutcome;
  service: string;
  version: string;
  previousVersion: string;
  failedStage: string;
  record: AuditRecord | null;
  /** What happened, in one paragraph, for the log and the step's failure message. */
  message: string;
  /** How the release started (new, resumed, re-run after a rollback…). */
  start: string;
  /** Set when a cancelled release still owes its rollback (the post step runs it). */
  pendingRollback?: PendingRollback;
  /** Commits of this service between what was live and this release that were never deployed on their
   * own (their release failed or was superseded): this release ships them. */
  undeployed?: CommitInfo[];
  /** The audit record could not be written at some point: the step fails whatever the outcome. */
  auditError?: string;
  /** `paused`: the stage it stopped after, and the one a promote goes on with. */
  pausedStage?: string;
  nextStage?: string;
  /** A promote or abort that found nothing to do (the release was live, rolled back or aborted already):
   * it reports that record's outcome and succeeds, nothing run. */
  noOp?: boolean;
}

/** What the post step is told: which record to look at (it trusts the record, not this). */
export interface PendingRollback {
  service: string;
  environment: string;
  recordId: string;
  recordPath: string;
  version: string;
  sha: string;
  /** What the main step was doing: a stage, or the rollback (for the log only). */
  phase: 'stage' | 'rollback';
}

/** The state the post step needs to find a release's record (nothing else: it trusts the record). */
export function pendingFor(record: AuditRecord, phase: PendingRollback['phase']): PendingRollback {
  return {
    service: record.service,
    environment: record.environment,
    recordId: record.id,
    recordPath: recordPath(record),
    version: record.version,
    sha: record.sha,
    phase,
  };
}

type Ending = Pick<ReleaseResult, 'outcome' | 'message' | 'start'> &
  Partial<
    Pick<
      ReleaseResult,
      'failedStage' | 'pendingRollback' | 'undeployed' | 'auditError' | 'pausedStage' | 'nextStage' | 'noOp'
    >
  >;

/** The result of a run that wrote `record`: the service, version and previous version are the record's. */
export function resultOf(record: AuditRecord, ending: Ending): ReleaseResult {
  return {
    service: record.service,
    version: record.version,
    previousVersion: record['previous-version'],
    failedStage: '',
    record,
    ...ending,
  };
}

/** The result of a run that ran and wrote nothing (a dry run, a version already live). */
export function nothingRunResult(
  fields: Pick<ReleaseResult, 'outcome' | 'service' | 'version' | 'previousVersion' | 'message' | 'start'> &
    Partial<Pick<ReleaseResult, 'record'>>,
): ReleaseResult {
  return { failedStage: '', record: null, ...fields };
}

/** Where a rollback goes when no version was live before the one it leaves. */
export const NO_KNOWN_GOOD = '(no known-good version)';

export interface RollbackStory {
  /** Whose rollback: "api 1.1.0", "api 1.1.0 (record …)", or "api" for a rollback asked for by hand. */
  subject: string;
  /** The version it leaves (after a failure: the one that may be partly live). */
  from: string;
  /** The version it goes back to; null when none is known (the failed version is taken to 0 %). */
  to: string | null;
  /** What failed and started it ("stage ramp failed (…)"); absent for a rollback asked for by hand. */
  cause?: string;
  environment: string;
}

/** How a rollback ended, in one paragraph: the automatic one of a release, the one a settled record
 * owed, and the manual one. A failed rollback says ROLLBACK FAILED, that manual action is needed, and
 * which versions the service may be on. */
export function rollbackMessage(story: RollbackStory, ending: RollbackOutcome): string {
  const to = story.to ?? NO_KNOWN_GOOD;
  const head = story.cause
    ? `${story.subject}: ${story.cause}`
    : `${story.subject}: rolling back from ${story.from} to ${to} in ${story.environment}`;
  if (ending.cancelled)
    return `${head}; the rollback to ${to} was cancelled while it ran; the post step finishes it.`;
  if (ending.passed && !story.cause)
    return `${story.subject} rolled back from ${story.from} to ${to} in ${story.environment}.`;
  if (ending.passed) {
    const live = story.to
      ? `${story.to} is live`
      : 'no earlier version is known, so the service was taken to 0 %';
    return `${head}; rolled back: ${live}.`;
  }
  const error = ending.error?.message ?? 'unknown';
  return story.cause
    ? `${head}; the ROLLBACK FAILED too (${error}). Manual action is needed: the service may be partly on ${story.from}; the last known-good version is ${story.to ?? 'none'}.`
    : `${head}; the ROLLBACK FAILED (${error}). Manual action is needed: the service may be partly on ${to}; ${story.from} may still be live.`;
}

/** A release paused after its stage: what is live at what share, since when, and the two ways on. */
export function pausedResult(record: AuditRecord, service: ServiceConfig, start: string): ReleaseResult {
  const stage = pausedStage(record);
  const names = service.stages.map((s) => s.name);
  const next = service.stages[names.indexOf(stage?.name ?? '') + 1];
  const share = stage ? `${stage.percent} %` : 'part';
  return resultOf(record, {
    outcome: 'paused',
    pausedStage: stage?.name ?? '',
    nextStage: next?.name ?? '',
    message:
      `${record.service} ${record.version} is paused after stage ${stage?.name ?? '?'}: it serves ${share} of ${record.environment} ` +
      `beside ${record['previous-version'] || 'nothing else'} since ${pausedSince(record)}, and keeps the service until a promote or an abort. ` +
      `Nobody checks it while it is paused; a promote checks its gate again first. ` +
      `Go on to ${next ? `${next.name} (${next.percent} %)` : 'the next stage'}: command: promote, service: ${record.service}, version: ${record.version}; ` +
      `or take it back to ${record['previous-version'] || 'nothing'}: command: abort, service: ${record.service}.`,
    start,
  });
}
