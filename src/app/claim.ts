/** Claiming a service for a release: read what the audit log says of it, decide where the release starts
 * (wait while a live run holds the service, settle what a dead run left open), and write the first record
 * in one compare-and-swap. Another run may write between the read and the write; then the log is read and
 * the decision made again, a bounded number of times (`untilClaimed`, shared with the manual rollback). */
import { decideStart, ownership, type Ownership, type StartDecision } from '../core/decide.js';
import { formatDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import type { Git } from '../core/ports.js';
import {
  heartbeat,
  leftOpen,
  newRecord,
  owningRun,
  recordId,
  type AuditRecord,
  type LivePointer,
  type RunInfo,
} from '../core/record.js';
import { semver } from '../core/semver.js';
import type { ServiceConfig } from '../core/types.js';
import {
  assertTagAgreesWithLog,
  readServiceState,
  recordTime,
  RecordWriter,
  type ServiceState,
} from './audit-log.js';
import type { ReleaseDeps, ReleaseRequest } from './release-request.js';
import { nothingRunResult, pausedResult, type ReleaseResult } from './release-result.js';
import { settleLeftRecord } from './settle.js';
import { chooseVersion } from './version-choice.js';

/** Rounds of reading the log and deciding again. A round is lost when another run of the service wrote
 * first (this one then waits for it) or a record left open was settled: runs that queue (a `concurrency`
 * group) lose one or two, and a crowd of runs of one service started together loses at most one round
 * per run ahead of it. More than this means something keeps rewriting the service's records. */
const CLAIM_ROUNDS = 50;

/** Runs `round` until it returns a value; null means the audit log changed under it (another run wrote
 * first, or a record left open was just settled) and it must read the log again. */
export async function untilClaimed<T>(service: string, round: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < CLAIM_ROUNDS; i++) {
    const claimed = await round();
    if (claimed !== null) return claimed;
  }
  throw new UserError(
    `${service}: other runs changed its audit record ${CLAIM_ROUNDS} times while this run tried to start; nothing was deployed`,
    'run the job again; give the release jobs `concurrency: { group: release-<service>, cancel-in-progress: false }` so the runs of one service queue',
  );
}

/** The service, claimed: the release's first record is written. */
export interface ReleaseClaim {
  state: ServiceState;
  record: AuditRecord;
  writer: RecordWriter;
  version: string;
  /** Why the version is not the proposal ('' when it is). */
  versionNote: string;
  /** How the release started, for the log and the summary. */
  start: string;
  /** An interrupted release of this very version and commit goes on where it stopped. */
  resumed: boolean;
}

/** Decide the version (the proposal, or the next free one when another build holds it) and where to
 * start, and claim the service; or the result that ends the run here (already live, or a record left
 * open whose settling ended it). */
export async function claimRelease(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  proposal: string,
): Promise<ReleaseClaim | { result: ReleaseResult }> {
  return untilClaimed(service.name, async () => {
    const seen = await readWhenFree(deps, request, service, proposal);
    const { state, decision, version, versionNote } = seen;
    switch (decision.action) {
      case 'already-released':
        return {
          result: nothingRunResult({
            outcome: 'already-released',
            service: service.name,
            version,
            previousVersion: state.live?.['previous-version'] ?? '',
            record: decision.record,
            message: `${versionNote ? `${versionNote}. ` : ''}${service.name} ${version} (${request.sha.slice(0, 12)}) is already live in ${request.environment}: nothing to do.`,
            start: 'already released',
          }),
        };
      case 'already-paused':
        deps.log.info(`${service.name} ${version}: this release is paused already; nothing is deployed.`);
        return { result: pausedResult(decision.record, service, 'already paused') };
      case 'refuse':
        throw new UserError(`${service.name}: ${decision.message}`, decision.fix);
      case 'settle': {
        const ended = await settleLeftRecord(deps, request, service, {
          record: decision.record,
          path: state.latestPath!,
          live: state.live,
          settlement: decision.settlement,
        });
        return ended ? { result: ended } : null;
      }
      case 'start':
      case 'resume':
        return writeFirstRecord(deps, request, service, { ...seen, decision });
    }
  });
}

