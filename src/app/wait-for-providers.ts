/** The wait before a release claims its service: a service that is `after` others starts only once each
 * of them that has something to release at this commit is live at this commit or a later one. It waits
 * through the audit log (a fetch every 10 to 20 s), takes no lease and writes nothing while it waits, and
 * ends `blocked` — nothing deployed, the service still pending for the next plan — when one of them
 * failed at this commit or `wait` runs out.
 *
 * Which providers it waits for is worked out here, from the config and the audit log, not passed in:
 * a provider is waited for when it is *pending* at this commit, i.e. what is live of it is older than this
 * commit and its files (or a `depends-on` of it) changed since, which is the rule by which a plan of this
 * commit would list it (plan-since-release.ts). That holds for a re-run, a `workflow_dispatch` or the
 * CLI as well as for a matrix job, and a provider that is live already never holds a release up. */
import { ChangeDetector } from '../core/detect.js';
import { formatDuration, parseDuration } from '../core/duration.js';
import { InputError } from '../core/errors.js';
import type { AuditTree, Git } from '../core/ports.js';
import type { AuditRecord, LivePointer } from '../core/record.js';
import { afterGraph, afterPath, providersOf } from '../core/release-order.js';
import { DEFAULTS } from '../core/config/schema.js';
import type { ServiceConfig } from '../core/types.js';
import { readServiceState } from './audit-log.js';
import type { ReleaseDeps, ReleaseRequest } from './release-request.js';
import { nothingRunResult, type ReleaseResult } from './release-result.js';

/** A provider's release at this commit that ended one of these will not be live there: its consumers
 * are blocked. (`paused` is not here: a paused provider is not live yet, and may be promoted.) */
const FAILED_OUTCOMES: ReadonlySet<string> = new Set([
  'rolled-back',
  'rollback-failed',
  'failed',
  'cancelled',
  'blocked',
]);

/** The first look again after this long, then a little longer each time up to twice it: a few fetches a
 * minute, whatever the length of the wait. */
const FIRST_POLL_MS = 10_000;
const POLL_GROWTH = 1.25;

/** Tests wait in milliseconds rather than seconds: `MONOREPO_RELEASE_WAIT_POLL=200ms`. */
export const WAIT_POLL_ENV = 'MONOREPO_RELEASE_WAIT_POLL';

type ProviderState =
  { state: 'live' } | { state: 'failed'; record: AuditRecord } | { state: 'waiting'; what: string };

/** Waits for the providers; null when the release may go on, else the result that ends it (blocked, or
 * cancelled while it waited). */
export async function waitForProviders(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
  version: string,
): Promise<ReleaseResult | null> {
  const providers = providersOf(afterGraph(request.config.services), service.name);
  if (providers.length === 0) return null;
  const tree = await deps.audit.snapshot();
  const own = await readServiceState(tree, request.environment, service.name);
  // Already live here (a re-run): the claim says so; nothing to wait for.
  if (own.live && (await isAtOrAfter(deps.git, request.sha, own.live))) return null;
  const pending = await pendingProviders(deps, request, providers, tree);
  const end = (outcome: 'blocked' | 'cancelled', message: string): ReleaseResult =>
    nothingRunResult({
      outcome,
      service: service.name,
      version,
      previousVersion: own.live?.version ?? '',
      message,
      start: `waiting for ${pending.join(', ')}`,
    });
  if (pending.length === 0) {
    deps.log.info(
      `${service.name} is after ${providers.join(', ')}: none has changes to release at ${short(request.sha)}; starting.`,
    );
    return null;
  }
  return new ProviderWait(deps, request, service, pending, end).run(tree);
}

/** The providers that a plan of this commit would release: their live release is older than this commit
 * and they changed since (a live release on another line of history counts as pending: it cannot be
 * compared). One diff per distinct live commit. */
