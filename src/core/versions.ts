/** Version rules: tags in the configured format, conventional-commit bumps, SHA versions. */
import { semver } from './semver.js';
import { InputError } from './errors.js';
import { isServiceName } from './names.js';
import { escapeRegExp } from './text.js';
import type { Bump } from './types.js';

// The strict grammar of semver.org (no leading `v`, no leading zeros), without capture groups so it can be
// embedded in a tag pattern: the regex engine then only splits a tag where the version part is valid.
const IDENTIFIER = String.raw`(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER_SOURCE =
  String.raw`(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)` +
  String.raw`(?:-${IDENTIFIER}(?:\.${IDENTIFIER})*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?`;
const SEMVER = new RegExp(`^${SEMVER_SOURCE}$`);
// Service names cannot hold `@`, `/` or `{`, so a format like `{service}@v{version}` splits one way only.
const SERVICE_SOURCE = '[a-z0-9][a-z0-9._-]*';
const PLACEHOLDER = /\{(service|version)\}/g;

/** Valid semver as written in a tag or input: no leading `v`, no spaces; build metadata allowed. The
 * semver package adds the length and safe-integer limits. */
export function isVersion(s: string): boolean {
  return SEMVER.test(s) && semver.parse(s) !== null;
}

/** `{service}@v{version}` → `api@v1.2.0`. */
export function formatTag(format: string, service: string, version: string): string {
  return format.replace(PLACEHOLDER, (_, name: string) => (name === 'service' ? service : version));
}

/** A regex for the tags of `format`, with `service` fixed when given. Null when the format lacks a
 * placeholder (such a format cannot name both a service and a version). */
function tagPattern(format: string, service?: string): RegExp | null {
  if (!format.includes('{service}') || !format.includes('{version}')) return null;
  const seen = new Set<string>();
  let source = '';
  let last = 0;
  for (const match of format.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(format.slice(last, match.index));
    const name = match[1]!;
    if (seen.has(name)) source += `\\k<${name}>`;
    else if (name === 'service' && service !== undefined) source += `(?<service>${escapeRegExp(service)})`;
    else source += `(?<${name}>${name === 'service' ? SERVICE_SOURCE : SEMVER_SOURCE})`;
    seen.add(name);
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeRegExp(format.slice(last))}$`);
}

function parseWith(pattern: RegExp | null, tag: string): { service: string; version: string } | null {
  const groups = pattern?.exec(tag)?.groups;
  if (!groups) return null;
  const { service, version } = groups as { service: string; version: string };
  return isServiceName(service) && isVersion(version) ? { service, version } : null;
}

/** `api@v1.2.0` → `{ service: 'api', version: '1.2.0' }`; null for a tag of another shape, an invalid
 * service name or a version that is not semver. */
export function parseTag(format: string, tag: string): { service: string; version: string } | null {
  return parseWith(tagPattern(format), tag);
}

/** The newest release of every service that has tags: each tag is parsed once, so the cost grows with
 * tags plus services, not their product. (`lastRelease` below pins one service in the pattern, which only
 * matters for a format so ambiguous that one tag could name two services.) */
export function latestReleases(
  format: string,
  tags: ReadonlyArray<{ name: string; sha: string }>,
): Map<string, { version: string; tag: string; sha: string }> {
  const pattern = tagPattern(format);
  const best = new Map<string, { version: string; tag: string; sha: string }>();
  for (const tag of tags) {
    const parsed = parseWith(pattern, tag.name);
    if (!parsed) continue;
    const current = best.get(parsed.service);
    if (!current || semver.compareBuild(parsed.version, current.version) > 0) {
      best.set(parsed.service, { version: parsed.version, tag: tag.name, sha: tag.sha });
    }
  }
  return best;
}

/** The service's release with the highest version among the tags, or null when it has none. */
export function lastRelease(
  format: string,
  service: string,
  tags: ReadonlyArray<{ name: string; sha: string }>,
): { version: string; tag: string; sha: string } | null {
  let best: { version: string; tag: string; sha: string } | null = null;
  for (const release of serviceReleases(format, service, tags)) {
    if (best === null || semver.compareBuild(release.version, best.version) > 0) best = release;
  }
  return best;
}

