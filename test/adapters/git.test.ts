import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit, findRepoRoot } from '../../src/adapters/git.js';
import { ChangedSince, type GitObject } from '../../src/adapters/git-changed-since.js';
import { parseLog } from '../../src/adapters/git-output.js';
import { UserError } from '../../src/core/errors.js';
import { commitsSinceEach } from '../../src/core/versions.js';
import { gitRunsDuring, gitTrace } from '../helpers/git-shim.js';
import { makeRepo, TEST_GIT_ENV, type TestRepo } from '../helpers/repo.js';

const ODD_NAMES = [
  'with space.txt',
  '$(touch x).txt',
  'résumé-日本.txt',
  'new\nline.txt',
  '-dash.txt',
  '\nlead.txt',
];

let repo: TestRepo;
let cli: CliGit;
/** The adapter's building blocks of changedSinceEach. */
let since: ChangedSince;

beforeEach(async () => {
  repo = await makeRepo();
  cli = new CliGit({ root: repo.dir });
  since = new ChangedSince(repo.dir, (rev, dirs) => cli.treeEntries(rev, dirs));
});
afterEach(async () => {
  await repo.cleanup();
});

describe('resolveCommit', () => {
  it('resolves branches, SHAs and annotated tags to the full commit SHA', async () => {
    const sha = await repo.commit('first');
    await repo.tag('v1', sha, 'annotated');
    expect(await cli.resolveCommit('HEAD')).toBe(sha);
    expect(await cli.resolveCommit('main')).toBe(sha);
    expect(await cli.resolveCommit(sha.slice(0, 10))).toBe(sha);
    expect(await cli.resolveCommit('v1')).toBe(sha);
    expect(await cli.resolveCommit((await repo.run(['rev-parse', 'v1'])).trim())).toBe(sha);
  });

  it('returns null for unknown revisions, non-commits and option-looking values', async () => {
    await repo.commit('first');
    expect(await cli.resolveCommit('nope')).toBeNull();
    expect(await cli.resolveCommit('0'.repeat(40))).toBeNull();
    expect(await cli.resolveCommit('HEAD^{tree}')).toBeNull();
    expect(await cli.resolveCommit('--git-dir')).toBeNull();
    expect(await cli.resolveCommit('--all')).toBeNull();
    expect(await cli.resolveCommit('HEAD~5')).toBeNull();
    expect(await cli.resolveCommit('HEAD\nHEAD')).toBeNull();
    expect(await cli.resolveCommit('')).toBeNull();
  });

  it('answers lookups asked for together from one git process, each as it would alone', async () => {
    const first = await repo.commit('first');
    const second = await repo.commit('second');
    await repo.tag('v1', first, 'annotated');
    const revs = [
      'HEAD',
      'nope',
      'v1',
      'HEAD^{tree}',
      'HEAD\nmain',
      'HEAD~1',
      second.slice(0, 12),
      '--all',
      'a b',
    ];
    const alone: Array<string | null> = [];
    for (const rev of revs) alone.push(await cli.resolveCommit(rev));
    expect(alone).toEqual([second, null, first, null, null, first, second, null, null]);

    let together: Array<string | null> = [];
    const runs = await gitRunsDuring(async () => {
      together = await Promise.all(revs.map((rev) => cli.resolveCommit(rev)));
    });
    expect(together).toEqual(alone);
    expect(runs).toEqual(['cat-file']);
  });
});

