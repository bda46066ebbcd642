/** The `drill` use case: prove that a service can be rolled back, on purpose, while nothing is wrong. The
 * live version goes back to the one before it with the rollback command (as a manual rollback runs it),
 * its gate is checked once; then the live version is deployed again at 100 %, and its gate checked once.
 * The drill holds the service's lease like a release (its record, open while it runs), and the live
 * pointer names what is really live after every ending. */
import {
  DRILL_BACK,
  DRILL_FORWARD,
  drillVersions,
  pointerOnVersionBefore,
  refuseProtectedEnvironment,
  refuseWhilePaused,
  type DrillVersion,
} from '../core/drill.js';
import { UserError } from '../core/errors.js';
import {
  finishRecord,
  leftOpen,
  newRecord,
  recordId,
  startStage,
  updateStage,
  type AuditRecord,
  type LivePointer,
} from '../core/record.js';
import type { ReleaseVars } from '../core/command-env.js';
import type { ServiceConfig } from '../core/types.js';
import { ProgressLog, readServiceState, recordTime, RecordWriter } from './audit-log.js';
import { unfinishedOwnership, untilClaimed } from './claim.js';
import { findService, type ReleaseDeps, type RollbackRequest } from './release-request.js';
import { nothingRunResult, pendingFor, resultOf, type ReleaseResult } from './release-result.js';
import { findTarget } from './rollback.js';
import { settleBeforeRollingBack } from './settle.js';
import { performRollback, runStage, type StageOutcome } from './stages.js';

/** A drill: the service and environment (no version: it drills what is live). */
export type DrillRequest = Omit<RollbackRequest, 'version'>;

/** The service, claimed for the drill: its record is written. */
interface DrillClaim {
  record: AuditRecord;
  writer: RecordWriter;
  live: DrillVersion;
  before: DrillVersion;
}

export async function runDrill(deps: ReleaseDeps, request: DrillRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  refuseProtectedEnvironment(request.config, request.environment);
  const claim = await claimDrill(deps, request, service);
  if ('result' in claim) return claim.result;
  return new Drill(deps, request, service, claim).run();
}

/** Refuse while a release holds the service (running, or paused), settle what a dead run left open, and
 * write the drill's record; or the result that ends the run here (a dry run, a settled record's). */
async function claimDrill(
  deps: ReleaseDeps,
  request: DrillRequest,
  service: ServiceConfig,
): Promise<DrillClaim | { result: ReleaseResult }> {
  return untilClaimed(service.name, async () => {
    const tree = await deps.audit.snapshot();
    const state = await readServiceState(tree, request.environment, service.name);
    refuseWhilePaused(state.latest, service.name);
    const open = state.latest && leftOpen(state.latest) ? state.latest : null;
    if (open && (await unfinishedOwnership(deps, open, request.run, service.timeoutMs)) === 'live') {
      throw new UserError(
        `${service.name}: run ${open['run-id']} is running a ${open.kind} of ${open.version} (record ${open.id}) right now; a drill would move what is live under it`,
        'wait for it to end, then run the drill again (give the drill job the release jobs’ `concurrency` group so they queue)',
      );
    }
    const versions = drillVersions(state.live, service.name, request.environment);
    const before: DrillVersion = {
      version: versions.before,
      sha:
        versions.beforeSha ??
        (await findTarget(tree, state, service.name, request.environment, versions.before)).sha,
    };
    if (request.dryRun) return { result: dryRun(deps, request, service, versions.live, before) };
    const settled = await settleBeforeRollingBack(deps, request, service, state, open);
    if (settled !== undefined) return settled ? { result: settled } : null;
    const record = drillRecord(deps, request, service, versions.live, before);
    const writer = new RecordWriter(deps.audit, state.latestPath);
    return (await writer.claim(record)) ? { record, writer, live: versions.live, before } : null;
  });
}

/** The drill's record, as it is claimed: the live version is its version (what it returns to), the one
 * before its previous version (where it goes on the way back). */
function drillRecord(
  deps: ReleaseDeps,
  request: DrillRequest,
  service: ServiceConfig,
  live: DrillVersion,
  before: DrillVersion,
): AuditRecord {
  return newRecord({
    id: recordId(request.run, deps.randomId()),
    kind: 'drill',
    service: service.name,
    environment: request.environment,
    version: live.version,
    previousVersion: before.version,
    sha: live.sha,
    run: request.run,
    now: recordTime(deps.clock),
  });
}

