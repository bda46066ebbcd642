/**
 * Which commits to compare, per trigger. The README carries the same table.
 *
 * | trigger                                  | range                                                              |
 * |------------------------------------------|--------------------------------------------------------------------|
 * | `base` / `head` inputs (any event)       | base..head; head defaults to HEAD; `head` alone: every service at   |
 * |                                          | head. A value that names no commit is an InputError.               |
 * | push                                     | before..after                                                      |
 * | push, `before` all zeros (new branch) or | parent of the first pushed commit..after; else                     |
 * | unreachable (force push; one fetch of it | merge-base(after, origin/<default branch>)..after (not for a push  |
 * | is tried first)                          | to the default branch itself); else every service. The summary     |
 * |                                          | names the fallback taken.                                          |
 * | push deleting the ref                    | nothing to release (said so)                                       |
 * | tag push matching the `tag` format       | exactly that service at that version                               |
 * | tag push not matching the format         | a push of the tagged commit (rules above)                          |
 * | pull_request, pull_request_target        | merge-base(base.sha, head.sha)..head.sha                           |
 * | merge_group                              | base_sha..head_sha                                                 |
 * | workflow_dispatch, schedule, any other   | base input..head, else every service at HEAD                       |
 * | shallow clone                            | the full history and tags are fetched first; if that fails, or a   |
 * |                                          | needed commit is still missing: HistoryError (`fetch-depth: 0`)    |
 *
 * A commit the event names that is missing from a complete clone is fetched once by SHA before the range
 * falls back (push `before`) or fails (every other commit).
 */
import { HistoryError, InputError } from '../core/errors.js';
import { isZeroSha, validSha, type PushRequest, type RangeRequest } from '../core/event.js';
import type { Git, Logger } from '../core/ports.js';

export type Range =
  | { kind: 'diff'; base: string; head: string; why: string }
  | { kind: 'all'; head: string; why: string }
  | { kind: 'tag'; head: string; service: string; version: string; tag: string; why: string };

export interface RangeDeps {
  git: Git;
  log: Logger;
}

export interface RangeInputs {
  base?: string;
  head?: string;
}

const FETCH_DEPTH_FIX =
  'check out the full history: on actions/checkout set `with: { fetch-depth: 0 }` ' +
  '(and give the token `contents: read` so origin can be fetched)';

const FIRST_RELEASE = 'every service, as a first release';

export async function resolveRange(
  deps: RangeDeps,
  request: RangeRequest,
  inputs: RangeInputs,
): Promise<Range> {
  const history = new History(deps);
  await history.completeShallowClone();
  if (inputs.base || inputs.head) return rangeFromInputs(history, inputs);
  switch (request.kind) {
    case 'push':
      return pushRange(history, request);
    case 'tag': {
      const head = await history.need(request.after ?? request.ref, `the commit of tag ${request.tag}`);
      const why = `tag push: ${request.tag} releases ${request.service} at ${request.version} (${short(head)})`;
      return { kind: 'tag', head, service: request.service, version: request.version, tag: request.tag, why };
    }
    case 'pull_request': {
      const base = await history.need(
        eventSha(request.base, request.event, 'base.sha'),
        'the pull request base',
      );
      const head = await history.need(
        eventSha(request.head, request.event, 'head.sha'),
        'the pull request head',
      );
      const mergeBase = await deps.git.mergeBase(base, head);
      if (!mergeBase) {
        const why = `${request.event}: base ${short(base)} and head ${short(head)} share no history: ${FIRST_RELEASE}`;
        return { kind: 'all', head, why };
      }
      const why = `${request.event}: ${short(mergeBase)}..${short(head)} (merge-base of base ${short(base)} and head)`;
      return { kind: 'diff', base: mergeBase, head, why };
    }
    case 'merge_group': {
      const base = await history.need(
        eventSha(request.base, 'merge_group', 'base_sha'),
        'the merge group base',
      );
      const head = await history.need(
        eventSha(request.head, 'merge_group', 'head_sha'),
        'the merge group head',
      );
      return { kind: 'diff', base, head, why: `merge_group: ${short(base)}..${short(head)}` };
    }
    case 'none': {
      const head = await history.currentHead();
      return { kind: 'all', head, why: `${request.event} with no base input: ${FIRST_RELEASE}` };
    }
  }
}

