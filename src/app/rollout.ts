/** The stages of a claimed release, each recorded before and after it runs: deploy, health gate, next.
 * A failed stage or a failed audit write stops the rollout and runs the one automatic rollback, to the
 * version that was live; a cancel ends it and leaves the rollback to the post step. */
import type { ReleaseVars } from '../core/command-env.js';
import {
  endRollback,
  finishRecord,
  newPointer,
  pauseRecord,
  resumeIndex,
  startRollback,
  startStage,
  updateStage,
  type AuditRecord,
  type LivePointer,
} from '../core/record.js';
import type { ServiceConfig, StageConfig } from '../core/types.js';
import { ProgressLog, recordTime, type RecordWriter } from './audit-log.js';
import type { DeploymentTracker } from './deployments.js';
import type { ReleaseDeps, ReleaseRequest } from './release-request.js';
import {
  NO_KNOWN_GOOD,
  pausedResult,
  pendingFor,
  resultOf,
  rollbackMessage,
  type ReleaseResult,
} from './release-result.js';
import { performRollback, runStage } from './stages.js';

export interface RolloutContext {
  deps: ReleaseDeps;
  request: ReleaseRequest;
  service: ServiceConfig;
  /** What was live when the release started: the known-good version a rollback goes back to. */
  live: LivePointer | null;
  /** How the release started, for its result. */
  start: string;
  deployment: DeploymentTracker;
  writer: RecordWriter;
}

export class Rollout {
  /** From here on something may be deployed: a failed audit write stops the rollout and rolls back, it
   * never leaves the service half-way. */
  private readonly progress: ProgressLog;

  constructor(
    private readonly context: RolloutContext,
    private record: AuditRecord,
  ) {
    this.progress = new ProgressLog(context.deps.log, (r, options) => context.writer.save(r, options));
  }

  /** Every stage, from the first one that has not passed when the release is `resumed`: null when all
   * passed, else the result that ended the release. */
  async stages(resumed: boolean): Promise<ReleaseResult | null> {
    const { deps, service } = this.context;
    const names = service.stages.map((s) => s.name);
    const from = resumed ? resumeIndex(this.record, names) : 0;
    if (from > 0)
      deps.log.info(
        `Stages ${names.slice(0, from).join(', ')} passed before; resuming at ${names[from] ?? 'the end'}.`,
      );
    const last = service.stages[service.stages.length - 1];
    for (const stage of service.stages.slice(from)) {
      const ended = await this.stage(stage);
      if (ended) return ended;
      if (stage.pause && stage !== last) return this.paused(stage);
    }
    return null;
  }

  /** A promote whose re-check of the paused stage's gate failed: rolled back like a failed stage. */
  async rollBackAfter(why: string): Promise<ReleaseResult> {
    return this.stop(why);
  }

  /** The last write: the record released, the live pointer on it. */
  async released(): Promise<AuditRecord> {
    const now = this.now();
    this.record = finishRecord(this.record, 'released', now);
    await this.progress.save(this.record, { live: newPointer(this.record, this.context.live, now) });
    await this.context.deployment.status('success', `${this.record.version} live at 100 %`);
    return this.record;
  }

  /** The result, failed when an audit write of the rollout failed (then the record is printed). */
  report(result: ReleaseResult): ReleaseResult {
    return this.progress.annotate(result);
  }

  private async stage(stage: StageConfig): Promise<ReleaseResult | null> {
    const { deps, request, service, deployment } = this.context;
    deps.postState?.(pendingFor(this.record, 'stage'));
    if (!(await this.save(startStage(this.record, stage, this.now()))))
      return this.stop(this.progress.failure!);
    await deployment.status('in_progress', `${stage.name} ${stage.percent} %: deploying`);
    const result = await deps.log.group(`Stage ${stage.name} (${stage.percent} %)`, () =>
      runStage(deps, service, stage, this.vars(stage), request.signal, async (checks) => {
        await this.save(updateStage(this.record, { checks }, this.now()));
      }),
    );
    this.record = updateStage(this.record, { ...result, 'finished-at': this.now() }, this.now());
    if (result.result === 'cancelled') return this.cancelled(stage);
    if (result.result === 'failed') {
      await this.save(this.record);
      return this.stop(result.error?.message ?? 'it failed');
    }
    if (!(await this.save(this.record))) return this.stop(this.progress.failure!);
    await deployment.status('in_progress', `${stage.name} ${stage.percent} %: ${checksLine(result.checks)}`);
    return null;
  }

  /** The stage passed and says `pause: true`: the record is paused (it keeps the service, and no run is
   * needed for that), the post step has nothing to do, and the step succeeds. */
  private async paused(stage: StageConfig): Promise<ReleaseResult> {
    const { deps, service, deployment, start } = this.context;
    if (!(await this.save(pauseRecord(this.record, this.now())))) return this.stop(this.progress.failure!);
    deps.postState?.(null);
    await deployment.status('in_progress', `paused after ${stage.name} ${stage.percent} %`);
    return this.report(pausedResult(this.record, service, start));
  }

