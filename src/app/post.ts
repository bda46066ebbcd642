/** The `post:` step. The runner runs it after a cancel; a cancelled release saved what it owes, and this
 * rolls back and records the result. After any other ending there is nothing saved and nothing to do;
 * running it twice finds the rollback recorded and does nothing. */
import { serialize, withRollback, type AuditRecord } from '../core/record.js';
import { readJson } from './audit-log.js';
import { findService, performRollback, type PendingRollback, type ReleaseDeps } from './release.js';
import type { Config } from '../core/types.js';

export type PostResult = 'nothing-to-do' | 'already-rolled-back' | 'rolled-back' | 'rollback-failed';

export async function runPostRollback(
  deps: ReleaseDeps,
  config: Config,
  pending: PendingRollback,
): Promise<{ result: PostResult; message: string }> {
  const record = await readJson<AuditRecord>(await deps.audit.snapshot(), pending.recordPath);
  if (!record)
    return { result: 'nothing-to-do', message: `no record at ${pending.recordPath}: nothing to roll back` };
  if (record.rollback?.result)
    return {
      result: 'already-rolled-back',
      message: `${record.service}: the rollback was already recorded (${record.rollback.result})`,
    };
  const service = findService(config, pending.service);
  const started = deps.clock.now().toISOString();
  const rollback = await deps.log.group(
    `Rollback of ${record.service} ${record.version} after the cancel`,
    () =>
      performRollback(deps, service, record, pending.knownGood, pending.environment, record['run-attempt']),
  );
  let written = false;
  await deps.audit.write(
    `${record.service} ${record.version}: rollback after cancel ${rollback.passed ? 'passed' : 'failed'}`,
    async (tree) => {
      const current = await readJson<AuditRecord>(tree, pending.recordPath);
      if (!current || current.rollback?.result) return [];
      written = true;
      const updated = withRollback(
        current,
        {
          'to-version': pending.knownGood ?? '',
          result: rollback.passed ? 'passed' : 'failed',
          'started-at': started,
          'finished-at': deps.clock.now().toISOString(),
          ...(rollback.error ? { error: rollback.error } : {}),
        },
        deps.clock.now().toISOString(),
      );
      return [{ path: pending.recordPath, content: serialize(updated) }];
    },
  );
  const live = pending.knownGood
    ? `${pending.knownGood} is live`
    : 'no earlier version is known; the service was taken to 0 %';
  if (!written)
    return {
      result: 'already-rolled-back',
      message: `${record.service}: another post step recorded the rollback first`,
    };
  return rollback.passed
    ? {
        result: 'rolled-back',
        message: `${record.service} ${record.version} was cancelled and rolled back: ${live}.`,
      }
    : {
        result: 'rollback-failed',
        message: `${record.service} ${record.version} was cancelled and the ROLLBACK FAILED (${rollback.error?.message ?? 'unknown'}): manual action is needed; the last known-good version is ${pending.knownGood ?? 'none'}.`,
      };
}
