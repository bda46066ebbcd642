/** A record its run left open (see `leftOpen`) is settled before anything else, by whoever finds it: the
 * post step of that run, the next release of the service (a re-run or another version) or a manual
 * rollback. Settling runs the rollback to the known-good version — again, when one was under way: going
 * back to the known-good version twice is harmless, leaving a failed version live is not — and closes the
 * record `rolled-back` or `rollback-failed` (a cancelled one stays `cancelled`, its rollback recorded), or
 * closes a record under which nothing was deployed as `failed`. A rollback, once started, is finished or
 * loudly reported. */
import { rollbackTarget, settleOpenRecord, type Settlement } from '../core/decide.js';
import type { AuditFileChange } from '../core/ports.js';
import {
  closeOpenStages,
  endRollback,
  finishRecord,
  livePointerPath,
  newPointer,
  rollbackRecorded,
  serialize,
  startRollback,
  stoppedStage,
  type AuditRecord,
  type LivePointer,
} from '../core/record.js';
import type { ServiceConfig } from '../core/types.js';
import { LostRaceError, ProgressLog, readJson, recordTime, type ServiceState } from './audit-log.js';
import type { ReleaseDeps, ReleaseRequest } from './release-request.js';
import { pendingFor, resultOf, rollbackMessage, type ReleaseResult } from './release-result.js';
import { performRollback } from './stages.js';

/** A record left open, as read, and what it owes. */
export interface OpenRecord {
  record: AuditRecord;
  /** Where the record is on the audit branch. */
  path: string;
  live: LivePointer | null;
  settlement: Exclude<Settlement, { action: 'none' | 'resume' }>;
}

export interface SettleInput extends OpenRecord {
  service: ServiceConfig;
  /** Who settles it, for the record's note and the log ("run 200", "the post step of run 100"). */
  by: string;
  /** The run attempt the rollback command sees (`RELEASE_ATTEMPT`). */
  attempt: number;
  signal?: AbortSignal;
}

export type Settled =
  /** Closed without running anything. */
  | { result: 'closed'; record: AuditRecord }
  | { result: 'rolled-back' | 'rollback-failed'; record: AuditRecord; message: string }
  /** A cancel stopped the rollback; the state for the post step names the record. */
  | { result: 'cancelled'; record: AuditRecord; message: string }
  /** The rollback ended, and its result could not be written (it is in the log). */
  | { result: 'unrecorded'; record: AuditRecord; passed: boolean; message: string; auditError?: string }
  /** Another run changed the record first. */
  | { result: 'lost-race' };

export async function settleRecord(deps: ReleaseDeps, input: SettleInput): Promise<Settled> {
  const { settlement } = input;
  return settlement.action === 'close'
    ? closeRecord(deps, input, settlement)
    : finishRollback(deps, input, settlement);
}

/** A manual rollback or a drill first settles a record a dead run left open (finishing its rollback, or
 * closing it); a release resumes its own instead, so this is not for releases. Undefined when nothing
 * was left to settle; otherwise as settleLeftRecord (null: read again and decide). */
export async function settleBeforeRollingBack(
  deps: ReleaseDeps,
  request: Pick<ReleaseRequest, 'run' | 'signal'>,
  service: ServiceConfig,
  state: Pick<ServiceState, 'latestPath' | 'live'>,
  open: AuditRecord | null,
): Promise<ReleaseResult | null | undefined> {
  const settlement = open ? settleOpenRecord(open, { by: 'rollback' }) : null;
  if (!open || !settlement || settlement.action === 'none' || settlement.action === 'resume')
    return undefined;
  return settleLeftRecord(deps, request, service, {
    record: open,
    path: state.latestPath!,
    live: state.live,
    settlement,
  });
}

/** A record left open by the run of a release or a manual rollback, settled before this run goes on:
 * null when it is settled and the run may decide again; the result when the run ends here (the rollback
 * failed, was cancelled, or could not be recorded: nothing of this run was deployed). */
export async function settleLeftRecord(
  deps: ReleaseDeps,
  request: Pick<ReleaseRequest, 'run' | 'signal'>,
  service: ServiceConfig,
  open: OpenRecord,
): Promise<ReleaseResult | null> {
  const settled = await settleRecord(deps, {
    ...open,
    service,
    by: `run ${request.run.runId} attempt ${request.run.runAttempt}`,
    attempt: request.run.runAttempt,
    signal: request.signal,
  });
  if (settled.result === 'lost-race' || settled.result === 'closed' || settled.result === 'rolled-back')
    return null;
  const record = settled.record;
  const result = resultOf(record, {
    outcome:
      settled.result === 'unrecorded' ? (settled.passed ? 'rolled-back' : 'rollback-failed') : settled.result,
    failedStage: stoppedStage(record)?.name ?? '',
    message: `${settled.message} Nothing else was deployed.`,
    start: 'settling a record its run left open',
  });
  if (settled.result === 'rollback-failed') return result;
  // Cancelled, or not recorded: the post step finishes it (the state already names the record).
  return {
    ...result,
    pendingRollback: pendingFor(record, 'rollback'),
    ...(settled.result === 'unrecorded' ? { auditError: settled.auditError } : {}),
  };
}