async function pendingProviders(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  providers: readonly string[],
  tree: AuditTree,
): Promise<string[]> {
  const detector = new ChangeDetector(request.config);
  const changedSince = new Map<string, Promise<Set<string>>>();
  const pending: string[] = [];
  for (const provider of providers) {
    const { live } = await readServiceState(tree, request.environment, provider);
    if (live && (await isAtOrAfter(deps.git, request.sha, live))) continue;
    // Never released here, or released on another line of history: it must go live here first.
    if (!live || !(await deps.git.isAncestor(live.sha, request.sha))) {
      pending.push(provider);
      continue;
    }
    if (!changedSince.has(live.sha)) {
      changedSince.set(
        live.sha,
        deps.git.changedFiles(live.sha, request.sha).then((files) => new Set(detector.changes(files).keys())),
      );
    }
    if ((await changedSince.get(live.sha)!).has(provider)) pending.push(provider);
  }
  return pending;
}

class ProviderWait {
  private readonly deadline: number;
  private pollMs: number;
  private told = '';

  constructor(
    private readonly deps: ReleaseDeps,
    private readonly request: ReleaseRequest,
    private readonly service: ServiceConfig,
    private readonly pending: string[],
    private readonly end: (outcome: 'blocked' | 'cancelled', message: string) => ReleaseResult,
  ) {
    this.deadline = deps.clock.now().getTime() + this.waitMs;
    this.pollMs = firstPollMs(deps.env);
  }

  private get waitMs(): number {
    return this.service.waitMs ?? DEFAULTS.waitMs;
  }

  async run(first: AuditTree): Promise<ReleaseResult | null> {
    const { deps, request, service } = this;
    const started = deps.clock.now().getTime();
    let tree = first;
    let waiting = [...this.pending];
    for (;;) {
      const states = await Promise.all(waiting.map((p) => this.providerState(tree, p)));
      const failed = states.findIndex((s) => s.state === 'failed');
      if (failed >= 0)
        return this.blockedByFailure(waiting[failed]!, states[failed] as { record: AuditRecord });
      const still = waiting.filter((_, i) => states[i]!.state === 'waiting');
      if (still.length === 0) {
        deps.log.info(
          `${service.name}: ${this.pending.join(', ')} live at ${short(request.sha)} or later after ${formatDuration(deps.clock.now().getTime() - started)} of waiting; starting.`,
        );
        return null;
      }
      this.tell(states);
      const left = this.deadline - deps.clock.now().getTime();
      if (left <= 0) return this.blockedByTime(still, states);
      await deps.clock.sleep(Math.min(this.pollMs, left), request.signal);
      const next = request.signal?.aborted ? null : await this.lookAgain();
      if (next === null) return this.cancelled(still);
      this.pollMs = Math.min(this.pollMs * POLL_GROWTH, 2 * firstPollMs(deps.env));
      waiting = still;
      tree = next;
    }
  }

  /** The audit log fetched again; null when a cancel stopped the fetch. */
  private async lookAgain(): Promise<AuditTree | null> {
    try {
      return await this.deps.audit.snapshot();
    } catch (error) {
      if (this.request.signal?.aborted) return null;
      throw error;
    }
  }

  private cancelled(still: string[]): ReleaseResult {
    return this.end(
      'cancelled',
      `${this.service.name}: cancelled while waiting for ${still.join(', ')}; nothing was deployed and no lease was taken.`,
    );
  }

  /** Live at this commit or a later one; failed at this commit; or not yet, and what it is doing. */
  private async providerState(tree: AuditTree, provider: string): Promise<ProviderState> {
    const { live, latest } = await readServiceState(tree, this.request.environment, provider);
    if (live && (await isAtOrAfter(this.deps.git, this.request.sha, live))) return { state: 'live' };
    if (latest && this.failedHere(latest)) return { state: 'failed', record: latest };
    return { state: 'waiting', what: `${provider}: ${describeRelease(latest, this.request.sha)}` };
  }

  /** A release of this commit that ended without going live. One of an earlier attempt of this very run
   * does not count: "re-run failed jobs" re-runs the provider too, alongside this job. */
  private failedHere(record: AuditRecord): boolean {
    const { run, sha } = this.request;
    if (record.sha !== sha || !record.outcome || !FAILED_OUTCOMES.has(record.outcome)) return false;
    return !(record['run-id'] === run.runId && record['run-attempt'] < run.runAttempt);
  }