async function rangeFromInputs(history: History, inputs: RangeInputs): Promise<Range> {
  const [head, base] = await Promise.all([
    inputs.head ? history.input('head', inputs.head) : history.currentHead(),
    inputs.base ? history.input('base', inputs.base) : null,
  ]);
  const headLabel = `${inputs.head ?? 'HEAD'} (${short(head)})`;
  if (!inputs.base || !base) {
    return { kind: 'all', head, why: `head input ${headLabel} with no base input: ${FIRST_RELEASE}` };
  }
  return { kind: 'diff', base, head, why: `inputs: base ${inputs.base} (${short(base)})..head ${headLabel}` };
}

async function pushRange(history: History, request: PushRequest): Promise<Range> {
  if (request.deleted) {
    // GitHub runs a deletion's workflow on the default branch: nothing the push made can be released.
    const head = await history.currentHead();
    return {
      kind: 'diff',
      base: head,
      head,
      why: `push deleted ${request.ref ?? 'the ref'}: nothing to release`,
    };
  }
  const head = request.after
    ? await history.need(request.after, 'the pushed commit (after)')
    : await history.currentHead();
  const push = request.forced ? 'force push' : 'push';
  if (request.before === null) {
    return pushFallback(history, request, head, `${push}: the event names no before commit`);
  }
  if (isZeroSha(request.before)) {
    return pushFallback(
      history,
      request,
      head,
      `${push}: before is all zeros (a new ${refKind(request.ref)})`,
    );
  }
  const base = await history.find(request.before);
  if (base) {
    return {
      kind: 'diff',
      base,
      head,
      why: `${push}: ${short(base)}..${short(head)}${commits(request.commitCount)}`,
    };
  }
  const reason = `${push}: before ${short(request.before)} is unreachable`;
  history.log.warning(`${reason} (not in the checkout and not fetchable from origin)`);
  return pushFallback(history, request, head, reason);
}

/** The documented fallbacks when a push has no usable `before`; the why always names the one taken. */
async function pushFallback(
  history: History,
  request: PushRequest,
  head: string,
  reason: string,
): Promise<Range> {
  const parent = await history.parentOf(request.firstCommit);
  if (parent) {
    const why = `${reason}; using the parent of the first pushed commit: ${short(parent)}..${short(head)}`;
    return { kind: 'diff', base: parent, head, why };
  }
  const branch = await history.defaultBranchTip(request);
  const mergeBase = branch && (await history.git.mergeBase(head, branch.tip));
  if (branch && mergeBase) {
    const nothingNew =
      mergeBase === head ? `; the pushed commit is already on ${branch.name}: nothing new` : '';
    const why = `${reason}; using the merge-base with ${branch.name}: ${short(mergeBase)}..${short(head)}${nothingNew}`;
    return { kind: 'diff', base: mergeBase, head, why };
  }
  return {
    kind: 'all',
    head,
    why: `${reason}, and there is no earlier commit to compare with: ${FIRST_RELEASE}`,
  };
}

/** Git lookups that fetch what is missing once, and fail with the fix. */
class History {
  readonly git: Git;
  readonly log: Logger;

  constructor(deps: RangeDeps) {
    this.git = deps.git;
    this.log = deps.log;
  }

  /** actions/checkout fetches one commit by default; the diff, merge-bases and versions need the rest. */
  async completeShallowClone(): Promise<void> {
    if (!(await this.git.isShallow())) return;
    this.log.info('Shallow clone: fetching the full history and tags from origin');
    if (!(await this.git.fetch({ unshallow: true, tags: true }))) {
      throw new HistoryError(
        'The checkout is a shallow clone and its history could not be fetched from origin',
        FETCH_DEPTH_FIX,
      );
    }
  }