describe('isShallow and fetch', () => {
  it('reports a shallow clone, and fetch({ unshallow, tags }) completes its history and tags', async () => {
    const first = await repo.commit('one');
    await repo.commit('two');
    await repo.commit('three');
    await repo.tag('old', first, 'annotated');
    await repo.push();
    await repo.run(['push', '--quiet', 'origin', 'refs/tags/old']);
    const clone = await repo.shallowClone(1);
    const shallow = new CliGit({ root: clone.dir });
    expect(await cli.isShallow()).toBe(false);
    expect(await shallow.isShallow()).toBe(true);
    expect(await shallow.resolveCommit(first)).toBeNull();

    expect(await shallow.fetch({ unshallow: true, tags: true })).toBe(true);
    expect(await shallow.isShallow()).toBe(false);
    expect(await shallow.resolveCommit(first)).toBe(first);
    expect(await shallow.tags()).toEqual([{ name: 'old', sha: first }]);
    // Asking to unshallow a complete clone is not an error.
    expect(await shallow.fetch({ unshallow: true })).toBe(true);
  });

  it('fetches a commit by SHA that only origin has', async () => {
    await repo.commit('one');
    await repo.push();
    const clone = await repo.shallowClone(1);
    await clone.write('late.txt', 'x');
    const late = await clone.commit('late');
    await clone.push('side');
    await repo.run(['fetch', '--quiet', 'origin', 'main']);
    expect(await cli.resolveCommit(late)).toBeNull();
    const started = await gitTrace(async () => {
      expect(await cli.fetch({ refspecs: [late] })).toBe(true);
    });
    expect(await cli.resolveCommit(late)).toBe(late);
    // No `git maintenance run --auto` (a gc, at times) in the middle of a plan.
    expect(started).toContain('fetch');
    expect(started).not.toContain('maintenance');
  });

  it('returns false (not throw) when origin cannot be read, or a refspec looks like an option', async () => {
    await repo.commit('one');
    const messages: string[] = [];
    const failing = new CliGit({ root: repo.dir, debug: (m) => messages.push(m) });
    await repo.run(['remote', 'set-url', 'origin', join(repo.dir, 'missing.git')]);
    expect(await failing.fetch({ tags: true })).toBe(false);
    expect(messages.join('\n')).toMatch(/git fetch failed/);
    expect(await cli.fetch({ refspecs: ['--upload-pack=touch pwned'] })).toBe(false);
  });

  it('keeps the token out of argv and .git/config', async () => {
    await repo.commit('one');
    await repo.push();
    const token = 'ghs_secretTOKEN123';
    const trace = join(repo.dir, '..', 'trace.log');
    const saved = process.env.GIT_TRACE;
    process.env.GIT_TRACE = trace;
    try {
      expect(await new CliGit({ root: repo.dir, token }).fetch({ tags: true })).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.GIT_TRACE;
      else process.env.GIT_TRACE = saved;
    }
    const traced = await readFile(trace, 'utf8');
    expect(traced).toMatch(/fetch/);
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    for (const secret of [token, basic]) {
      expect(traced).not.toContain(secret);
      expect(await readFile(join(repo.dir, '.git', 'config'), 'utf8')).not.toContain(secret);
    }
  });
});

describe('mergeBase', () => {
  it('finds the fork point, and null for unrelated histories', async () => {
    const base = await repo.commit('base');
    await repo.run(['checkout', '--quiet', '-b', 'feature']);
    const feature = await repo.commit('feature');
    await repo.run(['checkout', '--quiet', 'main']);
    const main = await repo.commit('main');
    expect(await cli.mergeBase(feature, main)).toBe(base);
    await repo.run(['checkout', '--quiet', '--orphan', 'island']);
    const island = await repo.commit('island');
    expect(await cli.mergeBase(island, main)).toBeNull();
  });
});

describe('isAncestor', () => {
  it('is true for an ancestor or the commit itself, false otherwise and for unknown commits', async () => {
    const first = await repo.commit('first');
    const second = await repo.commit('second');
    expect(await cli.isAncestor(first, second)).toBe(true);
    expect(await cli.isAncestor(second, second)).toBe(true);
    expect(await cli.isAncestor(second, first)).toBe(false);
    expect(await cli.isAncestor('b'.repeat(40), second)).toBe(false);
    expect(await cli.isAncestor('--all', second)).toBe(false);
  });
});

