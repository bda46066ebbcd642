/** `pause: true` on a stage, then `promote` and `abort` (DESIGN.md "Pause and promote"): the built bundle
 * run as the runner runs it (main and post steps), ops scripts writing a ledger, a bare origin. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOptions, ActionRun } from '../helpers/action.js';
import { makeFleet, type AuditRecordView, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const CANARY_PAUSES = `[{ name: canary, percent: 5, bake: 300ms, pause: true }, { name: ramp, percent: 50, bake: 300ms }, { name: full, percent: 100 }]`;
const TWO_PAUSES = `[{ name: canary, percent: 5, bake: 300ms, pause: true }, { name: ramp, percent: 50, bake: 300ms, pause: true }, { name: full, percent: 100 }]`;

type RecordWithResumes = AuditRecordView & {
  resumes?: Array<{ command: string; 'run-id': string; stage: string; recheck?: { result: string } }>;
};

const records = async () => (await fleet.records()) as RecordWithResumes[];

function release(version: string, runId: string, options: Partial<ActionOptions> = {}): Promise<ActionRun> {
  return fleet.action({
    ...options,
    inputs: { version, ...options.inputs },
    env: { GITHUB_RUN_ID: runId, ...options.env },
  });
}

/** `command: promote` (or abort) from the Actions UI. */
function dispatch(
  command: 'promote' | 'abort',
  runId: string,
  inputs: Record<string, string> = {},
  options: Partial<ActionOptions> = {},
): Promise<ActionRun> {
  return fleet.action({
    ...options,
    eventName: 'workflow_dispatch',
    event: { inputs: { command, service: 'api', ...inputs } },
    inputs: { command, version: '', ...inputs },
    env: { GITHUB_RUN_ID: runId, GITHUB_REF: 'refs/heads/main', ...options.env },
  });
}

/** The deploys and checks since ledger line `from`: `deploy api 1.1.0 ramp`, `verify api 1.1.0 canary`, … */
async function since(from: number): Promise<string[]> {
  return (await fleet.calls()).slice(from).map((c) => c.split(' ').slice(0, 4).join(' '));
}

async function tags(): Promise<string[]> {
  return (await fleet.repo.runOrigin(['tag', '--list'])).split('\n').filter(Boolean);
}

/** 1.0.0 released through its pause, so that 1.0.0 is the known-good version. */
async function releaseAndPromote100(): Promise<void> {
  expect((await release('1.0.0', '90')).outputs.outcome).toBe('paused');
  const promoted = await dispatch('promote', '91');
  expect(promoted.outputs.outcome, promoted.stdout).toBe('released');
}

