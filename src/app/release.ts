/** The `release` use case: one service, one version, through its stages, with a health gate in each,
 * one automatic rollback when a stage fails, and an audit record written before the first deploy and
 * after every stage. Read top-down: check the request, claim the service (claim.ts), open the GitHub
 * deployment (deployments.ts), roll out the stages (rollout.ts), then mark it released and tag it. */
import { commandEnvironment } from '../core/command-env.js';
import { decideStart, rollbackAction } from '../core/decide.js';
import { ChangeDetector } from '../core/detect.js';
import { formatDuration } from '../core/duration.js';
import type { Git } from '../core/ports.js';
import { isPaused, type AuditRecord, type LivePointer } from '../core/record.js';
import type { CommitInfo, Config, ServiceConfig } from '../core/types.js';
import { formatTag } from '../core/versions.js';
import { readServiceState } from './audit-log.js';
import { claimRelease } from './claim.js';
import { openDeployment } from './deployments.js';
import { findService, releaseVersion, type ReleaseDeps, type ReleaseRequest } from './release-request.js';
import { nothingRunResult, resultOf, type ReleaseResult } from './release-result.js';
import { Rollout } from './rollout.js';
import { describeWait, waitForProviders } from './wait-for-providers.js';

// The names main.ts and the CLI use for a release's inputs and its result.
export type { ReleaseDeps, ReleaseRequest } from './release-request.js';
export type { PendingRollback, ReleaseResult } from './release-result.js';

export async function runRelease(deps: ReleaseDeps, request: ReleaseRequest): Promise<ReleaseResult> {
  const service = findService(request.config, request.service);
  const proposal = releaseVersion(request.config, request.version, request.sha);
  if (request.dryRun) return dryRun(deps, request, service, proposal);
  const waited = await waitForProviders(deps, request, service, proposal);
  if (waited) return waited;

  const claim = await claimRelease(deps, request, service, proposal);
  if ('result' in claim) return claim.result;
  const { record, version, start } = claim;
  const live = claim.state.live;
  deps.log.info(`${service.name} ${version}: ${start} (record ${record.id}).`);
  const deployment = await openDeployment(deps, request, service, claim.writer, record, {
    sha: request.sha,
    version,
    description: `${service.name} ${version}`,
  });

  const rollout = new Rollout(
    { deps, request, service, live, start, deployment, writer: claim.writer },
    record,
  );
  const stopped = await rollout.stages(claim.resumed);
  if (stopped) return stopped;
  const released = await rollout.released();
  await pushReleaseTag(deps, request.config, released);
  const undeployed = await undeployedCommits(deps.git, request.config, service.name, live, request.sha);
  if (undeployed.length > 0) {
    deps.log.info(
      `This release also ships ${undeployed.length} commit(s) never deployed on their own: ${undeployed.map((c) => c.sha.slice(0, 12)).join(', ')}`,
    );
  }
  const note = claim.versionNote ? `${claim.versionNote}. ` : '';
  return rollout.report(
    resultOf(released, {
      undeployed,
      outcome: 'released',
      message: `${note}${service.name} ${version} released to ${request.environment} (${service.stages.length} stage(s)).`,
      start,
    }),
  );
}

/** With `conventional` versioning the tag marks the released commit, so tags and the audit log agree. A
 * failure here is a warning: the release itself is done and recorded. A tag on another commit is never
 * moved: it was pushed by hand while this release ran (the version was free when it was claimed), and
 * the error says which build the audit log gives that version to. */
export async function pushReleaseTag(deps: ReleaseDeps, config: Config, record: AuditRecord): Promise<void> {
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

/** What a release would run, printed; nothing is run or written. */
async function dryRun(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  version: string,
): Promise<ReleaseResult> {
  const state = await readServiceState(await deps.audit.snapshot(), request.environment, service.name);
  const previous = state.live?.version ?? '';
  if (state.latest && isPaused(state.latest)) {
    const paused = decideStart({
      latest: state.latest,
      latestOwnership: null,
      live: state.live,
      liveIsNewer: false,
      version,
      sha: request.sha,
    });
    if (paused.action === 'refuse')
      deps.log.warning(
        `${service.name}: a release now would stop before any deploy: ${paused.message}. ${paused.fix}.`,
      );
  }
  deps.log.info(
    `Dry run: ${service.name} ${version} to ${request.environment} (live now: ${previous || 'nothing recorded'}). Nothing is run or written.`,
  );
  for (const line of await describeWait(deps, request, service)) deps.log.info(line);
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
    if (stage.pause)
      deps.log.info(
        `  then pause: the release ends \`paused\` here, holding ${service.name} with no runner, until \`command: promote\` (or \`abort\`)`,
      );
  }
  const action = rollbackAction(service, previous || null, version);
  deps.log.info(
    `  on failure: ${action.command} with RELEASE_VERSION=${action.version} RELEASE_PERCENT=${action.percent}`,
  );
  return nothingRunResult({
    outcome: 'dry-run',
    service: service.name,
    version,
    previousVersion: previous,
    message: `Dry run of ${service.name} ${version}: nothing was run or written.`,
    start: 'dry run',
  });
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