/** One claimed drill: the way back, the way forward, each recorded before and after it runs. */
class Drill {
  private record: AuditRecord;
  private readonly progress: ProgressLog;
  private readonly live: DrillVersion;
  private readonly before: DrillVersion;

  constructor(
    private readonly deps: ReleaseDeps,
    private readonly request: DrillRequest,
    private readonly service: ServiceConfig,
    claim: DrillClaim,
  ) {
    this.record = claim.record;
    this.live = claim.live;
    this.before = claim.before;
    this.progress = new ProgressLog(deps.log, (r, options) => claim.writer.save(r, options));
  }

  async run(): Promise<ReleaseResult> {
    const { service } = this;
    const { live, before } = this;
    this.deps.log.info(
      `${service.name}: drill in ${this.request.environment}: back from ${live.version} to ${before.version}, then forward to ${live.version} again (record ${this.record.id}).`,
    );
    const back = await this.direction(DRILL_BACK, `Drill: back to ${before.version}`, () =>
      performRollback(this.deps, {
        service,
        failed: { id: this.record.id, version: live.version, sha: before.sha, service: service.name },
        knownGood: before.version,
        environment: this.request.environment,
        attempt: this.request.run.runAttempt,
        signal: this.request.signal,
      }).then((ending): StageOutcome => ({
        result: ending.cancelled ? 'cancelled' : ending.passed ? 'passed' : 'failed',
        checks: ending.checks ?? { passed: 0, failed: 0 },
        ...(ending.error ? { error: ending.error } : {}),
      })),
    );
    if (back !== 'passed') return back;
    const forward = await this.direction(DRILL_FORWARD, `Drill: forward to ${live.version}`, () =>
      runStage(
        this.deps,
        service,
        { name: DRILL_FORWARD, percent: 100 },
        this.forwardVars(),
        this.request.signal,
        async () => undefined,
      ),
    );
    if (forward !== 'passed') return forward;
    return this.end('drilled', {
      message: `${service.name} drill passed in ${this.request.environment}: rolled back from ${live.version} to ${before.version} and forward to ${live.version} again, both health gates passed; ${live.version} is live.`,
    });
  }

  /** Run one direction as a stage of the record: 'passed', or the result that ends the drill. */
  private async direction(
    name: typeof DRILL_BACK | typeof DRILL_FORWARD,
    title: string,
    perform: () => Promise<StageOutcome>,
  ): Promise<'passed' | ReleaseResult> {
    // Saved before anything runs: should this step be cancelled or killed now, the post step (or the
    // next run of the service) finds the drill open and deploys the live version again.
    this.deps.postState?.(pendingFor(this.record, 'rollback'));
    if (!(await this.save(startStage(this.record, { name, percent: 100 }, this.now())))) {
      if (name === DRILL_BACK) return this.notStarted();
    }
    const outcome = await this.deps.log.group(title, perform);
    await this.save(updateStage(this.record, { ...outcome, 'finished-at': this.now() }, this.now()));
    if (outcome.result === 'passed') return 'passed';
    if (outcome.result === 'cancelled') return this.cancelled(name);
    return name === DRILL_BACK ? this.backFailed(outcome) : this.forwardFailed(outcome);
  }

  /** The way back failed. Nothing else is deployed. When the rollback command itself failed, what it
   * left is unknown and the pointer keeps the last version known live; when only the gate failed, the
   * version before is what is deployed, and the pointer says so. */
  private backFailed(outcome: StageOutcome): Promise<ReleaseResult> {
    const { live, before } = this;
    const why = outcome.error?.message ?? 'it failed';
    const deployed = outcome.error?.kind === 'gate';
    const head = `${this.service.name} DRILL FAILED in ${this.request.environment}: the rollback from ${live.version} to ${before.version} failed (${why}). Nothing else was deployed.`;
    const message = deployed
      ? `${head} The rollback command succeeded, so ${before.version} is live, unhealthy; the live pointer now names it. Release ${live.version} again (re-run its release), or roll forward with \`command: rollback\` and \`version: ${live.version}\`.`
      : `${head} Manual action is needed: the service may be partly on ${before.version}; ${live.version} may still be live (the live pointer still names it, the last version known live).`;
    const pointer = deployed ? pointerOnVersionBefore(this.record, live, before, this.now()) : undefined;
    return this.end('drill-failed', {
      message,
      failedStage: DRILL_BACK,
      ...(pointer ? { live: pointer } : {}),
    });
  }