describe('ancestorsAmong', () => {
  it('answers as isAncestor does, one process each for a few commits and one history walk for many', async () => {
    const main: string[] = [];
    for (let i = 0; i < 10; i++) main.push(await repo.commit(`main ${i}`));
    await repo.run(['checkout', '-q', '-b', 'side', main[4]!]);
    const side = await repo.commit('side');
    const head = main[9]!;
    const commits = [...main, side, 'c'.repeat(40), 'HEAD', '--all'];
    const expected = new Set(main);
    for (const commit of commits) expect(await cli.isAncestor(commit, head)).toBe(expected.has(commit));

    let many = new Set<string>();
    expect(
      await gitRunsDuring(async () => {
        many = await cli.ancestorsAmong(commits, head);
      }),
    ).toEqual(['rev-list']);
    expect(many).toEqual(expected);

    let few = new Set<string>();
    const runs = await gitRunsDuring(async () => {
      few = await cli.ancestorsAmong([main[0]!, side, 'HEAD'], head);
    });
    expect(runs).toEqual(['merge-base', 'merge-base']); // 'HEAD' is no full object name: left out
    expect(few).toEqual(new Set([main[0]]));
  });
});

describe('diffsToHead', () => {
  it('gives each base the files changedFiles gives, from one git process, whatever the file names', async () => {
    const bases = [await repo.commit('empty')];
    // Names that look like the output's own framing: a status letter, an object name.
    const framing = ['M', 'A', 'e'.repeat(40), `${'f'.repeat(40)}\nM`];
    for (const name of [...ODD_NAMES, ...framing]) await repo.write(`dir/${name}`, name);
    bases.push(await repo.commit('odd'));
    await repo.remove('dir/M');
    await repo.write(framing[2]!, 'top');
    bases.push(await repo.commit('more'));
    const head = bases[2]!;
    let diffs = new Map<string, string[]>();
    expect(
      await gitRunsDuring(async () => {
        diffs = await since.diffsToHead([...bases, 'not a commit'], head, []);
      }),
    ).toEqual(['-c']); // git -c core.quotePath=false … diff-tree
    expect([...diffs.keys()]).toEqual(bases);
    for (const base of bases) expect(diffs.get(base)).toEqual(await cli.changedFiles(base, head));
    expect(diffs.get(head)).toEqual([]);
    expect(diffs.get(bases[1]!)!.sort()).toEqual(['dir/M', framing[2]!].sort());
    expect(await since.diffsToHead([], head, [])).toEqual(new Map());
  });

  it('limits the diffs to files at or under literal paths when given', async () => {
    const base = await repo.commit('empty');
    for (const path of ['a/x.txt', 'a/y/z.txt', 'ab/x.txt', 'b.txt', '*.txt']) await repo.write(path, path);
    const head = await repo.commit('files');
    const files = async (paths: string[]) => (await since.diffsToHead([base], head, paths)).get(base)!;
    expect(await files(['a'])).toEqual(['a/x.txt', 'a/y/z.txt']);
    expect(await files(['a/y', 'b.txt'])).toEqual(['a/y/z.txt', 'b.txt']);
    // Literal: `*.txt` is a file name, not a glob.
    expect(await files(['*.txt'])).toEqual(['*.txt']);
    expect(await files([])).toHaveLength(5);
  });
});

describe('objectsAt', () => {
  it('gives the tree or blob at each path of each commit from one git process, null where there is none', async () => {
    await repo.write('svc/a.txt', 'a');
    await repo.write('svc/with space/b.txt', 'b');
    await repo.write('résumé-日本.txt', 'r');
    const first = await repo.commit('first');
    await repo.write('svc/a.txt', 'a2');
    const second = await repo.commit('second');
    const object = async (rev: string) => ({
      object: (await repo.run(['rev-parse', rev])).trim(),
      type: (await repo.run(['cat-file', '-t', rev])).trim(),
    });
    const lookups = [
      { commit: first, path: 'svc' },
      { commit: second, path: 'svc' },
      { commit: first, path: 'svc/with space' },
      { commit: second, path: 'svc/with space' },
      { commit: first, path: 'résumé-日本.txt' },
      { commit: first, path: 'gone' },
      { commit: first, path: 'svc\nsvc' },
      { commit: first, path: '' },
      { commit: 'HEAD', path: 'svc' },
      { commit: '0'.repeat(40), path: 'svc' },
      { commit: second, path: 'svc/a.txt' },
    ];
    let objects: Array<GitObject | null> = [];
    const runs = await gitRunsDuring(async () => {
      objects = await since.objectsAt(lookups);
    });
    expect(runs).toEqual(['cat-file']);
    expect(objects).toEqual([
      await object(`${first}:svc`),
      await object(`${second}:svc`),
      await object(`${first}:svc/with space`),
      await object(`${first}:svc/with space`),
      await object(`${first}:résumé-日本.txt`),
      null, // no such path
      null, // a line break cannot be asked on one line
      null, // the empty path would name the whole tree
      null, // only full object names are looked up
      null, // no such commit
      await object(`${second}:svc/a.txt`),
    ]);
    expect(objects.map((o) => o?.type ?? null)).toEqual([
      ...['tree', 'tree', 'tree', 'tree', 'blob'],
      ...[null, null, null, null, null, 'blob'],
    ]);
    // The subtree a change did not touch keeps its object; the one it touched does not.
    expect(objects[2]!.object).toBe(objects[3]!.object);
    expect(objects[0]!.object).not.toBe(objects[1]!.object);
    expect(await since.objectsAt([])).toEqual([]);
  });
});

