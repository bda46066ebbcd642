/** The Git port backed by the git CLI: argv arrays only, revisions after `--end-of-options` so a value that
 * looks like an option is never taken as one, and the token in the environment only. */
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Git, ReleaseRoots, TreeEntry } from '../core/ports.js';
import type { CommitInfo } from '../core/types.js';
import { parseCatFileBatch } from './audit-tree.js';
import {
  checked,
  execGit,
  execGitBytes,
  git,
  gitAuthEnv,
  gitLarge,
  gitNetworkTimeoutMs,
  type GitRun,
} from './exec-git.js';
import { ChangedSince } from './git-changed-since.js';
import {
  COMMIT_MARK,
  OBJECT_NAME,
  parseLog,
  parseNameStatusZ,
  parsePathsZ,
  parseTreeEntries,
  STABLE_OUTPUT,
} from './git-output.js';
import { batchedPerTick } from './tick-batch.js';

export interface CliGitOptions {
  /** Repository root (absolute). */
  root: string;
  /** Token for fetching from origin over HTTPS; sent as a header through the environment. */
  token?: string;
  /** Receives git's own message when a fetch or an ancestry check fails (the port only reports false). */
  debug?: (message: string) => void;
  /** Told when a fetch is stopped at its deadline: the caller goes on without it, and the user should
   * know why. */
  warning?: (message: string) => void;
}

/** Deepening a shallow clone may take this many ordinary deadlines, in all. */
const DEEPEN_DEADLINES = 10;

/** Up to this many ancestry questions are asked one git process each (in parallel); more walk the history
 * once (`rev-list`), at a cost that grows with the history rather than with the number of questions. */
const FEW_ANCESTRY_CHECKS = 8;

/** More directories than this are not worth one `ls-tree`: git compares each entry with each of them. */
const MAX_LISTED_DIRECTORIES = 256;

export class CliGit implements Git {
  readonly root: string;
  private readonly token: string | undefined;
  private readonly debug: (message: string) => void;
  private readonly warning: (message: string) => void;
  /** Lookups asked for in the same tick (a range's base and head) share one git process. */
  private readonly lookUp = batchedPerTick((revs: string[]) => this.resolveBatch(revs));
  private readonly since: ChangedSince;

  constructor(options: CliGitOptions) {
    this.root = options.root;
    this.token = options.token;
    this.debug = options.debug ?? (() => undefined);
    this.warning = options.warning ?? this.debug;
    this.since = new ChangedSince(this.root, (rev, dirs) => this.treeEntries(rev, dirs));
  }

  resolveCommit(rev: string): Promise<string | null> {
    // One lookup per input line: a name with a line break is no revision (ref names cannot hold one).
    if (rev === '' || /[\n\r]/.test(rev)) return Promise.resolve(null);
    return this.lookUp(rev);
  }

  /** `cat-file --batch-check` resolves each line as `rev-parse --verify` would, and answers `<line>
   * missing` (or `ambiguous`) where there is no such commit. */
  private async resolveBatch(revs: string[]): Promise<Array<string | null>> {
    const input = revs.map((rev) => `${rev}^{commit}\n`).join('');
    const run = await execGit(['cat-file', '--batch-check=%(objectname)'], { cwd: this.root, input });
    const lines = run.stdout.split('\n');
    return revs.map((_, i) => {
      const line = lines[i] ?? '';
      return run.code === 0 && OBJECT_NAME.test(line) ? line : null;
    });
  }

