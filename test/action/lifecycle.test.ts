/** The life of a service across runs: cancellation and the post step (faults.md #4), two runs at once
 * (faults.md #6), a manual rollback, a change whose release failed staying pending (faults.md #19), history. */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/action.js';
import { makeFleet, processAlive, waitForCall, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

describe('cancellation (faults.md #4)', () => {
  it('stops the running command group at once, records cancelled, and the post step rolls back once', async () => {
    fleet = await makeFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    let exitedAfterMs = 0;
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', HANG_DEPLOY_STAGE: 'ramp' },
      onStart: (child) => {
        void waitForCall(fleet, (l) => l.startsWith('deploy api 1.1.0 ramp')).then(async () => {
          await new Promise((r) => setTimeout(r, 200));
          const sent = Date.now();
          child.kill('SIGINT');
          const term = setTimeout(() => child.kill('SIGTERM'), 7500);
          child.once('close', () => {
            exitedAfterMs = Date.now() - sent;
            clearTimeout(term);
          });
        });
      },
    });
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.code).not.toBe(0);
    expect(exitedAfterMs).toBeLessThan(7500);
    const grandchild = Number(await readFile(`${fleet.ledger}.grandchild`, 'utf8'));
    expect(processAlive(grandchild)).toBe(false);
    const cancelled = (await fleet.records()).find((r) => r.version === '1.1.0')!;
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'cancelled'],
    ]);
    expect(cancelled.rollback).toBeNull();
    expect(run.state['pending-rollback']).toBeDefined();

    const post = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(post.code, post.stdout).toBe(0);
    const rollbacks = (await fleet.calls()).filter((l) => l.startsWith('rollback'));
    expect(rollbacks).toEqual(['rollback api to=1.0.0 failed=1.1.0 rollback 100']);
    const after = (await fleet.records()).find((r) => r.version === '1.1.0')!;
    expect(after.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });

    const again = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(again.code).toBe(0);
    expect((await fleet.calls()).filter((l) => l.startsWith('rollback'))).toHaveLength(1);
  }, 60_000);

  it('post does nothing after a normal ending', async () => {
    fleet = await makeFleet();
    const run = await fleet.action();
    expect(run.outputs.outcome).toBe('released');
    // Saved before each stage, cleared at the end: the post step is told nothing is owed.
    expect(run.state).toEqual({ isPost: 'true', 'pending-rollback': '' });
    const calls = (await fleet.calls()).length;
    const post = await fleet.action({ state: run.state });
    expect(post.code).toBe(0);
    expect((await fleet.calls()).length).toBe(calls);
    expect(post.outputs).toEqual({});
  });
});

describe('two runs of one service (faults.md #6)', () => {
  it('never interleaves: the second waits for the first, and both records are kept', async () => {
    fleet = await makeFleet({
      verify: null,
      stages: '[{ name: canary, percent: 5 }, { name: full, percent: 100 }]',
    });
    const first = fleet.action({ env: { SLOW_DEPLOY: '1' } });
    await waitForCall(fleet, (l) => l.startsWith('deploy api 1.0.0 canary'));
    const second = fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '201', SLOW_DEPLOY: '1' },
    });
    const [a, b] = await Promise.all([first, second]);
    expect(a.outputs.outcome).toBe('released');
    expect(b.outputs.outcome, b.stdout).toBe('released');
    expect(b.stdout).toMatch(/waiting for run 100/);
    // Each deploy's start and end: no stage of one run falls inside a stage of the other.
    const deploys = (await fleet.calls()).filter((l) => /^deploy(ed)? /.test(l));
    expect(deploys.map((l) => l.split(' ').slice(0, 1).concat(l.split(' ').slice(2, 4)).join(' '))).toEqual([
      'deploy 1.0.0 canary',
      'deployed 1.0.0 canary',
      'deploy 1.0.0 full',
      'deployed 1.0.0 full',
      'deploy 1.1.0 canary',
      'deployed 1.1.0 canary',
      'deploy 1.1.0 full',
      'deployed 1.1.0 full',
    ]);
    const records = await fleet.records();
    expect(records.map((r) => [r.version, r.outcome]).sort()).toEqual([
      ['1.0.0', 'released'],
      ['1.1.0', 'released'],
    ]);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({
      version: '1.1.0',
      'previous-version': '1.0.0',
    });
  }, 60_000);
});

