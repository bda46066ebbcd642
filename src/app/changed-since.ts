/** What changed since each of many commits, asked of git at a cost that stays low for 2,000 services each
 * released at its own commit. */
import { parseNameStatusZ } from '../core/diff.js';
import { parentOf } from '../core/glob.js';
import type { Git, GitObject } from '../core/ports.js';
import { MAX_LISTED_DIRECTORIES } from './config.js';

/** The files changed from `since` (a full object name, an ancestor of head) to head, at or under `roots`
 * (literal paths; every file when null). */
export interface ChangeQuestion {
  since: string;
  roots: readonly string[] | null;
}

/** Release commits whose diffs against head one git process computes: each diff is as long as the
 * history since its release, so a batch bounds the memory they take. */
const DIFFS_PER_BATCH = 64;
/** git matches each entry it walks against every pathspec: a batch that needs more roots than this
 * diffs everything. */
const MAX_PATHSPECS = 256;

/** The answer to each question, a batch at a time (the files of one answer may include some outside its
 * roots). Up to DIFFS_PER_BATCH questions are diffed commit to commit; more are compared by object first
 * (compareByObject), and only those that comparison cannot answer are diffed. */
export async function* changedSinceEach(
  git: Git,
  questions: readonly ChangeQuestion[],
  head: string,
): AsyncGenerator<{ since: string; files: string[] }> {
  let toDiff = questions.filter((q) => q.since !== head);
  for (const q of questions) if (q.since === head) yield { since: q.since, files: [] };
  if (toDiff.length > DIFFS_PER_BATCH) {
    const answered = await compareByObject(git, toDiff, head);
    for (const [since, files] of answered) yield { since, files };
    toDiff = toDiff.filter((q) => !answered.has(q.since));
  }
  yield* diffBatches(git, toDiff, head);
}

/** One `diff-tree` per DIFFS_PER_BATCH questions, limited to the union of their roots; git computes the
 * next batch while this process reads the current one. */
async function* diffBatches(
  git: Git,
  questions: readonly ChangeQuestion[],
  head: string,
): AsyncGenerator<{ since: string; files: string[] }> {
  const batches: ChangeQuestion[][] = [];
  for (let start = 0; start < questions.length; start += DIFFS_PER_BATCH) {
    batches.push(questions.slice(start, start + DIFFS_PER_BATCH));
  }
  const diffsOf = (batch: readonly ChangeQuestion[]): Promise<Map<string, string>> => {
    const roots = batch.some((q) => q.roots === null) ? null : [...new Set(batch.flatMap((q) => q.roots!))];
    const diffs = git.diffsToHead(
      batch.map((q) => q.since),
      head,
      roots && roots.length <= MAX_PATHSPECS ? roots : undefined,
    );
    diffs.catch(() => undefined); // awaited below, after the batch before it; a failure surfaces there
    return diffs;
  };
  let next = batches.length > 0 ? diffsOf(batches[0]!) : null;
  for (let b = 0; b < batches.length; b++) {
    const diffs = await next!;
    next = b + 1 < batches.length ? diffsOf(batches[b + 1]!) : null;
    for (const { since } of batches[b]!) yield { since, files: parseNameStatusZ(diffs.get(since) ?? '') };
  }
}

/** The answers that comparing objects gives: the objects at each question's roots are looked up at
 * `since` and at head, all in one git process; equal objects mean nothing there changed, and the trees
 * that differ are diffed against each other, all in one more. A question with no roots, or a root missing
 * on either side or not a tree on both, is left out (for the commit diff). */
async function compareByObject(
  git: Git,
  questions: readonly ChangeQuestion[],
  head: string,
): Promise<Map<string, string[]>> {
  const asked = questions.filter((q) => q.roots !== null && q.roots.length > 0);
  const rootsAtHead = [...new Set(asked.flatMap((q) => q.roots!))];
  const lookups = asked.flatMap((q) => q.roots!.map((path) => ({ commit: q.since, path })));
  // At `since`, each root is looked up by path; at head, the roots' directories are listed while those
  // lookups run: looking a root up re-reads its whole directory, once per root.
  const [atHead, atSince] = await Promise.all([
    objectsAtHead(git, head, rootsAtHead),
    git.objectsAt(lookups),
  ]);
  const pairs = new TreePairs();
  const toDiff: Array<{ since: string; diffs: Array<{ root: string; pair: number }> }> = [];
  let at = 0;
  for (const { since, roots } of asked) {
    const diffs: Array<{ root: string; pair: number }> = [];
    let told = true;
    for (const root of roots!) {
      const before = atSince[at++];
      const after = atHead.get(root);
      if (before && after && before.object === after.object) continue;
      if (before?.type !== 'tree' || after?.type !== 'tree') told = false;
      else diffs.push({ root, pair: pairs.add(before.object, after.object) });
    }
    if (told) toDiff.push({ since, diffs });
  }
  const outputs = await git.diffTrees(pairs.list);
  const answers = new Map<string, string[]>();
  for (const { since, diffs } of toDiff) {
    const files = diffs.flatMap(({ root, pair }) =>
      parseNameStatusZ(outputs[pair]!).map((path) => `${root}/${path}`),
    );
    answers.set(since, files);
  }
  return answers;
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

/** The object at each of these paths of head: from one listing of their directories, and a lookup of
 * those the listing does not show (a path gone at head, say). */
async function objectsAtHead(
  git: Git,
  head: string,
  paths: readonly string[],
): Promise<Map<string, GitObject | null>> {
  const dirs = new Set(paths.map(parentOf));
  const objects = new Map<string, GitObject | null>();
  const wanted = new Set(paths);
  if (dirs.size <= MAX_LISTED_DIRECTORIES) {
    for (const { path, type, object } of await git.treeEntries(head, [...dirs])) {
      if (wanted.has(path)) objects.set(path, { object, type });
    }
  }
  const unlisted = paths.filter((path) => !objects.has(path));
  const found = await git.objectsAt(unlisted.map((path) => ({ commit: head, path })));
  unlisted.forEach((path, i) => objects.set(path, found[i] ?? null));
  return objects;
}
