/** The Git port backed by the git CLI: argv arrays only, revisions after `--end-of-options` so a value that
 * looks like an option is never taken as one, and the token in the environment only. */
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Git, GitObject, TreeEntry } from '../core/ports.js';
import type { CommitInfo } from '../core/types.js';
import { checked, execGit, git, gitAuthEnv, gitLarge, gitNetworkTimeoutMs, type GitRun } from './exec-git.js';
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

/** Config that keeps user settings from changing the machine-readable output we parse. */
const STABLE_OUTPUT = ['-c', 'core.quotePath=false', '-c', 'color.ui=false'];

/** A full object name, SHA-1 or SHA-256. */
const OBJECT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Up to this many ancestry questions are asked one git process each (in parallel); more walk the history
 * once (`rev-list`), at a cost that grows with the history rather than with the number of questions. */
const FEW_ANCESTRY_CHECKS = 8;

/** A token that starts a commit in our `log` format; paths are relative, so no path token starts with `/`. */
const COMMIT_MARK = '/';

export class CliGit implements Git {
  readonly root: string;
  private readonly token: string | undefined;
  private readonly debug: (message: string) => void;
  private readonly warning: (message: string) => void;
  /** Lookups asked for in the same tick (a range's base and head) share one git process. */
  private readonly lookUp = batchedPerTick((revs: string[]) => this.resolveBatch(revs));