describe('manual rollback', () => {
  it('goes back to the version live before, records who did it, and moves the pointer', async () => {
    fleet = await makeFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    expect(
      (await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '300' } })).outputs.outcome,
    ).toBe('released');
    const before = (await fleet.calls()).length;
    const run = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: { command: 'rollback', version: '' },
      env: { GITHUB_RUN_ID: '301', GITHUB_ACTOR: 'bob' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'rolled-back',
      version: '1.0.0',
      'previous-version': '1.1.0',
    });
    expect((await fleet.calls()).slice(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'verify api 1.0.0 rollback 100',
    ]);
    const record = (await fleet.records()).find((r) => r.kind === 'rollback')!;
    expect(record).toMatchObject({
      actor: 'bob',
      version: '1.0.0',
      'previous-version': '1.1.0',
      outcome: 'rolled-back',
    });
    expect(await fleet.audit('current/production/api.json')).toMatchObject({
      version: '1.0.0',
      'previous-version': '1.1.0',
    });
  });

  it('refuses a version that was never released, running nothing', async () => {
    fleet = await makeFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    const before = (await fleet.calls()).length;
    const run = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: { command: 'rollback', version: '0.9.0' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/api 0\.9\.0 was never released to production/);
    expect((await fleet.calls()).length).toBe(before);
  });
});

describe('changes whose release failed stay pending (faults.md #19)', () => {
  it('plans a service since its own last release, and the newer release says which commit it also ships', async () => {
    fleet = await makeFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    await fleet.repo.write('services/api/feature.ts', 'feature\n');
    const failedSha = await fleet.repo.commit('feat(api): a feature whose release fails');
    fleet.sha = failedSha;
    const failed = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '400', FAIL_DEPLOY_STAGE: 'canary' },
    });
    expect(failed.outputs.outcome).toBe('rolled-back');
    await fleet.repo.write('services/web/page.ts', 'page\n');
    const head = await fleet.repo.commit('fix(web): page');
    await fleet.repo.push();
    const plan = await fleet.action({
      inputs: { command: 'plan' },
      event: { ref: 'refs/heads/main', before: failedSha, after: head, commits: [{ id: head }] },
    });
    const matrix = JSON.parse(plan.outputs.matrix!).include as Array<Record<string, string>>;
    expect(matrix.map((e) => e.service)).toEqual(['api', 'web']);
    expect(matrix[0]).toMatchObject({
      'previous-version': '1.0.0',
      reason: 'api ← services/api/feature.ts (since release 1.0.0)',
    });
    fleet.sha = head;
    const release = await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '401' } });
    expect(release.outputs.outcome).toBe('released');
    expect(release.summary).toContain(failedSha.slice(0, 12));
    expect(release.summary).toMatch(/never deployed on their own/);
  }, 60_000);
});

describe('history', () => {
  it('the CLI prints who released what, when, from which commit, and what is live', async () => {
    fleet = await makeFleet();
    await fleet.action();
    await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '500', FAIL_VERIFY_PERCENT: '50' },
    });
    const run = await runCli(['history', 'api'], fleet.repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/api \(production\): 1\.0\.0 @ [0-9a-f]{12}/);
    const lines = run.stdout.split('\n');
    const rolledBack = lines.findIndex((l) => /api\s+release\s+1\.1\.0 .*rolled-back\s+alice/.test(l));
    const released = lines.findIndex((l) => /api\s+release\s+1\.0\.0 .*released\s+alice/.test(l));
    expect(rolledBack).toBeGreaterThan(0);
    expect(released).toBeGreaterThan(rolledBack);
    expect(lines[rolledBack]).toContain('ramp:failed');
    expect(lines[rolledBack]).toContain('rollback→1.0.0:passed');
  });
});
