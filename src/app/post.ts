/** The `post:` step. The runner runs it after a cancel; a cancelled release saved what it owes, and this
 * rolls back and records the result. After any other ending there is nothing saved and nothing to do;
 * running it twice finds the rollback recorded and does nothing. */
import { serialize, withRollback, type AuditRecord, type RollbackRecord } from '../core/record.js';
import type { Config } from '../core/types.js';
import { readJson } from './audit-log.js';
import { findService, type PendingRollback, type ReleaseDeps } from './release.js';
import { performRollback } from './stages.js';

export type PostResult = 'already-rolled-back' | 'rolled-back' | 'rollback-failed';

export async function runPostRollback(
  deps: ReleaseDeps,
  config: Config,
  pending: PendingRollback,
): Promise<{ result: PostResult; message: string }> {
  const record = await readRecord(deps, pending);
  if (record?.rollback?.result) {
    return {
      result: 'already-rolled-back',
      message: `${record.service}: the rollback was already recorded (${record.rollback.result})`,
    };
  }
  const service = findService(config, pending.service);
  const started = deps.clock.now().toISOString();
  const failed = {
    id: pending.recordId,
    version: pending.failedVersion,
    sha: pending.sha,
    service: pending.service,
  };
  const rollback = await deps.log.group(
    `Rollback of ${pending.service} ${pending.failedVersion} after the cancel`,
    () =>
      performRollback(
        deps,
        service,
        failed,
        pending.knownGood,
        pending.environment,
        record?.['run-attempt'] ?? 1,
      ),
  );
  const result: RollbackRecord = {
    'to-version': pending.knownGood ?? '',
    result: rollback.passed ? 'passed' : 'failed',
    'started-at': started,
    'finished-at': deps.clock.now().toISOString(),
    ...(rollback.error ? { error: rollback.error } : {}),
  };
  await recordRollback(deps, pending, result);
  const live = pending.knownGood
    ? `${pending.knownGood} is live`
    : 'no earlier version is known; the service was taken to 0 %';
  return rollback.passed
    ? {
        result: 'rolled-back',
        message: `${pending.service} ${pending.failedVersion} was cancelled and rolled back: ${live}.`,
      }
    : {
        result: 'rollback-failed',
        message: `${pending.service} ${pending.failedVersion} was cancelled and the ROLLBACK FAILED (${rollback.error?.message ?? 'unknown'}): manual action is needed; the last known-good version is ${pending.knownGood ?? 'none'}.`,
      };
}

/** The cancelled record; null when the audit log cannot be read (the rollback runs all the same). */
async function readRecord(deps: ReleaseDeps, pending: PendingRollback): Promise<AuditRecord | null> {
  try {
    return await readJson<AuditRecord>(await deps.audit.snapshot(), pending.recordPath);
  } catch (error) {
    deps.log.error(
      `could not read the audit record ${pending.recordId} (${(error as Error).message}); rolling back all the same`,
    );
    return null;
  }
}

async function recordRollback(
  deps: ReleaseDeps,
  pending: PendingRollback,
  rollback: RollbackRecord,
): Promise<void> {
  try {
    await deps.audit.write(
      `${pending.service} ${pending.failedVersion}: rollback after cancel ${rollback.result}`,
      async (tree) => {
        const current = await readJson<AuditRecord>(tree, pending.recordPath);
        if (!current || current.rollback?.result) return [];
        const updated = withRollback(current, rollback, deps.clock.now().toISOString());
        return [{ path: pending.recordPath, content: serialize(updated) }];
      },
    );
  } catch (error) {
    deps.log.error(
      `could not record the rollback in ${pending.recordPath} (${(error as Error).message}); it reads: ${JSON.stringify(rollback)}`,
    );
  }
}