describe('diff-tree and the index', () => {
  it('runs diffsToHead and diffTrees without reading the index, which their output never needs', async () => {
    await repo.write('svc/a.txt', 'a');
    const base = await repo.commit('one');
    await repo.write('svc/a.txt', 'b');
    const head = await repo.commit('two');
    const tree = async (rev: string) => (await repo.run(['rev-parse', `${rev}:svc`])).trim();
    const trace = await gitTrace(async () => {
      expect(await since.diffsToHead([base], head, [])).toEqual(
        new Map([[base, await cli.changedFiles(base, head)]]),
      );
      expect((await since.diffTrees([{ from: await tree(base), to: await tree(head) }]))[0]).toEqual([
        'a.txt',
      ]);
    });
    // The trace holds the other git processes too (changedFiles, rev-parse). Each diff-tree reads an
    // index that is not there (an empty one), not the repository's.
    const events = trace
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as { event: string; sid: string; argv?: string[]; label?: string; msg?: string },
      );
    const diffTrees = new Set(
      events.filter((e) => e.event === 'start' && e.argv?.includes('diff-tree')).map((e) => e.sid),
    );
    expect(diffTrees.size).toBe(2);
    const indexes = events
      .filter((e) => diffTrees.has(e.sid) && e.event === 'region_enter' && e.label === 'do_read_index')
      .map((e) => e.msg ?? '');
    expect(indexes).toHaveLength(2);
    for (const index of indexes) {
      expect(index).toMatch(/mr-git-[^/]+\/index$/);
      expect(existsSync(index)).toBe(false);
    }
  });
});

describe('diffTrees', () => {
  it('gives what changed between each pair of trees, paths relative to them, from one git process', async () => {
    // Names that look like the output's own framing: a status letter, an object name, a line break.
    const names = [...ODD_NAMES, 'M', `${'e'.repeat(40)} ${'f'.repeat(40)}`, `${'f'.repeat(40)}\nM`];
    for (const name of names) await repo.write(`svc/${name}`, name);
    await repo.write('svc/sub/keep.txt', 'k');
    const first = await repo.commit('first');
    await repo.remove('svc/M');
    await repo.write('svc/sub/new.txt', 'n');
    await repo.write(`svc/${ODD_NAMES[0]}`, 'changed');
    const second = await repo.commit('second');
    const tree = async (rev: string) => (await repo.run(['rev-parse', rev])).trim();
    const [a, b] = [await tree(`${first}:svc`), await tree(`${second}:svc`)];
    let diffs: string[][] = [];
    const runs = await gitRunsDuring(async () => {
      diffs = await since.diffTrees([
        { from: a, to: b },
        { from: b, to: a },
        { from: a, to: a },
        { from: a, to: b },
      ]);
    });
    expect(runs).toEqual(['-c']); // git -c core.quotePath=false … diff-tree
    const changed = ['M', ODD_NAMES[0]!, 'sub/new.txt'].sort();
    expect([...diffs[0]!].sort()).toEqual(changed);
    expect([...diffs[1]!].sort()).toEqual(changed);
    expect(diffs[2]).toEqual([]);
    expect(diffs[3]).toEqual(diffs[0]);
    // The same as the commits' diff, under the tree's path.
    expect(diffs[0]!.map((path) => `svc/${path}`).sort()).toEqual(
      (await cli.changedFiles(first, second)).sort(),
    );
    expect(await since.diffTrees([])).toEqual([]);
    await expect(since.diffTrees([{ from: 'HEAD', to: b }])).rejects.toThrow(/full object name/);
  });
});

