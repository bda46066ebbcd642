import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditRewrittenError, AuditWriteError } from '../../src/core/errors.js';
import type { AuditFileChange, AuditTree } from '../../src/core/ports.js';
import { auditFetchArgs, auditPushArgs, authorEnv, backoffMs } from '../../src/adapters/audit-remote.js';
import { GitAuditStore } from '../../src/adapters/audit-store.js';
import { assertAuditPath, parseCatFileBatch } from '../../src/adapters/audit-tree.js';
import { git } from '../../src/adapters/exec-git.js';
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js';
import { gitRunsDuring, gitTrace } from '../helpers/git-shim.js';

const BRANCH = 'release-audit';
const SETUP_IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com'];
const temps: string[] = [];

afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'audit-store-test-'));
  temps.push(dir);
  return dir;
}

const run = (args: string[], cwd: string) => git(args, { cwd });

/** A bare origin with one commit on main, in `<parent>/origin.git`. */
async function makeOrigin(parent?: string): Promise<string> {
  const dir = parent ?? (await tempDir());
  const origin = join(dir, 'origin.git');
  await run(['init', '-q', '--bare', '-b', 'main', origin], dir);
  const seed = join(dir, 'seed');
  await run(['init', '-q', '-b', 'main', seed], dir);
  await writeFile(join(seed, 'README.md'), '# app\n');
  await run(['add', 'README.md'], seed);
  await run([...SETUP_IDENTITY, 'commit', '-q', '-m', 'initial'], seed);
  await run(['push', '-q', origin, 'main'], seed);
  return origin;
}

async function makeClone(origin: string): Promise<string> {
  const dir = join(await tempDir(), 'work');
  await run(['clone', '-q', origin, dir], tmpdir());
  return dir;
}

const originHead = async (origin: string): Promise<string | null> => {
  try {
    return (await run(['rev-parse', '--verify', '--quiet', `refs/heads/${BRANCH}`], origin)).trim();
  } catch {
    return null;
  }
};
const originFile = (origin: string, path: string) => run(['show', `refs/heads/${BRANCH}:${path}`], origin);
const originFiles = async (origin: string) =>
  (await run(['ls-tree', '-r', '--name-only', `refs/heads/${BRANCH}`], origin)).split('\n').filter(Boolean);

