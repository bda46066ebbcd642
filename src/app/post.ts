/** The `post:` step. The runner runs it after the main step, whatever its ending (and after a cancel).
 * It settles the record the main step left open, if it still is (see settle.ts); otherwise it does
 * nothing, and running it twice is harmless.
 *
 * It trusts its saved state for one thing only: which record to look at. It re-reads that record and acts
 * only when it matches the state and this step's `service`, belongs to this workflow run or to a dead
 * one, and still owes its rollback. The rollback's target comes from the record and the live pointer,
 * never from the state: a command that forges the state can at most make it finish a rollback that was
 * owed anyway. */
import { settleOpenRecord } from '../core/decide.js';
import { owningRun, recordPath, type AuditRecord } from '../core/record.js';
import type { Config } from '../core/types.js';
import { readJson, readServiceState } from './audit-log.js';
import { unfinishedOwnership } from './claim.js';
import { findService, type ReleaseDeps } from './release-request.js';
import type { PendingRollback } from './release-result.js';
import { settleRecord } from './settle.js';

export type PostResult =
  'nothing' | 'closed' | 'rolled-back' | 'rollback-failed' | 'cancelled' | 'unrecorded';

/** What the post step did; `record`: the record as it left it, when it ended one (the release's ending,
 * which the summary and `notify` tell). */
export interface PostEnding {
  result: PostResult;
  message: string;
  record?: AuditRecord;
}

/** The post step's view of the run: what the runner tells it, never what a command could write. */
export interface PostContext {
  /** The `service` input of this step. */
  service: string;
  runId: string;
  runAttempt: number;
  /** The state saved for the post step, unparsed ('' when none). */
  saved: string;
}

/** The `post:` step: settle the record the main step left open, if it still is; otherwise nothing. */
export async function runPostStep(
  deps: ReleaseDeps,
  config: Config,
  context: PostContext,
): Promise<PostEnding> {
  const nothing = (why: string) => ({
    result: 'nothing' as const,
    message: `Post step: nothing to do (${why}).`,
  });
  if (!context.saved) return nothing('the release ended normally');
  const pending = parsePending(context.saved);
  if (!pending) return nothing('the saved state is not what this action writes; it is ignored');
  if (pending.service !== context.service || !RECORD_PATH.test(pending.recordPath))
    return nothing(
      `the saved state names another service than ${context.service || '(none)'}; it is ignored`,
    );
  const service = findService(config, pending.service);
  const state = await readServiceState(await deps.audit.snapshot(), pending.environment, pending.service);
  const record = await readJson<AuditRecord>(state.tree, pending.recordPath);
  if (!record || !matches(record, pending))
    return nothing(
      `no record ${pending.recordId} of ${pending.service} ${pending.version} matches the saved state`,
    );
  const owner = owningRun(record).runId;
  if (
    owner !== context.runId &&
    (await unfinishedOwnership(deps, record, context, service.timeoutMs)) === 'live'
  )
    return nothing(
      `record ${record.id} belongs to run ${owner}, which may still be running; the next release of ${record.service} settles it`,
    );
  const settlement = settleOpenRecord(record, { by: 'post' });
  if (settlement.action === 'none' || settlement.action === 'resume')
    return nothing(`record ${record.id} is ${record.outcome ?? 'open'} and owes nothing`);
  const settled = await settleRecord(deps, {
    service,
    record,
    path: pending.recordPath,
    live: state.live,
    settlement,
    by: `the post step of run ${context.runId}`,
    attempt: context.runAttempt,
  });
  switch (settled.result) {
    case 'lost-race':
      return nothing(`another run changed record ${record.id} first`);
    case 'closed':
      return {
        result: 'closed',
        message: `${record.service}: record ${record.id} closed as ${settled.record.outcome}.`,
        record: settled.record,
      };
    default:
      return { result: settled.result, message: settled.message, record: settled.record };
  }
}

/** Where records are (record.ts `recordPath`); nothing else of the audit branch is ever read for it. */
const RECORD_PATH = /^records\/[a-z0-9][a-z0-9._-]*\/\d{4}-\d{2}\/[0-9A-Z]+-[A-Za-z0-9-]+\.json$/;

/** The saved state, when it has the shape this action writes. */
function parsePending(saved: string): PendingRollback | null {
  let value: unknown;
  try {
    value = JSON.parse(saved);
  } catch {
    return null;
  }
  const fields = ['service', 'environment', 'recordId', 'recordPath', 'version', 'sha'] as const;
  if (typeof value !== 'object' || value === null) return null;
  const object = value as Record<string, unknown>;
  if (!fields.every((f) => typeof object[f] === 'string' && object[f] !== '')) return null;
  return value as PendingRollback;
}

/** The record is the one the state names, at the path its own fields give. */
function matches(record: AuditRecord, pending: PendingRollback): boolean {
  return (
    record.id === pending.recordId &&
    record.service === pending.service &&
    record.environment === pending.environment &&
    record.version === pending.version &&
    record.sha === pending.sha &&
    recordPath(record) === pending.recordPath
  );
}