  /** One line each time what it waits for changes, not one per look. */
  private tell(states: ProviderState[]): void {
    const line = `${this.service.name}: waiting for ${whatEachDoes(states)} (up to ${formatDuration(this.waitMs)})…`;
    if (line !== this.told) this.deps.log.info((this.told = line));
  }

  private blockedByFailure(provider: string, { record }: { record: AuditRecord }): ReleaseResult {
    const { service, request } = this;
    // `c` after `b` after `a`: "after b, which is after a, whose release…".
    const way = afterPath(afterGraph(request.config.services), service.name, provider).slice(1);
    return this.end(
      'blocked',
      `${service.name} is blocked: it is released after ${way.join(', which is after ')}, whose release ${record.version} at ${short(request.sha)} ended ${record.outcome} (record ${record.id}). Nothing was deployed; ${service.name} stays pending, so the next plan releases it again once ${provider} is fixed.`,
    );
  }

  private blockedByTime(still: string[], states: ProviderState[]): ReleaseResult {
    const { service, request } = this;
    return this.end(
      'blocked',
      `${service.name} is blocked: ${still.join(', ')} ${still.length > 1 ? 'are' : 'is'} still not live at ${short(request.sha)} after ${formatDuration(this.waitMs)} of waiting (${whatEachDoes(states)}). Nothing was deployed; ${service.name} stays pending, so the next plan releases it again. Raise "wait" in the config if its releases take longer.`,
    );
  }
}

function whatEachDoes(states: ProviderState[]): string {
  return states.flatMap((s) => (s.state === 'waiting' ? [s.what] : [])).join('; ');
}

/** What a provider's newest record says it is doing, as seen from a release of `sha`. */
function describeRelease(latest: AuditRecord | null, sha: string): string {
  if (!latest || latest.sha !== sha) return `its release of ${short(sha)} has not started`;
  if (latest.outcome) return `its release ${latest.version} is ${latest.outcome}`;
  const stage = latest.stages[latest.stages.length - 1];
  return `releasing ${latest.version}${stage ? `, stage ${stage.name} ${stage.percent} %` : ''}`;
}

/** The live release is this commit or a descendant of it. A live commit this checkout does not have (pushed
 * after it was made, and released first) is fetched, so it is not taken for an unrelated one. */
async function isAtOrAfter(git: Git, sha: string, live: LivePointer): Promise<boolean> {
  if (live.sha === sha || (await git.isAncestor(sha, live.sha))) return true;
  if ((await git.resolveCommit(live.sha)) !== null) return false;
  await git.fetch({ refspecs: [live.sha] });
  return git.isAncestor(sha, live.sha);
}

/** The first poll interval: 10 s, or MONOREPO_RELEASE_WAIT_POLL (a duration, for tests). */
function firstPollMs(env: Record<string, string | undefined>): number {
  const text = env[WAIT_POLL_ENV];
  if (!text) return FIRST_POLL_MS;
  const ms = parseDuration(text);
  if (ms === null)
    throw new InputError(
      `${WAIT_POLL_ENV} is "${text}", not a duration`,
      `set it to a duration like 15s or 200ms, or unset it (default ${formatDuration(FIRST_POLL_MS)})`,
    );
  return ms;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

/** For a dry run: whom a release would wait for, and the state each is in now. */
export async function describeWait(
  deps: ReleaseDeps,
  request: ReleaseRequest,
  service: ServiceConfig,
): Promise<string[]> {
  const providers = providersOf(afterGraph(request.config.services), service.name);
  if (providers.length === 0) return [];
  const tree = await deps.audit.snapshot();
  const pending = await pendingProviders(deps, request, providers, tree);
  const waitMs = formatDuration(service.waitMs ?? DEFAULTS.waitMs);
  if (pending.length === 0)
    return [`  after ${providers.join(', ')}: none has changes to release at ${short(request.sha)}; no wait`];
  const lines = [
    `  first waits (up to ${waitMs}) until each is live at ${short(request.sha)} or later: ${pending.join(', ')}`,
  ];
  for (const provider of pending) {
    const { live, latest } = await readServiceState(tree, request.environment, provider);
    lines.push(
      `    ${provider}: live ${live ? `${live.version} at ${short(live.sha)}` : 'nothing'}; ${describeRelease(latest, request.sha)}`,
    );
  }
  return lines;
}
