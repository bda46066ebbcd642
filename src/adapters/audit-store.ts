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
import {
  auditFetchArgs,
  auditFetchRef,
  auditPushArgs,
  authorEnv,
  backoffMs,
  FETCH_ATTEMPTS,
  firstLine,
  LOST_RACE,
  serialized,
  TRANSIENT_FETCH,
  UNREACHABLE_FIX,
} from './audit-remote.js';
import { assertAuditPath, GitAuditTree } from './audit-tree.js';
import { execGit, gitAuthEnv, type GitRun } from './exec-git.js';
import { sleep } from './clock.js';

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

function checkChanges(files: AuditFileChange[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    assertAuditPath(file.path);
    if (seen.has(file.path))
      throw new Error(`audit path ${JSON.stringify(file.path)} is changed twice in one write`);
    seen.add(file.path);
  }
}
