/** What the triggering GitHub event says about the commits to compare. Pure: the payload goes in as data,
 * a RangeRequest comes out; src/app/range.ts turns it into a concrete range with git. */
import { parseTag } from './versions.js';

/** The push payload fields we read (https://docs.github.com/webhooks/webhook-events-and-payloads#push). */
export interface PushPayload {
  ref?: string;
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  commits?: Array<{ id?: string }>;
  repository?: { default_branch?: string };
}

export interface PullRequestPayload {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
}

export interface MergeGroupPayload {
  merge_group?: { base_sha?: string; head_sha?: string };
}

/** A validated SHA: 40 lowercase hex characters, possibly the zero SHA; null when absent or malformed. */
export type Sha = string | null;

export interface PushRequest {
  kind: 'push';
  ref: string | null;
  /** The zero SHA for a new branch; null when the payload has none. */
  before: Sha;
  after: Sha;
  /** The first pushed commit (`commits[0].id`), if any. */
  firstCommit: Sha;
  /** How many commits the payload lists (GitHub caps the list, so this is a lower bound). */
  commitCount: number;
  forced: boolean;
  /** The push deleted the ref. */
  deleted: boolean;
  defaultBranch: string | null;
}

export interface TagRequest {
  kind: 'tag';
  ref: string;
  tag: string;
  service: string;
  version: string;
  /** What the tag points to (a commit, or an annotated tag object to peel). */
  after: Sha;
}

export interface PullRequestRequest {
  kind: 'pull_request';
  event: 'pull_request' | 'pull_request_target';
  base: Sha;
  head: Sha;
}

export interface MergeGroupRequest {
  kind: 'merge_group';
  base: Sha;
  head: Sha;
}

/** workflow_dispatch, schedule and any other event: the event names no range. */
export interface NoRangeRequest {
  kind: 'none';
  event: string;
}

export type RangeRequest = PushRequest | TagRequest | PullRequestRequest | MergeGroupRequest | NoRangeRequest;

export const ZERO_SHA = '0'.repeat(40);

const SHA_PATTERN = /^[0-9a-f]{40}$/i;
const TAG_PREFIX = 'refs/tags/';

export function isZeroSha(sha: string | null | undefined): boolean {
  return sha === ZERO_SHA;
}

/** The SHA when the value is 40 hex characters (lowercased), else null. */
export function validSha(value: unknown): Sha {
  return typeof value === 'string' && SHA_PATTERN.test(value) ? value.toLowerCase() : null;
}

/** What to compare for event `name` with payload `payload` (the parsed GITHUB_EVENT_PATH). */
export function describeEvent(name: string, payload: unknown, tagFormat: string): RangeRequest {
  const data = isRecord(payload) ? payload : {};
  switch (name) {
    case 'push':
      return describePush(data as PushPayload, tagFormat);
    case 'pull_request':
    case 'pull_request_target': {
      const pr = (data as PullRequestPayload).pull_request;
      return {
        kind: 'pull_request',
        event: name,
        base: validSha(pr?.base?.sha),
        head: validSha(pr?.head?.sha),
      };
    }
    case 'merge_group': {
      const group = (data as MergeGroupPayload).merge_group;
      return { kind: 'merge_group', base: validSha(group?.base_sha), head: validSha(group?.head_sha) };
    }
    default:
      return { kind: 'none', event: name };
  }
}

function describePush(payload: PushPayload, tagFormat: string): PushRequest | TagRequest {
  const ref = typeof payload.ref === 'string' ? payload.ref : null;
  const after = validSha(payload.after);
  const deleted = payload.deleted === true || isZeroSha(after);
  if (ref?.startsWith(TAG_PREFIX) && !deleted) {
    const tag = ref.slice(TAG_PREFIX.length);
    const parsed = parseTag(tagFormat, tag);
    if (parsed) return { kind: 'tag', ref, tag, service: parsed.service, version: parsed.version, after };
  }
  const commits = Array.isArray(payload.commits) ? payload.commits : [];
  const branch = payload.repository?.default_branch;
  return {
    kind: 'push',
    ref,
    before: validSha(payload.before),
    after,
    firstCommit: validSha(commits[0]?.id),
    commitCount: commits.length,
    forced: payload.forced === true,
    deleted,
    defaultBranch: typeof branch === 'string' && branch !== '' ? branch : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
