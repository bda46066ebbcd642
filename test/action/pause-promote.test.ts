/** `promote` under the faults a release survives (DESIGN.md "Pause and promote"): a runner lost during the
 * promote, a cancelled promote, and the promote job of the README over a whole matrix. The built bundle,
 * main and post steps, a bare origin, ops scripts writing a ledger. */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOptions, ActionRun } from '../helpers/action.js';
import { killWhen, makeFleet, waitForCall, type AuditRecordView, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const CANARY_PAUSES_LONG_RAMP = `[{ name: canary, percent: 5, pause: true }, { name: ramp, percent: 50, bake: 3s }, { name: full, percent: 100 }]`;
const VERIFY_EVERY_SECOND = '{ command: ./scripts/verify.sh, interval: 1s, timeout: 2s }';

type RecordWithResumes = AuditRecordView & { resumes?: Array<{ command: string; 'run-id': string }> };

const records = async () => (await fleet.records()) as RecordWithResumes[];

function release(service: string, version: string, runId: string, env: Record<string, string> = {}) {
  return fleet.action({ inputs: { service, version }, env: { GITHUB_RUN_ID: runId, ...env } });
}

function promote(
  service: string,
  runId: string,
  options: Partial<ActionOptions> & { version?: string } = {},
): Promise<ActionRun> {
  return fleet.action({
    ...options,
    eventName: 'workflow_dispatch',
    event: { inputs: { command: 'promote', service } },
    inputs: { command: 'promote', service, version: options.version ?? '' },
    env: { GITHUB_RUN_ID: runId, ...options.env },
  });
}

const deploys = async (from: number) =>
  (await fleet.calls())
    .slice(from)
    .filter((c) => c.startsWith('deploy '))
    .map((c) => c.split(' ').slice(1, 4).join(' '));

describe('a promote interrupted', () => {
  it('SIGKILL during the promote (a lost runner): a re-run of the promote resumes at the interrupted stage', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES_LONG_RAMP, verify: VERIFY_EVERY_SECOND });
    expect((await release('api', '1.0.0', '100')).outputs.outcome).toBe('paused');
    const killed = await promote('api', '200', {
      onStart: killWhen(fleet, (c) => c.startsWith('verify api 1.0.0 ramp')),
    });
    expect(killed.code).not.toBe(0);
    const [stuck] = await records();
    expect(stuck!.outcome).toBeNull();
    expect(stuck!.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', null],
    ]);

    const before = (await fleet.calls()).length;
    const rerun = await promote('api', '200', { env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.outputs.outcome).toBe('released');
    expect(await deploys(before)).toEqual(['api 1.0.0 ramp', 'api 1.0.0 full']);
    const [record] = await records();
    expect(record!.id).toBe(stuck!.id);
    expect(record!.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'passed'],
      ['full', 'passed'],
    ]);
    expect(record!.resumes?.map((r) => r.command)).toEqual(['promote', 'resume']);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });
  }, 120_000);

  it('a cancelled promote: the main step stops, and the post step rolls back as after a cancelled release', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES_LONG_RAMP, verify: VERIFY_EVERY_SECOND });
    expect((await release('api', '1.0.0', '90')).outputs.outcome).toBe('paused');
    expect((await promote('api', '91')).outputs.outcome).toBe('released');
    fleet.sha = await fleet.repo.commit('fix: api');
    await fleet.repo.push();
    expect((await release('api', '1.0.1', '100')).outputs.outcome).toBe('paused');

    const cancelled = await promote('api', '200', {
      onStart: (child: ChildProcess) => {
        void waitForCall(fleet, (c) => c.startsWith('verify api 1.0.1 ramp')).then(() =>
          child.kill('SIGINT'),
        );
      },
    });
    expect(cancelled.outputs.outcome, cancelled.stdout).toBe('cancelled');
    expect(JSON.parse(cancelled.state['pending-rollback']!)).toMatchObject({ version: '1.0.1' });
    const post = await promote('api', '200', { state: cancelled.state });
    expect(post.code, post.stdout).toBe(0);
    expect((await fleet.calls()).filter((c) => c.startsWith('rollback'))).toEqual([
      'rollback api to=1.0.0 failed=1.0.1 rollback 100',
    ]);
    const record = (await records()).find((r) => r.version === '1.0.1')!;
    expect(record.outcome).toBe('cancelled');
    expect(record.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });
  }, 120_000);
});

describe('the promote job over a matrix', () => {
  it('promotes what is paused, is a no-op for a service already live, and says so without failing for one rolled back', async () => {
    fleet = await makeFleet({
      stages: `[{ name: canary, percent: 5, bake: 300ms, pause: true }, { name: full, percent: 100 }]`,
      extra: '  worker:\n    paths: [services/worker/**]\n',
    });
    await fleet.repo.write('services/worker/main.ts', 'worker\n');
    fleet.sha = await fleet.repo.commit('feat: worker');
    await fleet.repo.push();
    // worker: paused, then promoted to 100 % earlier; api: paused now; web: its canary failed, rolled back.
    expect((await release('worker', '1.0.0', '90')).outputs.outcome).toBe('paused');
    expect((await promote('worker', '91')).outputs.outcome).toBe('released');
    expect((await release('api', '1.0.0', '100')).outputs.outcome).toBe('paused');
    const web = await release('web', '1.0.0', '100', { FAIL_VERIFY_PERCENT: '5' });
    expect(web.outputs.outcome).toBe('rolled-back');

    const before = (await fleet.calls()).length;
    const results: Record<string, ActionRun> = {};
    for (const service of ['api', 'web', 'worker'])
      results[service] = await promote(service, '200', { version: '1.0.0' });
    for (const [service, run] of Object.entries(results))
      expect(run.code, `${service}: ${run.stdout}`).toBe(0);
    expect(results.api!.outputs.outcome).toBe('released');
    expect(results.web!.outputs.outcome).toBe('rolled-back');
    expect(results.web!.stdout).toMatch(
      /web: nothing is paused.*1\.0\.0.*ended rolled-back.*nothing was run/,
    );
    expect(results.worker!.outputs.outcome).toBe('already-released');
    expect(results.worker!.stdout).toMatch(/worker 1\.0\.0 is live at 100 %.*nothing to promote/);
    expect(await deploys(before)).toEqual(['api 1.0.0 full']);
    expect((await records()).filter((r) => r.outcome === 'released').length).toBe(2);
  }, 120_000);
});