describe('changedSinceEach', () => {
  // 70: over one diff batch (64), so the releases are compared by object first.
  it.each([3, 70])(
    'gives each of %i releases what changedFiles gives under its roots',
    async (count) => {
      const releases: string[] = [];
      for (let i = 0; i < count; i++) {
        await repo.write(`s${i}/a.txt`, 'v1');
        releases.push(await repo.commit(`release s${i}`));
      }
      await repo.write('s1/a.txt', 'v2');
      await repo.write('s2/new/b.txt', 'b');
      await repo.write(`s${count - 1}/c.txt`, 'c');
      await repo.remove('s0'); // gone at head: not a tree there
      const head = await repo.commit('changes');
      // s2: no literal roots, every file counts.
      const asked = releases.map((commit, i) => ({ commit, roots: i === 2 ? null : [`s${i}`] }));
      const answers = new Map<string, string[]>();
      for await (const { commit, files } of cli.changedSinceEach(
        [...asked, { commit: head, roots: ['s0'] }],
        head,
      )) {
        answers.set(commit, files);
      }
      const under = (files: string[], roots: readonly string[] | null) =>
        files.filter((f) => roots === null || roots.some((root) => f.startsWith(`${root}/`))).sort();
      for (const { commit, roots } of asked) {
        expect(under(answers.get(commit)!, roots)).toEqual(
          under(await cli.changedFiles(commit, head), roots),
        );
      }
      expect(answers.get(releases[1]!)).toContain('s1/a.txt');
      expect(answers.get(releases[0]!)).toContain('s0/a.txt');
      expect(answers.get(head)).toEqual([]);
      expect(answers.size).toBe(count + 1);
    },
    30_000,
  );
});

describe('changedFiles', () => {
  it('lists odd file names verbatim (spaces, $(x), non-ASCII, newlines, leading dash)', async () => {
    const base = await repo.commit('empty');
    for (const name of ODD_NAMES) await repo.write(`dir/${name}`, name);
    const head = await repo.commit('odd');
    expect((await cli.changedFiles(base, head)).sort()).toEqual(ODD_NAMES.map((n) => `dir/${n}`).sort());
  });

  it('reports a deletion-only change', async () => {
    await repo.write('a/gone.txt', 'x');
    await repo.write('a/kept.txt', 'y');
    const base = await repo.commit('two files');
    await repo.remove('a/gone.txt');
    const head = await repo.commit('delete one');
    expect(await cli.changedFiles(base, head)).toEqual(['a/gone.txt']);
  });

  it('counts both paths of a rename across directories, whatever the repo config says', async () => {
    await repo.write('services/api/handler.ts', 'export const x = 1;\n'.repeat(20));
    const base = await repo.commit('api');
    await repo.remove('services/api/handler.ts');
    await repo.write('libs/common/handler.ts', 'export const x = 1;\n'.repeat(20));
    const head = await repo.commit('move');
    await repo.run(['config', 'diff.renames', 'copies']);
    await repo.run(['config', 'diff.external', 'false']);
    expect((await cli.changedFiles(base, head)).sort()).toEqual([
      'libs/common/handler.ts',
      'services/api/handler.ts',
    ]);
  });

  it('handles 50,000 changed files in one diff', async () => {
    const base = await repo.commit('empty');
    await commitManyFiles(repo, 50_000);
    const head = (await repo.run(['rev-parse', 'HEAD'])).trim();
    const listed = await cli.changedFiles(base, head);
    expect(listed).toHaveLength(50_000);
    expect(listed[0]).toBe('services/s0/f00000.txt');
    expect(new Set(listed).size).toBe(50_000);
  });
});

