/** The manual `rollback` (from the Actions UI): take a service back to an earlier released version,
 * as its own record, and move the live pointer when it succeeds. */
import { pausedRefusal } from '../core/decide.js';
import { InputError, UserError } from '../core/errors.js';
import type { AuditTree } from '../core/ports.js';
import {
  endManualRollback,
  isPaused,
  leftOpen,
  newPointer,
  newRecord,
  recordId,
  startManualRollback,
  type AuditRecord,
  type LivePointer,
} from '../core/record.js';
import type { ServiceConfig } from '../core/types.js';
import {
  ProgressLog,
  readJson,
  readServiceState,
  recordTime,
  RecordWriter,
  type ServiceState,
} from './audit-log.js';
import { unfinishedOwnership, untilClaimed } from './claim.js';
import { openDeployment } from './deployments.js';
import { findService, type ReleaseDeps, type RollbackRequest } from './release-request.js';
import {
  nothingRunResult,
  pendingFor,
  resultOf,
  rollbackMessage,
  type ReleaseResult,
} from './release-result.js';
import { settleBeforeRollingBack } from './settle.js';
import { performRollback } from './stages.js';

interface Target {
  version: string;
  sha: string;
}

/** The service, claimed for the rollback: its record is written. */
interface RollbackClaim {
  record: AuditRecord;
  writer: RecordWriter;
  live: LivePointer;
  target: Target;
}

export async function runManualRollback(deps: ReleaseDeps, request: RollbackRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  const claim = await claimRollback(deps, request, service);
  if ('result' in claim) return claim.result;
  const { record, writer, live, target } = claim;
  deps.log.info(
    `${service.name}: rolling back from ${live.version} to ${target.version} (record ${record.id}).`,
  );
  const deployment = await openDeployment(deps, request, service, writer, record, {
    sha: target.sha,
    version: target.version,
    description: `rollback of ${service.name} to ${target.version}`,
  });
  await deployment.status('in_progress', `rolling back from ${live.version}`);
  const ending = await deps.log.group(`Rollback to ${target.version}`, () =>
    performRollback(deps, {
      service,
      failed: { id: record.id, version: live.version, sha: target.sha, service: service.name },
      knownGood: target.version,
      environment: request.environment,
      attempt: request.run.runAttempt,
    }),
  );
  const now = recordTime(deps.clock);
  const ended = endManualRollback(record, ending, now);
  const progress = new ProgressLog(deps.log, (r, options) => writer.save(r, options));
  const recorded = await progress.save(ended, ending.passed ? { live: newPointer(ended, live, now) } : {});
  await deployment.status(
    ending.passed ? 'success' : 'error',
    ending.passed ? `${target.version} live again` : 'the rollback failed: manual action needed',
  );
  const story = {
    subject: service.name,
    from: live.version,
    to: target.version,
    environment: request.environment,
  };
  return progress.annotate(
    resultOf(ended, {
      outcome: ending.passed ? 'rolled-back' : 'rollback-failed',
      failedStage: ending.passed ? '' : 'rollback',
      message: rollbackMessage(story, ending),
      start: 'manual rollback',
      // Not recorded: the post step runs the rollback again (to the same version) and records it.
      ...(recorded ? {} : { pendingRollback: pendingFor(ended, 'rollback') }),
    }),
  );
}

/** Find the target, refuse while a live run holds the service, settle what a dead run left open, and
 * write the rollback's record; or the result that ends the run here (already live, a dry run). */
