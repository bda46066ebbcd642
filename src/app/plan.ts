/** The `plan` use case: which services changed in the range, at which next version, and why. */
import { ChangeDetector, formatReason } from '../core/detect.js';
import { parseNameStatusZ } from '../core/diff.js';
import { InputError, UserError } from '../core/errors.js';
import { describeEvent, type RangeRequest } from '../core/event.js';
import { parentOf } from '../core/glob.js';
import type { Plan, PlannedService } from '../core/plan.js';
import type { AuditStore, AuditTree, ConfigSource, Git, GitObject, Logger } from '../core/ports.js';
import { livePointerPath, type LivePointer } from '../core/record.js';
import { readJson } from './audit-log.js';
import type { CommitInfo, Config, Detection, ServiceConfig } from '../core/types.js';
import {
  commitsSinceEach,
  lastRelease,
  latestReleases,
  nextVersion,
  plannedVersion,
  parseTag,
  shaVersion,
} from '../core/versions.js';
import { loadConfig, MAX_LISTED_DIRECTORIES, readingConfig, resolveEnvironment } from './config.js';
import { DEFAULTS } from '../core/config.js';
import { resolveRange, type Range } from './range.js';
import { semver } from '../core/semver.js';

export interface PlanDeps {
  git: Git;
  log: Logger;
  /** The audit log: each service is compared with its own last successful release. */
  audit?: AuditStore;
}

/** The range, and its diff and the tags already under way, when they could be found before the config was
 * read; and what is live, under way once the config named the audit branch. */
export interface EarlyRange {
  range: Range;
  diff: Promise<string> | null;
  tags: Promise<Array<{ name: string; sha: string }>>;
  live?: Promise<Map<string, LivePointer>>;
}

export interface PlanRequest {
  config: Config;
  event: RangeRequest;
  early?: EarlyRange | null;
  /** The environment whose releases count (its live pointers). */
  environment: string;
  base?: string;
  head?: string;
}

export interface PlanResult {
  plan: Plan;
  /** Every changed file of the range (empty for a tag push or an "everything" plan). */
  changedFiles: string[];
}

export async function runPlan(deps: PlanDeps, request: PlanRequest): Promise<PlanResult> {
  const { config } = request;
  const range =
    request.early?.range ??
    (await resolveRange(deps, request.event, { base: request.base, head: request.head }));
  // Debug only: the plan itself shows the range (the table, the job summary, the `plan` output), once.
  deps.log.debug(
    `Range: ${range.kind === 'diff' ? `${range.base}..${range.head}` : range.head} (${range.why})`,
  );
  const detector = new ChangeDetector(config);
  // The diff, the audit log (a fetch from origin) and the tags do not depend on each other.
  const early = request.early;
  const livePromise =
    range.kind === 'tag'
      ? new Map<string, LivePointer>()
      : (early?.live ?? livePointers(deps.log, config, request.environment, deps.audit?.snapshot()));
  const tagsPromise = early?.tags ?? deps.git.tags();
  const [detected, live, tags] = await Promise.all([
    detect(deps.git, config, detector, range, early?.diff ?? null),
    livePromise,
    tagsPromise,
  ]);
  const { files } = detected;
  let detections = detected.detections;
  const releases = { live, tags: latestReleases(config.tag, tags), all: tags };
  const logs = startVersionLogs(deps.git, config, range, releases, detections.keys());
  const since = new Map<string, LivePointer>();
  if (live.size > 0 && !request.base) {
    detections = await detectSinceReleases(deps, detector, range.head, live, detections, since);
  }
  const versions = await versionsFor(deps, config, detector, range, [...detections.keys()], releases, logs);
  const planned = (service: ServiceConfig): PlannedService => {
    const detection = detections.get(service.name)!;
    const version = versions.get(service.name) ?? { version: '', previous: '' };
    const released = since.get(service.name);
    return {
      service: service.name,
      version: version.version,
      previousVersion: live.get(service.name)?.version ?? version.previous,
      kind: detection.kind,
      chain: detection.chain,
      reason: formatReason(detection) + (released ? ` (since release ${released.version})` : ''),
    };
  };
  const changed = config.services.filter((s) => detections.has(s.name));
  return {
    plan: {
      range: {
        kind: range.kind,
        base: range.kind === 'diff' ? range.base : null,
        head: range.head,
        why: range.why,
      },
      changedFiles: files.length,
      services: changed.filter((s) => s.deploy !== false).map(planned),
      libraries: changed.filter((s) => s.deploy === false).map(planned),
    },
    changedFiles: files,
  };
}