describe('filesAt', () => {
  it('lists the index, or the tree of a commit, sorted, with odd names intact', async () => {
    await repo.write('a.txt', 'a');
    const first = await repo.commit('a');
    for (const name of ODD_NAMES) await repo.write(`d/${name}`, name);
    await repo.commit('odd');
    const expected = ['a.txt', ...ODD_NAMES.map((n) => `d/${n}`)].sort();
    expect(await cli.filesAt(null)).toEqual(expected);
    expect(await cli.filesAt('HEAD')).toEqual(expected);
    expect(await cli.filesAt(first)).toEqual(['a.txt']);
  });
});

describe('treeEntries', () => {
  const byPath = (entries: Array<{ path: string; type: string }>) =>
    Object.fromEntries(entries.map(({ path, type }) => [path, type]));

  it('lists what is directly in each directory, the root as well, with odd names intact', async () => {
    await repo.write('top.txt', 't');
    await repo.write('services/api/src/main.ts', 'm');
    await repo.write('services/web/index.html', 'w');
    await repo.write('x*y/h', 'h');
    await repo.write('xzy', 'z');
    for (const name of ODD_NAMES) await repo.write(`d/${name}`, name);
    const sha = await repo.commit('tree');
    expect(byPath(await cli.treeEntries('HEAD', ['', 'services', 'd']))).toEqual({
      'top.txt': 'blob',
      'x*y': 'tree',
      xzy: 'blob',
      // `services` and `d`, asked for too, are given as their entries.
      'services/api': 'tree',
      'services/web': 'tree',
      ...Object.fromEntries(ODD_NAMES.map((name) => [`d/${name}`, 'blob'])),
    });
    const top = (await cli.treeEntries('HEAD', [''])).find((entry) => entry.path === 'top.txt');
    expect(top?.object).toBe((await repo.run(['rev-parse', 'HEAD:top.txt'])).trim());
    // `*` is a character, not a wildcard: `x*y/` is not `xzy`.
    expect(byPath(await cli.treeEntries(sha, ['x*y']))).toEqual({ 'x*y/h': 'blob' });
  });

  it('has nothing for a missing directory, a file, or a revision that cannot be read', async () => {
    await repo.write('file', 'f');
    expect(await cli.treeEntries('HEAD', ['file'])).toEqual([]); // unborn HEAD
    await repo.commit('file');
    expect(await cli.treeEntries('HEAD', ['nope', 'file'])).toEqual([]);
    expect(await cli.treeEntries('HEAD', [])).toEqual([]);
  });

  it('gives a submodule as a commit, in one git process for every directory', async () => {
    const sha = await repo.commit('empty');
    await repo.write('libs/a/x.ts', 'x');
    await repo.run(['add', 'libs/a/x.ts']);
    // A gitlink without a clone behind it: `add --all` would stage its removal.
    await repo.run(['update-index', '--add', '--cacheinfo', `160000,${sha},libs/sub`]);
    await repo.run(['commit', '-q', '-m', 'sub']);
    const runs = await gitRunsDuring(async () => {
      expect(byPath(await cli.treeEntries('HEAD', ['', 'libs']))).toEqual({
        'libs/a': 'tree',
        'libs/sub': 'commit',
      });
    });
    expect(runs).toHaveLength(1);
  });
});

describe('tags', () => {
  it('peels annotated tags to their commit and keeps lightweight ones as they are', async () => {
    const one = await repo.commit('one');
    const two = await repo.commit('two');
    await repo.tag('api@v1.0.0', one, 'release api 1.0.0');
    await repo.tag('web@v2.0.0', two);
    await repo.run(['tag', '-a', '-m', 'nested', 'nested', 'api@v1.0.0']);
    await repo.run(['tag', 'a-tree', 'HEAD^{tree}']);
    const tags = await cli.tags();
    expect(tags.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'api@v1.0.0', sha: one },
      { name: 'nested', sha: one },
      { name: 'web@v2.0.0', sha: two },
    ]);
  });

  it('returns an empty list when there are no tags', async () => {
    await repo.commit('one');
    expect(await cli.tags()).toEqual([]);
  });
});

