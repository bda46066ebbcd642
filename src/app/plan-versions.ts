/** The plan's versions step: the next version of each changed service, and the one it rises from. */
import type { ChangeDetector } from '../core/detect.js';
import type { Git, Logger } from '../core/ports.js';
import type { LivePointer } from '../core/record.js';
import { semver } from '../core/semver.js';
import type { CommitInfo, Config } from '../core/types.js';
import {
  commitsSinceEach,
  lastRelease,
  nextVersion,
  parseTag,
  plannedVersion,
  shaVersion,
} from '../core/versions.js';
import type { Range } from './range.js';

export interface ServiceVersion {
  version: string;
  previous: string;
}

/** What a service's next version is bumped from: its tags (newest per service) and what the audit log says
 * is live; `all` is every tag, for a tag push. */
export interface Releases {
  live: ReadonlyMap<string, LivePointer>;
  tags: ReadonlyMap<string, { version: string; sha: string }>;
  all: ReadonlyArray<{ name: string; sha: string }>;
}

/** `git log <release>..head` per release commit, under way. */
export type VersionLogs = ReadonlyMap<string, Promise<CommitInfo[]>>;

interface VersionDeps {
  git: Git;
  log: Logger;
}

/** Up to this many releases get a `git log` each; more share one log of the history since their common
 * ancestor (a log per release does not scale to services each released at its own commit). */
const FEW_LOGS = 4;

/** Next and previous version of each service. With `conventional`, the commits since a service's release
 * that touch it decide the bump; `started` are the logs already under way (see startVersionLogs). */
export async function nextVersions(
  deps: VersionDeps,
  config: Config,
  detector: ChangeDetector,
  range: Range,
  services: readonly string[],
  releases: Releases,
  started: VersionLogs,
): Promise<Map<string, ServiceVersion>> {
  if (config.versioning === 'sha') {
    const previous = (service: string) => releases.tags.get(service)?.version ?? '';
    return new Map(services.map((s) => [s, { version: shaVersion(range.head), previous: previous(s) }]));
  }
  if (range.kind === 'tag') return new Map([[range.service, taggedVersion(config, range, releases)]]);
  const result = new Map<string, ServiceVersion>();
  const bumps = services.map((service) => ({ service, last: bumpedFrom(releases, service) }));
  const sinces = [...new Set(bumps.flatMap(({ last }) => (last ? [last.sha] : [])))];
  const commitsSince = await commitsSinceReleases(deps, range, sinces, started);
  for (const { service, last } of bumps) {
    if (last === null) {
      result.set(service, { version: nextVersion(null, []), previous: '' });
      continue;
    }
    const commits = await commitsSince(service, last);
    const messages = commits.filter((c) => detector.touchesService(service, c)).map((c) => c.message);
    result.set(service, { version: plannedVersion(last, messages, range.head), previous: last.version });
  }
  return result;
}

/** A tag push releases the tagged version; the previous one is the newest older tag of the service. */
function taggedVersion(
  config: Config,
  range: Extract<Range, { kind: 'tag' }>,
  releases: Releases,
): ServiceVersion {
  const older = releases.all.filter((t) => {
    const parsed = parseTag(config.tag, t.name);
    return parsed?.service === range.service && semver.lt(parsed.version, range.version);
  });
  return { version: range.version, previous: lastRelease(config.tag, range.service, older)?.version ?? '' };
}

/** The commits since a service's release. A release commit this repository does not have (a rewritten
 * history, or one never fetched): the event's commits stand in for those since it, so the version still
 * rises from the one released. Asked once per commit, and the event's log read once, however many
 * services were released there. */
async function commitsSinceReleases(
  { git, log }: VersionDeps,
  range: Range,
  sinces: readonly string[],
  started: VersionLogs,
): Promise<(service: string, last: { version: string; sha: string }) => Promise<CommitInfo[]>> {
  const logSince = await logsSince(git, sinces, range.head, started);
  const missing = new Map<string, Promise<boolean>>();
  let eventLog: Promise<CommitInfo[]> | undefined;
  const isMissing = (sha: string): Promise<boolean> => {
    let answer = missing.get(sha);
    if (!answer) missing.set(sha, (answer = git.resolveCommit(sha).then((found) => found === null)));
    return answer;
  };
  return (service, last) =>
    logSince(last.sha).catch(async (error: unknown) => {
      if (!(await isMissing(last.sha))) throw error;
      log.info(
        `${service}: the commit of release ${last.version} (${last.sha.slice(0, 12)}) is not in this repository; its next version counts the commits of the event's range`,
      );
      return (eventLog ??= git.log(range.kind === 'diff' ? range.base : null, range.head));
    });
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

/** The release commits the versions will read the logs since, when they are few (FEW_LOGS; more share
 * one log, read in logsSince): the releases of the services the event's range changed. */
export function versionLogsToStart(
  config: Config,
  range: Range,
  releases: Releases,
  changed: Iterable<string>,
): string[] {
  if (config.versioning !== 'conventional' || range.kind === 'tag') return [];
  const sinces = new Set<string>();
  for (const service of changed) {
    const last = bumpedFrom(releases, service);
    if (last) sinces.add(last.sha);
  }
  return sinces.size > FEW_LOGS ? [] : [...sinces];
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
