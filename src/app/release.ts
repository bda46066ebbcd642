/** The `release` use case: one service, one version, through its stages, with a health gate in each,
 * one automatic rollback when a stage fails, and an audit record written before the first deploy and
 * after every stage. */
import { commandEnvironment, type ReleaseVars } from '../core/command-env.js';
import {
  decideStart,
  ownership,
  rollbackAction,
  type Ownership,
  type StartDecision,
} from '../core/decide.js';
import { formatDuration } from '../core/duration.js';
import { InputError, UserError } from '../core/errors.js';
import type { AuditStore, Clock, Git, GitHubApi, Logger, RunStatusProbe, TagPusher } from '../core/ports.js';
import {
  endRollback,
  finishRecord,
  heartbeat,
  leftOpen,
  newPointer,
  newRecord,
  recordId,
  resumeIndex,
  startRollback,
  startStage,
  stoppedStage,
  updateStage,
  type AuditRecord,
  type LivePointer,
  type Outcome,
  type RunInfo,
} from '../core/record.js';
import type { CommitInfo, Config, ServiceConfig, StageConfig } from '../core/types.js';
import { ChangeDetector } from '../core/detect.js';
import { formatTag, isVersion, shaVersion } from '../core/versions.js';
import { DeploymentTracker } from './deployments.js';
import { performRollback, runStage, type CommandDeps } from './stages.js';
import { LostRaceError, readServiceState, RecordWriter, type ServiceState } from './audit-log.js';
import { chooseVersion } from './version-choice.js';
import { pendingFor, settleRecord } from './settle.js';
// The check that the release tags agree with the audit log (a rewritten branch), before anything runs.
import { assertTagAgreesWithLog } from './audit-log.js';
import { semver } from '../core/semver.js';

export interface ReleaseDeps extends CommandDeps {
  git: Git;
  audit: AuditStore;
  tags: TagPusher;
  /** A fresh random id part (hex). */
  randomId: () => string;
  runStatus?: RunStatusProbe;
  /** The GitHub API (deployments); null for the CLI or without a token. */
  github?: GitHubApi | null;
  /** How often a waiting run looks at the audit log again. */
  pollMs?: number;
  /** Save, at once, what the post step needs should this run end now (null: nothing is owed). Called
   * before each stage and before each rollback, because a runner kills a cancelled step ~10 s after its
   * first signal, and a lost runner runs no code at all. */
  postState?: (pending: PendingRollback | null) => void;
}

export interface ReleaseRequest {
  config: Config;
  service: string;
  /** Empty: derived (versioning sha). */
  version: string;
  sha: string;
  environment: string;
  run: RunInfo;
  dryRun: boolean;
  signal?: AbortSignal;
  /** The version came from a tag push or a workflow_dispatch input, not from a plan: when another build
   * holds it, the release is refused instead of moving on to the next free version. */
  versionByHand?: boolean;
}

export type ReleaseOutcome = Outcome | 'already-released' | 'dry-run';

export interface ReleaseResult {
  outcome: ReleaseOutcome;
  service: string;
  version: string;
  previousVersion: string;
  failedStage: string;
  record: AuditRecord | null;
  /** What happened, in one paragraph, for the log and the step's failure message. */
  message: string;
  /** How the release started (new, resumed, re-run after a rollback…). */
  start: string;
  /** Set when a cancelled release still owes its rollback (the post step runs it). */
  pendingRollback?: PendingRollback;
  /** Commits of this service between what was live and this release that were never deployed on their
   * own (their release failed or was superseded): this release ships them. */
  undeployed?: CommitInfo[];
  /** The audit record could not be written at some point: the step fails whatever the outcome. */
  auditError?: string;
}

/** What the post step is told: which record to look at (it trusts the record, not this). */
export interface PendingRollback {
  service: string;
  environment: string;
  recordId: string;
  recordPath: string;
  version: string;
  sha: string;
  /** What the main step was doing: a stage, or the rollback (for the log only). */
  phase: 'stage' | 'rollback';
}

/** The service to act on, or an InputError naming the ones there are. */
export function findService(config: Config, name: string): ServiceConfig {
  const service = config.services.find((s) => s.name === name);
  const releasable = config.services.filter((s) => s.deploy !== false).map((s) => s.name);
  if (!name)
    throw new InputError(
      'no service given',
      `set the \`service\` input to one of: ${releasable.join(', ')}`,
      `name one: monorepo-release release <service> --dry-run, with <service> one of: ${releasable.join(', ')}`,
    );
  if (!service) {
    throw new InputError(
      `unknown service "${name}"`,
      `use one of the services in ${config.file}: ${releasable.join(', ')}`,
    );
  }
  if (service.deploy === false) {
    throw new InputError(
      `"${name}" is a library (deploy: false) and is never released itself`,
      'release the services that depend on it',
    );
  }
  return service;
}

