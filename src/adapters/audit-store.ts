/** The audit log's storage: a git branch on the remote, written with plumbing only (a temporary index,
 * commit-tree, push with a lease), so the user's work tree, index and HEAD are never touched. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AuditRewrittenError,
  AuditWriteError,
  auditRulesetAdvice,
  permissionsBlock,
} from '../core/errors.js';
import type { AuditFileChange, AuditStore, AuditTree } from '../core/ports.js';
import { execGit, execGitBytes, gitAuthEnv, type GitRun } from './exec-git.js';
import { batchedPerTick } from './tick-batch.js';

export interface GitAuditStoreOptions {
  /** The work repository (its objects and a private ref hold the fetched branch). */
  root: string;
  branch: string;
  /** Sent as an HTTP Authorization header through the environment only. */
  token?: string;
  remote?: string;
  /** Writes tried before giving up on lost races. */
  maxAttempts?: number;
  /** Source of jitter for the back-off, in [0, 1). */
  random?: () => number;
  /** Stops a fetch or push to the remote at once (a cancelled release). */
  signal?: AbortSignal;
  /** When the remote cannot be read, read the copy this repository fetched last instead, and say so
   * through this (the CLI, on a laptop off the VPN). Without it, an unreadable remote is an error. */
  readLocalCopy?: (message: string) => void;
}

const DEFAULT_AUTHOR = { name: 'monorepo-release', email: 'monorepo-release@users.noreply.github.com' };

/** Push results that mean another writer moved the branch first: fetch again and retry. The
 * "remote rejected" ones come from receive-pack's own compare-and-swap when two pushes overlap. */
const LOST_RACE =
  /\[(?:rejected\] \((?:stale info|fetch first|non-fast-forward)|remote rejected\] \((?:failed to update ref|failed to lock|incorrect old value provided|reference already exists))\)/;

/** Fetch failures worth another try: a ref lock held by a concurrent git process, a dropped connection,
 * a 5xx from the server. */
const TRANSIENT_FETCH =
  /cannot lock ref|unable to update local ref|Unable to create '.*\.lock'|early EOF|Connection reset|Connection timed out|The requested URL returned error: 5\d\d|RPC failed/i;
const FETCH_ATTEMPTS = 5;

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

/** Throws unless `path` is a plain relative path inside the audit tree. */
export function assertAuditPath(path: string): void {
  const segments = path.split('/');
  const bad =
    path === '' ||
    /[\0\n\r\\]/.test(path) ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git');
  if (bad) {
    throw new Error(
      `invalid audit path ${JSON.stringify(path)}: expected a relative, normalized path without '..'`,
    );
  }
}

/** Serializes fetches and pushes of one repository and branch inside this process: concurrent ones
 * would fight over the lock of the private ref (fetch) or of the remote-tracking ref (push). The
 * caller's change() runs outside, so it may use the store itself without a deadlock. */
const queues = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
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

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

type Attempt = { done: true; sha: string } | { done: false; reason: string };

export class GitAuditStore implements AuditStore {
  private readonly root: string;
  private readonly branch: string;
  private readonly token: string | undefined;
  private readonly remote: string;
  private readonly maxAttempts: number;
  private readonly random: () => number;
  private readonly signal: AbortSignal | undefined;
  private readonly readLocalCopy: ((message: string) => void) | undefined;
  /** The newest head this instance has seen; a later head must descend from it. */
  private lastSeen: string | null = null;

  constructor(options: GitAuditStoreOptions) {
    this.root = resolve(options.root);
    this.branch = options.branch;
    this.token = options.token;
    this.remote = options.remote ?? 'origin';
    this.maxAttempts = options.maxAttempts ?? 20;
    this.random = options.random ?? Math.random;
    this.signal = options.signal;
    this.readLocalCopy = options.readLocalCopy;
  }

  snapshot(): Promise<AuditTree> {
    return serialized(this.lockKey(), () => this.fetchView());
  }

