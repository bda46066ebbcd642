/** A workflow cancelled during a long rollback (faults.md #22): the runner sends SIGINT, SIGTERM 7.5 s later and
 * kills the step about 10 s after that. The main step stops the rollback's process group and ends before
 * the kill, the state for the post step already saved; the post step runs the rollback to its end and
 * closes the record. */
import { afterEach, describe, expect, it } from 'vitest';
import { waitForCall, type Fleet } from '../helpers/fleet.js';
import { groupAlive, isRollback, makeRollbackFleet, rollbackGroup } from '../helpers/rollback-fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

describe('cancelled during a long rollback (faults.md #22)', () => {
  it('the main step ends before the runner kills it, and the post step finishes the 20 s rollback and closes the record', async () => {
    fleet = await makeRollbackFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    const signals: string[] = [];
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', FAIL_VERIFY_PERCENT: '50', ROLLBACK_SECONDS: '20' },
      onStart: (child) => {
        void waitForCall(fleet, isRollback).then(() => {
          // The runner's ladder after a cancel.
          const send = (signal: NodeJS.Signals) => {
            signals.push(signal);
            child.kill(signal);
          };
          send('SIGINT');
          const term = setTimeout(() => send('SIGTERM'), 7500);
          const kill = setTimeout(() => send('SIGKILL'), 17_500);
          child.once('close', () => {
            clearTimeout(term);
            clearTimeout(kill);
          });
        });
      },
    });
    // It ended by itself (a signal's death reads 128) before the runner's SIGTERM, and took the rollback's
    // process group with it.
    expect(run.code, run.stdout).toBe(1);
    expect(signals).toEqual(['SIGINT']);
    expect(groupAlive(await rollbackGroup(fleet))).toBe(false);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.stdout).toMatch(/rollback to 1\.0\.0 was cancelled while it ran; the post step finishes it/);
    const open = (await fleet.records()).find((r) => r.version === '1.1.0')!;
    expect(open.outcome).toBeNull();
    expect(open.rollback).toMatchObject({ 'to-version': '1.0.0', result: null });
    expect(JSON.parse(run.state['pending-rollback']!)).toMatchObject({
      recordId: open.id,
      version: '1.1.0',
      phase: 'rollback',
    });

    // The post step has no runner deadline: the whole 20 s rollback runs.
    const post = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', ROLLBACK_SECONDS: '20' },
      state: run.state,
    });
    expect(post.code, post.stdout).toBe(0);
    const calls = await fleet.calls();
    expect(calls.filter(isRollback)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
    ]);
    expect(calls.filter((c) => c.startsWith('rollback done'))).toEqual(['rollback done api to=1.0.0']);
    const closed = (await fleet.records()).find((r) => r.version === '1.1.0')!;
    expect(closed.outcome).toBe('rolled-back');
    expect(closed.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
    expect(closed.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'failed'],
    ]);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });

    // Running post again is harmless.
    const again = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(again.code).toBe(0);
    expect((await fleet.calls()).filter(isRollback)).toHaveLength(2);
  }, 120_000);
});