describe('a release whose canary pauses, then a promote', () => {
  it('pauses after the canary (step succeeds, post step does nothing), and the promote goes on to 100 % with one record, the tag and the pointer', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    const paused = await release('1.0.0', '100');
    expect(paused.code, paused.stdout).toBe(0);
    expect(paused.outputs).toMatchObject({
      outcome: 'paused',
      'paused-stage': 'canary',
      'next-stage': 'ramp',
    });
    expect((await fleet.calls()).filter((c) => c.startsWith('deploy'))).toEqual([
      'deploy api 1.0.0 canary 5 prev=',
    ]);
    const [record] = await records();
    expect(record!.outcome).toBe('paused');
    expect(await fleet.audit('current/production/api.json')).toBeNull();
    expect(paused.summary).toMatch(/paused/);
    expect(paused.summary).toMatch(/command: promote/);
    // The post step after a paused ending: nothing to do, nothing run, the record untouched.
    const before = (await fleet.calls()).length;
    const post = await release('1.0.0', '100', { state: paused.state });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/nothing to do/);
    expect((await fleet.calls()).length).toBe(before);
    expect((await records())[0]!.outcome).toBe('paused');

    const promoted = await dispatch('promote', '200', { version: '1.0.0' });
    expect(promoted.code, promoted.stdout).toBe(0);
    expect(promoted.outputs.outcome).toBe('released');
    const calls = await since(before);
    // The canary's gate once more, then ramp and full: the canary is not deployed again.
    expect(calls[0]).toBe('verify api 1.0.0 canary');
    expect(calls.filter((c) => c.startsWith('deploy'))).toEqual([
      'deploy api 1.0.0 ramp',
      'deploy api 1.0.0 full',
    ]);
    const all = await records();
    expect(all).toHaveLength(1);
    const story = all[0]!;
    expect(story.id).toBe(record!.id);
    expect(story.outcome).toBe('released');
    expect(story.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'passed'],
      ['full', 'passed'],
    ]);
    expect(story.resumes).toEqual([
      expect.objectContaining({
        command: 'promote',
        'run-id': '200',
        stage: 'canary',
        recheck: expect.objectContaining({ result: 'passed' }),
      }),
    ]);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({
      version: '1.0.0',
      record: record!.id,
    });
    expect(await tags()).toContain('api@v1.0.0');
    // The post step of the promote: nothing owed.
    const promotePost = await dispatch('promote', '200', { version: '1.0.0' }, { state: promoted.state });
    expect(promotePost.stdout).toMatch(/nothing to do/);
  }, 120_000);

  it('a re-run of the release that paused deploys nothing and ends paused again', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    expect((await release('1.0.0', '100')).outputs.outcome).toBe('paused');
    const before = (await fleet.calls()).length;
    const rerun = await release('1.0.0', '100', { env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.outputs).toMatchObject({
      outcome: 'paused',
      'paused-stage': 'canary',
      'next-stage': 'ramp',
    });
    expect((await fleet.calls()).length).toBe(before);
    expect(await records()).toHaveLength(1);
  }, 60_000);

  it('a release of another version while one is paused stops before any deploy and names the paused version and both commands', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    expect((await release('1.0.0', '100')).outputs.outcome).toBe('paused');
    fleet.sha = await fleet.repo.commit('fix: another change');
    await fleet.repo.push();
    const before = (await fleet.calls()).length;
    const other = await release('1.0.1', '300');
    expect(other.code).not.toBe(0);
    expect(other.outputs.outcome).toBe('failed');
    expect((await fleet.calls()).length).toBe(before);
    expect(other.stdout).toMatch(/1\.0\.0 is paused after stage canary \(5 %(25)?\) since 20\d\d-/);
    expect(other.stdout).toMatch(/command: promote/);
    expect(other.stdout).toMatch(/command: abort/);
    expect(await records()).toHaveLength(1);
  }, 60_000);
});

describe('promote: its re-check, and what it refuses', () => {
  it('a failing gate on the re-check rolls back like a failed stage, and nothing more is deployed', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    await releaseAndPromote100();
    expect((await release('1.1.0', '100')).outputs.outcome).toBe('paused');
    const before = (await fleet.calls()).length;
    const promoted = await dispatch('promote', '200', {}, { env: { FAIL_VERIFY_PERCENT: '5' } });
    expect(promoted.code).not.toBe(0);
    expect(promoted.outputs).toMatchObject({ outcome: 'rolled-back', 'failed-stage': 'canary' });
    const calls = await fleet.calls();
    expect(calls.slice(before).filter((c) => c.startsWith('deploy'))).toEqual([]);
    expect(calls.slice(before).filter((c) => c.startsWith('rollback'))).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
    ]);
    const record = (await records()).find((r) => r.version === '1.1.0')!;
    expect(record.outcome).toBe('rolled-back');
    expect(record.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
    expect(record.resumes?.[0]?.recheck?.result).toBe('failed');
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });
    expect(await tags()).not.toContain('api@v1.1.0');
  }, 120_000);

  it('a promote with a version that is not the paused one is refused, and nothing runs', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    expect((await release('1.0.0', '100')).outputs.outcome).toBe('paused');
    const before = (await fleet.calls()).length;
    const refused = await dispatch('promote', '200', { version: '1.0.1' });
    expect(refused.code).not.toBe(0);
    expect(refused.outputs.outcome).toBe('failed');
    expect(refused.stdout).toMatch(
      /version 1\.0\.1 is not the release to promote: the newest release is 1\.0\.0/,
    );
    expect((await fleet.calls()).length).toBe(before);
    expect((await records())[0]!.outcome).toBe('paused');
  }, 60_000);

  it('two pauses (canary and ramp) take two promotes', async () => {
    fleet = await makeFleet({ stages: TWO_PAUSES });
    expect((await release('1.0.0', '100')).outputs.outcome).toBe('paused');
    const first = await dispatch('promote', '200');
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ outcome: 'paused', 'paused-stage': 'ramp', 'next-stage': 'full' });
    expect(await fleet.audit('current/production/api.json')).toBeNull();
    const second = await dispatch('promote', '201');
    expect(second.outputs.outcome, second.stdout).toBe('released');
    expect((await fleet.calls()).filter((c) => c.startsWith('deploy')).map((c) => c.split(' ')[3])).toEqual([
      'canary',
      'ramp',
      'full',
    ]);
    const [record] = await records();
    expect(record!.resumes?.map((r) => [r.command, r.stage])).toEqual([
      ['promote', 'canary'],
      ['promote', 'ramp'],
    ]);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });
  }, 120_000);
});