/** The version to release: the input, checked against the versioning scheme. */
export function releaseVersion(config: Config, input: string, sha: string): string {
  if (config.versioning === 'sha') {
    const expected = shaVersion(sha);
    if (input && input !== expected) {
      throw new InputError(
        `version "${input}" is not this commit's version ${expected} (versioning: sha)`,
        'pass the version from the plan matrix, or leave it empty',
        `pass --version ${expected}, or leave it out`,
      );
    }
    return expected;
  }
  if (!input)
    throw new InputError(
      'no version given',
      'pass `version` from the plan matrix (`${{ matrix.version }}`)',
      'pass --version 1.2.0 (the version `monorepo-release plan` proposes)',
    );
  if (!isVersion(input)) {
    throw new InputError(
      `version "${input}" is not a semantic version`,
      'pass a version like 1.4.0 (no leading "v"), as the plan matrix gives it',
      'pass --version 1.4.0 (no leading "v"), as `monorepo-release plan` gives it',
    );
  }
  return input;
}

export async function runRelease(deps: ReleaseDeps, request: ReleaseRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  const proposal = releaseVersion(request.config, request.version, request.sha);
  if (request.dryRun) return dryRun(deps, request, service, proposal);

  const claim = await claimService(deps, request, service, proposal);
  if ('result' in claim) return claim.result;
  const { state, decision, version, versionNote } = claim;
  await assertTagAgreesWithLog(deps.git, state, {
    ...request,
    service: service.name,
    version,
    ref: request.run.ref,
  });
  const live = state.live;
  const writer = new RecordWriter(deps.audit, state.latestPath, {
    claimVersion: request.config.versioning === 'conventional',
  });
  let record: AuditRecord;
  let start: string;
  if (decision.action === 'resume') {
    record = heartbeat(decision.record, iso(deps.clock));
    start = `resuming the interrupted release ${record.id}`;
  } else {
    record = newRecord({
      id: recordId(request.run, deps.randomId()),
      kind: 'release',
      service: service.name,
      environment: request.environment,
      version,
      previousVersion: live?.version ?? '',
      sha: request.sha,
      run: request.run,
      now: iso(deps.clock),
    });
    start = decision.action === 'start' ? decision.why : 'new release';
  }
  if (versionNote) start = `${start}; ${versionNote}`;
  try {
    await writer.save(record);
  } catch (error) {
    if (error instanceof LostRaceError) return runRelease(deps, request);
    throw error;
  }
  deps.log.info(`${service.name} ${version}: ${start} (record ${record.id}).`);
  const deployment = await openDeployment(deps, request, service, writer, record, {
    sha: request.sha,
    version,
    description: `${service.name} ${version}`,
  });

  const stageNames = service.stages.map((s) => s.name);
  const from = decision.action === 'resume' ? resumeIndex(record, stageNames) : 0;
  if (from > 0)
    deps.log.info(
      `Stages ${stageNames.slice(0, from).join(', ')} passed before; resuming at ${stageNames[from] ?? 'the end'}.`,
    );
  const base: Omit<ReleaseVars, 'stage' | 'percent'> = {
    service: service.name,
    version,
    previousVersion: live?.version ?? '',
    environment: request.environment,
    sha: request.sha,
    id: record.id,
    attempt: request.run.runAttempt,
  };
  const stopRollout = async (why: string | Error): Promise<ReleaseResult> => {
    const reason = typeof why === 'string' ? why : `the audit record could not be written (${why.message})`;
    const stage = service.stages.find((s) => s.name === record.stages[record.stages.length - 1]?.name)!;
    const ended = await rollBackAfterFailure(
      deps,
      request,
      service,
      record,
      audit,
      live,
      stage,
      start,
      deployment,
      reason,
    );
    await deployment.status(ended.outcome === 'rolled-back' ? 'failure' : 'error', ended.message);
    return audit.annotate(ended);
  };
  // From here on something may be deployed: a failed audit write stops the rollout and rolls back, it
  // never leaves the service half-way.
  const audit = new ProgressLog(deps.log, writer);
  for (const stage of service.stages.slice(from)) {
    deps.postState?.(pendingFor(record, 'stage'));
    record = startStage(record, stage, iso(deps.clock));
    if (!(await audit.save(record))) return stopRollout(audit.failure!);
    await deployment.status('in_progress', `${stage.name} ${stage.percent} %: deploying`);
    const result = await deps.log.group(`Stage ${stage.name} (${stage.percent} %)`, () =>
      runStage(
        deps,
        service,
        stage,
        { ...base, stage: stage.name, percent: stage.percent },
        request.signal,
        async (checks) => {
          record = updateStage(record, { checks }, iso(deps.clock));
          await audit.save(record);
        },
      ),
    );
    record = updateStage(record, { ...result, 'finished-at': iso(deps.clock) }, iso(deps.clock));
    if (result.result === 'cancelled') {
      record = finishRecord(record, 'cancelled', iso(deps.clock));
      await audit.save(record);
      await deployment.status('failure', `cancelled during ${stage.name} ${stage.percent} %`);
      return audit.annotate(cancelled(record, live, start, stage.name));
    }
    if (result.result === 'failed') {
      await audit.save(record);
      return stopRollout(result.error?.message ?? 'it failed');
    }
    if (!(await audit.save(record))) return stopRollout(audit.failure!);
    await deployment.status('in_progress', `${stage.name} ${stage.percent} %: ${checksLine(result.checks)}`);
  }
  record = finishRecord(record, 'released', iso(deps.clock));
  await audit.save(record, { live: newPointer(record, live, iso(deps.clock)) });
  await deployment.status('success', `${version} live at 100 %`);
  await pushReleaseTag(deps, request.config, record);
  const undeployed = await undeployedCommits(deps.git, request.config, service.name, live, request.sha);
  if (undeployed.length > 0) {
    deps.log.info(
      `This release also ships ${undeployed.length} commit(s) never deployed on their own: ${undeployed.map((c) => c.sha.slice(0, 12)).join(', ')}`,
    );
  }
  return audit.annotate({
    undeployed,
    outcome: 'released',
    service: service.name,
    version,
    previousVersion: record['previous-version'],
    failedStage: '',
    record,
    message: `${versionNote ? `${versionNote}. ` : ''}${service.name} ${version} released to ${request.environment} (${service.stages.length} stage(s)).`,
    start,
  });
}

