/** Release order (`after`, issue 18): the built bundle run as the runner runs it, one process per matrix
 * job, all started together against one bare origin, as the jobs of one matrix are. The deploy script
 * appends to one ledger, so its order is the order things really happened in. Waiting jobs look at the
 * audit log every 200 ms (MONOREPO_RELEASE_WAIT_POLL) instead of every 10–20 s. */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction, runCli, type ActionOptions, type ActionRun } from '../helpers/action.js';
import { makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const CONFIG = (services: string, wait = '30s') => `version: 1
defaults:
  stages: [{ name: canary, percent: 50, bake: 300ms }, { name: full, percent: 100 }]
  deploy: ./scripts/deploy.sh
  verify: { command: ./scripts/verify.sh, interval: 100ms, timeout: 2s }
  rollback: ./scripts/rollback.sh
  timeout: 10s
  wait: ${wait}
services:
${services}`;

const WEB_AFTER_API = `  api:
    paths: [services/api/**]
  web:
    paths: [services/web/**]
    after: [api]
`;

/** A fleet whose config is `services`, committed and pushed; fleet.sha is that commit. */
async function setup(services: string, wait?: string, extraFiles: string[] = []): Promise<void> {
  fleet = await makeFleet();
  await fleet.repo.write('.github/monorepo-release.yml', CONFIG(services, wait));
  for (const file of extraFiles) await fleet.repo.write(file, `${file}\n`);
  fleet.sha = await fleet.repo.commit('feat: release order');
  await fleet.repo.push();
}

/** One matrix job: release `service` at `version` of fleet.sha (run 300, as the jobs of one matrix share
 * their run). */
function job(service: string, version: string, options: Partial<ActionOptions> = {}): Promise<ActionRun> {
  return fleet.action({
    ...options,
    inputs: { service, version, ...options.inputs },
    env: { GITHUB_RUN_ID: '300', MONOREPO_RELEASE_WAIT_POLL: '200ms', ...options.env },
  });
}

/** A new commit that changes each service's files, pushed; fleet.sha moves to it. */
async function change(...services: string[]): Promise<string> {
  const before = fleet.sha;
  for (const s of services) await fleet.repo.write(`services/${s}/change.ts`, `${s}\n`);
  fleet.sha = await fleet.repo.commit(`feat: change ${services.join(', ')}`);
  await fleet.repo.push();
  return before;
}

interface Entry {
  service: string;
  version: string;
  after: string[];
}

/** The `plan` of a push of before..fleet.sha: the matrix entries, and the job summary. */
async function plan(before: string): Promise<{ matrix: Entry[]; summary: string }> {
  const run = await runAction({
    workspace: fleet.repo.dir,
    inputs: { command: 'plan' },
    event: { ref: 'refs/heads/main', before, after: fleet.sha },
    env: { GITHUB_SHA: fleet.sha },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return { matrix: (JSON.parse(run.outputs.matrix!) as { include: Entry[] }).include, summary: run.summary };
}

async function planMatrix(before: string): Promise<Entry[]> {
  return (await plan(before)).matrix;
}

/** Index of the first ledger line that starts with `prefix` (-1: none). */
function first(calls: string[], prefix: string): number {
  return calls.findIndex((line) => line.startsWith(prefix));
}
function last(calls: string[], prefix: string): number {
  return calls.findLastIndex((line) => line.startsWith(prefix));
}

describe('release order (after)', () => {
  it('web after api, started together (web first): web deploys only once api is at 100 %', async () => {
    await setup(WEB_AFTER_API);
    const web = job('web', '1.0.0');
    const api = job('api', '1.0.0');
    const [w, a] = await Promise.all([web, api]);
    expect(a.outputs.outcome, a.stdout).toBe('released');
    expect(w.outputs.outcome, w.stdout).toBe('released');
    expect(w.stdout).toMatch(/web: waiting for api/);
    const calls = await fleet.calls();
    const apiFull = first(calls, 'deploy api 1.0.0 full 100');
    expect(apiFull).toBeGreaterThanOrEqual(0);
    // api's 100 % stage and its gate, then web's first deploy.
    expect(first(calls, 'deploy web')).toBeGreaterThan(last(calls, 'verify api 1.0.0 full 100'));
    expect(last(calls, 'verify api 1.0.0 full 100')).toBeGreaterThan(apiFull);
  });

  it('api rolls back: web ends blocked naming api, deploys nothing, takes no lease, and the next plan has it again', async () => {
    await setup(WEB_AFTER_API);
    // Both live at the first commit.
    expect((await job('api', '1.0.0')).outputs.outcome).toBe('released');
    expect((await job('web', '1.0.0')).outputs.outcome).toBe('released');
    const before = await change('api', 'web');
    const webLatest = await fleet.audit('latest/production/web.json');
    const matrix = await planMatrix(before);
    expect(matrix.map((e) => [e.service, e.after])).toEqual([
      ['api', []],
      ['web', ['api']],
    ]);

    const [w, a] = await Promise.all([
      job('web', '1.1.0', { env: { GITHUB_RUN_ID: '301' } }),
      job('api', '1.1.0', { env: { GITHUB_RUN_ID: '301', FAIL_DEPLOY_STAGE: 'full' } }),
    ]);
    expect(a.outputs.outcome, a.stdout).toBe('rolled-back');
    expect(w.code).toBe(1);
    expect(w.outputs.outcome, w.stdout).toBe('blocked');
    expect(w.stdout).toMatch(
      /::error::web is blocked: it is released after api, whose release 1\.1\.0 at [0-9a-f]{12} ended rolled-back \(record 301-1-[0-9a-f]+\)\. Nothing was deployed; web stays pending/,
    );
    expect(w.outputs.record).toBe('');
    expect(w.summary).toContain('web is blocked');
    expect((await fleet.calls()).filter((c) => c.startsWith('deploy web 1.1.0'))).toEqual([]);
    // No record, no lease: web's newest record is still its 1.0.0 release.
    expect(await fleet.audit('latest/production/web.json')).toEqual(webLatest);
    expect((await fleet.records()).filter((r) => r.version === '1.1.0').map((r) => r.id)).toEqual([
      expect.stringMatching(/^301-1-/),
    ]);

    // The next plan (nothing pushed since) releases both again, api first.
    expect((await planMatrix(fleet.sha)).map((e) => [e.service, e.version, e.after])).toEqual([
      ['api', '1.1.0', []],
      ['web', '1.1.0', ['api']],
    ]);

    // "Re-run failed jobs" (attempt 2 of the run, api fixed): web waits for api's new attempt, not blocked by
    // the rollback of attempt 1.
    const rerun = { GITHUB_RUN_ID: '301', GITHUB_RUN_ATTEMPT: '2' };
    const [w2, a2] = await Promise.all([
      job('web', '1.1.0', { env: rerun }),
      job('api', '1.1.0', { env: rerun }),
    ]);
    expect(a2.outputs.outcome, a2.stdout).toBe('released');
    expect(w2.outputs.outcome, w2.stdout).toBe('released');
    const calls = await fleet.calls();
    expect(first(calls, 'deploy web 1.1.0')).toBeGreaterThan(last(calls, 'verify api 1.1.0 full 100'));
  });

  it('a diamond (c after a, b; b after a): the matrix lists a, b, c; c starts right after b, not after the slow unrelated d', async () => {
    await setup(
      `  d:
    paths: [services/d/**]
    stages: [{ name: full, percent: 100 }]
    timeout: 1m
  c:
    paths: [services/c/**]
    after: [a, b]
  b:
    paths: [services/b/**]
    after: [a]
  a:
    paths: [services/a/**]
`,
      '30s',
      ['services/a/main.ts', 'services/b/main.ts', 'services/c/main.ts', 'services/d/main.ts'],
    );
    const { matrix, summary } = await plan('0'.repeat(40));
    expect(summary).toContain(
      [
        '```mermaid',
        'graph LR',
        '  s0["a"]',
        '  s1["b"]',
        '  s2["c"]',
        '  s0 --> s1',
        '  s1 --> s2',
        '```',
      ].join('\n'),
    );
    expect(matrix.map((e) => [e.service, e.after])).toEqual([
      ['d', []],
      ['a', []],
      ['b', ['a']],
      ['c', ['b']],
    ]);
    const runs = await Promise.all(
      matrix.map((e) => job(e.service, e.version, e.service === 'd' ? { env: { SLOW_DEPLOY: '10' } } : {})),
    );
    expect(runs.map((r) => r.outputs.outcome)).toEqual(['released', 'released', 'released', 'released']);
    const calls = await fleet.calls();
    const cFirst = first(calls, 'deploy c');
    expect(cFirst).toBeGreaterThan(last(calls, 'verify b'));
    expect(last(calls, 'verify b')).toBeGreaterThan(last(calls, 'verify a'));
    expect(first(calls, 'deploy b')).toBeGreaterThan(last(calls, 'verify a'));
    // d's first stage is still sleeping when c has gone all the way to 100 %.
    expect(last(calls, 'verify c')).toBeLessThan(first(calls, 'deployed d'));
  });

  it('a chain (c after b after a): a rolls back, and b and c both end blocked at once, c naming the way to a', async () => {
    await setup(
      `  a:
    paths: [services/a/**]
  b:
    paths: [services/b/**]
    after: [a]
  c:
    paths: [services/c/**]
    after: [b]
`,
      '30s',
      ['services/a/main.ts', 'services/b/main.ts', 'services/c/main.ts'],
    );
    const matrix = await planMatrix('0'.repeat(40));
    expect(matrix.map((e) => [e.service, e.after])).toEqual([
      ['a', []],
      ['b', ['a']],
      ['c', ['b']],
    ]);
    const [c, b, a] = await Promise.all([
      job('c', matrix[2]!.version),
      job('b', matrix[1]!.version),
      job('a', matrix[0]!.version, { env: { FAIL_DEPLOY_STAGE: 'full' } }),
    ]);
    expect(a.outputs.outcome, a.stdout).toBe('rolled-back');
    expect(b.outputs.outcome, b.stdout).toBe('blocked');
    expect(c.outputs.outcome, c.stdout).toBe('blocked');
    expect(c.stdout).toMatch(
      /c is blocked: it is released after b, which is after a, whose release \S+ at [0-9a-f]{12} ended rolled-back/,
    );
    // Blocked on a's record, not after the 30 s bound.
    expect(c.stdout).not.toMatch(/after 30s of waiting/);
    expect((await fleet.calls()).filter((line) => /^deploy [bc] /.test(line))).toEqual([]);
  });

  it('wait bound reached: blocked, saying what api was doing, nothing deployed, no record', async () => {
    await setup(WEB_AFTER_API.replace('after: [api]', 'after: [api]\n    wait: 1s'));
    const w = await job('web', '1.0.0');
    expect(w.code).toBe(1);
    expect(w.outputs.outcome).toBe('blocked');
    expect(w.stdout).toMatch(
      /web is blocked: api is still not live at [0-9a-f]{12} after 1s of waiting \(api: its release of [0-9a-f]{12} has not started\)\. Nothing was deployed; web stays pending/,
    );
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.auditFiles()).toEqual([]);
  });

  it('cancel while waiting: a clean end, nothing deployed, no lease left; the next run releases', async () => {
    await setup(WEB_AFTER_API);
    // One SIGTERM, as a workflow cancel sends first.
    const terminateOnceWaiting = (child: ChildProcess) => {
      let out = '';
      const watch = (d: Buffer | string) => {
        out += String(d);
        if (!out.includes('web: waiting for api')) return;
        child.stdout!.off('data', watch);
        child.kill('SIGTERM');
      };
      child.stdout!.on('data', watch);
    };
    const w = await job('web', '1.0.0', { onStart: terminateOnceWaiting });
    expect(w.code).toBe(1);
    expect(w.outputs.outcome, w.stdout).toBe('cancelled');
    expect(w.stdout).toMatch(
      /web: cancelled while waiting for api; nothing was deployed and no lease was taken/,
    );
    expect(w.state['pending-rollback'] ?? '').toBe('');
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.auditFiles()).toEqual([]);

    expect((await job('api', '1.0.0')).outputs.outcome).toBe('released');
    const again = await job('web', '1.0.0', { env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(again.outputs.outcome, again.stdout).toBe('released');
  });

  it('a provider with nothing to release at this commit holds nobody up', async () => {
    await setup(WEB_AFTER_API);
    expect((await job('api', '1.0.0')).outputs.outcome).toBe('released');
    expect((await job('web', '1.0.0')).outputs.outcome).toBe('released');
    const before = await change('web');
    const { matrix, summary } = await plan(before);
    expect(matrix).toEqual([expect.objectContaining({ service: 'web', after: [] })]);
    expect(summary).not.toContain('mermaid');
    const w = await job('web', '1.1.0', { env: { GITHUB_RUN_ID: '302' } });
    expect(w.outputs.outcome, w.stdout).toBe('released');
    expect(w.stdout).toContain('web is after api: none has changes to release at');
    expect(w.stdout).not.toContain('waiting for');
  });

  it('a provider live at a later commit than this checkout has (pushed and released since) counts as live', async () => {
    await setup(WEB_AFTER_API.replace('after: [api]', 'after: [api]\n    wait: 2s'));
    expect((await job('api', '1.0.0')).outputs.outcome).toBe('released');
    expect((await job('web', '1.0.0')).outputs.outcome).toBe('released');
    await change('api', 'web');
    const A = fleet.sha;
    // web's job checked out A before B was pushed.
    const checkout = `${fleet.repo.dir}-web-job`;
    await fleet.repo.run(['clone', '--quiet', fleet.repo.origin, checkout]);
    await change('api');
    expect((await job('api', '1.2.0', { env: { GITHUB_RUN_ID: '303' } })).outputs.outcome).toBe('released');
    const w = await job('web', '1.1.0', {
      workspace: checkout,
      event: { ref: 'refs/heads/main', after: A },
      env: { GITHUB_RUN_ID: '302', GITHUB_SHA: A },
    });
    expect(w.outputs.outcome, w.stdout).toBe('released');
    expect(w.stdout).not.toContain('waiting for');
  });

  it('release --dry-run says whom it would wait for', async () => {
    await setup(WEB_AFTER_API);
    const run = await runCli(['release', 'web', '--dry-run', '--version', '1.0.0'], fleet.repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/first waits \(up to 30s\) until each is live at [0-9a-f]{12} or later: api/);
    expect(run.stdout).toMatch(/api: live nothing; its release of [0-9a-f]{12} has not started/);
  });
});

describe('after: config errors, each at its file:line:col, all at once', () => {
  it('an unknown service (with a did-you-mean), a library, and a cycle with its path', async () => {
    await setup(
      `  common:
    paths: [libs/**]
    deploy: false
  api:
    paths: [services/api/**]
    after: [web]
  web:
    paths: [services/web/**]
    after: [apii, common, api]
`,
      undefined,
      ['libs/common.ts'],
    );
    const run = await runAction({
      workspace: fleet.repo.dir,
      inputs: { command: 'validate' },
      env: { GITHUB_SHA: fleet.sha },
    });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error file='));
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error file=\.github\/monorepo-release\.yml,line=15,col=13::.*release order cycle: api → web → api .*remove one of these "after" entries/,
      ),
      expect.stringMatching(
        /^::error file=\.github\/monorepo-release\.yml,line=18,col=13::.*service "web" is after "apii", which is not a service in this file; did you mean "api"\?/,
      ),
      expect.stringMatching(
        /^::error file=\.github\/monorepo-release\.yml,line=18,col=19::.*service "web" is after "common", a library \(deploy: false\).*use "depends-on: \[common\]" instead/,
      ),
    ]);
  });
});
