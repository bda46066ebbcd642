/** How the audit branch travels between this repository and the remote: the fetch and the compare-and-swap
 * push, which of their failures are a lost race or worth another try, the back-off between tries, and one
 * fetch or push at a time per branch in this process. */

/** Push results that mean another writer moved the branch first: fetch again and retry. The
 * "remote rejected" ones come from receive-pack's own compare-and-swap when two pushes overlap. */
export const LOST_RACE =
  /\[(?:rejected\] \((?:stale info|fetch first|non-fast-forward)|remote rejected\] \((?:failed to update ref|failed to lock|incorrect old value provided|reference already exists))\)/;

/** Fetch failures worth another try: a ref lock held by a concurrent git process, a dropped connection,
 * a 5xx from the server. */
export const TRANSIENT_FETCH =
  /cannot lock ref|unable to update local ref|Unable to create '.*\.lock'|early EOF|Connection reset|Connection timed out|The requested URL returned error: 5\d\d|RPC failed/i;
export const FETCH_ATTEMPTS = 5;

/** The private ref the branch is fetched into: outside refs/heads and refs/remotes, so it never shows
 * up as a branch of the user's. */
export function auditFetchRef(branch: string): string {
  return `refs/monorepo-release/audit/${branch}`;
}

export function auditFetchArgs(remote: string, branch: string): string[] {
  return [
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-recurse-submodules',
    // git would start `git maintenance run --auto` (a gc, when enough loose objects have piled up).
    '--no-auto-gc',
    // An empty refmap stops git from also updating refs/remotes/<remote>/<branch>.
    '--refmap=',
    remote,
    `+refs/heads/${branch}:${auditFetchRef(branch)}`,
  ];
}

/** Compare-and-swap push: the remote branch must still be at `expected` (must not exist when null).
 * Local hooks are skipped (a pre-push hook guards the user's code, not this data branch). */
export function auditPushArgs(
  remote: string,
  branch: string,
  commit: string,
  expected: string | null,
): string[] {
  return [
    'push',
    '--porcelain',
    '--no-verify',
    '--no-follow-tags',
    '--no-recurse-submodules',
    `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
    remote,
    `${commit}:refs/heads/${branch}`,
  ];
}

/** Serializes fetches and pushes of one repository and branch inside this process: concurrent ones
 * would fight over the lock of the private ref (fetch) or of the remote-tracking ref (push). The
 * caller's change() runs outside, so it may use the store itself without a deadlock. */
const queues = new Map<string, Promise<unknown>>();
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}

/** Exponential back-off with full jitter, in units of one write round (so it scales with the remote's
 * latency and the machine's load): writers that collided spread over a window that doubles with each
 * retry, so a crowd of runs drains instead of colliding again in lockstep. */
export function backoffMs(retry: number, roundMs: number, random: () => number): number {
  return 50 + random() * Math.min(30_000, Math.max(100, roundMs) * 2 ** (retry - 1));
}

const DEFAULT_AUTHOR = { name: 'monorepo-release', email: 'monorepo-release@users.noreply.github.com' };

/** The committer identity: the caller's when set, else the action's own. */
export function authorEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: base.GIT_AUTHOR_NAME || DEFAULT_AUTHOR.name,
    GIT_AUTHOR_EMAIL: base.GIT_AUTHOR_EMAIL || DEFAULT_AUTHOR.email,
    GIT_COMMITTER_NAME: base.GIT_COMMITTER_NAME || DEFAULT_AUTHOR.name,
    GIT_COMMITTER_EMAIL: base.GIT_COMMITTER_EMAIL || DEFAULT_AUTHOR.email,
  };
}

/** The fix when the remote does not answer in time. */
export const UNREACHABLE_FIX =
  "check that origin is reachable from here (the network, a VPN, a proxy, origin's URL: `git remote -v`), then run again; MONOREPO_RELEASE_GIT_TIMEOUT sets the deadline of each git call (default 30s)";

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