function describe(record: AuditRecord): string {
  return `${record.service} ${record.version} (record ${record.id})`;
}

async function closeRecord(
  deps: ReleaseDeps,
  input: SettleInput,
  settlement: Extract<Settlement, { action: 'close' }>,
): Promise<Settled> {
  const { record } = input;
  const where = describe(record);
  const now = recordTime(deps.clock);
  deps.log.warning(`${where}: ${settlement.why}; closing it as ${settlement.outcome} (${input.by}).`);
  const closed = finishRecord(
    settlement.outcome === 'failed' ? closeOpenStages(record, now) : record,
    settlement.outcome,
    now,
    `${settlement.why}; closed by ${input.by}`,
  );
  const written = await writeUnchanged(deps, input.path, record, closed, `${where}: closed`);
  return written ? { result: 'closed', record: closed } : { result: 'lost-race' };
}

/** Run the record's rollback (again) to its known-good version, and record how it ended. */
async function finishRollback(
  deps: ReleaseDeps,
  input: SettleInput,
  settlement: Extract<Settlement, { action: 'finish-rollback' }>,
): Promise<Settled> {
  const { record } = input;
  const where = describe(record);
  const target = rollbackTarget(record, input.live);
  const to = target ?? '(no known-good version: the failed version at 0 %)';
  deps.log.warning(
    `${where}: ${settlement.why}. Finishing its rollback to ${to} before anything else (${input.by}).`,
  );
  deps.postState?.(pendingFor(record, 'rollback'));
  const started = startRollback(record, target, recordTime(deps.clock));
  if (!(await writeUnchanged(deps, input.path, record, started, `${where}: rollback (${input.by})`)))
    return { result: 'lost-race' };
  const ending = await deps.log.group(`Rollback of ${record.service} ${record.version} to ${to}`, () =>
    performRollback(deps, {
      service: input.service,
      failed: record,
      knownGood: target,
      environment: record.environment,
      attempt: input.attempt,
      signal: input.signal,
    }),
  );
  const message = rollbackMessage(
    {
      subject: where,
      cause: settlement.why,
      from: record.version,
      to: target,
      environment: record.environment,
    },
    ending,
  );
  if (ending.cancelled) return { result: 'cancelled', record: started, message };
  const now = recordTime(deps.clock);
  const ended = endRollback(started, ending, now, `${settlement.why}; rollback finished by ${input.by}`);
  const pointer = record.kind === 'rollback' && ending.passed ? [pointerChange(ended, input.live, now)] : [];
  const progress = new ProgressLog(deps.log, () =>
    deps.audit.write(`${where}: rollback ${ending.passed ? 'passed' : 'failed'}`, async (tree) => {
      const current = await readJson<AuditRecord>(tree, input.path);
      if (!current || rollbackRecorded(current)) return [];
      return [{ path: input.path, content: serialize(ended) }, ...pointer];
    }),
  );
  if (!(await progress.save(ended)))
    return { result: 'unrecorded', record: ended, passed: ending.passed, ...progress.annotate({ message }) };
  return { result: ending.passed ? 'rolled-back' : 'rollback-failed', record: ended, message };
}

function pointerChange(record: AuditRecord, live: LivePointer | null, now: string): AuditFileChange {
  return {
    path: livePointerPath(record.environment, record.service),
    content: serialize(newPointer(record, live, now)),
  };
}

/** Write `next` at `path` only while the record there is still `expected`: two runs that find the same
 * open record never both roll it back. False when another run changed it first. */
export async function writeUnchanged(
  deps: Pick<ReleaseDeps, 'audit'>,
  path: string,
  expected: AuditRecord,
  next: AuditRecord,
  message: string,
): Promise<boolean> {
  try {
    await deps.audit.write(message, async (tree) => {
      const current = await readJson<AuditRecord>(tree, path);
      if (!current || serialize(current) !== serialize(expected)) throw new LostRaceError();
      return [{ path, content: serialize(next) }];
    });
    return true;
  } catch (error) {
    if (error instanceof LostRaceError) return false;
    throw error;
  }
}
