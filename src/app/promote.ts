/** `promote` and `abort`: go on with a paused release, or take it back. A paused record keeps the service
 * with no run alive (record.ts `isPaused`); these are the two ways it ends.
 *
 * `promote` first checks the paused stage's gate once more (nobody watched it while it was paused): a
 * failing check rolls back exactly like a failed stage. Then it takes the record over (one compare-and-swap:
 * two promotes never both go on) and rolls out the next stages with the release's own Rollout, up to the
 * next pause or 100 %, then tags the commit and moves the live pointer as a release does.
 * `abort` takes the record over and runs its rollback to the known-good version, recorded in that record.
 * Either one, finding nothing paused, says what it found and succeeds without running anything. */
import { rollbackTarget, settleOpenRecord } from '../core/decide.js';
import { InputError, UserError } from '../core/errors.js';
import {
  isPaused,
  leftOpen,
  owningRun,
  pausedSince,
  pausedStage,
  resumeIndex,
  resumeRecord,
  startRollback,
  stoppedStage,
  type AuditRecord,
  type ResumeRecord,
} from '../core/record.js';
import type { ServiceConfig, StageConfig } from '../core/types.js';
import { readServiceState, recordTime, RecordWriter, type ServiceState } from './audit-log.js';
import { unfinishedOwnership, untilClaimed } from './claim.js';
import { DeploymentTracker } from './deployments.js';
import { pushReleaseTag } from './release.js';
import { findService, type ReleaseDeps, type RollbackRequest } from './release-request.js';
import {
  nothingRunResult,
  pendingFor,
  resultOf,
  type ReleaseOutcome,
  type ReleaseResult,
} from './release-result.js';
import { Rollout } from './rollout.js';
import { settleLeftRecord, settleRecord, writeUnchanged } from './settle.js';
import { recheckGate, type StageOutcome } from './stages.js';

/** What promote and abort are given: a service, and optionally the version that must be the paused one. */
export type PromoteRequest = RollbackRequest;

type Command = 'promote' | 'abort';

/** The paused (or interrupted) record found, or the result that ends the run here; null: read again. */
type Found =
  | { paused: AuditRecord; state: ServiceState }
  /** A promote that took the record over was interrupted (its run is gone): go on where it stopped. */
  | { interrupted: AuditRecord; state: ServiceState }
  | { result: ReleaseResult }
  | null;

export async function runPromote(deps: ReleaseDeps, request: PromoteRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  const claimed = await untilClaimed(service.name, async () => {
    const found = await findPaused(deps, request, service, 'promote');
    if (!found || 'result' in found) return found;
    if ('interrupted' in found) return resumeInterrupted(deps, request, service, found);
    const stage = configuredStage(service, found.paused);
    if (request.dryRun) return { result: dryRunPromote(deps, request, service, found.paused, stage) };
    return recheckAndClaim(deps, request, service, found, stage);
  });
  if ('result' in claimed) return claimed.result;
  return goOn(deps, request, service, claimed);
}

export async function runAbort(deps: ReleaseDeps, request: PromoteRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  return untilClaimed(service.name, async () => {
    const found = await findPaused(deps, request, service, 'abort');
    if (!found) return null;
    if ('result' in found) return found.result;
    const record = 'paused' in found ? found.paused : found.interrupted;
    const to = rollbackTarget(record, found.state.live);
    if (request.dryRun) {
      deps.log.info(
        `Dry run: would abort ${service.name} ${record.version} (record ${record.id}) and roll it back to ${to ?? '(no known-good version: 0 %)'}. Nothing is run or written.`,
      );
      return dryRunResult(
        record,
        `Dry run of the abort of ${service.name} ${record.version}: nothing was run or written.`,
      );
    }
    return abort(deps, request, service, record, found.state);
  });
}

/** The newest record of the service, when it is paused (or a promote of it was interrupted), else what
 * ends the run: a refusal (another version asked for, a run holds it) or a no-op saying what was found. */
async function findPaused(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  command: Command,
): Promise<Found> {
  const state = await readServiceState(await deps.audit.snapshot(), request.environment, service.name);
  const latest = state.latest;
  if (!latest)
    throw new InputError(
      `${service.name} has no release in ${request.environment} to ${command}`,
      'check the `service` and `environment` inputs; a release pauses only at a stage that says `pause: true`',
    );
  const pending = isPaused(latest) || leftOpen(latest);
  // Only what is paused (or under way) must be the version asked for; anything else is a no-op that says
  // what it found, so a promote job over a whole matrix never fails a second time for a service.
  if (pending && request.version && request.version !== latest.version)
    throw new InputError(
      `${service.name}: version ${request.version} is not the release to ${command}: the newest release is ${latest.version} (${isPaused(latest) ? `paused since ${pausedSince(latest)}` : 'in progress'}, record ${latest.id})`,
      `give \`version: ${latest.version}\`, or leave \`version\` empty`,
    );
  if (isPaused(latest)) return { paused: latest, state };
  if (leftOpen(latest)) return openRecord(deps, request, service, command, state, latest);
  return { result: nothingPaused(service, state, latest, command, request.version) };
}