/** What is live per service, from the audit log (a snapshot of it, when there is one); empty (with a
 * warning) when it cannot be read, so a plan still works, from the event's range. */
async function livePointers(
  log: Logger,
  config: Config,
  environment: string,
  snapshot: Promise<AuditTree> | undefined,
): Promise<Map<string, LivePointer>> {
  const live = new Map<string, LivePointer>();
  if (!snapshot) return live;
  try {
    const tree = await snapshot;
    if (tree.head === null) return live;
    // Asked for together, so the store can read them in one go.
    const services = config.services.filter((s) => s.deploy !== false).map((s) => s.name);
    const pointers = await Promise.all(
      services.map((service) => readJson<LivePointer>(tree, livePointerPath(environment, service))),
    );
    pointers.forEach((pointer, i) => {
      if (pointer) live.set(services[i]!, pointer);
    });
  } catch (error) {
    const fix =
      error instanceof UserError
        ? ` Fix: ${error.fix}; or give the range's base (the \`base\` input; \`--base\` on the command line).`
        : '';
    log.warning(
      `could not read the audit branch ${config.audit.branch} (${(error as Error).message}); each service is compared over the event's range instead of since its last release.${fix}`,
    );
  }
  return live;
}

/** Release commits whose diffs against head one git process computes. */
const DIFFS_PER_BATCH = 64;
/** git matches each entry it walks against every pathspec (2,000 made `ls-files` take 0.7 s): a batch
 * that needs more roots than this diffs everything. */
const MAX_PATHSPECS = 256;

/** Re-detect each released service over the range since its own last successful release, so a change
 * whose release failed stays pending. Services released at the same commit share one diff. A release
 * that is not an ancestor of head (another branch, rewritten history) keeps the event's range. */
async function detectSinceReleases(
  deps: PlanDeps,
  detector: ChangeDetector,
  head: string,
  live: Map<string, LivePointer>,
  eventDetections: Map<string, Detection>,
  since: Map<string, LivePointer>,
): Promise<Map<string, Detection>> {
  const detections = new Map(eventDetections);
  const byBase = new Map<string, string[]>();
  for (const [service, pointer] of live) {
    const services = byBase.get(pointer.sha);
    if (services) services.push(service);
    else byBase.set(pointer.sha, [service]);
  }
  // Services are released at many commits over time: ancestry is asked once, and diffs a batch at a time
  // (each is as long as the history since its release, so a batch bounds the memory they take).
  const ancestry = deps.git.ancestorsAmong(
    [...byBase.keys()].filter((base) => base !== head),
    head,
  );
  ancestry.catch(() => undefined); // awaited below
  const rootsOf = (services: Iterable<string>) => detector.releasingRoots(services);
  type Entries = Array<[string, string[]]>;
  /** The diffs of the batch's releases, of those that are ancestors of head when `ancestors` is known. */
  const diffsOf = (batch: Entries, ancestors: ReadonlySet<string> | null): Promise<Map<string, string>> => {
    // Limited to the paths that can release the batch's services: the diff from an old release is as
    // long as all the history since, but only these files can change the answer.
    const roots = rootsOf(batch.flatMap(([, services]) => services));
    const diffs = deps.git.diffsToHead(
      batch.map(([base]) => base).filter((base) => base !== head && (ancestors?.has(base) ?? true)),
      head,
      roots && roots.length <= MAX_PATHSPECS ? roots : undefined,
    );
    diffs.catch(() => undefined); // awaited below; a failure surfaces there
    return diffs;
  };
  let entries: Entries = [...byBase];
  // A few release commits, one batch: diffed while ancestry is asked, as releases are nearly always
  // ancestors of head. A non-ancestor's diff is dropped below; when git cannot diff one at all (a release
  // it does not have), the batch is diffed again without the non-ancestors.
  const single = entries.length > 0 && entries.length <= DIFFS_PER_BATCH ? entries : null;
  const early = single && diffsOf(single, null);
  const ancestors = await ancestry;
  // What changed since its release decides, whichever way it was found.
  const settle = (service: string, detection: Detection | null | undefined): void => {
    if (detection) {
      detections.set(service, detection);
      since.set(service, live.get(service)!);
    } else detections.delete(service);
  };
  if (entries.length > DIFFS_PER_BATCH) {
    const released = entries.filter(([base]) => ancestors.has(base));
    const compared = await compareSinceRelease(deps.git, detector, rootsOf, head, released);
    compared.forEach((detection, service) => settle(service, detection));
    entries = entries
      .map(([base, services]): [string, string[]] => [base, services.filter((s) => !compared.has(s))])
      .filter(([, services]) => services.length > 0);
  }
  const batches: Entries[] = [];
  for (let start = 0; start < entries.length; start += DIFFS_PER_BATCH) {
    batches.push(entries.slice(start, start + DIFFS_PER_BATCH));
  }
  // git computes the next batch while this process reads the current one: two cores, both busy.
  let next =
    early && single
      ? early.catch(() => diffsOf(single, ancestors))
      : batches.length > 0
        ? diffsOf(batches[0]!, ancestors)
        : null;
  for (let b = 0; b < batches.length; b++) {
    const diffs = await next!;
    next = b + 1 < batches.length ? diffsOf(batches[b + 1]!, ancestors) : null;
    for (const [base, services] of batches[b]!) {
      const diff = diffs.get(base);
      if (base !== head && (diff === undefined || !ancestors.has(base))) {
        deps.log.info(
          `${services.join(', ')}: the live release ${base.slice(0, 12)} is not an ancestor of ${head.slice(0, 12)}; using the event's range`,
        );
        continue;
      }
      const found =
        diff === undefined ? new Map<string, Detection>() : detector.changes(parseNameStatusZ(diff));
      for (const service of services) settle(service, found.get(service));
    }
  }
  return detections;
}