/** The GitHub deployment of a release or rollback, created after its record and before anything is
 * deployed: a missing permission ends the record as `failed` and stops here. */
export async function openDeployment(
  deps: ReleaseDeps,
  request: Pick<ReleaseRequest, 'config' | 'environment' | 'run'>,
  service: ServiceConfig,
  writer: RecordWriter,
  record: AuditRecord,
  target: { sha: string; version: string; description: string },
): Promise<DeploymentTracker> {
  const deployment = DeploymentTracker.for(
    deps.github,
    deps.log,
    request.config,
    service,
    request.environment,
    request.run.runUrl,
  );
  try {
    await deployment.create({ ...target, service: service.name, record: record.id });
  } catch (error) {
    await writer.save(finishRecord(record, 'failed', iso(deps.clock), (error as Error).message));
    throw error;
  }
  return deployment;
}

/** Decide the version (the proposal, or the next free one when another build holds it) and where to
 * start; wait (bounded) while another live run holds the service; close a dead run's record first. */
async function claimService(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  proposal: string,
): Promise<
  | { result: ReleaseResult }
  | {
      state: ServiceState;
      decision: Extract<StartDecision, { action: 'start' | 'resume' }>;
      version: string;
      /** Why the version is not the proposal ('' when it is). */
      versionNote: string;
    }