  /** The commit, fetching it once by SHA when it is missing; null when it cannot be had. */
  async find(rev: string): Promise<string | null> {
    const found = await this.git.resolveCommit(rev);
    const sha = validSha(rev);
    if (found || !sha) return found;
    this.log.debug(`Commit ${sha} is not in the checkout; fetching it from origin`);
    if (!(await this.git.fetch({ refspecs: [sha] }))) return null;
    return this.git.resolveCommit(sha);
  }

  /** A commit the range cannot do without. */
  async need(rev: string, what: string): Promise<string> {
    const found = await this.find(rev);
    if (found) return found;
    throw new HistoryError(
      `${what}, ${short(rev)}, is not in the checkout and could not be fetched from origin`,
      FETCH_DEPTH_FIX,
    );
  }

  async currentHead(): Promise<string> {
    const head = await this.git.resolveCommit('HEAD');
    if (head) return head;
    throw new HistoryError('HEAD does not name a commit (is the repository empty?)', FETCH_DEPTH_FIX);
  }

  /** A `base` / `head` input: any revision that names a commit. */
  async input(name: 'base' | 'head', value: string): Promise<string> {
    const found = await this.find(value);
    if (found) return found;
    throw new InputError(
      `Input ${name} ${JSON.stringify(value)} does not name a commit in this checkout`,
      `set ${name} to a commit SHA, branch or tag of this repository (for a branch of origin write origin/<branch>); ` +
        'on actions/checkout set `fetch-depth: 0` so every branch, tag and commit is there',
      `pass --${name} a commit SHA, branch or tag of this repository (for a branch of origin write origin/<branch>; \`git fetch\` first if it is new)`,
    );
  }

  /** The parent of the first pushed commit, or null (no such commit, or it is a root commit). */
  async parentOf(firstCommit: string | null): Promise<string | null> {
    const first = firstCommit && (await this.find(firstCommit));
    return first ? this.git.resolveCommit(`${first}^`) : null;
  }

  /** origin's default branch, unless the push is to that branch itself (its merge-base would be the push). */
  async defaultBranchTip(request: PushRequest): Promise<{ name: string; tip: string } | null> {
    const branch = request.defaultBranch ?? (await this.git.defaultBranch());
    if (!branch || request.ref === `refs/heads/${branch}`) return null;
    const tracking = `refs/remotes/origin/${branch}`;
    const name = `origin/${branch}`;
    const tip = await this.git.resolveCommit(tracking);
    if (tip) return { name, tip };
    if (
      !isPlainBranchName(branch) ||
      !(await this.git.fetch({ refspecs: [`+refs/heads/${branch}:${tracking}`] }))
    ) {
      return null;
    }
    const fetched = await this.git.resolveCommit(tracking);
    return fetched ? { name, tip: fetched } : null;
  }
}

/** A SHA the event must carry; an InputError when the payload lacks it. */
function eventSha(sha: string | null, event: string, field: string): string {
  if (sha && !isZeroSha(sha)) return sha;
  throw new InputError(
    `The ${event} event has no valid ${field} (40 hexadecimal characters)`,
    'run on a genuine GitHub event, or set the base and head inputs',
  );
}

/** A branch name that is safe inside a fetch refspec (no `:`, globs, leading `-` or `+`). */
function isPlainBranchName(branch: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(branch) && !branch.includes('..');
}

function refKind(ref: string | null): string {
  return ref?.startsWith('refs/tags/') ? 'tag' : 'branch';
}

/** The payload's commit count; GitHub sends none for some pushes (a force push to an older commit). */
function commits(count: number): string {
  if (count === 0) return '';
  return count === 1 ? ' (1 commit)' : ` (${count} commits)`;
}

function short(sha: string): string {
  return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha;
}
