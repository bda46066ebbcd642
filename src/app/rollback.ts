/** The manual `rollback` (from the Actions UI): take a service back to an earlier released version,
 * as its own record, and move the live pointer when it succeeds. */
import { InputError, UserError } from '../core/errors.js';
import { settleOpenRecord } from '../core/decide.js';
import {
  finishRecord,
  leftOpen,
  newPointer,
  newRecord,
  recordId,
  startStage,
  updateStage,
  withRollback,
  type AuditRecord,
  type LivePointer,
} from '../core/record.js';
import { LostRaceError, readJson, readServiceState, RecordWriter, type ServiceState } from './audit-log.js';
import {
  findService,
  openDeployment,
  settleLeftRecord,
  unfinishedOwnership,
  type ReleaseDeps,
  type ReleaseRequest,
  type ReleaseResult,
} from './release.js';
import { performRollback } from './stages.js';
import type { AuditTree } from '../core/ports.js';

export type RollbackRequest = Omit<ReleaseRequest, 'sha'>;

/** The target: the `version` input, else the version live before the current one. It must have been
 * released in this environment (its record gives the commit). */
async function findTarget(
  tree: AuditTree,
  state: ServiceState,
  service: string,
  environment: string,
  version: string,
): Promise<{ version: string; sha: string }> {
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

export async function runManualRollback(deps: ReleaseDeps, request: RollbackRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  for (;;) {
    const tree = await deps.audit.snapshot();
    const state = await readServiceState(tree, request.environment, service.name);
    const target = await findTarget(tree, state, service.name, request.environment, request.version);
    const live = state.live!;
    if (live.version === target.version && live.sha === target.sha) {
      return {
        outcome: 'already-released',
        service: service.name,
        version: target.version,
        previousVersion: live['previous-version'],
        failedStage: '',
        record: null,
        message: `${service.name} ${target.version} is already live in ${request.environment}: nothing to roll back.`,
        start: 'already live',
      };
    }
    const open = state.latest && leftOpen(state.latest) ? state.latest : null;
    if (open && (await unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live') {
      throw new UserError(
        `${service.name}: run ${open['run-id']} is releasing ${open.version} right now`,
        'cancel that run (its post step rolls back) or wait for it, then roll back',
      );
    }
    if (request.dryRun) {
      deps.log.info(
        `Dry run: would roll ${service.name} back from ${live.version} to ${target.version} in ${request.environment}. Nothing is run or written.`,
      );
      return {
        outcome: 'dry-run',
        service: service.name,
        version: target.version,
        previousVersion: live.version,
        failedStage: '',
        record: null,
        message: `Dry run of the rollback of ${service.name} to ${target.version}: nothing was run or written.`,
        start: 'dry run',
      };
    }
    // What a dead run left open is settled first (its rollback finished); then everything is read again.
    const settlement = open ? settleOpenRecord(open, { by: 'rollback' }) : null;
    if (open && settlement && settlement.action !== 'none' && settlement.action !== 'resume') {
      const ended = await settleLeftRecord(deps, request, service, state, {
        action: 'settle',
        record: open,
        settlement,
      });
      if (ended) return ended;
      continue;
    }
    const now = () => deps.clock.now().toISOString();
    let record = newRecord({
      id: recordId(request.run, deps.randomId()),
      kind: 'rollback',
      service: service.name,
      environment: request.environment,
      version: target.version,
      previousVersion: live.version,
      sha: target.sha,
      run: request.run,
      now: now(),
    });
    record = withRollback(record, { 'to-version': target.version, result: null }, now());
    const writer = new RecordWriter(deps.audit, state.latestPath);
    try {
      record = startStage(record, { name: 'rollback', percent: 100 }, now());
      await writer.save(record);
    } catch (error) {
      if (error instanceof LostRaceError) continue;
      throw error;
    }
    deps.log.info(
      `${service.name}: rolling back from ${live.version} to ${target.version} (record ${record.id}).`,
    );
    const deployment = await openDeployment(deps, request, service, writer, record, {
      sha: target.sha,
      version: target.version,
      description: `rollback of ${service.name} to ${target.version}`,
    });
    await deployment.status('in_progress', `rolling back from ${live.version}`);
    const result = await deps.log.group(`Rollback to ${target.version}`, () =>
      performRollback(
        deps,
        service,
        { id: record.id, version: live.version, sha: target.sha, service: service.name },
        target.version,
        request.environment,
        request.run.runAttempt,
      ),
    );
    record = updateStage(
      record,
      {
        result: result.passed ? 'passed' : 'failed',
        'finished-at': now(),
        ...(result.error ? { error: result.error } : {}),
      },
      now(),
    );
    record = withRollback(
      record,
      { ...record.rollback!, result: result.passed ? 'passed' : 'failed' },
      now(),
    );
    record = finishRecord(record, result.passed ? 'rolled-back' : 'rollback-failed', now());
    const pointer: LivePointer | undefined = result.passed ? newPointer(record, live, now()) : undefined;
    await writer.save(record, pointer ? { live: pointer } : {});
    await deployment.status(
      result.passed ? 'success' : 'error',
      result.passed ? `${target.version} live again` : 'the rollback failed: manual action needed',
    );
    return {
      outcome: result.passed ? 'rolled-back' : 'rollback-failed',
      service: service.name,
      version: target.version,
      previousVersion: live.version,
      failedStage: result.passed ? '' : 'rollback',
      record,
      message: result.passed
        ? `${service.name} rolled back from ${live.version} to ${target.version} in ${request.environment}.`
        : `${service.name}: the ROLLBACK to ${target.version} FAILED (${result.error?.message ?? 'unknown'}). Manual action is needed; ${live.version} may still be live.`,
      start: 'manual rollback',
    };
  }
}