> {
  const waitUntil = deps.clock.now().getTime() + service.timeoutMs;
  let told = '';
  for (;;) {
    const tree = await deps.audit.snapshot();
    const state = await readServiceState(tree, request.environment, service.name);
    const { version, note: versionNote } = await chooseVersion(deps, {
      config: request.config,
      service: service.name,
      proposal,
      sha: request.sha,
      byHand: request.versionByHand ?? false,
      tree,
    });
    if (versionNote && versionNote !== told) deps.log.warning(`${service.name}: ${(told = versionNote)}.`);
    const decision = await decide(deps, request, service, version, state);
    switch (decision.action) {
      case 'already-released':
        return {
          result: {
            outcome: 'already-released',
            service: service.name,
            version,
            previousVersion: state.live?.['previous-version'] ?? '',
            failedStage: '',
            record: decision.record,
            message: `${versionNote ? `${versionNote}. ` : ''}${service.name} ${version} (${request.sha.slice(0, 12)}) is already live in ${request.environment}: nothing to do.`,
            start: 'already released',
          },
        };
      case 'refuse':
        throw new UserError(`${service.name}: ${decision.message}`, decision.fix);
      case 'wait': {
        const other = decision.record;
        if (deps.clock.now().getTime() >= waitUntil) {
          throw new UserError(
            `${service.name}: another run (${other['run-url'] || other['run-id']}) is releasing ${other.version} and did not finish within ${formatDuration(service.timeoutMs)}`,
            'let it finish and re-run this job; give the release job `concurrency: { group: release-<service>, cancel-in-progress: false }` so runs queue',
          );
        }
        deps.log.info(
          `${service.name}: waiting for run ${other['run-id']} (record ${other.id}, ${other.version}) to finish…`,
        );
        await deps.clock.sleep(
          deps.pollMs ?? Math.min(10_000, Math.max(1_000, service.timeoutMs / 10)),
          request.signal,
        );
        if (request.signal?.aborted)
          throw new UserError(`${service.name}: cancelled while waiting for another run`, 're-run the job');
        continue;
      }
      case 'settle': {
        const settled = await settleLeftRecord(deps, request, service, state, decision);
        if (settled) return { result: settled };
        continue;
      }
      case 'start':
      case 'resume':
        return { state, decision, version, versionNote };
    }
  }
}

async function decide(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  version: string,
  state: ServiceState,
) {
  const latest = state.latest;
  const open = latest && leftOpen(latest) ? latest : null;
  return decideStart({
    latest,
    latestOwnership: open ? await unfinishedOwnership(deps, open, request.run, service.timeoutMs) : null,
    live: state.live,
    liveIsNewer: await liveIsNewer(deps.git, state.live, version, request.sha),
    version,
    sha: request.sha,
  });
}

/** Whether an unfinished record still belongs to a running job: its heartbeat, or the API's word on its
 * run (not asked about our own run, whose earlier attempts are over by definition). */
export async function unfinishedOwnership(
  deps: Pick<ReleaseDeps, 'clock' | 'runStatus'>,
  record: AuditRecord,
  run: Pick<RunInfo, 'runId' | 'runAttempt'>,
  timeoutMs: number,
): Promise<Ownership> {
  const runActive =
    deps.runStatus && record['run-id'] !== run.runId ? await deps.runStatus(record['run-id']) : null;
  return ownership(record, {
    now: deps.clock.now(),
    timeoutMs,
    runId: run.runId,
    runAttempt: run.runAttempt,
    runActive,
  });
}

/** True when what is live was released after the requested version: a higher version, or (versioning
 * sha) a commit that descends from the requested one. */
async function liveIsNewer(
  git: Git,
  live: LivePointer | null,
  version: string,
  sha: string,
): Promise<boolean> {
  if (!live || (live.version === version && live.sha === sha)) return false;
  if (semver.valid(live.version) && semver.valid(version)) return semver.gt(live.version, version);
  return live.sha !== sha && (await git.isAncestor(sha, live.sha));
}

/** A dead run left the newest record open: finish its rollback, or close it, before anything is deployed.
 * Null when it is settled and the release may decide again; a result when this run ends here (the
 * rollback failed, was cancelled, or could not be recorded: nothing of this release was deployed). */
export async function settleLeftRecord(
  deps: ReleaseDeps,
  request: Pick<ReleaseRequest, 'run' | 'signal'>,
  service: ServiceConfig,
  state: ServiceState,
  decision: Extract<StartDecision, { action: 'settle' }>,
): Promise<ReleaseResult | null> {
  const settled = await settleRecord(deps, {
    service,
    record: decision.record,
    path: state.latestPath!,
    live: state.live,
    settlement: decision.settlement,
    by: `run ${request.run.runId} attempt ${request.run.runAttempt}`,
    attempt: request.run.runAttempt,
    signal: request.signal,
  });
  if (settled.result === 'lost-race' || settled.result === 'closed' || settled.result === 'rolled-back')
    return null;
  const record = settled.record;
  const result: ReleaseResult = {
    outcome:
      settled.result === 'unrecorded' ? (settled.passed ? 'rolled-back' : 'rollback-failed') : settled.result,
    service: record.service,
    version: record.version,
    previousVersion: record['previous-version'],
    failedStage: stoppedStage(record)?.name ?? '',
    record,
    message: `${settled.message} Nothing else was deployed.`,
    start: 'settling a record its run left open',
  };
  if (settled.result === 'rollback-failed') return result;
  // Cancelled, or not recorded: the post step finishes it (the state already names the record).
  return {
    ...result,
    pendingRollback: pendingFor(record, 'rollback'),
    ...(settled.result === 'unrecorded' ? { auditError: 'the rollback could not be recorded' } : {}),
  };
}