  async write(message: string, change: (tree: AuditTree) => Promise<AuditFileChange[]>): Promise<string> {
    let lastReason = '';
    let roundMs = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs(attempt - 1, roundMs, this.random));
      const started = Date.now();
      const result = await this.tryWrite(message, change, attempt === 1);
      roundMs = Date.now() - started;
      if (result.done) return result.sha;
      lastReason = result.reason;
    }
    throw new AuditWriteError(
      `could not write the audit branch '${this.branch}': lost the race to other writers ${this.maxAttempts} times (last: ${lastReason})`,
      'too many runs write the audit log at once; run again, or let fewer jobs release at the same time (`max-parallel`)',
    );
  }

  /** One compare-and-swap round: read the head, build the commit on it, push it if the head has not moved.
   * The first round builds on the head this store last saw, without a fetch: a run that writes its record
   * stage after stage is usually the only writer, and if it is not, the lease refuses the push and the
   * next round fetches (and checks for a rewrite). */
  private async tryWrite(
    message: string,
    change: (tree: AuditTree) => Promise<AuditFileChange[]>,
    optimistic: boolean,
  ): Promise<Attempt> {
    const tree =
      optimistic && this.lastSeen !== null
        ? new GitAuditTree(this.root, this.lastSeen, this.branch)
        : await this.snapshot();
    const files = await change(tree);
    if (files.length === 0) return { done: true, sha: tree.head ?? '' };
    checkChanges(files);
    const commit = await this.commitOnto(tree.head, message, files);
    const push = await serialized(this.lockKey(), () =>
      this.run(auditPushArgs(this.remote, this.branch, commit, tree.head), true),
    );
    if (push.code === 0) {
      this.lastSeen = commit;
      await this.remember(commit);
      return { done: true, sha: commit };
    }
    if (push.stopped) {
      throw new AuditWriteError(
        `cannot push to the audit branch '${this.branch}': ${this.redact(firstLine(push.stderr))}`,
        UNREACHABLE_FIX,
      );
    }
    const output = `${push.stdout}\n${push.stderr}`;
    const refLine = LOST_RACE.exec(output);
    if (refLine) return { done: false, reason: refLine[0] };
    throw new AuditWriteError(
      `cannot push to the audit branch '${this.branch}' on '${this.remote}': ${this.redact(output.trim())}`,
      `give the release job this block (with \`deployments: write\` too when audit.deployments is on), and let it push to '${this.branch}' (a ruleset on it should block force pushes and deletion, not pushes):\n${permissionsBlock({})}`,
    );
  }

  /** Fetch the branch into the private ref and check that it still descends from what we saw before: in
   * this run, or else in an earlier run in this checkout (a self-hosted runner keeps the private ref). */
  private async fetchView(): Promise<AuditTree> {
    const seen = this.lastSeen
      ? { head: this.lastSeen, when: 'this run saw earlier' }
      : await this.rememberedHead();
    const fetch = await this.fetchWithRetries();
    let head: string | null = null;
    if (fetch.code === 0) {
      head = (
        await this.gitOut(['rev-parse', '--verify', '--quiet', `${auditFetchRef(this.branch)}^{commit}`])
      ).trim();
    } else if (!/couldn't find remote ref/.test(fetch.stderr)) {
      const local = this.readLocalCopy && (await this.localCopy());
      if (local) {
        this.readLocalCopy!(
          `could not read the audit branch '${this.branch}' from '${this.remote}' (${this.redact(firstLine(fetch.stderr))}); using the copy fetched earlier, ${local.ref} at ${local.head.slice(0, 12)}, which may be behind`,
        );
        head = local.head;
      } else if (fetch.stopped) {
        throw new AuditWriteError(
          `cannot fetch the audit branch '${this.branch}': ${this.redact(firstLine(fetch.stderr))}`,
          UNREACHABLE_FIX,
        );
      } else {
        throw new AuditWriteError(
          `cannot fetch the audit branch '${this.branch}' from '${this.remote}': ${this.redact(fetch.stderr.trim())}`,
          `check that the remote '${this.remote}' exists and is reachable, and that the token can read it (\`permissions: contents: write\` to write the audit log)`,
        );
      }
    }
    await this.assertNotRewritten(head, seen);
    this.lastSeen = head;
    return new GitAuditTree(this.root, head, this.branch);
  }

  /** Keep the head we pushed in the private ref, so that the next run in this checkout knows it even
   * when it was the last write of this one (later writes of a run push without a fetch). Best effort: the
   * record is written already, and a fetch in another process holding the ref's lock must not undo that. */
  private async remember(commit: string): Promise<void> {
    await this.run(['update-ref', auditFetchRef(this.branch), commit], false);
  }

  /** The head the private ref kept from an earlier fetch in this checkout, if its commit is still here. */
  private async rememberedHead(): Promise<{ head: string; when: string } | null> {
    const ref = await this.run(
      ['rev-parse', '--verify', '--quiet', `${auditFetchRef(this.branch)}^{commit}`],
      false,
    );
    const head = ref.stdout.trim();
    return ref.code === 0 && head ? { head, when: 'an earlier run in this checkout saw' } : null;
  }

  /** The branch as this repository last fetched it: the private ref, else the remote-tracking branch. */
  private async localCopy(): Promise<{ ref: string; head: string } | null> {
    for (const ref of [auditFetchRef(this.branch), `refs/remotes/${this.remote}/${this.branch}`]) {
      const run = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], false);
      if (run.code === 0) return { ref, head: run.stdout.trim() };
    }
    return null;
  }

  /** A fetch that failed for a passing reason (another git process holding the ref lock, a dropped
   * connection) is tried again: a release must not stop half-way because of it. One stopped at its
   * deadline is not: each try would take the whole deadline again. */
  private async fetchWithRetries(): Promise<GitRun> {
    for (let attempt = 1; ; attempt++) {
      const fetch = await this.run(auditFetchArgs(this.remote, this.branch), true);
      const retry = !fetch.stopped && TRANSIENT_FETCH.test(fetch.stderr);
      if (fetch.code === 0 || attempt >= FETCH_ATTEMPTS || !retry) return fetch;
      await sleep(backoffMs(attempt, 200, this.random));
    }
  }

  private async assertNotRewritten(
    head: string | null,
    seen: { head: string; when: string } | null,
  ): Promise<void> {
    if (seen === null || seen.head === head) return;
    if (head !== null) {
      const check = await this.run(['merge-base', '--is-ancestor', seen.head, head], false);
      if (check.code === 0) return;
      if (check.code !== 1) throw new Error(`git merge-base failed: ${check.stderr.trim()}`);
    }
    const ref = auditFetchRef(this.branch);
    throw new AuditRewrittenError(
      `the audit branch '${this.branch}' was rewritten: ${head === null ? 'it was deleted' : `its head ${head} does not descend from ${seen.head}`}, which ${seen.when}; nothing was written`,
      `restore the branch (\`git push --force ${this.remote} ${seen.head}:refs/heads/${this.branch}\` from this checkout, which has it as ${ref}, after saving any newer records), then ${auditRulesetAdvice(this.branch)}. If the reset was deliberate, forget the old head: \`git update-ref -d ${ref}\` in this checkout`,
    );
  }

  /** A commit whose tree is the parent's tree plus `files`, built in a throw-away index. */
  private async commitOnto(
    parent: string | null,
    message: string,
    files: AuditFileChange[],
  ): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'monorepo-release-audit-'));
    try {
      const env = { GIT_INDEX_FILE: join(dir, 'index') };
      if (parent) await this.gitOut(['read-tree', parent], { env });
      const entries: string[] = [];
      for (const file of files) {
        const blob = (
          await this.gitOut(['hash-object', '-w', '--no-filters', '--stdin'], { input: file.content })
        ).trim();
        entries.push(`100644 ${blob}\t${file.path}\0`);
      }
      await this.gitOut(['update-index', '-z', '--add', '--index-info'], { env, input: entries.join('') });
      const tree = (await this.gitOut(['write-tree'], { env })).trim();
      const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'];
      return (await this.gitOut(args, { env: authorEnv(process.env), input: message })).trim();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private lockKey(): string {
    return `${this.root}\0${this.remote}\0${this.branch}`;
  }

  /** Run git in the work repo; the token (when `network`) travels in the environment only. */
  private run(
    args: string[],
    network: boolean,
    options: { env?: Record<string, string>; input?: string } = {},
  ): Promise<GitRun> {
    const env = { ...(network ? gitAuthEnv(this.token) : {}), ...options.env };
    return execGit(args, {
      cwd: this.root,
      env,
      input: options.input,
      network: network ? { remote: this.remote, signal: this.signal } : undefined,
    });
  }

  private async gitOut(
    args: string[],
    options: { env?: Record<string, string>; input?: string } = {},
  ): Promise<string> {
    const run = await this.run(args, false, options);
    if (run.code !== 0)
      throw new Error(`git ${args[0]} failed (exit ${run.code}): ${this.redact(run.stderr.trim())}`);
    return run.stdout;
  }

  /** Git may echo a remote URL; never let the token reach a message. */
  private redact(text: string): string {
    return this.token ? text.split(this.token).join('***') : text;
  }
}