async function claimRollback(
  deps: ReleaseDeps,
  request: RollbackRequest,
  service: ServiceConfig,
): Promise<RollbackClaim | { result: ReleaseResult }> {
  return untilClaimed(service.name, async () => {
    const tree = await deps.audit.snapshot();
    const state = await readServiceState(tree, request.environment, service.name);
    // A paused release holds the service: `abort` is its rollback, recorded in its own record.
    if (state.latest && isPaused(state.latest)) {
      const refusal = pausedRefusal(state.latest);
      throw new UserError(`${service.name}: ${refusal.message}`, refusal.fix);
    }
    const target = await findTarget(tree, state, service.name, request.environment, request.version);
    const live = state.live!;
    if (live.version === target.version && live.sha === target.sha) {
      return {
        result: nothingRunResult({
          outcome: 'already-released',
          service: service.name,
          version: target.version,
          previousVersion: live['previous-version'],
          message: `${service.name} ${target.version} is already live in ${request.environment}: nothing to roll back.`,
          start: 'already live',
        }),
      };
    }
    const open = state.latest && leftOpen(state.latest) ? state.latest : null;
    if (open && (await unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live') {
      throw new UserError(
        `${service.name}: run ${open['run-id']} is releasing ${open.version} right now`,
        'cancel that run (its post step rolls back) or wait for it, then roll back',
      );
    }
    if (request.dryRun) return { result: dryRun(deps, request, service, live, target) };
    // What a dead run left open is settled first (its rollback finished); then everything is read again.
    const settled = await settleBeforeRollingBack(deps, request, service, state, open);
    if (settled !== undefined) return settled ? { result: settled } : null;
    const record = rollbackRecord(deps, request, service, live, target);
    const writer = new RecordWriter(deps.audit, state.latestPath);
    return (await writer.claim(record)) ? { record, writer, live, target } : null;
  });
}

function dryRun(
  deps: ReleaseDeps,
  request: RollbackRequest,
  service: ServiceConfig,
  live: LivePointer,
  target: Target,
): ReleaseResult {
  deps.log.info(
    `Dry run: would roll ${service.name} back from ${live.version} to ${target.version} in ${request.environment}. Nothing is run or written.`,
  );
  return nothingRunResult({
    outcome: 'dry-run',
    service: service.name,
    version: target.version,
    previousVersion: live.version,
    message: `Dry run of the rollback of ${service.name} to ${target.version}: nothing was run or written.`,
    start: 'dry run',
  });
}

/** The record of a manual rollback, as it is claimed: its stage and its rollback under way. */
function rollbackRecord(
  deps: ReleaseDeps,
  request: RollbackRequest,
  service: ServiceConfig,
  live: LivePointer,
  target: Target,
): AuditRecord {
  const now = recordTime(deps.clock);
  const record = newRecord({
    id: recordId(request.run, deps.randomId()),
    kind: 'rollback',
    service: service.name,
    environment: request.environment,
    version: target.version,
    previousVersion: live.version,
    sha: target.sha,
    run: request.run,
    now,
  });
  return startManualRollback(record, now);
}

/** The target: the `version` input, else the version live before the current one. It must have been
 * released in this environment (its record gives the commit). */
export async function findTarget(
  tree: AuditTree,
  state: ServiceState,
  service: string,
  environment: string,
  version: string,
): Promise<Target> {
  const live = state.live;
  if (!live) {
    throw new InputError(
      `${service} has never been released to ${environment}: there is nothing to roll back`,
      'release it first, or check the `service` and `environment` inputs',
    );
  }
  const target = version || live['previous-version'];
  if (!target) {
    throw new InputError(
      `${service}: no version was live before ${live.version}`,
      'give the version to go back to in the `version` input',
    );
  }
  if (target === live['previous-version'] && live['previous-sha'])
    return { version: target, sha: live['previous-sha'] };
  for (const path of (await tree.list(`records/${service}`)).reverse()) {
    const record = await readJson<AuditRecord>(tree, path);
    if (
      record &&
      record.environment === environment &&
      record.version === target &&
      (record.outcome === 'released' || (record.kind === 'rollback' && record.outcome === 'rolled-back'))
    ) {
      return { version: target, sha: record.sha };
    }
  }
  throw new InputError(
    `${service} ${target} was never released to ${environment}`,
    `pick a version from \`monorepo-release history ${service}\`, e.g. ${live['previous-version'] || live.version}`,
  );
}
