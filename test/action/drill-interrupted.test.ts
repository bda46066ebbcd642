/** A drill that does not end by itself: cancelled (its post step deploys the live version again) or its
 * runner lost (the next run of the service does it first). Either way the version the live pointer names is
 * what is live again, and the drill's record says it failed. */
import { afterEach, describe, expect, it } from 'vitest';
import { waitForCall, type Fleet } from '../helpers/fleet.js';
import { isRollback, loseRunnerDuringRollback, makeRollbackFleet } from '../helpers/rollback-fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const STAGING = { environment: 'staging' };
const DRILL = { command: 'drill', version: '', ...STAGING };

/** api 1.0.0 then 1.1.0 live in staging, with the slow rollback command. */
async function twoReleases(): Promise<void> {
  fleet = await makeRollbackFleet({ stages: '[{ name: full, percent: 100 }]' });
  expect((await fleet.action({ inputs: STAGING })).outputs.outcome).toBe('released');
  const second = await fleet.action({
    inputs: { ...STAGING, version: '1.1.0' },
    env: { GITHUB_RUN_ID: '101' },
  });
  expect(second.outputs.outcome).toBe('released');
}

const drillRecord = async () => (await fleet.records()).find((r) => r.kind === 'drill')!;

describe('a drill that does not end by itself', () => {
  it('cancelled during the roll forward: the post step deploys the live version again', async () => {
    await twoReleases();
    const run = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: DRILL,
      env: { GITHUB_RUN_ID: '200', HANG_DEPLOY_STAGE: 'drill-forward' },
      onStart: (child) => {
        void waitForCall(fleet, (line) => line.startsWith('deploy api 1.1.0 drill-forward')).then(() =>
          child.kill('SIGINT'),
        );
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'cancelled', 'failed-stage': 'drill-forward' });
    expect(run.stdout).toMatch(/cancelled during drill-forward; the post step deploys 1\.1\.0 again/);
    expect(JSON.parse(run.state['pending-rollback']!)).toMatchObject({ recordId: run.outputs.record });

    const post = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: DRILL,
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(post.code, post.stdout).toBe(0);
    expect((await fleet.calls()).filter(isRollback)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'rollback api to=1.1.0 failed=1.1.0 rollback 100',
    ]);
    const record = await drillRecord();
    expect(record.outcome).toBe('cancelled');
    expect(record.rollback).toMatchObject({ 'to-version': '1.1.0', result: 'passed' });
    expect(await fleet.audit('current/staging/api.json')).toMatchObject({ version: '1.1.0' });
  }, 90_000);

  it('its runner lost during the way back: the next release first deploys the live version again and closes the drill', async () => {
    await twoReleases();
    const lost = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: DRILL,
      env: { GITHUB_RUN_ID: '200', ROLLBACK_SECONDS: '30' },
      onStart: loseRunnerDuringRollback(fleet),
    });
    expect(lost.code).not.toBe(0);
    expect((await drillRecord()).outcome).toBeNull();
    fleet.api.runs.set('200', 'completed');

    const next = await fleet.action({
      inputs: { ...STAGING, version: '1.2.0' },
      env: { GITHUB_RUN_ID: '201' },
    });
    expect(next.outputs.outcome, next.stdout).toBe('released');
    const calls = await fleet.calls();
    const from = calls.indexOf('rollback api to=1.0.0 failed=1.1.0 rollback 100');
    expect(calls.slice(from).filter((l) => !l.startsWith('rollback done'))).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'rollback api to=1.1.0 failed=1.1.0 rollback 100',
      'verify api 1.1.0 rollback 100',
      'deploy api 1.2.0 full 100 prev=1.1.0',
      'verify api 1.2.0 full 100',
    ]);
    const record = await drillRecord();
    expect(record.outcome).toBe('drill-failed');
    expect(record.rollback).toMatchObject({ 'to-version': '1.1.0', result: 'passed' });
    expect(record.note).toMatch(/its run ended during stage drill-back .*rollback finished by run 201/);
    expect(await fleet.audit('current/staging/api.json')).toMatchObject({
      version: '1.2.0',
      'previous-version': '1.1.0',
    });
  }, 90_000);
});