interface Seen {
  state: ServiceState;
  decision: Exclude<StartDecision, { action: 'wait' }>;
  version: string;
  versionNote: string;
}

/** Read the log and decide; while a live run holds the service, wait for it (bounded by the service's
 * timeout) and read again. */
async function readWhenFree(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  proposal: string,
): Promise<Seen> {
  const waitUntil = deps.clock.now().getTime() + service.timeoutMs;
  let told = '';
  for (;;) {
    const tree = await deps.audit.snapshot();
    const state = await readServiceState(tree, request.environment, service.name);
    const { version, note } = await chooseVersion(deps, {
      config: request.config,
      service: service.name,
      proposal,
      sha: request.sha,
      byHand: request.versionByHand ?? false,
      tree,
    });
    if (note && note !== told) deps.log.warning(`${service.name}: ${(told = note)}.`);
    const decision = await decide(deps, request, service, version, state);
    if (decision.action !== 'wait') return { state, decision, version, versionNote: note };
    await waitForOtherRun(deps, request, service, decision.record, waitUntil);
  }
}

async function waitForOtherRun(
  deps: ReleaseDeps,
  request: Pick<ReleaseRequest, 'signal'>,
  service: ServiceConfig,
  other: AuditRecord,
  until: number,
): Promise<void> {
  if (deps.clock.now().getTime() >= until) {
    throw new UserError(
      `${service.name}: another run (${owningRun(other).runUrl || owningRun(other).runId}) is releasing ${other.version} and did not finish within ${formatDuration(service.timeoutMs)}`,
      'let it finish and re-run this job; give the release job `concurrency: { group: release-<service>, cancel-in-progress: false }` so runs queue',
    );
  }
  deps.log.info(
    `${service.name}: waiting for run ${owningRun(other).runId} (record ${other.id}, ${other.version}) to finish…`,
  );
  await deps.clock.sleep(
    deps.pollMs ?? Math.min(10_000, Math.max(1_000, service.timeoutMs / 10)),
    request.signal,
  );
  if (request.signal?.aborted)
    throw new UserError(`${service.name}: cancelled while waiting for another run`, 're-run the job');
}

/** The first record of a new release, or the heartbeat of the interrupted one it resumes, written in the
 * compare-and-swap that claims the service (and the version); null when another run wrote first. The
 * release tags must agree with the log before anything is written (a rewritten branch). */
async function writeFirstRecord(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  seen: Seen & { decision: Extract<StartDecision, { action: 'start' | 'resume' }> },
): Promise<ReleaseClaim | null> {
  const { state, decision, version, versionNote } = seen;
  await assertTagAgreesWithLog(deps.git, state, {
    ...request,
    service: service.name,
    version,
    ref: request.run.ref,
  });
  const writer = new RecordWriter(deps.audit, state.latestPath, {
    claimVersion: request.config.versioning === 'conventional',
  });
  const resumed = decision.action === 'resume';
  const record = resumed
    ? heartbeat(decision.record, recordTime(deps.clock))
    : newRecord({
        id: recordId(request.run, deps.randomId()),
        kind: 'release',
        service: service.name,
        environment: request.environment,
        version,
        previousVersion: state.live?.version ?? '',
        sha: request.sha,
        run: request.run,
        now: recordTime(deps.clock),
      });
  const how = resumed ? `resuming the interrupted release ${record.id}` : decision.why;
  const start = versionNote ? `${how}; ${versionNote}` : how;
  if (!(await writer.claim(record))) return null;
  return { state, record, writer, version, versionNote, start, resumed };
}

async function decide(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  version: string,
  state: ServiceState,
): Promise<StartDecision> {
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
  const owner = owningRun(record).runId;
  const runActive = deps.runStatus && owner !== run.runId ? await deps.runStatus(owner) : null;
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
