/** A runner lost during the automatic rollback, and an audit push refused during it (faults.md #21): the next
 * run finishes the rollback before anything else, never resumes past the failed stage, and closes the
 * record `rolled-back` (never `failed`: something was deployed under it). */
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForCall, type AuditRecordView, type Fleet } from '../helpers/fleet.js';
import { isRollback, loseRunnerDuringRollback, makeRollbackFleet } from '../helpers/rollback-fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const record = async (version: string, outcome?: string | null): Promise<AuditRecordView> =>
  (await fleet.records()).find(
    (r) => r.version === version && (outcome === undefined || r.outcome === outcome),
  )!;

/** Release 1.0.0, then 1.1.0 whose ramp gate fails, losing the runner while its rollback runs. */
async function loseRunnerDuringTheRollbackOf110(): Promise<void> {
  expect((await fleet.action()).outputs.outcome).toBe('released');
  const killed = await fleet.action({
    inputs: { version: '1.1.0' },
    env: { GITHUB_RUN_ID: '200', FAIL_VERIFY_PERCENT: '50', ROLLBACK_SECONDS: '3600' },
    onStart: loseRunnerDuringRollback(fleet),
  });
  expect(killed.code).not.toBe(0);
  const stuck = await record('1.1.0');
  expect(stuck.outcome).toBeNull();
  expect(stuck.stages.map((s) => [s.name, s.result])).toEqual([
    ['canary', 'passed'],
    ['ramp', 'failed'],
  ]);
  expect(stuck.rollback).toMatchObject({ 'to-version': '1.0.0', result: null });
}

/** The ledger from line `from` on: the rollback, then each deploy's stage. */
async function callsSince(from: number): Promise<string[]> {
  return (await fleet.calls())
    .slice(from)
    .filter((c) => isRollback(c) || c.startsWith('deploy '))
    .map((c) => (isRollback(c) ? c : c.split(' ').slice(0, 4).join(' ')));
}

describe('runner lost during the automatic rollback (faults.md #21)', () => {
  it('a re-run finishes the rollback first, closes the record rolled-back, then starts over from the first stage', async () => {
    fleet = await makeRollbackFleet();
    await loseRunnerDuringTheRollbackOf110();
    const before = (await fleet.calls()).length;

    const rerun = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.outputs.outcome).toBe('released');
    expect(await callsSince(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'deploy api 1.1.0 canary',
      'deploy api 1.1.0 ramp',
      'deploy api 1.1.0 full',
    ]);
    expect(rerun.stdout).toMatch(/rollback was under way.*Finishing its rollback to 1\.0\.0/);
    const old = await record('1.1.0', 'rolled-back');
    expect(old.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
    expect(old.note).toMatch(/finished by run 200 attempt 2/);
    expect(await record('1.1.0', 'released')).toBeDefined();
    expect((await fleet.records()).map((r) => r.outcome).sort()).toEqual([
      'released',
      'released',
      'rolled-back',
    ]);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.1.0' });
  }, 90_000);

  it('a release of another version finishes the rollback first, closes the old record rolled-back (not failed), then goes on', async () => {
    fleet = await makeRollbackFleet();
    await loseRunnerDuringTheRollbackOf110();
    fleet.api.runs.set('200', 'completed');
    const before = (await fleet.calls()).length;

    const next = await fleet.action({ inputs: { version: '1.2.0' }, env: { GITHUB_RUN_ID: '300' } });
    expect(next.code, next.stdout).toBe(0);
    expect(next.outputs.outcome).toBe('released');
    expect(await callsSince(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'deploy api 1.2.0 canary',
      'deploy api 1.2.0 ramp',
      'deploy api 1.2.0 full',
    ]);
    const old = await record('1.1.0');
    expect(old.outcome).toBe('rolled-back');
    expect(old.rollback).toMatchObject({ result: 'passed' });
    expect((await fleet.records()).some((r) => r.outcome === 'failed')).toBe(false);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({
      version: '1.2.0',
      'previous-version': '1.0.0',
    });
  }, 90_000);
});

describe('audit push refused mid-release (faults.md #21)', () => {
  /** From now on origin refuses every push; returns how to lift that. */
  async function refusePushes(): Promise<() => Promise<void>> {
    const hook = join(fleet.repo.origin, 'hooks', 'pre-receive');
    await writeFile(hook, `#!/bin/sh\necho 'denied by policy' >&2\nexit 1\n`);
    await chmod(hook, 0o755);
    return () => rm(hook);
  }

  it('refused while the rollback runs: the post step cannot record it and says so; a re-run finishes it first and starts over', async () => {
    fleet = await makeRollbackFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    let allow: (() => Promise<void>) | undefined;
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', FAIL_VERIFY_PERCENT: '50', ROLLBACK_SECONDS: '2' },
      onStart: () => {
        void waitForCall(fleet, isRollback).then(async () => (allow = await refusePushes()));
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('rolled-back');
    expect(run.stdout).toMatch(/audit record could not be written/);
    // Origin still says: ramp failed, rollback under way. The post step is told which record to look at.
    expect((await record('1.1.0')).rollback).toMatchObject({ result: null });
    expect(JSON.parse(run.state['pending-rollback']!)).toMatchObject({ version: '1.1.0', phase: 'rollback' });

    const rollbacks = (await fleet.calls()).filter(isRollback).length;
    const post = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(post.code).toBe(1);
    expect(post.stdout).toMatch(/denied by policy/);
    expect((await fleet.calls()).filter(isRollback)).toHaveLength(rollbacks);
    expect((await record('1.1.0')).outcome).toBeNull();

    await allow!();
    const before = (await fleet.calls()).length;
    const rerun = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(rerun.outputs.outcome, rerun.stdout).toBe('released');
    expect(await callsSince(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'deploy api 1.1.0 canary',
      'deploy api 1.1.0 ramp',
      'deploy api 1.1.0 full',
    ]);
    expect((await record('1.1.0', 'rolled-back')).rollback).toMatchObject({ result: 'passed' });
  }, 90_000);

  it('refused before the failed stage was recorded: the post step rolls back and records it, and a re-run starts over', async () => {
    fleet = await makeRollbackFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    let allow: (() => Promise<void>) | undefined;
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', FAIL_VERIFY_PERCENT: '50' },
      onStart: () => {
        void waitForCall(fleet, (c) => c.startsWith('deploy api 1.1.0 ramp')).then(
          async () => (allow = await refusePushes()),
        );
      },
    });
    expect(run.code).toBe(1);
    // Origin only knows that ramp started: the same as a runner lost mid-stage.
    expect((await record('1.1.0')).stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', null],
    ]);
    await allow!();
    const post = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(post.code, post.stdout).toBe(0);
    const closed = await record('1.1.0');
    expect(closed.outcome).toBe('rolled-back');
    expect(closed.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });

    const before = (await fleet.calls()).length;
    const rerun = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200', GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(rerun.outputs.outcome, rerun.stdout).toBe('released');
    expect((await callsSince(before)).map((c) => c.split(' ')[3])).toEqual(['canary', 'ramp', 'full']);
  }, 90_000);
});