/** Every release of one service among the tags, in the order given. */
export function serviceReleases(
  format: string,
  service: string,
  tags: ReadonlyArray<{ name: string; sha: string }>,
): Array<{ version: string; tag: string; sha: string }> {
  // Fixing the service in the pattern keeps another service's tags out even when the format is ambiguous.
  const pattern = tagPattern(format, service);
  const releases: Array<{ version: string; tag: string; sha: string }> = [];
  for (const tag of tags) {
    const parsed = parseWith(pattern, tag.name);
    if (parsed) releases.push({ version: parsed.version, tag: tag.name, sha: tag.sha });
  }
  return releases;
}

/** The `git ls-remote` pattern for the tags of one service: the tag format with `*` for the version, or
 * every tag when the format's own text holds a glob character (the tags are parsed afterwards anyway). */
export function tagGlob(format: string, service: string): string {
  if (/[*?[\\]/.test(format.replace(PLACEHOLDER, ''))) return 'refs/tags/*';
  return `refs/tags/${formatTag(format, service, '*')}`;
}

// `type(scope)!: description`; types are case-insensitive per the conventional-commits spec.
const HEADER = /^([A-Za-z][A-Za-z0-9-]*)(?:\([^()\r\n]*\))?(!)?:[ \t]+\S/;
// The footer token is case-sensitive per the spec.
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE(?::[ \t]| #)/m;

/** The bump a commit message asks for: breaking (`!` or a `BREAKING CHANGE:` footer) → major, `feat` →
 * minor, anything else, non-conventional messages included → patch. */
export function bumpOf(message: string): Bump {
  const header = HEADER.exec(message);
  if (header?.[2] === '!' || BREAKING_FOOTER.test(message)) return 'major';
  if (header?.[1]!.toLowerCase() === 'feat') return 'minor';
  return 'patch';
}

const BUMP_ORDER: readonly Bump[] = ['patch', 'minor', 'major'];

function highestBump(messages: readonly string[]): Bump {
  let highest = 0;
  for (const message of messages) {
    highest = Math.max(highest, BUMP_ORDER.indexOf(bumpOf(message)));
    if (highest === BUMP_ORDER.length - 1) break;
  }
  return BUMP_ORDER[highest]!;
}

/** The next version after `last` given the messages of the commits that touch the service: `0.1.0` for a
 * first release; `last` itself when no commit touches it. */
export function nextVersion(last: string | null, messages: readonly string[]): string {
  if (last === null) return '0.1.0';
  if (!isVersion(last)) {
    throw new InputError(
      `the last release's version "${last}" is not semver`,
      'tag releases as MAJOR.MINOR.PATCH in the tag format (for example api@v1.2.0)',
    );
  }
  if (messages.length === 0) return last;
  return semver.inc(last, highestBump(messages))!;
}

/** The version a changed service is planned at: nextVersion from its last release, and a patch above it
 * when that bumps nothing but the release was of another commit, so that one version never names two
 * builds. Only a plan of the released commit itself (a re-run) keeps its version. */
export function plannedVersion(
  last: { version: string; sha: string },
  messages: readonly string[],
  head: string,
): string {
  const next = nextVersion(last.version, messages);
  return last.sha === head ? next : semver.inc(last.version, bumpSinceBuild(messages))!;
}

/** The bump the commits since another build ask for: at least a patch, since this build must not share
 * that build's version. */
export function bumpSinceBuild(messages: readonly string[]): Bump {
  return messages.length === 0 ? 'patch' : highestBump(messages);
}

/** A build that holds a version of a service: its claim, a record or a live pointer on the audit branch,
 * or a tag on origin (`what` says which, for messages). */
export interface VersionHolder {
  version: string;
  sha: string;
  what: string;
}

/** The holder of `version` that is another build than `sha`, or null when the version is free for it:
 * one version names one build, in every environment. */
export function takenBy(
  version: string,
  sha: string,
  holders: readonly VersionHolder[],
): VersionHolder | null {
  return holders.find((h) => h.version === version && h.sha !== sha) ?? null;
}

/** The newest of the versions (semver order; what is not semver is left out), or null. */
export function newestVersion(versions: Iterable<string>): string | null {
  let newest: string | null = null;
  for (const version of versions) {
    if (isVersion(version) && (newest === null || semver.compareBuild(version, newest) > 0)) newest = version;
  }
  return newest;
}

/** The kind of bump that leads from `base` to `version`; from 0.0.0 when there is no base (a first
 * release, 0.1.0, is a minor bump). */
export function bumpBetween(base: string | null, version: string): Bump {
  const from = semver.parse(base ?? '0.0.0');
  const to = semver.parse(version);
  if (!from || !to || to.major !== from.major) return 'major';
  return to.minor !== from.minor ? 'minor' : 'patch';
}

/**
 * The version a release takes: its proposal when no other build holds it; otherwise the same bump counted
 * from the newest version taken, which no build holds (it is above them all). `taken` are the versions other
 * builds hold. `bump` is what the commits since a taken build ask for, when that build is an ancestor of
 * this one; without it, the proposal's own bump over its base (the newest version taken below it).
 */
export function nextFreeVersion(proposal: string, taken: readonly string[], bump?: Bump): string {
  if (!taken.includes(proposal)) return proposal;
  const below = taken.filter((v) => isVersion(v) && semver.compareBuild(v, proposal) < 0);
  const kind = bump ?? bumpBetween(newestVersion(below), proposal);
  return semver.inc(newestVersion(taken)!, kind)!;
}

/** Whether the version of a release was given by hand — the tag that was pushed (`api@v1.1.0`) or the
 * `version` input of a workflow_dispatch — rather than proposed by a plan. A proposal that another build
 * holds moves on to the next free version; a version given by hand is refused. */
export function versionGivenByHand(
  event: { name: string; ref: string; payload: unknown },
  format: string,
  service: string,
  version: string,
): boolean {
  if (event.name === 'workflow_dispatch') {
    const given = (event.payload as { inputs?: { version?: unknown } } | null)?.inputs?.version;
    return typeof given === 'string' && given.trim() === version;
  }
  if (!event.ref.startsWith('refs/tags/')) return false;
  const tag = parseTag(format, event.ref.slice('refs/tags/'.length));
  return tag?.service === service && tag.version === version;
}

/** `versioning: sha`: the first 12 characters of the commit SHA. */
export function shaVersion(sha: string): string {
  if (!/^[0-9a-f]{12,64}$/i.test(sha)) {
    throw new InputError(
      `"${sha}" is not a commit SHA`,
      'pass the full hexadecimal commit SHA (git rev-parse HEAD)',
    );
  }
  return sha.slice(0, 12).toLowerCase();
}

/**
 * For each `since`, the commits of `listed` that are not reachable from it: what `git log since..head` lists,
 * when `listed` is `git log base..head` with parents and `base` is an ancestor of every since. (A path from a
 * since to a listed commit cannot leave the listed commits: whatever is not listed is reachable from base,
 * and so is everything it reaches.) Cost: sinces × listed commits.
 */
export function commitsSinceEach<C extends { sha: string; parents: readonly string[] }>(
  listed: readonly C[],
  sinces: readonly string[],
): Map<string, C[]> {
  const position = new Map<string, number>();
  listed.forEach((commit, i) => position.set(commit.sha, i));
  const result = new Map<string, C[]>();
  for (const since of sinces) {
    const reached = new Uint8Array(listed.length);
    const queue: number[] = [];
    const start = position.get(since);
    if (start !== undefined) {
      reached[start] = 1;
      queue.push(start);
    }
    for (let next = 0; next < queue.length; next++) {
      for (const parent of listed[queue[next]!]!.parents) {
        const at = position.get(parent);
        if (at !== undefined && reached[at] === 0) {
          reached[at] = 1;
          queue.push(at);
        }
      }
    }
    result.set(
      since,
      listed.filter((_, i) => reached[i] === 0),
    );
  }
  return result;
}