describe('log', () => {
  it('returns full multi-line messages and changed files, newest first, between base and head', async () => {
    const root = await repo.commit('chore: root');
    await repo.write('services/api/a.ts', 'a');
    await repo.write('new\nline.txt', 'n');
    const feat = await repo.commit('feat(api): add a\n\nA body line.\n\nBREAKING CHANGE: everything');
    await repo.remove('services/api/a.ts');
    await repo.write('\nlead.txt', 'l');
    const fix = await repo.commit('fix: remove a');
    const empty = await repo.commit('docs: nothing');
    const commits = await cli.log(root, empty);
    expect(commits).toEqual([
      { sha: empty, message: 'docs: nothing', files: [] },
      { sha: fix, message: 'fix: remove a', files: ['\nlead.txt', 'services/api/a.ts'] },
      {
        sha: feat,
        message: 'feat(api): add a\n\nA body line.\n\nBREAKING CHANGE: everything',
        files: ['new\nline.txt', 'services/api/a.ts'],
      },
    ]);
    expect((await cli.log(null, empty)).map((c) => c.sha)).toEqual([empty, fix, feat, root]);
    expect(await cli.log(empty, empty)).toEqual([]);
  });

  it('lists a rename as both paths and a merge commit with no files', async () => {
    await repo.write('a/x.txt', 'content\n'.repeat(10));
    const base = await repo.commit('add');
    await repo.run(['checkout', '--quiet', '-b', 'side']);
    await repo.remove('a/x.txt');
    await repo.write('b/y.txt', 'content\n'.repeat(10));
    const moved = await repo.commit('refactor: move');
    await repo.run(['checkout', '--quiet', 'main']);
    await repo.write('c.txt', 'c');
    await repo.commit('feat: c');
    await repo.run(['merge', '--quiet', '--no-ff', '-m', 'Merge side', 'side']);
    const commits = await cli.log(base, 'HEAD');
    expect(commits[0]).toMatchObject({ message: 'Merge side', files: [] });
    expect(commits.find((c) => c.sha === moved)?.files).toEqual(['a/x.txt', 'b/y.txt']);
  });
});

describe('logWithParents and octopusBase', () => {
  it('give, through commitsSinceEach, the commits log(since, head) gives for each since, merges included', async () => {
    const root = await repo.commit('root');
    await repo.write('a.txt', 'a');
    const a = await repo.commit('feat: a');
    await repo.run(['checkout', '--quiet', '-b', 'side']);
    await repo.write('s.txt', 's');
    const side = await repo.commit('fix: side');
    await repo.write('s2.txt', 's2');
    const side2 = await repo.commit('fix: side 2');
    await repo.run(['checkout', '--quiet', 'main']);
    await repo.write('b.txt', 'b');
    const b = await repo.commit('feat: b');
    await repo.run(['merge', '--quiet', '--no-ff', '-m', 'Merge side', 'side']);
    const merge = (await repo.run(['rev-parse', 'HEAD'])).trim();
    await repo.write('c.txt', 'c');
    const head = await repo.commit('feat: c');

    const sinces = [a, side, side2, b, merge, head];
    const base = await cli.octopusBase(sinces);
    expect(base).toBe(a);
    const listed = await cli.logWithParents(base!, head);
    expect(listed.find((c) => c.sha === merge)?.parents).toEqual([b, side2]);
    expect(listed.find((c) => c.sha === side)?.parents).toEqual([a]);
    const bySince = commitsSinceEach(listed, sinces);
    for (const since of sinces) {
      const expected = (await cli.log(since, head)).map((c) => c.sha).sort();
      expect(
        bySince
          .get(since)!
          .map((c) => c.sha)
          .sort(),
      ).toEqual(expected);
    }
    expect(await cli.octopusBase([root, a])).toBe(root);
    await repo.run(['checkout', '--quiet', '--orphan', 'other']);
    const unrelated = await repo.commit('unrelated');
    expect(await cli.octopusBase([unrelated, head])).toBeNull();
  });
});

describe('parseLog', () => {
  it('reads the mark, message and paths of each commit', () => {
    const sha = 'a'.repeat(40);
    const other = 'b'.repeat(40);
    const raw = `/${sha}\0subject\n\nbody\n\0\0\nx/1\0y 2\0/${other}\0empty\n\0\0`;
    expect(parseLog(raw)).toEqual([
      { sha, message: 'subject\n\nbody', files: ['x/1', 'y 2'] },
      { sha: other, message: 'empty', files: [] },
    ]);
  });
});