/** The one automatic rollback: to the known-good version, recorded in the release's record. It never
 * loops: whatever it returns, the release ends. */
async function rollBackAfterFailure(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  failed: AuditRecord,
  audit: ProgressLog,
  live: LivePointer | null,
  stage: StageConfig,
  start: string,
  deployment: DeploymentTracker,
  why: string,
): Promise<ReleaseResult> {
  deps.log.error(
    `${service.name} ${failed.version}: stage ${stage.name} (${stage.percent} %) failed: ${why}. Rolling back.`,
  );
  const knownGood = live?.version ?? null;
  // Saved before the rollback starts: if this step is cancelled or killed during it, the post step (or
  // the next run) finds the record with its rollback under way and finishes it.
  deps.postState?.(pendingFor(failed, 'rollback'));
  let record = startRollback(failed, knownGood, iso(deps.clock));
  await audit.save(record);
  const rollback = await deps.log.group(`Rollback to ${knownGood ?? '(no known-good version)'}`, () =>
    performRollback(
      deps,
      service,
      failed,
      knownGood,
      request.environment,
      request.run.runAttempt,
      request.signal,
    ),
  );
  if (rollback.cancelled) {
    // No audit write here: the step must end before the runner kills it; the record says the rollback is
    // under way, and the post step runs it again and closes the record.
    return {
      outcome: 'cancelled',
      service: service.name,
      version: failed.version,
      previousVersion: failed['previous-version'],
      failedStage: stage.name,
      record,
      message: `${service.name} ${failed.version}: stage ${stage.name} failed (${why}), and the rollback to ${knownGood ?? '(no known-good version)'} was cancelled while it ran; the post step finishes it.`,
      start,
      pendingRollback: pendingFor(record, 'rollback'),
    };
  }
  record = endRollback(record, rollback, iso(deps.clock));
  const outcome: Outcome = rollback.passed ? 'rolled-back' : 'rollback-failed';
  const recorded = await audit.save(record);
  if (live) {
    await deployment.rollbackDeployment({
      sha: live.sha,
      service: service.name,
      version: live.version,
      record: record.id,
      passed: rollback.passed,
      description: `rollback of ${failed.version} to ${live.version}`,
    });
  }
  const liveNow = knownGood
    ? `${knownGood} is live`
    : 'no earlier version is known, so the service was taken to 0 %';
  const message = rollback.passed
    ? `${service.name} ${failed.version}: stage ${stage.name} failed (${why}); rolled back: ${liveNow}.`
    : `${service.name} ${failed.version}: stage ${stage.name} failed (${why}), and the ROLLBACK FAILED too (${rollback.error?.message ?? 'unknown'}). Manual action is needed: the service may be partly on ${failed.version}; the last known-good version is ${knownGood ?? 'none'}.`;
  return {
    outcome,
    service: service.name,
    version: failed.version,
    previousVersion: failed['previous-version'],
    failedStage: stage.name,
    record,
    message,
    start,
    // Not recorded: the post step runs the rollback again (to the same known-good version) and records it.
    ...(recorded ? {} : { pendingRollback: pendingFor(record, 'rollback') }),
  };
}

function cancelled(
  record: AuditRecord,
  live: LivePointer | null,
  start: string,
  stage: string,
): ReleaseResult {
  return {
    outcome: 'cancelled',
    service: record.service,
    version: record.version,
    previousVersion: record['previous-version'],
    failedStage: stage,
    record,
    message: `${record.service} ${record.version}: cancelled during stage ${stage}; the post step rolls back to ${live?.version ?? '(no known-good version)'}.`,
    start,
    pendingRollback: pendingFor(record, 'stage'),
  };
}

/** With `conventional` versioning the tag marks the released commit, so tags and the audit log agree. A
 * failure here is a warning: the release itself is done and recorded. A tag on another commit is never
 * moved: it was pushed by hand while this release ran (the version was free when it was claimed), and
 * the error says which build the audit log gives that version to. */