async function whichGit(path: string): Promise<string> {
  for (const dir of path.split(':')) {
    const candidate = join(dir, 'git');
    if (
      await stat(candidate).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  throw new Error('git not found on PATH');
}

const files =
  (...changes: AuditFileChange[]) =>
  async (_tree: AuditTree) =>
    changes;

/** Appends a line to log.txt as read from the tree: a lost update would lose a line. */
const appendLine = (path: string, line: string) => async (tree: AuditTree) => [
  { path, content: `${line}\n` },
  { path: 'log.txt', content: `${(await tree.read('log.txt')) ?? ''}${line}\n` },
];

describe('audit store helpers (pure)', () => {
  it.each([
    ['records/api/2026-11/20261129T133000Z-abc.json', true],
    ['current/production/api.json', true],
    ['a', true],
    ['', false],
    ['/etc/passwd', false],
    ['../outside.json', false],
    ['records/../../x', false],
    ['records//x.json', false],
    ['./records/x.json', false],
    ['records/x.json/', false],
    ['records\\x.json', false],
    ['records/x\n.json', false],
    ['.git/config', false],
    ['records/.GIT/hooks', false],
  ])('assertAuditPath(%j) accepts: %s', (path, ok) => {
    if (ok) expect(() => assertAuditPath(path)).not.toThrow();
    else expect(() => assertAuditPath(path)).toThrow(/invalid audit path/);
  });

  it('parses cat-file --batch answers by their byte counts, whatever the content holds', () => {
    const blob = (text: string) => {
      const bytes = Buffer.from(text);
      return Buffer.concat([
        Buffer.from(`${'a'.repeat(40)} blob ${bytes.length}\n`),
        bytes,
        Buffer.from('\n'),
      ]);
    };
    const output = Buffer.concat([
      blob('one\nb'.repeat(3) + ' blob 99\n'),
      Buffer.from(`${'b'.repeat(40)}:a b 7 missing\n`),
      Buffer.from(`${'c'.repeat(64)} tree 0\n\n`),
      blob('€'),
      blob(''),
    ]);
    expect(parseCatFileBatch(output, 5)).toEqual(['one\nb'.repeat(3) + ' blob 99\n', null, null, '€', '']);
    expect(() => parseCatFileBatch(output, 6)).toThrow(/ended after 5 of 6 answers/);
  });

  it('fetches the branch into a private ref with a forced refspec', () => {
    expect(auditFetchArgs('origin', BRANCH)).toContain(
      `+refs/heads/${BRANCH}:refs/monorepo-release/audit/${BRANCH}`,
    );
  });

  it.each([
    ['abc123', `--force-with-lease=refs/heads/${BRANCH}:abc123`],
    [null, `--force-with-lease=refs/heads/${BRANCH}:`],
  ])('pushes with a lease on the expected head %j', (expected, lease) => {
    const args = auditPushArgs('origin', BRANCH, 'def456', expected);
    expect(args).toContain(lease);
    expect(args.slice(-2)).toEqual(['origin', `def456:refs/heads/${BRANCH}`]);
  });

  it.each([
    // retry, one round (ms), random → delay (ms)
    [1, 400, 0, 50],
    [1, 400, 0.5, 250],
    [3, 400, 0.5, 850],
    [2, 10, 1, 250], // a round never counts as less than 100 ms
    [20, 1000, 1, 30_050], // capped at 30 s
  ])(
    'backoffMs(%i, %i ms, random %d) = %i ms: doubles per retry, with jitter',
    (retry, round, random, delay) => {
      expect(backoffMs(retry, round, () => random)).toBe(delay);
    },
  );

  it.each([
    [{}, 'monorepo-release', 'monorepo-release@users.noreply.github.com'],
    [{ GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.com' }, 'Ann', 'ann@example.com'],
  ])('authorEnv(%j) names the author', (base, name, email) => {
    expect(authorEnv(base)).toMatchObject({ GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email });
  });
});

describe('GitAuditStore against a local bare origin', () => {
  it('creates the branch with the files on the first write', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const sha = await store.write(
      'record api',
      files({ path: 'records/api/a.json', content: '{"id":"a"}\n' }),
    );
    expect(await originHead(origin)).toBe(sha);
    expect(await originFile(origin, 'records/api/a.json')).toBe('{"id":"a"}\n');
    expect((await run(['log', '-1', '--format=%an <%ae>', sha], origin)).trim()).toBe(
      'monorepo-release <monorepo-release@users.noreply.github.com>',
    );
  });

  it('reads back through a second clone, and a missing branch is an empty snapshot', async () => {
    const origin = await makeOrigin();
    const readerRoot = await makeClone(origin);
    const reader = new GitAuditStore({ root: readerRoot, branch: BRANCH });
    const empty = await reader.snapshot();
    expect(empty.head).toBeNull();
    expect(await empty.read('current/production/api.json')).toBeNull();
    expect(await empty.list('records')).toEqual([]);

    const writer = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const sha = await writer.write(
      'release api',
      files(
        { path: 'records/api/2026-11/b.json', content: 'B' },
        { path: 'records/api/2026-11/a.json', content: 'A ünicode' },
        { path: 'records/web/2026-11/c.json', content: 'C' },
        { path: 'current/production/api.json', content: '{"version":"1.2.3"}' },
      ),
    );
    const tree = await reader.snapshot();
    expect(tree.head).toBe(sha);
    expect(await tree.read('records/api/2026-11/a.json')).toBe('A ünicode');
    expect(await tree.read('current/production/api.json')).toBe('{"version":"1.2.3"}');
    expect(await tree.read('current/production/web.json')).toBeNull();
    expect(await tree.read('records/api')).toBeNull();
    expect(await tree.list('records/api')).toEqual([
      'records/api/2026-11/a.json',
      'records/api/2026-11/b.json',
    ]);
    expect(await tree.list('')).toHaveLength(4);
    expect(await run(['branch', '--list', '--all'], readerRoot)).not.toContain(BRANCH);
  });

  it('reads many files asked for together in one listing and one cat-file, each as it reads alone', async () => {
    const origin = await makeOrigin();
    const writer = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const written: AuditFileChange[] = [
      ...Array.from({ length: 10 }, (_, i) => ({
        path: `current/production/s${i}.json`,
        content: `{"version":"1.0.${i}"}\n`,
      })),
      // Content that looks like the batch's own framing, several lines, no final newline, nothing at all.
      { path: 'current/production/framing.json', content: 'abc blob 3\n\nx missing\n\n' },
      { path: 'current/production/a b.json', content: 'ünïcode €' },
      { path: 'current/staging/empty.json', content: '' },
      { path: 'top.json', content: 'top' },
    ];
    await writer.write('pointers', files(...written));
    const reader = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const tree = await reader.snapshot();
    const paths = [...written.map((f) => f.path), 'current/production/missing.json', 'current/production'];
    const expected = [...written.map((f) => f.content), null, null];

    const alone: Array<string | null> = [];
    for (const path of paths) alone.push(await tree.read(path));
    expect(alone).toEqual(expected);

    let many: Array<string | null> = [];
    expect(
      await gitRunsDuring(async () => {
        many = await Promise.all(paths.map((path) => tree.read(path)));
      }),
    ).toEqual(['ls-tree', 'cat-file']);
    expect(many).toEqual(expected);

    // Without a file at the top, the listing is limited to the directories read.
    const inDirs = paths.filter((path) => path !== 'top.json');
    let listed: Array<string | null> = [];
    expect(
      await gitRunsDuring(async () => {
        listed = await Promise.all(inDirs.map((path) => tree.read(path)));
      }),
    ).toEqual(['ls-tree', 'cat-file']);
    expect(listed).toEqual(inDirs.map((path) => expected[paths.indexOf(path)]));

    // A few reads go by path: one process. So do reads that find nothing to read.
    let few: Array<string | null> = [];
    expect(
      await gitRunsDuring(async () => {
        few = await Promise.all(paths.slice(9, 13).map((path) => tree.read(path)));
      }),
    ).toEqual(['cat-file']);
    expect(few).toEqual(expected.slice(9, 13));
    const absent = Array.from({ length: 9 }, (_, i) => `current/production/none-${i}.json`);
    let none: Array<string | null> = [];
    expect(
      await gitRunsDuring(async () => {
        none = await Promise.all(absent.map((path) => tree.read(path)));
      }),
    ).toEqual(['ls-tree']);
    expect(none).toEqual(absent.map(() => null));
  });

  it('appends: a second write keeps the earlier files and has the first commit as its parent', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const first = await store.write('one', files({ path: 'records/one.json', content: '1' }));
    const second = await store.write('two', async (tree) => {
      expect(tree.head).toBe(first);
      return [{ path: 'records/two.json', content: '2' }];
    });
    expect(await originFiles(origin)).toEqual(['records/one.json', 'records/two.json']);
    expect((await run(['rev-parse', `${second}^`], origin)).trim()).toBe(first);
  });

  it('creates no commit when the change has no files', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    expect(await store.write('nothing', files())).toBe('');
    expect(await originHead(origin)).toBeNull();
    const head = await store.write('one', files({ path: 'a.json', content: '1' }));
    expect(await store.write('nothing', files())).toBe(head);
    expect(await originHead(origin)).toBe(head);
  });

  it('rejects paths that are not relative and normalized, and pushes nothing', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    for (const path of ['/abs.json', '../up.json', 'a/./b.json', 'a//b.json']) {
      await expect(store.write('bad', files({ path, content: 'x' }))).rejects.toThrow(/invalid audit path/);
    }
    expect(await originHead(origin)).toBeNull();
  });

  it('retries a lost race on a fresh head, calling change again', async () => {
    const origin = await makeOrigin();
    const rival = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH, random: () => 0 });
    const heads: Array<string | null> = [];
    await store.write('mine', async (tree) => {
      heads.push(tree.head);
      if (heads.length === 1) await rival.write('theirs', appendLine('records/theirs.json', 'theirs'));
      return appendLine('records/mine.json', 'mine')(tree);
    });
    expect(heads).toHaveLength(2);
    expect(heads[0]).toBeNull();
    expect(heads[1]).toBe((await run(['rev-parse', `refs/heads/${BRANCH}^`], origin)).trim());
    expect(await originFile(origin, 'log.txt')).toBe('theirs\nmine\n');
  });

  it('gives up with AuditWriteError after maxAttempts lost races', async () => {
    const origin = await makeOrigin();
    const rival = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const store = new GitAuditStore({
      root: await makeClone(origin),
      branch: BRANCH,
      maxAttempts: 3,
      random: () => 0,
    });
    let calls = 0;
    const write = store.write('mine', async () => {
      calls++;
      await rival.write(`theirs ${calls}`, files({ path: `records/theirs-${calls}.json`, content: 'x' }));
      return [{ path: 'records/mine.json', content: 'x' }];
    });
    await expect(write).rejects.toThrow(AuditWriteError);
    expect(calls).toBe(3);
    expect(await originFiles(origin)).toEqual([
      'records/theirs-1.json',
      'records/theirs-2.json',
      'records/theirs-3.json',
    ]);
  });

  it(
    '20 concurrent writers in separate clones: every record kept, linear history',
    { timeout: 180_000 },
    async () => {
      const origin = await makeOrigin();
      const roots = await Promise.all(Array.from({ length: 20 }, () => makeClone(origin)));
      // A crowd of 20 on a loaded 2-CPU machine needed up to 8 rounds for its unluckiest writer; the budget
      // is raised so the test checks that nothing is lost, not how lucky the jitter was.
      const stores = roots.map((root) => new GitAuditStore({ root, branch: BRANCH, maxAttempts: 20 }));
      const shas = await Promise.all(
        stores.map((store, i) => store.write(`writer ${i}`, appendLine(`records/w${i}.json`, `w${i}`))),
      );
      expect(new Set(shas).size).toBe(20);
      expect(await originFiles(origin)).toHaveLength(21);
      const lines = (await originFile(origin, 'log.txt')).trim().split('\n');
      expect([...lines].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`).sort());
      const parents = (await run(['rev-list', '--parents', `refs/heads/${BRANCH}`], origin))
        .trim()
        .split('\n');
      expect(parents).toHaveLength(20);
      expect(parents.filter((line) => line.split(' ').length !== 2)).toHaveLength(1); // only the root
    },
  );

  it('several stores in one clone write concurrently without losing a record', async () => {
    const origin = await makeOrigin();
    const root = await makeClone(origin);
    const stores = Array.from(
      { length: 8 },
      () => new GitAuditStore({ root, branch: BRANCH, maxAttempts: 20 }),
    );
    await Promise.all(
      stores.map((store, i) => store.write(`w${i}`, appendLine(`records/w${i}.json`, `w${i}`))),
    );
    expect((await originFile(origin, 'log.txt')).trim().split('\n')).toHaveLength(8);
  });

  it('lets change() read through the same store without a deadlock', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const sha = await store.write('one', async (tree) => {
      expect((await store.snapshot()).head).toBe(tree.head);
      return [{ path: 'a.json', content: '1' }];
    });
    expect(await originHead(origin)).toBe(sha);
  });

  it('refuses to write after the branch was rewritten behind its back', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    await store.write('one', files({ path: 'records/one.json', content: '1' }));

    const other = await makeClone(origin);
    await run(['checkout', '-q', '--orphan', 'rewrite'], other);
    await run([...SETUP_IDENTITY, 'commit', '-q', '--allow-empty', '-m', 'unrelated'], other);
    await run(['push', '-q', '--force', 'origin', `rewrite:refs/heads/${BRANCH}`], other);
    const rewritten = await originHead(origin);

    // The first round builds on the head the store last saw (no fetch); the lease refuses that push, and
    // the fetch of the next round finds the rewrite: nothing is written.
    const heads: Array<string | null> = [];
    const write = store.write('two', async (tree) => {
      heads.push(tree.head);
      return [{ path: 'records/two.json', content: '2' }];
    });
    await expect(write).rejects.toThrow(AuditRewrittenError);
    const again = await store.snapshot().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AuditRewrittenError);
    expect((again as AuditRewrittenError).fix).toMatch(/ruleset/);
    expect(heads).not.toContain(rewritten);
    expect(await originHead(origin)).toBe(rewritten);
  });

  it('remembers the head it wrote across runs in one checkout, and forgets it on request', async () => {
    const origin = await makeOrigin();
    const root = await makeClone(origin);
    const first = new GitAuditStore({ root, branch: BRANCH });
    const one = await first.write('one', files({ path: 'records/one.json', content: '1' }));
    // The last write of a run pushes without a fetch: the checkout must still know it.
    await first.write('two', files({ path: 'records/two.json', content: '2' }));
    await run(['update-ref', `refs/heads/${BRANCH}`, one], origin);

    // A later run (a new store) in the same checkout refuses; a fresh clone cannot tell.
    const later = await new GitAuditStore({ root, branch: BRANCH }).snapshot().catch((e: unknown) => e);
    expect(later).toBeInstanceOf(AuditRewrittenError);
    expect((later as AuditRewrittenError).message).toMatch(/an earlier run in this checkout saw/);
    expect((later as AuditRewrittenError).fix).toMatch(/Block force pushes/);
    const elsewhere = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    expect((await elsewhere.snapshot()).head).toBe(one);

    await run(['update-ref', '-d', `refs/monorepo-release/audit/${BRANCH}`], root);
    expect((await new GitAuditStore({ root, branch: BRANCH }).snapshot()).head).toBe(one);
  });

  it('treats a deleted branch it saw before as rewritten', async () => {
    const origin = await makeOrigin();
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    await store.write('one', files({ path: 'records/one.json', content: '1' }));
    await run(['update-ref', '-d', `refs/heads/${BRANCH}`], origin);
    await expect(store.write('two', files({ path: 'records/two.json', content: '2' }))).rejects.toThrow(
      AuditRewrittenError,
    );
    expect(await originHead(origin)).toBeNull();
  });

  it('fails at once with AuditWriteError when the origin refuses the push (no retry storm)', async () => {
    const origin = await makeOrigin();
    const hookLog = join(await tempDir(), 'pre-receive.log');
    const hook = join(origin, 'hooks', 'pre-receive');
    await writeFile(hook, `#!/bin/sh\necho attempt >> '${hookLog}'\necho 'protected branch' >&2\nexit 1\n`);
    await chmod(hook, 0o755);
    const store = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const error = await store.write('one', files({ path: 'a.json', content: '1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as AuditWriteError).message).toMatch(/pre-receive hook declined/);
    expect((error as AuditWriteError).fix).toMatch(/permissions:\s+contents: write/);
    expect((await readFile(hookLog, 'utf8')).trim().split('\n')).toEqual(['attempt']);
    expect(await originHead(origin)).toBeNull();
  });

  it('reports an unreachable remote as AuditWriteError naming the remote, not as an empty branch', async () => {
    const origin = await makeOrigin();
    const root = await makeClone(origin);
    await run(['remote', 'set-url', 'origin', join(await tempDir(), 'gone.git')], root);
    const store = new GitAuditStore({ root, branch: BRANCH });
    const error = await store.snapshot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as AuditWriteError).fix).toMatch(/remote 'origin'/);
    const unknown = new GitAuditStore({ root, branch: BRANCH, remote: 'nope' });
    await expect(unknown.write('x', files({ path: 'a', content: '' }))).rejects.toThrow(AuditWriteError);
  });

  it('starts no repository maintenance (a gc, at times) when it fetches', async () => {
    const origin = await makeOrigin();
    const writer = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    await writer.write('release api', files({ path: 'records/api/a.json', content: 'A' }));
    const reader = new GitAuditStore({ root: await makeClone(origin), branch: BRANCH });
    const started = await gitTrace(async () => {
      expect((await reader.snapshot()).head).not.toBeNull();
    });
    expect(started).toContain('fetch');
    expect(started).not.toContain('maintenance');
  });

  it("leaves the user's work tree, index and HEAD untouched", async () => {
    const origin = await makeOrigin();
    const root = await makeClone(origin);
    await writeFile(join(root, 'README.md'), '# changed, not staged\n');
    await writeFile(join(root, 'staged.txt'), 'staged\n');
    await run(['add', 'staged.txt'], root);
    await writeFile(join(root, 'untracked.txt'), 'untracked\n');
    const state = async () => ({
      status: await run(['status', '--porcelain=v1', '-uall'], root),
      head: await run(['rev-parse', 'HEAD'], root),
      symbolic: await run(['symbolic-ref', 'HEAD'], root),
      index: await run(['ls-files', '--stage'], root),
      staged: await run(['diff', '--cached'], root),
      unstaged: await run(['diff'], root),
    });
    const before = await state();
    const store = new GitAuditStore({ root, branch: BRANCH });
    await store.write('one', files({ path: 'README.md', content: 'audit readme' }));
    await store.write('two', files({ path: 'staged.txt', content: 'audit' }));
    expect(await state()).toEqual(before);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe('# changed, not staged\n');
  });
});

