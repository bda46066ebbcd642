/** `Git.changedSinceEach`: what changed since each of many release commits, asked of git at a cost that
 * stays low for 2,000 services each released at its own commit. */
import { parentOf } from '../core/glob.js';
import type { ReleaseRoots, TreeEntry } from '../core/ports.js';
import { execGit, gitLarge } from './exec-git.js';
import { OBJECT_NAME, parseNameStatusZ, splitDiffTree, splitTreeDiffs, STABLE_OUTPUT } from './git-output.js';

/** An object in the repository: its name and type (`tree`, `blob`, `commit` for a submodule). */
export interface GitObject {
  object: string;
  type: string;
}

/** Release commits whose diffs against head one git process computes: each diff is as long as the
 * history since its release, so a batch bounds the memory they take. */
const DIFFS_PER_BATCH = 64;
/** git matches each entry it walks against every pathspec: a batch that needs more roots than this
 * diffs everything. */
const MAX_PATHSPECS = 256;

type Answer = { commit: string; files: string[] };

export class ChangedSince {
  constructor(
    private readonly root: string,
    /** Git.treeEntries. */
    private readonly treeEntries: (rev: string, dirs: readonly string[]) => Promise<TreeEntry[]>,
  ) {}

  /** The answer for each release, a batch at a time (the files of one may include some outside its
   * roots). Up to DIFFS_PER_BATCH releases are diffed commit to commit; more are compared by object first
   * (compareByObject), and only those that comparison cannot answer are diffed. */
  async *each(releases: readonly ReleaseRoots[], head: string): AsyncGenerator<Answer> {
    let toDiff = releases.filter((r) => r.commit !== head);
    for (const { commit } of releases) if (commit === head) yield { commit, files: [] };
    if (toDiff.length > DIFFS_PER_BATCH) {
      const answered = await this.compareByObject(toDiff, head);
      for (const [commit, files] of answered) yield { commit, files };
      toDiff = toDiff.filter((r) => !answered.has(r.commit));
    }
    yield* this.diffBatches(toDiff, head);
  }

  /** One `diff-tree` per DIFFS_PER_BATCH releases, limited to the union of their roots; git computes the
   * next batch while this process reads the current one. */
  private async *diffBatches(releases: readonly ReleaseRoots[], head: string): AsyncGenerator<Answer> {
    const batches: ReleaseRoots[][] = [];
    for (let start = 0; start < releases.length; start += DIFFS_PER_BATCH) {
      batches.push(releases.slice(start, start + DIFFS_PER_BATCH));
    }
    const diffsOf = (batch: readonly ReleaseRoots[]): Promise<Map<string, string[]>> => {
      const roots = batch.some((r) => r.roots === null) ? null : [...new Set(batch.flatMap((r) => r.roots!))];
      const diffs = this.diffsToHead(
        batch.map((r) => r.commit),
        head,
        roots && roots.length <= MAX_PATHSPECS ? roots : [],
      );
      diffs.catch(() => undefined); // awaited below, after the batch before it; a failure surfaces there
      return diffs;
    };
    let next = batches.length > 0 ? diffsOf(batches[0]!) : null;
    for (let b = 0; b < batches.length; b++) {
      const diffs = await next!;
      next = b + 1 < batches.length ? diffsOf(batches[b + 1]!) : null;
      for (const { commit } of batches[b]!) yield { commit, files: diffs.get(commit) ?? [] };
    }
  }