  async isShallow(): Promise<boolean> {
    // In an ordinary checkout git marks a shallow clone with .git/shallow: no process needed. A linked
    // worktree or a submodule (.git is a file) asks git.
    const gitDir = join(this.root, '.git');
    if ((await stat(gitDir).catch(() => null))?.isDirectory()) {
      return (await stat(join(gitDir, 'shallow')).catch(() => null)) !== null;
    }
    return (await this.out(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }

  async fetch(options: { refspecs?: string[]; unshallow?: boolean; tags?: boolean }): Promise<boolean> {
    const refspecs = options.refspecs ?? [];
    if (refspecs.some((refspec) => refspec.startsWith('-'))) return false;
    // --no-auto-gc: no `git maintenance run --auto` (a gc, at times) in the middle of a plan.
    const args = ['fetch', '--quiet', '--no-recurse-submodules', '--no-write-fetch-head', '--no-auto-gc'];
    // `--unshallow` is an error on a complete repository; there is nothing to deepen then.
    const deepen = options.unshallow === true && (await this.isShallow());
    if (deepen) args.push('--unshallow');
    if (options.tags) args.push('--tags');
    args.push('origin', ...refspecs);
    // The whole history of a large repository can take minutes to arrive; a stalled transfer still ends
    // after the usual deadline (git's own low-speed limit).
    const timeoutMs = deepen ? DEEPEN_DEADLINES * gitNetworkTimeoutMs() : undefined;
    const run = await execGit(args, {
      cwd: this.root,
      env: gitAuthEnv(this.token),
      network: { timeoutMs },
    });
    if (run.stopped) {
      this.warning(
        `git fetch ${refspecs.join(' ') || 'origin'}: ${firstLine(run.stderr)}; going on without it (check the network or VPN, and origin's URL: \`git remote -v\`)`,
      );
    } else if (run.code !== 0) this.debug(`git fetch failed (exit ${run.code}): ${run.stderr.trim()}`);
    return run.code === 0;
  }

  mergeBase(a: string, b: string): Promise<string | null> {
    return this.commonAncestor([], [a, b]);
  }

  /** False too when either commit is unknown here: nothing can be said about its ancestry. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const run = await this.exec(['merge-base', '--is-ancestor', '--end-of-options', ancestor, descendant]);
    if (run.code > 1)
      this.debug(`git merge-base --is-ancestor failed (exit ${run.code}): ${run.stderr.trim()}`);
    return run.code === 0;
  }

  async changedFiles(base: string, head: string): Promise<string[]> {
    return parseNameStatusZ(await this.large(diffArgs(base, head)));
  }

  changedSinceEach(
    releases: readonly ReleaseRoots[],
    head: string,
  ): AsyncIterable<{ commit: string; files: string[] }> {
    return this.since.each(releases, head);
  }

  async filesAt(commit: string | null): Promise<string[]> {
    const args =
      commit === null
        ? ['ls-files', '-z', '--full-name']
        : ['ls-tree', '-r', '-z', '--name-only', '--full-tree', '--end-of-options', commit];
    return parsePathsZ(await this.large(args));
  }

  async treeEntries(rev: string, dirs: readonly string[]): Promise<TreeEntry[]> {
    if (dirs.length === 0 || dirs.length > MAX_LISTED_DIRECTORIES) return [];
    // `dir/` lists what is in the directory, `.` the root; literal, so a `*` in a name is just a `*`.
    const specs = dirs.map((dir) => (dir === '' ? '.' : `${dir}/`));
    const run = await execGit(
      ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', '--end-of-options', rev, '--', ...specs],
      { cwd: this.root },
    );
    // An unborn HEAD, or a revision that is not there: nothing is listed.
    return run.code === 0 ? parseTreeEntries(run.stdout) : [];
  }

  async tags(): Promise<Array<{ name: string; sha: string }>> {
    const format = '%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)';
    const output = await this.out(['for-each-ref', `--format=${format}`, 'refs/tags']);
    const tags: Array<{ name: string; sha: string }> = [];
    // Ref names cannot hold a newline, so one line per tag is unambiguous.
    for (const line of output.split('\n')) {
      if (!line) continue;
      const [name = '', type, sha = '', peeledType, peeledSha = ''] = line.split('\0');
      if (type === 'commit') tags.push({ name, sha });
      else if (peeledType === 'commit') tags.push({ name, sha: peeledSha });
      else if (peeledType === 'tag') {
        // A tag of a tag: for-each-ref peels one level only; such tags are rare enough for one call each.
        const commit = await this.resolveCommit(sha);
        if (commit) tags.push({ name, sha: commit });
      }
    }
    return tags;
  }

  async log(base: string | null, head: string): Promise<CommitInfo[]> {
    return parseLog(await this.large(logArgs('%H', base, head)));
  }

  async logWithParents(base: string, head: string): Promise<Array<CommitInfo & { parents: string[] }>> {
    return parseLog(await this.large(logArgs('%H %P', base, head))).map((commit) => {
      const [sha = '', ...parents] = commit.sha.split(' ');
      return { ...commit, sha, parents: parents.filter((parent) => parent !== '') };
    });
  }

  octopusBase(commits: readonly string[]): Promise<string | null> {
    return this.commonAncestor(['--octopus'], commits);
  }

  /** `merge-base`'s answer; null when the commits share no history (exit 1). */
  private async commonAncestor(options: string[], commits: readonly string[]): Promise<string | null> {
    const args = ['merge-base', ...options, '--end-of-options', ...commits];
    const run = await this.exec(args);
    if (run.code === 1) return null;
    return checked(run, args).trim() || null;
  }

  async showFile(rev: string, path: string): Promise<string | null> {
    const run = await this.exec(['cat-file', 'blob', '--end-of-options', `${rev}:${path}`]);
    return run.code === 0 ? run.stdout : null;
  }

  async ancestorsAmong(commits: readonly string[], descendant: string): Promise<Set<string>> {
    const named = commits.filter((commit) => OBJECT_NAME.test(commit));
    if (named.length <= FEW_ANCESTRY_CHECKS) {
      const answers = await Promise.all(named.map((commit) => this.isAncestor(commit, descendant)));
      return new Set(named.filter((_, i) => answers[i]));
    }
    // Many: one walk of the history instead of one process per commit.
    const reachable = new Set(
      (await this.large(['rev-list', '--end-of-options', descendant, '--'])).split('\n'),
    );
    return new Set(named.filter((commit) => reachable.has(commit)));
  }

  async defaultBranch(): Promise<string | null> {
    const run = await this.exec(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
    const prefix = 'refs/remotes/origin/';
    const ref = run.stdout.trim();
    return run.code === 0 && ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
  }

  async commitTimes(commits: readonly string[]): Promise<Map<string, string>> {
    // Object names only: each is a line of stdin, and a record's `sha` is whatever the branch holds.
    const named = [...new Set(commits.filter((commit) => OBJECT_NAME.test(commit)))];
    const times = new Map<string, string>();
    if (named.length === 0) return times;
    // One process for any number of commits; --ignore-missing skips those the checkout lacks.
    const args = ['log', '--no-walk=unsorted', '--ignore-missing', '--stdin', '--format=%H %ct'];
    const output = await gitLarge(args, { cwd: this.root, input: named.join('\n') + '\n' });
    for (const line of output.split('\n')) {
      const [sha, seconds] = line.split(' ');
      if (sha && seconds) times.set(sha, new Date(Number(seconds) * 1000).toISOString());
    }
    return times;
  }

  async directoriesAt(commit: string): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-r', '-d', '-z', '--full-tree', '--end-of-options', commit];
    return parseTreeEntries(await this.large(args));
  }

  /** One `cat-file --batch` for every name. */
  async readBlobs(names: readonly string[]): Promise<Array<string | null>> {
    // A name with a line break cannot be asked for on a line of its own (and no manifest has one).
    const asked = names.filter((name) => !/[\n\r]/.test(name));
    if (asked.length === 0) return names.map(() => null);
    const input = asked.map((name) => `${name}\n`).join('');
    const run = await execGitBytes(['cat-file', '--batch', '--buffer'], { cwd: this.root, input });
    if (run.code !== 0) throw new Error(`git cat-file failed: ${run.stderr.trim()}`);
    const texts = parseCatFileBatch(run.stdout, asked.length);
    const byName = new Map(asked.map((name, i) => [name, texts[i] ?? null]));
    return names.map((name) => byName.get(name) ?? null);
  }

  private exec(args: string[]): Promise<GitRun> {
    return execGit(args, { cwd: this.root });
  }

  private out(args: string[]): Promise<string> {
    return git(args, { cwd: this.root });
  }

  private large(args: string[]): Promise<string> {
    return gitLarge(args, { cwd: this.root });
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** The top of the git work tree that holds `cwd`. */
export async function findRepoRoot(cwd: string): Promise<string> {
  // The usual case, the top of a checkout, needs no git process.
  if ((await stat(join(cwd, '.git')).catch(() => null))?.isDirectory()) return realpath(cwd);
  const run = await execGit(['rev-parse', '--show-toplevel'], { cwd });
  const root = run.stdout.trim();
  if (run.code !== 0 || !root) {
    throw new UserError(
      `${cwd} is not inside a git work tree (${run.stderr.trim() || 'git rev-parse failed'})`,
      'run from a git checkout; in a workflow, add actions/checkout with `fetch-depth: 0` before this step',
    );
  }
  return root;
}

/** `git log` of base..head with each commit's changed files; `ids` is what follows the commit mark. */
function logArgs(ids: string, base: string | null, head: string): string[] {
  return [
    ...STABLE_OUTPUT,
    'log',
    '-z',
    '--name-only',
    '--no-renames',
    '--no-show-signature',
    '--encoding=UTF-8',
    `--format=tformat:${COMMIT_MARK}${ids}%x00%B%x00`,
    '--end-of-options',
    head,
    ...(base === null ? [] : [`^${base}`]),
    '--',
  ];
}

function diffArgs(base: string, head: string): string[] {
  return [
    ...STABLE_OUTPUT,
    'diff',
    '--name-status',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--no-relative',
    '--end-of-options',
    base,
    head,
    '--',
  ];
}
