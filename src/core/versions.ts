/** Version rules: tags in the configured format, conventional-commit bumps, SHA versions. */
import { semver } from './semver.js';
import { InputError } from './errors.js';
import { isServiceName } from './names.js';
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

/** The service's release with the highest version among the tags, or null when it has none. */
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

export function lastRelease(
  format: string,
  service: string,
  tags: ReadonlyArray<{ name: string; sha: string }>,
): { version: string; tag: string; sha: string } | null {
  // Fixing the service in the pattern keeps another service's tags out even when the format is ambiguous.
  const pattern = tagPattern(format, service);
  let best: { version: string; tag: string; sha: string } | null = null;
  for (const tag of tags) {
    const parsed = parseWith(pattern, tag.name);
    if (parsed && (best === null || semver.compareBuild(parsed.version, best.version) > 0)) {
      best = { version: parsed.version, tag: tag.name, sha: tag.sha };
    }
  }
  return best;
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
  return next === last.version && last.sha !== head ? semver.inc(last.version, 'patch')! : next;
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