/** The newest record is open: a run holds it (refused), or its run is gone and it is settled (its
 * rollback finished) or, for a promote that was interrupted, gone on with. */
async function openRecord(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  command: Command,
  state: ServiceState,
  open: AuditRecord,
): Promise<Found> {
  const owner = owningRun(open);
  if ((await unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live')
    throw new UserError(
      `${service.name}: run ${owner.runUrl || owner.runId} is releasing ${open.version} right now (record ${open.id}); nothing was run`,
      `wait for it to pause or end, then ${command} again; give the promote job \`concurrency: { group: release-<service>, cancel-in-progress: false }\` so runs of a service queue`,
    );
  const settlement = settleOpenRecord(open, { by: command === 'promote' ? 'promote' : 'rollback' });
  if (settlement.action === 'resume') return { interrupted: open, state };
  if (settlement.action === 'none')
    return { result: nothingPaused(service, state, open, command, request.version) };
  if (command === 'promote' && !open.resumes?.length && !stoppedStage(open) && !open.rollback)
    throw new UserError(
      `${service.name} ${open.version}: its release (record ${open.id}) was interrupted before it paused; nothing was run`,
      're-run its release job: it resumes at the interrupted stage, then pauses',
    );
  if (request.dryRun) {
    const would = settlement.action === 'close' ? 'close it' : 'finish its rollback first';
    deps.log.info(
      `Dry run: ${service.name} ${open.version} (record ${open.id}) was left open by its run (${settlement.why}); a ${command} would ${would}. Nothing is run or written.`,
    );
    return {
      result: dryRunResult(open, `Dry run of the ${command} of ${service.name}: nothing was run or written.`),
    };
  }
  const ended = await settleLeftRecord(deps, request, service, {
    record: open,
    path: state.latestPath!,
    live: state.live,
    settlement,
  });
  // Settled: read again (the no-op then says it was rolled back).
  return ended ? { result: ended } : null;
}

/** Nothing is paused: say what the newest record is, run nothing, succeed. */
function nothingPaused(
  service: ServiceConfig,
  state: ServiceState,
  latest: AuditRecord,
  command: Command,
  asked: string,
): ReleaseResult {
  const live = state.live;
  const other = asked && asked !== latest.version ? ` (no release of ${asked} is paused either)` : '';
  const isLive = live?.record === latest.id && live.version === latest.version;
  const outcome: ReleaseOutcome = isLive ? 'already-released' : (latest.outcome ?? 'failed');
  const message = isLive
    ? `${service.name} ${latest.version} is live at 100 % since ${live['updated-at']} (record ${latest.id}): nothing to ${command}${other}${command === 'abort' ? '; to go back to an earlier version use `command: rollback`' : ''}.`
    : `${service.name}: nothing is paused${other}. Its newest ${latest.kind === 'release' ? 'release' : `record, a ${latest.kind},`} ${latest.version} (record ${latest.id}), ended ${latest.outcome}${latest.rollback?.['to-version'] ? `; ${latest.rollback['to-version']} is live` : ''}: nothing to ${command}, nothing was run.`;
  return {
    ...nothingRunResult({
      outcome,
      service: service.name,
      version: latest.version,
      previousVersion: latest['previous-version'],
      message,
      start: `${command}: nothing paused`,
    }),
    record: latest,
    noOp: true,
  };
}

/** The paused stage as the config has it now (its gate is checked again at its percent). */
function configuredStage(service: ServiceConfig, record: AuditRecord): StageConfig {
  const passed = pausedStage(record);
  const stage = service.stages.find((s) => s.name === passed?.name);
  if (!stage)
    throw new InputError(
      `${service.name} ${record.version} is paused after stage ${passed?.name ?? '(none)'}, which the config no longer has`,
      `abort it (\`command: abort\`), or put the stage back in the config`,
    );
  return stage;
}

function dryRunPromote(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  record: AuditRecord,
  stage: StageConfig,
): ReleaseResult {
  const next = service.stages.slice(
    resumeIndex(
      record,
      service.stages.map((s) => s.name),
    ),
  );
  const until = next.findIndex((s) => s.pause);
  const run = until === -1 || until === next.length - 1 ? next : next.slice(0, until + 1);
  const end =
    run.at(-1)?.pause && run.at(-1) !== service.stages.at(-1)
      ? `pause after ${run.at(-1)!.name}`
      : 'reach 100 %, tag and move the live pointer';
  deps.log.info(
    `Dry run: would promote ${service.name} ${record.version} (record ${record.id}, paused since ${pausedSince(record)}) in ${request.environment}: check the gate of ${stage.name} (${stage.percent} %) once${service.verify ? '' : ' (no verify: nothing to check)'}, then ${run.map((s) => `${s.name} ${s.percent} %`).join(', ')}, then ${end}. On a failing check: roll back to ${record['previous-version'] || '(no known-good version)'}. Nothing is run or written.`,
  );
  return dryRunResult(
    record,
    `Dry run of the promote of ${service.name} ${record.version}: nothing was run or written.`,
  );
}

function dryRunResult(record: AuditRecord, message: string): ReleaseResult {
  return nothingRunResult({
    outcome: 'dry-run',
    service: record.service,
    version: record.version,
    previousVersion: record['previous-version'],
    message,
    start: 'dry run',
  });
}

/** What a promote took over, to go on with. */
interface PromoteClaim {
  record: AuditRecord;
  state: ServiceState;
  start: string;
  /** The re-check failed: roll back (the record says so already). */
  recheckFailed?: string;
}

/** Check the paused stage's gate once, then take the record over (with the rollback started when the
 * check failed); null when another run changed the record first. */
async function recheckAndClaim(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  found: { paused: AuditRecord; state: ServiceState },
  stage: StageConfig,
): Promise<PromoteClaim | { result: ReleaseResult } | null> {
  const { paused, state } = found;
  deps.log.info(
    `${service.name} ${paused.version}: paused after ${stage.name} since ${pausedSince(paused)}; checking its gate once more.`,
  );
  const check = await deps.log.group(`Re-check of ${stage.name} (${stage.percent} %)`, () =>
    recheckGate(deps, service, stageVars(request, paused, state, stage), request.signal),
  );
  if (check.result === 'cancelled')
    return {
      result: resultOf(paused, {
        outcome: 'cancelled',
        message: `${service.name} ${paused.version}: the promote was cancelled during its re-check; nothing was deployed, and it stays paused.`,
        start: 'promote',
      }),
    };
  const now = recordTime(deps.clock);
  const taken = resumeRecord(paused, {
    command: 'promote',
    run: request.run,
    at: now,
    stage: stage.name,
    recheck: recheckOf(check),
  });
  const failed = check.result === 'failed';
  // A failing check starts the rollback in the same write: a run lost right after it leaves a record whose
  // rollback is under way, which the next run finishes, never one that could be resumed forward.
  const record = failed ? startRollback(taken, rollbackTarget(paused, state.live), now) : taken;
  if (
    !(await writeUnchanged(
      deps,
      state.latestPath!,
      paused,
      record,
      `${service.name} ${paused.version}: promote`,
    ))
  )
    return null;
  return {
    record,
    state,
    start: `promote of the release paused after ${stage.name}`,
    ...(failed ? { recheckFailed: check.error?.message ?? 'the gate failed' } : {}),
  };
}

/** A promote whose run was lost: this run takes the record over and goes on at the interrupted stage. */
async function resumeInterrupted(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  found: { interrupted: AuditRecord; state: ServiceState },
): Promise<PromoteClaim | { result: ReleaseResult } | null> {
  const { interrupted, state } = found;
  const at =
    service.stages[
      resumeIndex(
        interrupted,
        service.stages.map((s) => s.name),
      )
    ];
  if (request.dryRun) {
    deps.log.info(
      `Dry run: would resume the interrupted promote of ${service.name} ${interrupted.version} (record ${interrupted.id}) at ${at?.name ?? 'the end'}. Nothing is run or written.`,
    );
    return {
      result: dryRunResult(
        interrupted,
        `Dry run of the promote of ${service.name} ${interrupted.version}: nothing was run or written.`,
      ),
    };
  }
  const record = resumeRecord(interrupted, {
    command: 'resume',
    run: request.run,
    at: recordTime(deps.clock),
    stage: at?.name ?? '',
  });
  const path = state.latestPath!;
  if (
    !(await writeUnchanged(
      deps,
      path,
      interrupted,
      record,
      `${service.name} ${interrupted.version}: promote resumed`,
    ))
  )
    return null;
  return { record, state, start: `resuming the interrupted promote at ${at?.name ?? 'the end'}` };
}

/** The promote, claimed: roll back after a failing re-check, else the next stages with the release's
 * own Rollout, then, at 100 %, the tag. */
async function goOn(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  claim: PromoteClaim,
): Promise<ReleaseResult> {
  const { record, state, start } = claim;
  deps.postState?.(pendingFor(record, claim.recheckFailed ? 'rollback' : 'stage'));
  deps.log.info(`${service.name} ${record.version}: ${start} (record ${record.id}).`);
  const deployment = DeploymentTracker.for(
    deps.github,
    deps.log,
    request.config,
    service,
    request.environment,
    request.run.runUrl,
  );
  await deployment
    .create({
      sha: record.sha,
      service: service.name,
      version: record.version,
      record: record.id,
      description: `promote of ${service.name} ${record.version}`,
    })
    .catch((error: Error) => deps.log.warning(`no GitHub deployment for the promote: ${error.message}`));
  const rollout = new Rollout(
    {
      deps,
      request: { ...request, version: record.version, sha: record.sha },
      service,
      live: state.live,
      start,
      deployment,
      writer: new RecordWriter(deps.audit, state.latestPath),
    },
    record,
  );
  if (claim.recheckFailed)
    return rollout.rollBackAfter(
      `its gate failed when the promote checked it again (${claim.recheckFailed})`,
    );
  const stopped = await rollout.stages(true);
  if (stopped) return stopped;
  const released = await rollout.released();
  await pushReleaseTag(deps, request.config, released);
  return rollout.report(
    resultOf(released, {
      outcome: 'released',
      message: `${service.name} ${released.version} promoted and released to ${request.environment} (${service.stages.length} stage(s)).`,
      start,
    }),
  );
}

/** Take the paused record over and roll it back to the known-good version, in that record. */
async function abort(
  deps: ReleaseDeps,
  request: PromoteRequest,
  service: ServiceConfig,
  record: AuditRecord,
  state: ServiceState,
): Promise<ReleaseResult | null> {
  const path = state.latestPath!;
  const stage = pausedStage(record);
  const taken = resumeRecord(record, {
    command: 'abort',
    run: request.run,
    at: recordTime(deps.clock),
    stage: stage?.name ?? '',
  });
  if (!(await writeUnchanged(deps, path, record, taken, `${service.name} ${record.version}: abort`)))
    return null;
  const who = request.run.triggeringActor || request.run.actor || 'someone';
  const settled = await settleRecord(deps, {
    record: taken,
    path,
    live: state.live,
    settlement: {
      action: 'finish-rollback',
      why: `aborted by ${who}${stage ? ` while paused after ${stage.name} (${stage.percent} %)` : ''}`,
    },
    service,
    by: `the abort of run ${request.run.runId}`,
    attempt: request.run.runAttempt,
    signal: request.signal,
  });
  switch (settled.result) {
    case 'lost-race':
      return null;
    case 'closed':
      return resultOf(settled.record, {
        outcome: settled.record.outcome ?? 'failed',
        message: `${service.name}: record ${record.id} closed.`,
        start: 'abort',
      });
    case 'unrecorded':
      return {
        ...resultOf(settled.record, {
          outcome: settled.passed ? 'rolled-back' : 'rollback-failed',
          message: settled.message,
          start: 'abort',
        }),
        pendingRollback: pendingFor(settled.record, 'rollback'),
        ...(settled.auditError ? { auditError: settled.auditError } : {}),
      };
    case 'cancelled':
      return {
        ...resultOf(settled.record, { outcome: 'cancelled', message: settled.message, start: 'abort' }),
        pendingRollback: pendingFor(settled.record, 'rollback'),
      };
    default:
      return resultOf(settled.record, { outcome: settled.result, message: settled.message, start: 'abort' });
  }
}

function stageVars(request: PromoteRequest, record: AuditRecord, state: ServiceState, stage: StageConfig) {
  return {
    service: record.service,
    version: record.version,
    previousVersion: state.live?.version ?? '',
    environment: request.environment,
    sha: record.sha,
    id: record.id,
    attempt: request.run.runAttempt,
    stage: stage.name,
    percent: stage.percent,
  };
}

function recheckOf(check: StageOutcome): NonNullable<ResumeRecord['recheck']> {
  return {
    result: check.result === 'passed' ? 'passed' : 'failed',
    checks: check.checks,
    ...(check.error ? { error: check.error } : {}),
  };
}