describe('what a paused release refuses', () => {
  it('a manual rollback is refused and points at abort; nothing runs', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    await releaseAndPromote100();
    expect((await release('1.1.0', '100')).outputs.outcome).toBe('paused');
    const before = (await fleet.calls()).length;
    const rollback = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: { command: 'rollback', version: '' },
      env: { GITHUB_RUN_ID: '200' },
    });
    expect(rollback.code).not.toBe(0);
    expect(rollback.outputs.outcome).toBe('failed');
    expect(rollback.stdout).toMatch(/1\.1\.0 is paused after stage canary/);
    expect(rollback.stdout).toMatch(/command: abort/);
    expect((await fleet.calls()).length).toBe(before);
    expect((await records()).find((r) => r.version === '1.1.0')!.outcome).toBe('paused');
  }, 90_000);

  it('a promote of a service never released is refused; nothing runs', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    const promote = await dispatch('promote', '200');
    expect(promote.code).not.toBe(0);
    expect(promote.outputs.outcome).toBe('failed');
    expect(promote.stdout).toMatch(/api has no release in production to promote/);
    expect(await fleet.calls()).toEqual([]);
  }, 60_000);
});

describe('abort', () => {
  it('rolls the paused release back in its own record; a second abort or a promote of it is a clear no-op', async () => {
    fleet = await makeFleet({ stages: CANARY_PAUSES });
    await releaseAndPromote100();
    expect((await release('1.1.0', '100')).outputs.outcome).toBe('paused');
    const before = (await fleet.calls()).length;
    const aborted = await dispatch('abort', '200');
    expect(aborted.code, aborted.stdout).toBe(0);
    expect(aborted.outputs.outcome).toBe('rolled-back');
    expect((await fleet.calls()).slice(before)).toEqual(
      expect.arrayContaining(['rollback api to=1.0.0 failed=1.1.0 rollback 100']),
    );
    const record = (await records()).find((r) => r.version === '1.1.0')!;
    expect(record.outcome).toBe('rolled-back');
    expect(record.resumes?.[0]).toMatchObject({ command: 'abort', 'run-id': '200' });
    expect(await records()).toHaveLength(2);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });

    const after = (await fleet.calls()).length;
    for (const command of ['abort', 'promote'] as const) {
      const again = await dispatch(command, '201', { version: '1.1.0' });
      expect(again.code, again.stdout).toBe(0);
      expect(again.outputs.outcome).toBe('rolled-back');
      expect(again.stdout).toMatch(/nothing is paused.*1\.1\.0.*ended rolled-back.*nothing was run/);
    }
    expect((await fleet.calls()).length).toBe(after);
    expect(await records()).toHaveLength(2);
  }, 120_000);
});
