import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git.js';
import { resolveRange, type Range, type RangeInputs } from '../../src/app/range.js';
import { HistoryError, InputError } from '../../src/core/errors.js';
import { describeEvent, isZeroSha, validSha, ZERO_SHA, type RangeRequest } from '../../src/core/event.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';
import { memoryLogger } from '../helpers/logger.js';

const FORMAT = '{service}@v{version}';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

describe('describeEvent', () => {
  const cases: Array<{ name: string; event: string; payload: unknown; expected: RangeRequest }> = [
    {
      name: 'push',
      event: 'push',
      payload: {
        ref: 'refs/heads/main',
        before: A,
        after: B,
        forced: false,
        commits: [{ id: C }, { id: B }],
        repository: { default_branch: 'main' },
      },
      expected: {
        kind: 'push',
        ref: 'refs/heads/main',
        before: A,
        after: B,
        firstCommit: C,
        commitCount: 2,
        forced: false,
        deleted: false,
        defaultBranch: 'main',
      },
    },
    {
      name: 'new branch: zero before, no commits, malformed values dropped',
      event: 'push',
      payload: { ref: 'refs/heads/x', before: ZERO_SHA, after: B.toUpperCase(), commits: [{ id: 'abc' }] },
      expected: {
        kind: 'push',
        ref: 'refs/heads/x',
        before: ZERO_SHA,
        after: B,
        firstCommit: null,
        commitCount: 1,
        forced: false,
        deleted: false,
        defaultBranch: null,
      },
    },
    {
      name: 'branch deletion',
      event: 'push',
      payload: { ref: 'refs/heads/x', before: A, after: ZERO_SHA, deleted: true },
      expected: {
        kind: 'push',
        ref: 'refs/heads/x',
        before: A,
        after: ZERO_SHA,
        firstCommit: null,
        commitCount: 0,
        forced: false,
        deleted: true,
        defaultBranch: null,
      },
    },
    {
      name: 'tag push in the tag format',
      event: 'push',
      payload: { ref: 'refs/tags/api@v1.4.0', before: ZERO_SHA, after: A },
      expected: {
        kind: 'tag',
        ref: 'refs/tags/api@v1.4.0',
        tag: 'api@v1.4.0',
        service: 'api',
        version: '1.4.0',
        after: A,
      },
    },
    {
      name: 'tag push outside the format is a plain push',
      event: 'push',
      payload: { ref: 'refs/tags/nightly', before: ZERO_SHA, after: A, forced: true },
      expected: {
        kind: 'push',
        ref: 'refs/tags/nightly',
        before: ZERO_SHA,
        after: A,
        firstCommit: null,
        commitCount: 0,
        forced: true,
        deleted: false,
        defaultBranch: null,
      },
    },
    {
      name: 'pull_request',
      event: 'pull_request',
      payload: { pull_request: { base: { sha: A }, head: { sha: B } } },
      expected: { kind: 'pull_request', event: 'pull_request', base: A, head: B },
    },
    {
      name: 'pull_request_target with a malformed head',
      event: 'pull_request_target',
      payload: { pull_request: { base: { sha: A }, head: { sha: '$(id)' } } },
      expected: { kind: 'pull_request', event: 'pull_request_target', base: A, head: null },
    },
    {
      name: 'merge_group',
      event: 'merge_group',
      payload: { merge_group: { base_sha: A, head_sha: B } },
      expected: { kind: 'merge_group', base: A, head: B },
    },
    {
      name: 'workflow_dispatch',
      event: 'workflow_dispatch',
      payload: { inputs: {} },
      expected: { kind: 'none', event: 'workflow_dispatch' },
    },
    { name: 'schedule', event: 'schedule', payload: {}, expected: { kind: 'none', event: 'schedule' } },
    {
      name: 'a payload that is not an object',
      event: 'push',
      payload: 'garbage',
      expected: {
        kind: 'push',
        ref: null,
        before: null,
        after: null,
        firstCommit: null,
        commitCount: 0,
        forced: false,
        deleted: false,
        defaultBranch: null,
      },
    },
  ];
  it.each(cases)('$name', ({ event, payload, expected }) => {
    expect(describeEvent(event, payload, FORMAT)).toEqual(expected);
  });

  it.each([
    [A, A],
    [ZERO_SHA, ZERO_SHA],
    ['A'.repeat(40), A],
    ['a'.repeat(39), null],
    ['a'.repeat(41), null],
    [`${'a'.repeat(39)}g`, null],
    ['--all', null],
    [42, null],
    [undefined, null],
  ])('validSha(%j) is %j', (value, expected) => {
    expect(validSha(value)).toBe(expected);
  });

  it('isZeroSha recognises only the 40-zero SHA', () => {
    expect(isZeroSha(ZERO_SHA)).toBe(true);
    expect(isZeroSha('0'.repeat(39))).toBe(false);
    expect(isZeroSha(null)).toBe(false);
  });
});