describe('showFile', () => {
  it('returns content at a revision, and null when the file is absent', async () => {
    await repo.write('dir/with space.txt', 'v1');
    const first = await repo.commit('v1');
    await repo.write('dir/with space.txt', 'v2');
    await repo.commit('v2');
    expect(await cli.showFile(first, 'dir/with space.txt')).toBe('v1');
    expect(await cli.showFile('HEAD', 'dir/with space.txt')).toBe('v2');
    expect(await cli.showFile('HEAD', 'missing.txt')).toBeNull();
    expect(await cli.showFile('HEAD', 'dir')).toBeNull();
  });
});

describe('defaultBranch', () => {
  it('reads origin/HEAD, and null when it is absent', async () => {
    await repo.commit('one');
    await repo.push();
    expect(await cli.defaultBranch()).toBe('main');
    await repo.run(['remote', 'set-head', 'origin', '--delete']);
    expect(await cli.defaultBranch()).toBeNull();
  });
});

describe('findRepoRoot', () => {
  it('finds the top of the work tree from a subdirectory', async () => {
    await repo.write('deep/er/file.txt', 'x');
    expect(await findRepoRoot(join(repo.dir, 'deep', 'er'))).toBe(await realpath(repo.dir));
  });

  it('throws a UserError naming the fix outside a repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'mr-norepo-'));
    try {
      const error = await findRepoRoot(outside).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).fix).toMatch(/actions\/checkout/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

/** One commit on main adding `count` files (one shared blob), written through fast-import for speed; the
 * work tree is left as it was (a diff between commits does not read it). */
async function commitManyFiles(target: TestRepo, count: number): Promise<void> {
  const lines = ['blob', 'mark :1', 'data 2', 'x', '', 'commit refs/heads/main', 'mark :2'];
  lines.push('committer Test <t@example.com> 1700000000 +0000', 'data 4', 'many', 'from refs/heads/main^0');
  for (let i = 0; i < count; i++) {
    lines.push(`M 100644 :1 services/s${i % 100}/f${String(i).padStart(5, '0')}.txt`);
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', '--force'], {
      cwd: target.dir,
      env: { ...process.env, ...TEST_GIT_ENV },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exit ${code}`))));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

describe('directoriesAt and readBlobs (discovery)', () => {
  it('lists the directories of a commit, each with its tree object', async () => {
    await repo.write('apps/web/src/a.ts', 'a');
    await repo.write('top.txt', 't');
    const sha = await repo.commit('first');
    const entries = await cli.directoriesAt(sha);
    expect(entries.map((e) => e.path).sort()).toEqual(['apps', 'apps/web', 'apps/web/src']);
    const web = entries.find((e) => e.path === 'apps/web')!;
    expect(web).toMatchObject({ type: 'tree', mode: '040000' });
    expect((await repo.run(['rev-parse', `${sha}:apps/web`])).trim()).toBe(web.object);
  });

  it('reads many blobs in one git process, by path, from the index or through a tree; null where none', async () => {
    await repo.write('a/package.json', '{"name":"a"}');
    await repo.write('b/package.json', '{"name":"b"}');
    await repo.write('dir/inner.txt', 'x');
    const sha = await repo.commit('first');
    await repo.write('a/package.json', '{"name":"a2"}');
    await repo.run(['add', 'a/package.json']);
    const tree = (await repo.run(['rev-parse', `${sha}:b`])).trim();
    const names = [
      `${sha}:a/package.json`,
      ':0:a/package.json',
      `${tree}:package.json`,
      `${sha}:missing`,
      `${sha}:dir`,
      `${sha}:odd\nname`,
    ];
    let texts: Array<string | null> = [];
    const runs = await gitRunsDuring(async () => {
      texts = await cli.readBlobs(names);
    });
    expect(runs).toEqual(['cat-file']);
    // A tree is not a blob; a name with a line break is never asked for.
    expect(texts).toEqual(['{"name":"a"}', '{"name":"a2"}', '{"name":"b"}', null, null, null]);
  });
});