/** Since-release detection by object, for many release commits: the objects at the paths that can
 * release each service (releasingRoots) are looked up at its release and at head, all in one git process;
 * equal objects mean nothing there changed, and the trees that differ are diffed against each other, all
 * in one more. Diffing each release commit against head took one `diff-tree` per 64 releases, each listing
 * the changes of every service of its batch: seconds, for 2,000 services released at 2,000 commits.
 * Returns the services it could tell about (null: nothing since its release); any other (a pattern with
 * no literal base, a path missing on either side or not a tree on both) is left to the commit diff. */
async function compareSinceRelease(
  git: Git,
  detector: ChangeDetector,
  rootsOf: (services: Iterable<string>) => string[] | null,
  head: string,
  released: ReadonlyArray<[string, string[]]>,
): Promise<Map<string, Detection | null>> {
  const questions: Array<{ service: string; base: string; roots: string[] }> = [];
  for (const [base, services] of released) {
    for (const service of services) {
      const roots = rootsOf([service]);
      if (roots !== null && roots.length > 0) questions.push({ service, base, roots });
    }
  }
  const result = new Map<string, Detection | null>();
  if (questions.length === 0) return result;
  // At release, each root is looked up by path; at head, the roots' directories are listed, while those
  // lookups run: looking a root up re-reads its whole directory (2,000 lookups in `services`: ~0.2 s).
  const lookups: Array<{ commit: string; path: string }> = [];
  const asked = new Map<string, number>();
  const lookUp = (commit: string, path: string): number => {
    const key = `${commit}:${path}`;
    let at = asked.get(key);
    if (at === undefined) {
      asked.set(key, (at = lookups.length));
      lookups.push({ commit, path });
    }
    return at;
  };
  const thenAt = questions.map(({ base, roots }) => roots.map((root) => lookUp(base, root)));
  const [listed, objects] = await Promise.all([
    objectsListedAt(
      git,
      head,
      questions.flatMap(({ roots }) => roots),
    ),
    git.objectsAt(lookups),
  ]);
  // A root the listing does not show (gone at head, say) is looked up too.
  const unlisted = [...new Set(questions.flatMap(({ roots }) => roots.filter((root) => !listed.has(root))))];
  const found = await git.objectsAt(unlisted.map((path) => ({ commit: head, path })));
  unlisted.forEach((root, i) => listed.set(root, found[i] ?? null));
  // Per service, the subtrees to diff; a service with any other kind of difference is not answered.
  const pairs: Array<{ from: string; to: string }> = [];
  const pairAt = new Map<string, number>();
  const toDiff: Array<{ service: string; diffs: Array<{ root: string; pair: number }> }> = [];
  for (let q = 0; q < questions.length; q++) {
    const { service, roots } = questions[q]!;
    const diffs: Array<{ root: string; pair: number }> = [];
    let told = true;
    for (let r = 0; r < roots.length; r++) {
      const root = roots[r]!;
      const before = objects[thenAt[q]![r]!];
      const after = listed.get(root);
      if (before && after && before.object === after.object) continue;
      if (before?.type !== 'tree' || after?.type !== 'tree') {
        told = false;
        break;
      }
      const key = `${before.object} ${after.object}`;
      let pair = pairAt.get(key);
      if (pair === undefined) {
        pairAt.set(key, (pair = pairs.length));
        pairs.push({ from: before.object, to: after.object });
      }
      diffs.push({ root, pair });
    }
    if (!told) continue;
    if (diffs.length === 0) result.set(service, null);
    else toDiff.push({ service, diffs });
  }
  const outputs = await git.diffTrees(pairs);
  for (const { service, diffs } of toDiff) {
    const files = diffs.flatMap(({ root, pair }) =>
      parseNameStatusZ(outputs[pair]!).map((path) => `${root}/${path}`),
    );
    result.set(service, detector.changes(files).get(service) ?? null);
  }
  return result;
}