  /** The answers that comparing objects gives: the objects at each release's roots are looked up at the
   * release and at head, all in one git process; equal objects mean nothing there changed, and the trees
   * that differ are diffed against each other, all in one more. A release with no roots, or a root missing
   * on either side or not a tree on both, is left out (for the commit diff). */
  private async compareByObject(
    releases: readonly ReleaseRoots[],
    head: string,
  ): Promise<Map<string, string[]>> {
    const asked = releases.filter((r) => r.roots !== null && r.roots.length > 0);
    const lookups = asked.flatMap((r) => r.roots!.map((path) => ({ commit: r.commit, path })));
    // At the releases each root is looked up by path; at head the roots' directories are listed while
    // those lookups run: looking a root up re-reads its whole directory, once per root.
    const [atHead, atRelease] = await Promise.all([
      this.objectsAtHead(head, [...new Set(asked.flatMap((r) => r.roots!))]),
      this.objectsAt(lookups),
    ]);
    const pairs = new TreePairs();
    const toDiff: Array<{ commit: string; diffs: Array<{ root: string; pair: number }> }> = [];
    let at = 0;
    for (const { commit, roots } of asked) {
      const diffs: Array<{ root: string; pair: number }> = [];
      let told = true;
      for (const root of roots!) {
        const before = atRelease[at++];
        const after = atHead.get(root);
        if (before && after && before.object === after.object) continue;
        if (before?.type !== 'tree' || after?.type !== 'tree') told = false;
        else diffs.push({ root, pair: pairs.add(before.object, after.object) });
      }
      if (told) toDiff.push({ commit, diffs });
    }
    const changed = await this.diffTrees(pairs.list);
    const answers = new Map<string, string[]>();
    for (const { commit, diffs } of toDiff) {
      answers.set(
        commit,
        diffs.flatMap(({ root, pair }) => changed[pair]!.map((path) => `${root}/${path}`)),
      );
    }
    return answers;
  }

  /** The object at each of these paths of head: from one listing of their directories, and a lookup of
   * those the listing does not show (a path gone at head, say). */
  private async objectsAtHead(
    head: string,
    paths: readonly string[],
  ): Promise<Map<string, GitObject | null>> {
    const wanted = new Set(paths);
    const objects = new Map<string, GitObject | null>();
    for (const { path, type, object } of await this.treeEntries(head, [...new Set(paths.map(parentOf))])) {
      if (wanted.has(path)) objects.set(path, { object, type });
    }
    const unlisted = paths.filter((path) => !objects.has(path));
    const found = await this.objectsAt(unlisted.map((path) => ({ commit: head, path })));
    unlisted.forEach((path, i) => objects.set(path, found[i] ?? null));
    return objects;
  }

  /** The files each base (a full object name) differs in from head, in one `diff-tree --stdin`; limited to
   * files at or under `paths` (literal) when some are given. One git process per base does not scale to
   * services each released at its own commit. */
  async diffsToHead(
    bases: readonly string[],
    head: string,
    paths: readonly string[],
  ): Promise<Map<string, string[]>> {
    const named = bases.filter((base) => OBJECT_NAME.test(base));
    if (named.length === 0 || !OBJECT_NAME.test(head)) return new Map();
    // `<commit> <parent>`: the diff from the base, taken as the parent, to head.
    const output = await this.diffTreeStdin(
      named.map((base) => `${head} ${base}`),
      paths,
    );
    const diffs = new Map<string, string[]>();
    for (const [base, diff] of splitDiffTree(output, head, named)) diffs.set(base, parseNameStatusZ(diff));
    return diffs;
  }

  /** The object (a tree or a blob) at each `path` of each `commit` (a full object name), in one
   * `cat-file --batch-check`; null where there is none, where it cannot be told, and for a path that cannot
   * be put on one line of its input (or is empty, which would name the commit's whole tree). */
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

  /** What changed from `from` to `to` for each pair of trees (full object names), with paths relative to
   * the trees, in one `diff-tree --stdin`. */
  async diffTrees(pairs: ReadonlyArray<{ from: string; to: string }>): Promise<string[][]> {
    if (pairs.length === 0) return [];
    if (!pairs.every(({ from, to }) => OBJECT_NAME.test(from) && OBJECT_NAME.test(to))) {
      throw new Error('git diff-tree: trees are asked for by full object name');
    }
    const output = await this.diffTreeStdin(
      pairs.map(({ from, to }) => `${from} ${to}`),
      [],
    );
    return splitTreeDiffs(output, pairs).map(parseNameStatusZ);
  }

  /** One `diff-tree --stdin` over these `<a> <b>` lines, as name-status, limited to `paths` (literal)
   * when given. Without the index, which diff-tree reads whole as it starts and this output never uses. */
  private diffTreeStdin(lines: readonly string[], paths: readonly string[]): Promise<string> {
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
}

/** Pairs of trees to diff, each pair once. */
class TreePairs {
  readonly list: Array<{ from: string; to: string }> = [];
  private readonly at = new Map<string, number>();

  add(from: string, to: string): number {
    const key = `${from} ${to}`;
    let index = this.at.get(key);
    if (index === undefined) {
      this.at.set(key, (index = this.list.length));
      this.list.push({ from, to });
    }
    return index;
  }
}