  /** The way forward failed: the version before, which passed its gate at 100 %, is live. The pointer
   * says so, and the log says it loudly. */
  private forwardFailed(outcome: StageOutcome): Promise<ReleaseResult> {
    const { live, before } = this;
    const why = outcome.error?.message ?? 'it failed';
    const message = `${this.service.name} DRILL FAILED in ${this.request.environment}: rolled back to ${before.version} (its gate passed), but the roll forward to ${live.version} failed (${why}). ${before.version} is LIVE NOW, not ${live.version}, and the live pointer says so${outcome.error?.kind === 'gate' ? `; ${live.version} was deployed and failed its health check` : `; ${live.version} may be partly deployed`}. Release ${live.version} again (re-run its release), or roll forward with \`command: rollback\` and \`version: ${live.version}\`.`;
    this.deps.log.error(
      `${this.service.name}: ${before.version} is LIVE in ${this.request.environment} now, not ${live.version}: the drill could not roll forward.`,
    );
    return this.end('drill-failed', {
      message,
      failedStage: DRILL_FORWARD,
      live: pointerOnVersionBefore(this.record, live, before, this.now()),
    });
  }

  /** A cancel stopped a direction: the record says so, and the post step deploys the live version again. */
  private async cancelled(name: string): Promise<ReleaseResult> {
    this.record = finishRecord(this.record, 'cancelled', this.now());
    await this.save(this.record);
    return this.progress.annotate(
      resultOf(this.record, {
        outcome: 'cancelled',
        failedStage: name,
        message: `${this.service.name} drill: cancelled during ${name}; the post step deploys ${this.live.version} again.`,
        start: 'drill',
        pendingRollback: pendingFor(this.record, 'rollback'),
      }),
    );
  }

  /** The record could not be written before the way back: nothing ran, and the record is closed if it can be. */
  private async notStarted(): Promise<ReleaseResult> {
    return this.end('drill-failed', {
      message: `${this.service.name} drill: the audit record could not be written, so nothing was run; ${this.live.version} is live.`,
      failedStage: DRILL_BACK,
    });
  }

  private async end(
    outcome: 'drilled' | 'drill-failed',
    ending: { message: string; failedStage?: string; live?: LivePointer },
  ): Promise<ReleaseResult> {
    const now = this.now();
    this.record = finishRecord(this.record, outcome, now);
    const recorded = await this.progress.save(this.record, ending.live ? { live: ending.live } : {});
    return this.progress.annotate(
      resultOf(this.record, {
        outcome,
        failedStage: ending.failedStage ?? '',
        message: ending.message,
        start: 'drill',
        // Not recorded: the post step finds the drill open and deploys the live version again.
        ...(recorded ? {} : { pendingRollback: pendingFor(this.record, 'rollback') }),
      }),
    );
  }

  private forwardVars(): ReleaseVars {
    return {
      service: this.service.name,
      version: this.live.version,
      previousVersion: this.before.version,
      stage: DRILL_FORWARD,
      percent: 100,
      environment: this.request.environment,
      sha: this.live.sha,
      id: this.record.id,
      attempt: this.request.run.runAttempt,
    };
  }

  /** The record as it now stands, written; false when the write failed (see ProgressLog). */
  private save(record: AuditRecord): Promise<boolean> {
    this.record = record;
    return this.progress.save(record);
  }

  private now(): string {
    return recordTime(this.deps.clock);
  }
}

function dryRun(
  deps: ReleaseDeps,
  request: DrillRequest,
  service: ServiceConfig,
  live: DrillVersion,
  before: DrillVersion,
): ReleaseResult {
  const rollback = service.rollback ?? `${service.deploy} (with RELEASE_PERCENT=100)`;
  deps.log.info(
    `Dry run: would drill ${service.name} in ${request.environment}: back from ${live.version} to ${before.version} (${before.sha.slice(0, 12)}) with ${rollback}${service.verify ? ', then the health gate once' : ''}; forward to ${live.version} (${live.sha.slice(0, 12)}) with ${service.deploy} at 100 %${service.verify ? ', then the health gate once' : ''}. Nothing is run or written.`,
  );
  return nothingRunResult({
    outcome: 'dry-run',
    service: service.name,
    version: live.version,
    previousVersion: before.version,
    message: `Dry run of the drill of ${service.name} in ${request.environment}: nothing was run or written.`,
    start: 'dry run',
  });
}
