/** A record its run left open (see `leftOpen`) is settled before anything else, by whoever finds it: the
 * post step of that run, the next release of the service (a re-run or another version) or a manual
 * rollback. Settling runs the rollback to the known-good version — again, when one was under way: going
 * back to the known-good version twice is harmless, leaving a failed version live is not — and closes the
 * record `rolled-back` or `rollback-failed` (a cancelled one stays `cancelled`, its rollback recorded), or
 * closes a record under which nothing was deployed as `failed`. A rollback, once started, is finished or
 * loudly reported. */
import type { Settlement } from '../core/decide.js';
import { rollbackTarget } from '../core/decide.js';
import type { AuditFileChange } from '../core/ports.js';
import {
  closeOpenStages,
  endRollback,
  finishRecord,
  livePointerPath,
  newPointer,
  recordPath,
  rollbackRecorded,
  serialize,
  startRollback,
  type AuditRecord,
  type LivePointer,
} from '../core/record.js';
import type { ServiceConfig } from '../core/types.js';
import { LostRaceError, readJson } from './audit-log.js';
import type { PendingRollback, ReleaseDeps } from './release.js';
import { performRollback } from './stages.js';

export interface SettleInput {
  service: ServiceConfig;
  /** The record as read, and where it is. */
  record: AuditRecord;
  path: string;
  live: LivePointer | null;
  settlement: Exclude<Settlement, { action: 'none' | 'resume' }>;
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
  | { result: 'unrecorded'; record: AuditRecord; passed: boolean; message: string }
  /** Another run changed the record first. */
  | { result: 'lost-race' };

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

export async function settleRecord(deps: ReleaseDeps, input: SettleInput): Promise<Settled> {
  const { record, settlement } = input;
  const now = () => deps.clock.now().toISOString();
  const where = `${record.service} ${record.version} (record ${record.id})`;
  if (settlement.action === 'close') {
    deps.log.warning(`${where}: ${settlement.why}; closing it as ${settlement.outcome} (${input.by}).`);
    const closed = finishRecord(
      settlement.outcome === 'failed' ? closeOpenStages(record, now()) : record,
      settlement.outcome,
      now(),
      `${settlement.why}; closed by ${input.by}`,
    );
    const written = await writeUnchanged(deps, input.path, record, closed, [], `${where}: closed`);
    return written ? { result: 'closed', record: closed } : { result: 'lost-race' };
  }

  const target = rollbackTarget(record, input.live);
  const to = target ?? '(no known-good version: the failed version at 0 %)';
  deps.log.warning(
    `${where}: ${settlement.why}. Finishing its rollback to ${to} before anything else (${input.by}).`,
  );
  deps.postState?.(pendingFor(record, 'rollback'));
  const started = startRollback(record, target, now());
  if (!(await writeUnchanged(deps, input.path, record, started, [], `${where}: rollback (${input.by})`)))
    return { result: 'lost-race' };
  const outcome = await deps.log.group(`Rollback of ${record.service} ${record.version} to ${to}`, () =>
    performRollback(deps, input.service, record, target, record.environment, input.attempt, input.signal),
  );
  if (outcome.cancelled) {
    return {
      result: 'cancelled',
      record: started,
      message: `${where}: cancelled while rolling back to ${to}; the post step finishes the rollback.`,
    };
  }
  const ended = endRollback(started, outcome, now(), `${settlement.why}; rollback finished by ${input.by}`);
  const pointer =
    record.kind === 'rollback' && outcome.passed ? [pointerChange(ended, input.live, now())] : [];
  const live = target ? `${target} is live` : 'no earlier version is known; the service was taken to 0 %';
  const message = outcome.passed
    ? `${where} was rolled back: ${live}.`
    : `${where}: the ROLLBACK to ${to} FAILED (${outcome.error?.message ?? 'unknown'}). Manual action is needed: the service may be partly on ${record.version}; the last known-good version is ${target ?? 'none'}.`;
  try {
    await deps.audit.write(`${where}: rollback ${outcome.passed ? 'passed' : 'failed'}`, async (tree) => {
      const current = await readJson<AuditRecord>(tree, input.path);
      if (!current || rollbackRecorded(current)) return [];
      return [{ path: input.path, content: serialize(ended) }, ...pointer];
    });
  } catch (error) {
    deps.log.error(
      `could not record the rollback in ${input.path} (${(error as Error).message}); the record should read: ${JSON.stringify(ended)}`,
    );
    return { result: 'unrecorded', record: ended, passed: outcome.passed, message };
  }
  return { result: outcome.passed ? 'rolled-back' : 'rollback-failed', record: ended, message };
}

function pointerChange(record: AuditRecord, live: LivePointer | null, now: string): AuditFileChange {
  return {
    path: livePointerPath(record.environment, record.service),
    content: serialize(newPointer(record, live, now)),
  };
}

/** Write `next` at `path` only while the record there is still `expected`: two runs that find the same
 * open record never both roll it back. False when another run changed it first. */
async function writeUnchanged(
  deps: Pick<ReleaseDeps, 'audit'>,
  path: string,
  expected: AuditRecord,
  next: AuditRecord,
  extra: AuditFileChange[],
  message: string,
): Promise<boolean> {
  try {
    await deps.audit.write(message, async (tree) => {
      const current = await readJson<AuditRecord>(tree, path);
      if (!current || serialize(current) !== serialize(expected)) throw new LostRaceError();
      return [{ path, content: serialize(next) }, ...extra];
    });
    return true;
  } catch (error) {
    if (error instanceof LostRaceError) return false;
    throw error;
  }
}