async function pushReleaseTag(deps: ReleaseDeps, config: Config, record: AuditRecord): Promise<void> {
  if (config.versioning !== 'conventional') return;
  const tag = formatTag(config.tag, record.service, record.version);
  try {
    const pushed = await deps.tags.pushTag(tag, record.sha);
    if (pushed.result === 'taken') {
      deps.log.error(
        `${record.service} ${record.version} is released at ${record.sha.slice(0, 12)} (record ${record.id}), but the tag ${tag} was pushed meanwhile on another commit, ${pushed.sha.slice(0, 12)}; it was left as it is. Delete it and push it on ${record.sha.slice(0, 12)}, so the tag names the build the audit log records.`,
      );
    } else {
      deps.log.info(
        pushed.result === 'pushed' ? `Pushed tag ${tag}.` : `Tag ${tag} is on this commit already.`,
      );
    }
  } catch (error) {
    deps.log.warning(
      `${record.service} ${record.version} is released, but the tag ${tag} could not be pushed: ${(error as Error).message}`,
    );
  }
}

async function dryRun(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  version: string,
): Promise<ReleaseResult> {
  const state = await readServiceState(await deps.audit.snapshot(), request.environment, service.name);
  const previous = state.live?.version ?? '';
  deps.log.info(
    `Dry run: ${service.name} ${version} to ${request.environment} (live now: ${previous || 'nothing recorded'}). Nothing is run or written.`,
  );
  for (const stage of service.stages) {
    const vars = {
      service: service.name,
      version,
      previousVersion: previous,
      stage: stage.name,
      percent: stage.percent,
      environment: request.environment,
      sha: request.sha,
      id: '(dry-run)',
      attempt: request.run.runAttempt,
    };
    const env = commandEnvironment({}, vars, { passOidc: service.passOidc });
    deps.log.info(
      `  stage ${stage.name} ${stage.percent} %: ${service.deploy}${stage.bakeMs ? `, then health checks for ${formatDuration(stage.bakeMs)}` : ''}`,
    );
    deps.log.info(
      `    env: ${Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  }
  const action = rollbackAction(service, previous || null, version);
  deps.log.info(
    `  on failure: ${action.command} with RELEASE_VERSION=${action.version} RELEASE_PERCENT=${action.percent}`,
  );
  return {
    outcome: 'dry-run',
    service: service.name,
    version,
    previousVersion: previous,
    failedStage: '',
    record: null,
    message: `Dry run of ${service.name} ${version}: nothing was run or written.`,
    start: 'dry run',
  };
}

/** The commits since the live release, other than the released one, that touch the service: a release
 * that failed or was superseded left them pending, and this release ships them. At most 20. */
async function undeployedCommits(
  git: Git,
  config: Config,
  service: string,
  live: LivePointer | null,
  sha: string,
): Promise<CommitInfo[]> {
  if (!live || live.sha === sha || !(await git.isAncestor(live.sha, sha))) return [];
  const detector = new ChangeDetector(config);
  return (await git.log(live.sha, sha))
    .filter((c) => c.sha !== sha && detector.touchesService(service, c))
    .slice(0, 20);
}

function checksLine(checks: { passed: number; failed: number }): string {
  const total = checks.passed + checks.failed;
  return total === 0 ? 'deployed' : `${checks.passed}/${total} checks passed`;
}

function iso(clock: Clock): string {
  return clock.now().toISOString();
}

/** The audit writes of a rollout in progress. A write that fails is reported (with the record as it
 * should be, so nothing is lost) instead of thrown: the caller stops the rollout and rolls back. */
class ProgressLog {
  failure: Error | null = null;
  private latest: AuditRecord | null = null;

  constructor(
    private readonly log: Logger,
    private readonly writer: RecordWriter,
  ) {}

  /** True when the record was written. */
  async save(record: AuditRecord, options: { live?: LivePointer } = {}): Promise<boolean> {
    this.latest = record;
    const error = await this.writer.trySave(record, options);
    if (!error) return true;
    this.failure ??= error;
    this.log.error(`could not write the audit record ${record.id}: ${error.message}`);
    return false;
  }

  /** A result whose record could not be written fails, says so, and prints the record. */
  annotate(result: ReleaseResult): ReleaseResult {
    if (!this.failure) return result;
    this.log.error(`audit record ${this.latest?.id} as it should read: ${JSON.stringify(this.latest)}`);
    return {
      ...result,
      auditError: this.failure.message,
      message: `${result.message} The audit record could not be written (${this.failure.message}); it is printed in the log above.`,
    };
  }
}