describe('resolveRange', () => {
  let repo: TestRepo;
  let log: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    repo = await makeRepo();
    log = memoryLogger();
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  function range(request: RangeRequest, inputs: RangeInputs = {}, root = repo.dir): Promise<Range> {
    return resolveRange({ git: new CliGit({ root }), log }, request, inputs);
  }

  function pushEvent(fields: {
    before: string;
    after: string;
    commits?: string[];
    ref?: string;
    forced?: boolean;
  }) {
    return describeEvent(
      'push',
      {
        ref: fields.ref ?? 'refs/heads/main',
        before: fields.before,
        after: fields.after,
        forced: fields.forced ?? false,
        commits: (fields.commits ?? []).map((id) => ({ id })),
        repository: { default_branch: 'main' },
      },
      FORMAT,
    );
  }

  async function commits(count: number, prefix: string): Promise<string[]> {
    const shas: string[] = [];
    for (let i = 0; i < count; i++) {
      await repo.write(`${prefix}/${i}.txt`, String(i));
      shas.push(await repo.commit(`feat: ${prefix} ${i}`));
    }
    return shas;
  }

  it('push of several commits: before..after', async () => {
    const [base] = await commits(1, 'base');
    await repo.push();
    const pushed = await commits(3, 'new');
    await repo.push();
    const result = await range(pushEvent({ before: base!, after: pushed[2]!, commits: pushed }));
    expect(result).toEqual({
      kind: 'diff',
      base,
      head: pushed[2],
      why: `push: ${base!.slice(0, 7)}..${pushed[2]!.slice(0, 7)} (3 commits)`,
    });
  });

  it('new branch (zero before): from the parent of the first pushed commit', async () => {
    const [fork] = await commits(2, 'main').then((s) => s.slice(1));
    await repo.push();
    await repo.run(['checkout', '--quiet', '-b', 'feature']);
    const pushed = await commits(2, 'feature');
    await repo.push('feature');
    const result = await range(
      pushEvent({ ref: 'refs/heads/feature', before: ZERO_SHA, after: pushed[1]!, commits: pushed }),
    );
    expect(result).toMatchObject({ kind: 'diff', base: fork, head: pushed[1] });
    expect(result.why).toMatch(
      /before is all zeros \(a new branch\); using the parent of the first pushed commit/,
    );
  });

  it('force push whose before commit is gone everywhere: from the parent of the first pushed commit', async () => {
    const [a] = await commits(1, 'a');
    await repo.push();
    const [b] = await commits(1, 'b');
    await repo.push();
    await repo.run(['reset', '--quiet', '--hard', a!]);
    const [c] = await commits(1, 'c');
    await repo.forcePush();
    await repo.run(['reflog', 'expire', '--expire=now', '--all']);
    await repo.run(['gc', '--quiet', '--prune=now']);
    await repo.runOrigin(['reflog', 'expire', '--expire=now', '--all']);
    await repo.runOrigin(['gc', '--quiet', '--prune=now']);
    const git = new CliGit({ root: repo.dir });
    expect(await git.resolveCommit(b!)).toBeNull();

    const result = await range(pushEvent({ before: b!, after: c!, commits: [c!], forced: true }));
    expect(result).toEqual({
      kind: 'diff',
      base: a,
      head: c,
      why: `force push: before ${b!.slice(0, 7)} is unreachable; using the parent of the first pushed commit: ${a!.slice(0, 7)}..${c!.slice(0, 7)}`,
    });
    expect(log.lines.some((l) => l.startsWith('warning:') && l.includes('unreachable'))).toBe(true);
  });

  it('force push with the before commit gone and no commits in the event, on the default branch: every service', async () => {
    const [a] = await commits(1, 'a');
    await repo.push();
    const result = await range(pushEvent({ before: B, after: a!, forced: true }));
    expect(result.kind).toBe('all');
    expect(result.why).toMatch(/force push: before bbbbbbb is unreachable, and there is no earlier commit/);
  });

  it('zero before with no commits in the event: from the merge-base with origin/<default branch>', async () => {
    const [, fork] = await commits(2, 'main');
    await repo.push();
    await repo.run(['checkout', '--quiet', '-b', 'feature']);
    const [, head] = await commits(2, 'feature');
    await repo.push('feature');
    await repo.run(['checkout', '--quiet', 'main']);
    await commits(1, 'later');
    await repo.push();
    const result = await range(pushEvent({ ref: 'refs/heads/feature', before: ZERO_SHA, after: head! }));
    expect(result).toMatchObject({ kind: 'diff', base: fork, head });
    expect(result.why).toMatch(
      /before is all zeros \(a new branch\); using the merge-base with origin\/main/,
    );
  });

  it('first push of the default branch (zero before, no commits): every service, and says so', async () => {
    const [, head] = await commits(2, 'main');
    await repo.push();
    const result = await range(pushEvent({ before: ZERO_SHA, after: head! }));
    expect(result).toEqual({
      kind: 'all',
      head,
      why: 'push: before is all zeros (a new branch), and there is no earlier commit to compare with: every service, as a first release',
    });
  });

  it('a before commit missing locally is fetched once from origin', async () => {
    const [a] = await commits(1, 'a');
    await repo.push();
    const clone = await repo.shallowClone(5);
    await clone.write('more.txt', 'x');
    const b = await clone.commit('feat: more');
    await clone.push('other');
    await repo.write('c.txt', 'x');
    const c = await repo.commit('feat: c');
    expect(await new CliGit({ root: repo.dir }).resolveCommit(b)).toBeNull();
    const result = await range(pushEvent({ before: b, after: c, commits: [c], forced: true }));
    expect(result).toMatchObject({ kind: 'diff', base: b, head: c });
    expect(a).toBeDefined();
  });

  it('branch deletion: nothing to release, said so', async () => {
    const [a] = await commits(1, 'a');
    const result = await range(
      describeEvent('push', { ref: 'refs/heads/gone', before: a, after: ZERO_SHA, deleted: true }, FORMAT),
    );
    expect(result).toEqual({
      kind: 'diff',
      base: a,
      head: a,
      why: 'push deleted refs/heads/gone: nothing to release',
    });
  });

  it('tag push in the format: that service at that version, peeled to the commit', async () => {
    const [a] = await commits(1, 'a');
    await repo.tag('api@v1.4.0', a, 'api 1.4.0');
    const tagObject = (await repo.run(['rev-parse', 'refs/tags/api@v1.4.0'])).trim();
    const result = await range(
      describeEvent('push', { ref: 'refs/tags/api@v1.4.0', before: ZERO_SHA, after: tagObject }, FORMAT),
    );
    expect(result).toEqual({
      kind: 'tag',
      head: a,
      service: 'api',
      version: '1.4.0',
      tag: 'api@v1.4.0',
      why: `tag push: api@v1.4.0 releases api at 1.4.0 (${a!.slice(0, 7)})`,
    });
  });

  it('tag push outside the format: a push of that commit, with the fallback named', async () => {
    const [, head] = await commits(2, 'a');
    await repo.push();
    await repo.tag('nightly', head);
    const result = await range(
      describeEvent('push', { ref: 'refs/tags/nightly', before: ZERO_SHA, after: head }, FORMAT),
    );
    expect(result).toMatchObject({ kind: 'diff', base: head, head });
    expect(result.why).toMatch(/a new tag\); using the merge-base with origin\/main: .*nothing new/);
  });

  it('pull_request: merge-base(base, head)..head', async () => {
    const [fork] = await commits(1, 'main');
    await repo.run(['checkout', '--quiet', '-b', 'feature']);
    const [, head] = await commits(2, 'feature');
    await repo.run(['checkout', '--quiet', 'main']);
    const [, base] = await commits(2, 'later');
    for (const event of ['pull_request', 'pull_request_target']) {
      const payload = { pull_request: { base: { sha: base }, head: { sha: head } } };
      const result = await range(describeEvent(event, payload, FORMAT));
      expect(result).toMatchObject({ kind: 'diff', base: fork, head });
      expect(result.why.startsWith(`${event}: `)).toBe(true);
    }
  });

  it('pull_request whose head cannot be found or fetched: HistoryError naming fetch-depth: 0', async () => {
    const [a] = await commits(1, 'a');
    await repo.push();
    const payload = { pull_request: { base: { sha: a }, head: { sha: B } } };
    const error = await range(describeEvent('pull_request', payload, FORMAT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).fix).toContain('fetch-depth: 0');
  });

  it('pull_request payload without SHAs: InputError', async () => {
    await commits(1, 'a');
    const error = await range(describeEvent('pull_request', {}, FORMAT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
  });

  it('merge_group: base_sha..head_sha', async () => {
    const [base, , head] = await commits(3, 'a');
    const payload = { merge_group: { base_sha: base, head_sha: head } };
    const result = await range(describeEvent('merge_group', payload, FORMAT));
    expect(result).toEqual({
      kind: 'diff',
      base,
      head,
      why: `merge_group: ${base!.slice(0, 7)}..${head!.slice(0, 7)}`,
    });
  });

  it('workflow_dispatch without a base input: every service at HEAD', async () => {
    const [, head] = await commits(2, 'a');
    const result = await range(describeEvent('workflow_dispatch', {}, FORMAT));
    expect(result).toEqual({
      kind: 'all',
      head,
      why: 'workflow_dispatch with no base input: every service, as a first release',
    });
  });

  it('workflow_dispatch with a base input: base..HEAD', async () => {
    const [base, , head] = await commits(3, 'a');
    await repo.tag('api@v1.0.0', base);
    const result = await range(describeEvent('workflow_dispatch', {}, FORMAT), { base: 'api@v1.0.0' });
    expect(result).toMatchObject({ kind: 'diff', base, head });
    expect(result.why).toBe(
      `inputs: base api@v1.0.0 (${base!.slice(0, 7)})..head HEAD (${head!.slice(0, 7)})`,
    );
  });

  it('base and head inputs override the event', async () => {
    const [first, second, third] = await commits(3, 'a');
    await repo.push();
    const event = pushEvent({ before: second!, after: third!, commits: [third!] });
    expect(await range(event, { base: first!, head: second! })).toMatchObject({
      kind: 'diff',
      base: first,
      head: second,
    });
    expect(await range(event, { base: 'HEAD~2' })).toMatchObject({ kind: 'diff', base: first, head: third });
    const headOnly = await range(event, { head: 'HEAD~1' });
    expect(headOnly).toMatchObject({ kind: 'all', head: second });
    expect(headOnly.why).toMatch(/^head input HEAD~1 \(.{7}\) with no base input: every service/);
  });

  it.each(['no-such-branch', '--all', B])('unknown base input %j: InputError with the fix', async (base) => {
    await commits(1, 'a');
    const error = await range(describeEvent('workflow_dispatch', {}, FORMAT), { base }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(JSON.stringify(base));
    expect((error as InputError).fix).toMatch(/set base to a commit SHA, branch or tag.*fetch-depth: 0/);
  });

  it('shallow clone: fetches the history, then the range over 3 commits works', async () => {
    const [base] = await commits(1, 'base');
    const pushed = await commits(3, 'new');
    await repo.push();
    const clone = await repo.shallowClone(1);
    const result = await range(
      pushEvent({ before: base!, after: pushed[2]!, commits: pushed }),
      {},
      clone.dir,
    );
    expect(result).toMatchObject({ kind: 'diff', base, head: pushed[2] });
    expect(await new CliGit({ root: clone.dir }).isShallow()).toBe(false);
    expect(log.lines.some((l) => l.startsWith('info: Shallow clone'))).toBe(true);
  });

  it('shallow clone with a missing origin: HistoryError naming fetch-depth: 0', async () => {
    const [base] = await commits(1, 'base');
    const pushed = await commits(3, 'new');
    await repo.push();
    const clone = await repo.shallowClone(1);
    await clone.run(['remote', 'set-url', 'origin', join(repo.dir, '..', 'missing.git')]);
    const error = await range(
      pushEvent({ before: base!, after: pushed[2]!, commits: pushed }),
      {},
      clone.dir,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).fix).toContain('fetch-depth: 0');
  });

  it.skipIf(process.getuid?.() === 0)(
    'shallow clone with an unreadable origin: HistoryError naming fetch-depth: 0',
    async () => {
      const [base] = await commits(1, 'base');
      const pushed = await commits(3, 'new');
      await repo.push();
      const clone = await repo.shallowClone(1);
      await chmod(repo.origin, 0o000);
      try {
        const event = pushEvent({ before: base!, after: pushed[2]!, commits: pushed });
        const error = await range(event, {}, clone.dir).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HistoryError);
        expect((error as HistoryError).fix).toContain('fetch-depth: 0');
      } finally {
        await chmod(repo.origin, 0o755);
      }
    },
  );
});