describe('GitAuditStore over smart HTTP with a token', () => {
  const token = 'ghs_TestToken0123456789abcdef';
  let server: GitHttpServer;
  let origin: string;
  let argvLog: string;
  const savedPath = process.env.PATH;

  beforeAll(async () => {
    const dir = await tempDir();
    origin = await makeOrigin(dir);
    server = await startGitHttpServer({ projectRoot: dir, token });
    // A `git` shim first on PATH records the argv of every git process the store starts.
    const shim = join(dir, 'bin');
    argvLog = join(dir, 'argv.log');
    const realGit = await whichGit(savedPath ?? '');
    await mkdir(shim);
    await writeFile(
      join(shim, 'git'),
      `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec '${realGit}' "$@"\n`,
    );
    await chmod(join(shim, 'git'), 0o755);
    process.env.PATH = `${shim}:${savedPath ?? ''}`;
  });

  afterEach(() => {
    server.requests.length = 0;
  });

  afterAll(async () => {
    process.env.PATH = savedPath;
    await server.close();
  });

  async function httpClone(): Promise<string> {
    const root = await makeClone(origin);
    await run(['remote', 'set-url', 'origin', `${server.url}/origin.git`], root);
    return root;
  }

  async function allFiles(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true });
    const paths = entries.map((entry) => join(dir, entry));
    const kinds = await Promise.all(paths.map(async (path) => ((await stat(path)).isFile() ? path : null)));
    return kinds.filter((path): path is string => path !== null);
  }

  it('writes and reads with the right token, which reaches no argv and no file in .git', async () => {
    const root = await httpClone();
    const store = new GitAuditStore({ root, branch: BRANCH, token });
    const sha = await store.write('one', files({ path: 'records/api/a.json', content: 'A' }));
    const reader = new GitAuditStore({ root: await httpClone(), branch: BRANCH, token });
    const tree = await reader.snapshot();
    expect(tree.head).toBe(sha);
    expect(await tree.read('records/api/a.json')).toBe('A');

    expect(server.requests.every((r) => r.authorized)).toBe(true);
    expect(server.requests.some((r) => r.method === 'POST' && r.path.endsWith('/git-receive-pack'))).toBe(
      true,
    );
    const argv = await readFile(argvLog, 'utf8');
    expect(argv).toContain('push --porcelain');
    expect(argv).not.toContain(token);
    expect(argv).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
    for (const file of await allFiles(join(root, '.git'))) {
      expect((await readFile(file)).includes(token), file).toBe(false);
    }
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'ghs_wrong'],
  ])('fails with AuditWriteError with %s, and writes nothing', async (_name, wrong) => {
    const before = await originHead(origin);
    const store = new GitAuditStore({ root: await httpClone(), branch: BRANCH, token: wrong });
    const error = await store
      .write('x', files({ path: 'records/x.json', content: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as AuditWriteError).fix).toMatch(/permissions:\s+contents: write/);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => !r.authorized)).toBe(true);
    expect(await originHead(origin)).toBe(before);
  });
});