  /** A cancel during a stage: the record says so, and the post step rolls back. */
  private async cancelled(stage: StageConfig): Promise<ReleaseResult> {
    this.record = finishRecord(this.record, 'cancelled', this.now());
    await this.save(this.record);
    await this.context.deployment.status('failure', `cancelled during ${stage.name} ${stage.percent} %`);
    const { service, version } = this.record;
    return this.report(
      resultOf(this.record, {
        outcome: 'cancelled',
        failedStage: stage.name,
        message: `${service} ${version}: cancelled during stage ${stage.name}; the post step rolls back to ${this.context.live?.version ?? NO_KNOWN_GOOD}.`,
        start: this.context.start,
        pendingRollback: pendingFor(this.record, 'stage'),
      }),
    );
  }

  /** Stop the rollout in the stage the record is at, and roll back. */
  private async stop(why: string | Error): Promise<ReleaseResult> {
    const reason = typeof why === 'string' ? why : `the audit record could not be written (${why.message})`;
    const current = this.record.stages[this.record.stages.length - 1]?.name;
    const stage = this.context.service.stages.find((s) => s.name === current)!;
    const ended = await this.rollBack(stage, reason);
    await this.context.deployment.status(
      ended.outcome === 'rolled-back' ? 'failure' : 'error',
      ended.message,
    );
    return this.report(ended);
  }

  /** The one automatic rollback: to the known-good version, recorded in the release's record. It never
   * loops: whatever it returns, the release ends. */
  private async rollBack(stage: StageConfig, why: string): Promise<ReleaseResult> {
    const { deps, request, service, live, start, deployment } = this.context;
    const failed = this.record;
    deps.log.error(
      `${service.name} ${failed.version}: stage ${stage.name} (${stage.percent} %) failed: ${why}. Rolling back.`,
    );
    const knownGood = live?.version ?? null;
    // Saved before the rollback starts: if this step is cancelled or killed during it, the post step (or
    // the next run) finds the record with its rollback under way and finishes it.
    deps.postState?.(pendingFor(failed, 'rollback'));
    await this.save(startRollback(failed, knownGood, this.now()));
    const ending = await deps.log.group(`Rollback to ${knownGood ?? NO_KNOWN_GOOD}`, () =>
      performRollback(deps, {
        service,
        failed,
        knownGood,
        environment: request.environment,
        attempt: request.run.runAttempt,
        signal: request.signal,
      }),
    );
    const message = rollbackMessage(
      {
        subject: `${service.name} ${failed.version}`,
        cause: `stage ${stage.name} failed (${why})`,
        from: failed.version,
        to: knownGood,
        environment: request.environment,
      },
      ending,
    );
    const ended = { failedStage: stage.name, message, start };
    // Cancelled: no audit write here, the step must end before the runner kills it; the record says the
    // rollback is under way, and the post step runs it again and closes the record.
    if (ending.cancelled)
      return resultOf(this.record, {
        ...ended,
        outcome: 'cancelled',
        pendingRollback: pendingFor(this.record, 'rollback'),
      });
    const recorded = await this.save(endRollback(this.record, ending, this.now()));
    if (live) {
      await deployment.rollbackDeployment({
        sha: live.sha,
        service: service.name,
        version: live.version,
        record: this.record.id,
        passed: ending.passed,
        description: `rollback of ${failed.version} to ${live.version}`,
      });
    }
    return resultOf(this.record, {
      ...ended,
      outcome: ending.passed ? 'rolled-back' : 'rollback-failed',
      // Not recorded: the post step runs the rollback again (to the same known-good version) and records it.
      ...(recorded ? {} : { pendingRollback: pendingFor(this.record, 'rollback') }),
    });
  }

  /** The record as it now stands, written; false when the write failed (see ProgressLog). */
  private save(record: AuditRecord): Promise<boolean> {
    this.record = record;
    return this.progress.save(record);
  }

  private vars(stage: StageConfig): ReleaseVars {
    const { request, service, live } = this.context;
    return {
      service: service.name,
      version: this.record.version,
      previousVersion: live?.version ?? '',
      environment: request.environment,
      sha: request.sha,
      id: this.record.id,
      attempt: request.run.runAttempt,
      stage: stage.name,
      percent: stage.percent,
    };
  }

  private now(): string {
    return recordTime(this.context.deps.clock);
  }
}

function checksLine(checks: { passed: number; failed: number }): string {
  const total = checks.passed + checks.failed;
  return total === 0 ? 'deployed' : `${checks.passed}/${total} checks passed`;
}