/** The fix when the remote does not answer in time. */
const UNREACHABLE_FIX =
  "check that origin is reachable from here (the network, a VPN, a proxy, origin's URL: `git remote -v`), then run again; MONOREPO_RELEASE_GIT_TIMEOUT sets the deadline of each git call (default 30s)";

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function checkChanges(files: AuditFileChange[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    assertAuditPath(file.path);
    if (seen.has(file.path))
      throw new Error(`audit path ${JSON.stringify(file.path)} is changed twice in one write`);
    seen.add(file.path);
  }
}

/** The committer identity: the caller's when set, else the action's own. */
export function authorEnv(base: NodeJS.ProcessEnv): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: base.GIT_AUTHOR_NAME || DEFAULT_AUTHOR.name,
    GIT_AUTHOR_EMAIL: base.GIT_AUTHOR_EMAIL || DEFAULT_AUTHOR.email,
    GIT_COMMITTER_NAME: base.GIT_COMMITTER_NAME || DEFAULT_AUTHOR.name,
    GIT_COMMITTER_EMAIL: base.GIT_COMMITTER_EMAIL || DEFAULT_AUTHOR.email,
  };
}

/** A read view at one fetched commit; every read names that commit, so later fetches do not move it. */
class GitAuditTree implements AuditTree {
  /** Reads asked for together (a plan's live pointer of every service) share one `cat-file --batch`:
   * one git process per read made a plan of 2,000 released services take 25 s. */
  private readonly readTogether = batchedPerTick((paths: string[]) =>
    paths.length > DIRECT_READS ? this.readListed(paths) : this.readByPath(paths),
  );