async function detect(
  git: Git,
  config: Config,
  detector: ChangeDetector,
  range: Range,
  diff: Promise<string> | null,
): Promise<{ detections: Map<string, Detection>; files: string[] }> {
  if (range.kind === 'tag') {
    const service = config.services.find((s) => s.name === range.service);
    if (!service || service.deploy === false) {
      throw new InputError(
        `the tag ${range.tag} names the service "${range.service}", which ${service ? 'is a library (deploy: false)' : 'is not in the config'}`,
        `push a tag for one of: ${config.services
          .filter((s) => s.deploy !== false)
          .map((s) => s.name)
          .join(', ')}`,
      );
    }
    return {
      detections: new Map([[service.name, { kind: 'tag', chain: [service.name, range.tag], files: 0 }]]),
      files: [],
    };
  }
  if (range.kind === 'all') {
    const all = new Map<string, Detection>();
    for (const s of config.services) all.set(s.name, { kind: 'all', chain: [s.name, range.why], files: 0 });
    return { detections: all, files: [] };
  }
  const files = parseNameStatusZ(await (diff ?? git.diffNameStatus(range.base, range.head)));
  return { detections: detector.changes(files), files };
}

interface ServiceVersion {
  version: string;
  previous: string;
}

/** Next and previous version of each changed service. With `conventional`, commits since a service's last
 * tag are read once per distinct tag commit, so many services tagged together cost one `git log`. */
async function versionsFor(
  { git, log }: PlanDeps,
  config: Config,
  detector: ChangeDetector,
  range: Range,
  services: string[],
  releases: Releases,
  started: VersionLogs,
): Promise<Map<string, ServiceVersion>> {
  const result = new Map<string, ServiceVersion>();
  if (config.versioning === 'sha') {
    for (const service of services) {
      result.set(service, {
        version: shaVersion(range.head),
        previous: releases.tags.get(service)?.version ?? '',
      });
    }
    return result;
  }
  if (range.kind === 'tag') {
    const target = range.version;
    const older = releases.all.filter((t) => {
      const parsed = parseTag(config.tag, t.name);
      return parsed?.service === range.service && semver.lt(parsed.version, target);
    });
    result.set(range.service, {
      version: target,
      previous: lastRelease(config.tag, range.service, older)?.version ?? '',
    });
    return result;
  }
  const lasts = services.map((service) => bumpedFrom(releases, service));
  const logSince = await logsSince(
    git,
    [...new Set(lasts.flatMap((last) => (last ? [last.sha] : [])))],
    range.head,
    started,
  );
  // A release commit this repository does not have (a rewritten history, or one never fetched): the
  // event's commits stand in for those since it, so the version still rises from the one released. Asked
  // once per commit, and the event's log read once, however many services were released there.
  const missing = new Map<string, Promise<boolean>>();
  let eventLog: Promise<CommitInfo[]> | undefined;
  const isMissing = (sha: string): Promise<boolean> => {
    let answer = missing.get(sha);
    if (!answer) missing.set(sha, (answer = git.resolveCommit(sha).then((found) => found === null)));
    return answer;
  };
  for (let i = 0; i < services.length; i++) {
    const service = services[i]!;
    const last = lasts[i]!;
    if (last === null) {
      result.set(service, { version: nextVersion(null, []), previous: '' });
      continue;
    }
    const commits = await logSince(last.sha).catch(async (error: unknown) => {
      if (!(await isMissing(last.sha))) throw error;
      log.info(
        `${service}: the commit of release ${last.version} (${last.sha.slice(0, 12)}) is not in this repository; its next version counts the commits of the event's range`,
      );
      return (eventLog ??= git.log(range.kind === 'diff' ? range.base : null, range.head));
    });
    const messages = commits.filter((c) => detector.touchesService(service, c)).map((c) => c.message);
    result.set(service, { version: plannedVersion(last, messages, range.head), previous: last.version });
  }
  return result;
}