  constructor(options: CliGitOptions) {
    this.root = options.root;
    this.token = options.token;
    this.debug = options.debug ?? (() => undefined);
    this.warning = options.warning ?? this.debug;
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

  diffNameStatus(base: string, head: string): Promise<string> {
    return this.large(diffArgs(base, head));
  }

  /** One `diff-tree --stdin` for every base: one git process per base made a plan of 2,000 services, each
   * released at its own commit, take minutes. */
  async diffsToHead(
    bases: readonly string[],
    head: string,
    paths: readonly string[] = [],
  ): Promise<Map<string, string>> {
    const named = bases.filter((base) => OBJECT_NAME.test(base));
    if (named.length === 0 || !OBJECT_NAME.test(head)) return new Map();
    // `<commit> <parent>`: the diff from the base, taken as the parent, to head.
    const output = await this.diffTreeStdin(
      named.map((base) => `${head} ${base}`),
      paths,
    );
    return splitDiffTree(output, head, named);
  }

  /** One `cat-file --batch-check` for every lookup; a path that cannot be put on one line of its input
   * (or is empty, which would name the commit's whole tree) is not looked up. */
  async objectsAt(
    lookups: ReadonlyArray<{ commit: string; path: string }>,
  ): Promise<Array<GitObject | null>> {
    const asked = lookups.map(({ commit, path }) =>
      OBJECT_NAME.test(commit) && path !== '' && !/[\n\r\0]/.test(path) ? `${commit}:${path}` : null,
    );
    const input = asked.flatMap((name) => (name === null ? [] : [`${name}\n`])).join('');
    if (input === '') return asked.map(() => null);
    // --buffer: one write of the answers, not one per lookup.
    const run = await execGit(['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'], {
      cwd: this.root,
      input,
    });
    if (run.code !== 0) return asked.map(() => null);
    const lines = run.stdout.split('\n');
    let next = 0;
    return asked.map((name) => {
      if (name === null) return null;
      const [object = '', type = '', extra] = (lines[next++] ?? '').split(' ');
      return OBJECT_NAME.test(object) && /^[a-z]+$/.test(type) && extra === undefined
        ? { object, type }
        : null;
    });
  }

  /** One `diff-tree --stdin` for every pair of trees: what changed from `from` to `to`, as diffNameStatus
   * gives it, with paths relative to the trees. */
  async diffTrees(pairs: ReadonlyArray<{ from: string; to: string }>): Promise<string[]> {
    if (pairs.length === 0) return [];
    if (!pairs.every(({ from, to }) => OBJECT_NAME.test(from) && OBJECT_NAME.test(to))) {
      throw new Error('git diff-tree: trees are asked for by full object name');
    }
    const output = await this.diffTreeStdin(pairs.map(({ from, to }) => `${from} ${to}`));
    return splitTreeDiffs(output, pairs);
  }

  /** One `diff-tree --stdin` over these `<a> <b>` lines, as name-status, limited to `paths` (literal)
   * when given. Without the index, which diff-tree reads whole as it starts and this output never uses. */
  private diffTreeStdin(lines: readonly string[], paths: readonly string[] = []): Promise<string> {
    return gitLarge(
      [
        ...STABLE_OUTPUT,
        '--literal-pathspecs',
        'diff-tree',
        '--stdin',
        '--always',
        '-r',
        '-z',
        '--name-status',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        ...(paths.length > 0 ? ['--', ...paths] : []),
      ],
      { cwd: this.root, input: lines.map((line) => `${line}\n`).join(''), withoutIndex: true },
    );
  }

  fileListing(rev?: string): Promise<string> {
    const args =
      rev === undefined
        ? ['ls-files', '-z', '--full-name']
        : ['ls-tree', '-r', '-z', '--name-only', '--full-tree', '--end-of-options', rev];
    return this.large(args);
  }

  async treeEntries(rev: string, dirs: readonly string[]): Promise<TreeEntry[]> {
    if (dirs.length === 0) return [];
    // `dir/` lists what is in the directory, `.` the root; literal, so a `*` in a name is just a `*`.
    const specs = dirs.map((dir) => (dir === '' ? '.' : `${dir}/`));
    const run = await execGit(
      ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', '--end-of-options', rev, '--', ...specs],
      { cwd: this.root },
    );
    // An unborn HEAD, say: this only proves patterns faster, and the full check still runs.
    if (run.code !== 0) return [];
    const entries: TreeEntry[] = [];
    // `<mode> SP <type> SP <object> TAB <path>`, each ended by a NUL.
    for (const record of run.stdout.split('\0')) {
      const tab = record.indexOf('\t');
      if (tab === -1) continue;
      const typeAt = record.indexOf(' ') + 1;
      const objectAt = record.lastIndexOf(' ', tab) + 1;
      entries.push({
        path: record.slice(tab + 1),
        type: record.slice(typeAt, objectAt - 1),
        object: record.slice(objectAt, tab),
        mode: record.slice(0, typeAt - 1),
      });
    }
    return entries;
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

/**
 * Parses `log -z --name-only --format=tformat:/%H%x00%B%x00`. Split on NUL, a commit is the mark token
 * `/<sha>`, then its whole message (messages cannot hold NUL), then its paths. Git separates the message
 * from the first path with one newline, which is stripped; empty tokens are separators. The message
 * loses its trailing newlines only.
 */
export function parseLog(output: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  const tokens = output.split('\0');
  let current: CommitInfo | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token.startsWith(COMMIT_MARK)) {
      const message = (tokens[i + 1] ?? '').replace(/\n+$/, '');
      current = { sha: token.slice(COMMIT_MARK.length), message, files: [] };
      commits.push(current);
      i++;
    } else if (token !== '' && current) {
      current.files.push(current.files.length === 0 && token.startsWith('\n') ? token.slice(1) : token);
    }
  }
  return commits;
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

/**
 * Splits `diff-tree --stdin --always -z --name-status` output, for input lines `<head> <base>`, into the
 * diff of each base, in input order. Each diff starts with head's object name and a NUL (`--always`: even
 * when empty), then `status NUL path NUL` entries. Without renames a status is one letter and an object
 * name is 40 or 64 characters, so the next diff's start is told from a status by its length.
 */
export function splitDiffTree(output: string, head: string, bases: readonly string[]): Map<string, string> {
  const diffs = new Map<string, string>();
  let at = 0;
  for (const base of bases) {
    const headerEnd = output.indexOf('\0', at);
    if (headerEnd === -1 || output.slice(at, headerEnd) !== head) {
      throw new Error(`git diff-tree --stdin: expected the diff from ${base} at offset ${at}`);
    }
    const end = entriesEnd(output, headerEnd + 1);
    diffs.set(base, output.slice(headerEnd + 1, end));
    at = end;
  }
  return diffs;
}

/** The same for input lines `<tree> <tree>`: git echoes each line (up to its line feed) before its diff. */
export function splitTreeDiffs(output: string, pairs: ReadonlyArray<{ from: string; to: string }>): string[] {
  let at = 0;
  return pairs.map(({ from, to }) => {
    const header = `${from} ${to}\n`;
    if (!output.startsWith(header, at)) {
      throw new Error(`git diff-tree --stdin: expected the diff from ${from} to ${to} at offset ${at}`);
    }
    const start = at + header.length;
    at = entriesEnd(output, start);
    return output.slice(start, at);
  });
}

/** Where the `status NUL path NUL` entries that start at `at` end. Without renames a status is one
 * letter, so the next diff's header (an object name) is told from a status by its length. */
function entriesEnd(output: string, at: number): number {
  let end = at;
  for (let statusEnd = output.indexOf('\0', end); statusEnd === end + 1;) {
    end = output.indexOf('\0', statusEnd + 1) + 1;
    if (end === 0) throw new Error('git diff-tree --stdin: output ends inside an entry');
    statusEnd = output.indexOf('\0', end);
  }
  return end;
}