  constructor(
    private readonly root: string,
    readonly head: string | null,
    readonly branch: string,
  ) {}

  read(path: string): Promise<string | null> {
    assertAuditPath(path);
    if (this.head === null) return Promise.resolve(null);
    return this.readTogether(path);
  }

  /** `<commit>:<path>` per line: git walks the path's trees for each line. `cat-file --batch` answers
   * "missing" instead of failing, so errors stay errors. */
  private readByPath(paths: string[]): Promise<Array<string | null>> {
    return this.catBlobs(paths.map((path) => `${this.head}:${path}`));
  }

  /** For many reads: git would re-read a directory's tree for every path in it (2,000 pointers in one
   * directory took 0.75 s), so the directories are listed once and the blobs read by object name. */
  private async readListed(paths: string[]): Promise<Array<string | null>> {
    const dirs = [...new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/') + 1)))];
    // A file at the top means the whole tree: a pathspec cannot name the top level alone.
    const scope = dirs.includes('') ? [] : ['--', ...dirs];
    const run = await execGit(['ls-tree', '-r', '-z', '--full-tree', this.head!, ...scope], {
      cwd: this.root,
    });
    if (run.code !== 0) throw new Error(`git ls-tree failed: ${run.stderr.trim()}`);
    const blobOf = blobNames(run.stdout);
    const listed = paths.filter((path) => blobOf.has(path));
    const texts = await this.catBlobs(listed.map((path) => blobOf.get(path)!));
    const byPath = new Map(listed.map((path, i) => [path, texts[i] ?? null]));
    return paths.map((path) => byPath.get(path) ?? null);
  }

  private async catBlobs(names: string[]): Promise<Array<string | null>> {
    if (names.length === 0) return [];
    const input = names.map((name) => `${name}\n`).join('');
    // --buffer: without it git flushes after every object, a write and a wake-up of this process each.
    const run = await execGitBytes(['cat-file', '--batch', '--buffer'], { cwd: this.root, input });
    if (run.code !== 0) throw new Error(`git cat-file failed: ${run.stderr.trim()}`);
    return parseCatFileBatch(run.stdout, names.length);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir.replace(/\/+$/, '');
    if (prefix !== '' && prefix !== '.') assertAuditPath(prefix);
    if (this.head === null) return [];
    const scope = prefix === '' || prefix === '.' ? [] : ['--', `${prefix}/`];
    const run = await execGit(['ls-tree', '-r', '-z', '--full-tree', '--name-only', this.head, ...scope], {
      cwd: this.root,
    });
    if (run.code !== 0) throw new Error(`git ls-tree failed: ${run.stderr.trim()}`);
    return run.stdout
      .split('\0')
      .filter((p) => p !== '')
      .sort();
  }
}

/** Up to this many reads at once go by path (one git process); more are listed first (two). */
const DIRECT_READS = 8;

/** The blobs of `ls-tree -r -z` output: `<mode> SP <type> SP <object> TAB <path> NUL` per entry. */
function blobNames(listing: string): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    const [, type, name] = entry.slice(0, tab).split(' ');
    if (tab !== -1 && type === 'blob' && name) blobs.set(entry.slice(tab + 1), name);
  }
  return blobs;
}

const FOUND_OBJECT = /^[0-9a-f]{40,64} ([a-z]+) (\d+)$/;

/** The answers of `cat-file --batch`, one per input line: each is `<name> <type> <size>`, a newline, the
 * content (`size` bytes, so it may hold any byte) and a newline; or `<input> missing` (or `ambiguous`).
 * The text of each blob; null for a missing object, or one that is not a blob. */
export function parseCatFileBatch(output: Buffer, count: number): Array<string | null> {
  const blobs: Array<string | null> = [];
  let at = 0;
  while (blobs.length < count) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd === -1)
      throw new Error(`git cat-file --batch ended after ${blobs.length} of ${count} answers`);
    const found = FOUND_OBJECT.exec(output.toString('utf8', at, lineEnd));
    if (!found) {
      blobs.push(null); // `<input> missing`
      at = lineEnd + 1;
      continue;
    }
    const size = Number(found[2]);
    const start = lineEnd + 1;
    blobs.push(found[1] === 'blob' ? output.toString('utf8', start, start + size) : null);
    at = start + size + 1;
  }
  return blobs;
}