/** The object at each of these paths of `commit`, from one listing of their directories; a path the
 * listing does not show is left out. */
async function objectsListedAt(
  git: Git,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, GitObject | null>> {
  const dirs = new Set(paths.map(parentOf));
  const objects = new Map<string, GitObject | null>();
  if (dirs.size > MAX_LISTED_DIRECTORIES) return objects;
  const wanted = new Set(paths);
  for (const { path, type, object } of await git.treeEntries(commit, [...dirs])) {
    if (wanted.has(path)) objects.set(path, { object, type });
  }
  return objects;
}

/** Up to this many releases get a `git log` each; more share one log of the history since their common
 * ancestor (one per release made 2,000 services released at different commits take minutes). */
const FEW_LOGS = 4;

/** What a service's next version is bumped from: its tags (newest per service) and what the audit log says
 * is live; `all` is every tag, for a tag push. */
interface Releases {
  live: ReadonlyMap<string, LivePointer>;
  tags: ReadonlyMap<string, { version: string; sha: string }>;
  all: ReadonlyArray<{ name: string; sha: string }>;
}

/** `git log <release>..head` per release commit, under way. */
type VersionLogs = ReadonlyMap<string, Promise<CommitInfo[]>>;

/** The version logs of the releases of the services the event's range changed, started before the
 * since-release diffs, so that git runs them meanwhile: the versions need them after the diffs, and
 * waiting for them then left this process idle (~30 ms of a plan of 2,000 services released together).
 * Only when they are few (FEW_LOGS): more share one log, after the diffs (logsSince). A log that no service
 * needs in the end (the diffs find its services unchanged since their release) is left unread. */
function startVersionLogs(
  git: Git,
  config: Config,
  range: Range,
  releases: Releases,
  changed: Iterable<string>,
): VersionLogs {
  const logs = new Map<string, Promise<CommitInfo[]>>();
  if (config.versioning !== 'conventional' || range.kind === 'tag') return logs;
  const sinces = new Set<string>();
  for (const service of changed) {
    const last = bumpedFrom(releases, service);
    if (last) sinces.add(last.sha);
  }
  if (sinces.size > FEW_LOGS) return logs;
  for (const since of sinces) {
    const log = git.log(since, range.head);
    log.catch(() => undefined); // read, and a failure handled, in versionsFor
    logs.set(since, log);
  }
  return logs;
}

/** `git log since..head` for each release, each read once; `started` are those already under way. */
async function logsSince(
  git: Git,
  sinces: readonly string[],
  head: string,
  started: VersionLogs,
): Promise<(since: string) => Promise<CommitInfo[]>> {
  const logs = new Map<string, Promise<CommitInfo[]>>(started);
  if (sinces.length > FEW_LOGS) {
    const ancestors = await git.ancestorsAmong(sinces, head);
    const inHistory = sinces.filter((since) => ancestors.has(since));
    const base = inHistory.length > 1 ? await git.octopusBase(inHistory) : null;
    if (base) {
      const bySince = commitsSinceEach(await git.logWithParents(base, head), inHistory);
      for (const [since, commits] of bySince) logs.set(since, Promise.resolve(commits));
    }
  }
  return (since) => {
    let log = logs.get(since);
    if (!log) logs.set(since, (log = git.log(since, head)));
    return log;
  };
}

/** The release to bump from: the last tag, or what the audit log says is live when that is newer (a tag
 * that was never pushed, or not fetched, must not make a plan propose a version that is already out). */
function bumpedFrom(releases: Releases, service: string): { version: string; sha: string } | null {
  const tag = releases.tags.get(service) ?? null;
  const live = releases.live.get(service);
  if (!live || !semver.valid(live.version)) return tag;
  if (!tag || semver.gt(live.version, tag.version)) return { version: live.version, sha: live.sha };
  return tag;
}

/** Everything `plan` does from the inputs: load the config, read the event, plan. Shared by the action
 * and the CLI. */
export async function planFromInputs(
  deps: PlanDeps & { source: ConfigSource; auditFor?: (branch: string) => AuditStore },
  inputs: {
    configPath: string;
    eventName: string;
    payload: unknown;
    base?: string;
    head?: string;
    environment?: string;
  },
): Promise<PlanResult & { config: Config }> {
  const source = readingConfig(deps.source, inputs.configPath);
  const early = await startRangeEarly(deps, inputs);
  // An explicit base is the whole range: the audit log (what is live) is not read, and origin not asked.
  const auditFor = inputs.base ? undefined : deps.auditFor;
  // The audit log is fetched from origin (over the network, in a workflow) while the config is read: from
  // the default branch, which nearly every config keeps. A config that names another fetches that one.
  const guess = early && auditFor ? fetchAudit(auditFor(DEFAULTS.auditBranch)) : null;
  let audit: AuditStore | undefined;
  const config = await loadConfig({ log: deps.log, source }, inputs.configPath, {
    whenParsed: (parsed) => {
      const fetched = parsed.audit.branch === DEFAULTS.auditBranch ? guess : null;
      audit = fetched?.store ?? auditFor?.(parsed.audit.branch);
      const environment = validEnvironment(parsed, inputs.environment);
      if (early && audit && environment) {
        const snapshot = fetched?.snapshot ?? audit.snapshot();
        early.live = livePointers(deps.log, parsed, environment, snapshot);
      }
    },
  });
  const event = describeEvent(inputs.eventName, inputs.payload, config.tag);
  const result = await runPlan(
    { ...deps, audit },
    {
      config,
      event,
      early,
      base: inputs.base,
      head: inputs.head,
      environment: resolveEnvironment(config, inputs.environment),
    },
  );
  return { ...result, config };
}

/** Only a tag push needs the config (its tag format) to know its range; any other range is resolved, and
 * its diff started, before the config is parsed, so git computes a large diff while the config is read. */
async function startRangeEarly(
  deps: PlanDeps,
  inputs: { eventName: string; payload: unknown; base?: string; head?: string },
): Promise<EarlyRange | null> {
  const ref = (inputs.payload as { ref?: unknown } | null)?.ref;
  if (!inputs.base && typeof ref === 'string' && ref.startsWith('refs/tags/')) return null;
  const range = await resolveRange(
    deps,
    describeEvent(inputs.eventName, inputs.payload, DEFAULTS.tag),
    inputs,
  );
  const diff = range.kind === 'diff' ? deps.git.diffNameStatus(range.base, range.head) : null;
  const tags = deps.git.tags();
  // Awaited later, after the config; a failure surfaces there, not as an unhandled rejection.
  diff?.catch(() => undefined);
  tags.catch(() => undefined);
  return { range, diff, tags };
}

/** A store and its snapshot, under way; a failure surfaces when the snapshot is used, and is dropped when
 * the config names another branch. */
function fetchAudit(store: AuditStore): { store: AuditStore; snapshot: Promise<AuditTree> } {
  const snapshot = store.snapshot();
  snapshot.catch(() => undefined);
  return { store, snapshot };
}

/** The environment a plan would use, or undefined when it is invalid (resolveEnvironment reports that). */
function validEnvironment(config: Config, input: string | undefined): string | undefined {
  try {
    return resolveEnvironment(config, input);
  } catch {
    return undefined;
  }
}
