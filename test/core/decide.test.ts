import { describe, expect, it } from 'vitest';
import {
  decideStart,
  gateFailed,
  rollbackTarget,
  settleOpenRecord,
  type Settler,
  livenessWindowMs,
  ownership,
  refuseUnsafeTrigger,
  rollbackAction,
} from '../../src/core/decide.js';
import { InputError } from '../../src/core/errors.js';
import {
  newRecord,
  type AuditRecord,
  type LivePointer,
  type RollbackRecord,
  type StageRecord,
} from '../../src/core/record.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const run = {
  event: 'push',
  ref: 'refs/heads/main',
  actor: 'x',
  triggeringActor: 'x',
  runId: '1',
  runAttempt: 1,
  runUrl: '',
};

function record(fields: Partial<AuditRecord> = {}): AuditRecord {
  return {
    ...newRecord({
      id: 'r1',
      kind: 'release',
      service: 'api',
      environment: 'production',
      version: '1.1.0',
      previousVersion: '1.0.0',
      sha: SHA_B,
      run,
      now: '2026-11-29T12:00:00.000Z',
    }),
    ...fields,
  };
}

function stage(name: string, result: StageRecord['result']): StageRecord {
  const at = '2026-11-29T12:00:00.000Z';
  return {
    name,
    percent: 5,
    'started-at': at,
    'finished-at': result ? at : null,
    result,
    checks: { passed: 0, failed: 0 },
  };
}

const underWay: RollbackRecord = {
  'to-version': '1.0.0',
  result: null,
  'started-at': '2026-11-29T12:05:00.000Z',
};
const passed: RollbackRecord = { 'to-version': '1.0.0', result: 'passed' };

const live: LivePointer = {
  version: '1.0.0',
  sha: SHA_A,
  record: 'r0',
  'previous-version': '',
  'previous-sha': '',
  'updated-at': '2026-11-28T00:00:00.000Z',
};

describe('decideStart', () => {
  const base = {
    latest: null,
    latestOwnership: null,
    live,
    liveIsNewer: false,
    version: '1.1.0',
    sha: SHA_B,
  } as const;
  const cases: Array<{ name: string; input: Partial<Parameters<typeof decideStart>[0]>; action: string }> = [
    { name: 'a first release starts', input: { live: null }, action: 'start' },
    { name: 'a new version starts', input: {}, action: 'start' },
    {
      name: 'what is live already is already released',
      input: { version: '1.0.0', sha: SHA_A },
      action: 'already-released',
    },
    {
      name: 'an unfinished record of a live run makes us wait',
      input: { latest: record(), latestOwnership: 'live' },
      action: 'wait',
    },
    {
      name: 'an unfinished record of ours, from a dead run, resumes',
      input: { latest: record(), latestOwnership: 'dead' },
      action: 'resume',
    },
    {
      name: "a dead run's record of another version, nothing deployed, is settled first",
      input: { latest: record({ version: '1.0.5' }), latestOwnership: 'dead' },
      action: 'settle',
    },
    {
      name: 'a rolled-back attempt starts again',
      input: { latest: record({ outcome: 'rolled-back' }) },
      action: 'start',
    },
    { name: 'a newer live version refuses', input: { liveIsNewer: true }, action: 'refuse' },
    {
      name: 'a live run wins over a newer live version (it is waited for first)',
      input: { latest: record({ version: '0.9.0' }), latestOwnership: 'live', liveIsNewer: true },
      action: 'wait',
    },
    {
      name: 'a dead re-run of ours whose stage failed is never resumed: its rollback is finished first',
      input: {
        latest: record({ stages: [stage('canary', 'passed'), stage('ramp', 'failed')] }),
        latestOwnership: 'dead',
      },
      action: 'settle',
    },
    {
      name: 'a dead re-run of ours with a rollback under way is settled first',
      input: {
        latest: record({ stages: [stage('ramp', 'failed')], rollback: underWay }),
        latestOwnership: 'dead',
      },
      action: 'settle',
    },
    {
      name: 'a half-done rollback is settled even before "already released"',
      input: {
        latest: record({ stages: [stage('ramp', 'failed')], rollback: underWay }),
        latestOwnership: 'dead',
        version: '1.0.0',
        sha: SHA_A,
      },
      action: 'settle',
    },
    {
      name: 'a cancelled record whose rollback never ran is settled first',
      input: {
        latest: record({ outcome: 'cancelled', stages: [stage('ramp', 'cancelled')] }),
        latestOwnership: 'dead',
      },
      action: 'settle',
    },
    {
      name: 'a cancelled record whose post step may still run is waited for',
      input: {
        latest: record({ outcome: 'cancelled', stages: [stage('ramp', 'cancelled')] }),
        latestOwnership: 'live',
      },
      action: 'wait',
    },
    {
      name: 'a cancelled record whose rollback is recorded starts again',
      input: {
        latest: record({ outcome: 'cancelled', rollback: { 'to-version': '1.0.0', result: 'passed' } }),
      },
      action: 'start',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(decideStart({ ...base, ...c.input }).action).toBe(c.action));
  }

  it('says how a dead record is settled, and why it starts again after a rollback', () => {
    const dead = record({ version: '1.0.5' });
    expect(decideStart({ ...base, latest: dead, latestOwnership: 'dead' })).toMatchObject({
      record: dead,
      settlement: { action: 'close', outcome: 'failed' },
    });
    expect(decideStart({ ...base, latest: record({ outcome: 'rolled-back' }) })).toMatchObject({
      why: expect.stringMatching(/rolled back: starting again from the first stage/),
    });
  });
});

describe('settleOpenRecord', () => {
  const release = { by: 'release', version: '1.1.0', sha: SHA_B } as const;
  const other = { by: 'release', version: '1.2.0', sha: SHA_A } as const;
  const post = { by: 'post' } as const;
  const manual = { by: 'rollback' } as const;
  const midStage = { stages: [stage('canary', 'passed'), stage('ramp', null)] };
  const failedStage = { stages: [stage('canary', 'passed'), stage('ramp', 'failed')] };
  const cases: Array<[string, Partial<AuditRecord>, Settler, string, string?]> = [
    ['a released record owes nothing', { outcome: 'released' }, release, 'none'],
    ['a rolled-back record owes nothing', { outcome: 'rolled-back', rollback: passed }, other, 'none'],
    ['a failed record owes nothing', { outcome: 'failed' }, post, 'none'],
    [
      'a cancelled record with its rollback recorded owes nothing',
      { outcome: 'cancelled', rollback: passed },
      post,
      'none',
    ],
    ['the same release, lost mid-stage, resumes', midStage, release, 'resume'],
    ['the same release, lost before its first stage, resumes', {}, release, 'resume'],
    [
      'the same release with a failed stage is rolled back, never resumed',
      failedStage,
      release,
      'finish-rollback',
    ],
    [
      'the same release with a cancelled stage is rolled back',
      { stages: [stage('ramp', 'cancelled')] },
      release,
      'finish-rollback',
    ],
    [
      'the same release with a rollback under way finishes it',
      { ...failedStage, rollback: underWay },
      release,
      'finish-rollback',
    ],
    [
      'a rollback under way is finished for another version',
      { ...failedStage, rollback: underWay },
      other,
      'finish-rollback',
    ],
    [
      'a rollback under way is finished by the post step',
      { ...failedStage, rollback: underWay },
      post,
      'finish-rollback',
    ],
    ['another version, lost mid-stage: rolled back before it goes on', midStage, other, 'finish-rollback'],
    ['the post step rolls back a release stopped mid-stage', midStage, post, 'finish-rollback'],
    ['a manual rollback rolls back a release lost mid-stage', midStage, manual, 'finish-rollback'],
    ['another version, nothing deployed: closed as failed', {}, other, 'close', 'failed'],
    ['the post step closes a record with nothing deployed as failed', {}, post, 'close', 'failed'],
    [
      'a cancelled record owes its rollback',
      { outcome: 'cancelled', stages: [stage('ramp', 'cancelled')] },
      other,
      'finish-rollback',
    ],
    [
      'an open record with its rollback recorded is closed rolled-back',
      { ...failedStage, rollback: passed },
      other,
      'close',
      'rolled-back',
    ],
    [
      'an open record whose rollback failed is closed rollback-failed',
      { ...failedStage, rollback: { 'to-version': '1.0.0', result: 'failed' } },
      release,
      'close',
      'rollback-failed',
    ],
    [
      'an unfinished manual rollback is finished, never resumed',
      {
        kind: 'rollback',
        version: '1.1.0',
        rollback: { 'to-version': '1.1.0', result: null },
        stages: [stage('rollback', null)],
      },
      release,
      'finish-rollback',
    ],
  ];
  it.each(cases)('%s', (_, fields, settler, action, outcome) => {
    const settlement = settleOpenRecord(record(fields), settler);
    expect(settlement.action).toBe(action);
    if (outcome) expect(settlement).toMatchObject({ outcome });
  });

  it('never closes a record that deployed stages as failed', () => {
    for (const settler of [release, other, post, manual]) {
      for (const fields of [midStage, failedStage, { ...failedStage, rollback: underWay }]) {
        const settlement = settleOpenRecord(record(fields), settler);
        expect(settlement).not.toMatchObject({ outcome: 'failed' });
      }
    }
  });
});

describe('rollbackTarget', () => {
  it.each([
    ['the target of a rollback under way', { rollback: underWay }, live, '1.0.0'],
    [
      'none when the rollback under way had no known-good version',
      { rollback: { 'to-version': '', result: null } },
      live,
      null,
    ],
    ['what is live when no rollback started', {}, { ...live, version: '0.9.0' }, '0.9.0'],
    ['the version live at the start when there is no pointer', {}, null, '1.0.0'],
    ['none for a first release', { 'previous-version': '' }, null, null],
  ] as const)('%s', (_, fields, pointer, expected) => {
    expect(rollbackTarget(record(fields as Partial<AuditRecord>), pointer)).toBe(expected);
  });
});

describe('ownership', () => {
  const now = new Date('2026-11-29T12:01:00.000Z');
  const ctx = { now, timeoutMs: 60_000, runId: '2', runAttempt: 1, runActive: null };
  it.each([
    ['a recent heartbeat is live', {}, 'live'],
    ['a stale heartbeat is dead', { now: new Date('2026-11-29T12:10:00.000Z') }, 'dead'],
    ['the API saying completed wins over a recent heartbeat', { runActive: false }, 'dead'],
    [
      'the API saying in progress wins over a stale heartbeat',
      { now: new Date('2026-11-30T00:00:00Z'), runActive: true },
      'live',
    ],
    ['an earlier attempt of our own run is over', { runId: '1', runAttempt: 2 }, 'dead'],
  ] as const)('%s', (_, change, expected) => {
    expect(ownership(record(), { ...ctx, ...change })).toBe(expected);
  });

  it('keeps a record live for twice the timeout, and at least two minutes', () => {
    expect(livenessWindowMs(10_000)).toBe(120_000);
    expect(livenessWindowMs(15 * 60_000)).toBe(30 * 60_000);
  });
});

describe('gateFailed', () => {
  it.each([
    [0, 0, false],
    [1, 0, true],
    [1, 1, false],
    [2, 1, true],
  ])('%i failed checks with %i tolerated: failed=%s', (failed, tolerated, expected) => {
    expect(gateFailed({ failed }, tolerated)).toBe(expected);
  });
});

describe('rollbackAction', () => {
  it.each([
    [
      'the rollback command towards the known-good version',
      { deploy: 'd', rollback: 'r' },
      '1.0.0',
      { command: 'r', version: '1.0.0', percent: 100 },
    ],
    [
      'the rollback command with no known-good version',
      { deploy: 'd', rollback: 'r' },
      null,
      { command: 'r', version: '', percent: 0 },
    ],
    [
      'deploy at 100 % of the known-good version',
      { deploy: 'd' },
      '1.0.0',
      { command: 'd', version: '1.0.0', percent: 100 },
    ],
    [
      'deploy at 0 % of the failed version when none is known',
      { deploy: 'd' },
      null,
      { command: 'd', version: '1.1.0', percent: 0 },
    ],
  ] as const)('%s', (_, service, knownGood, expected) => {
    expect(rollbackAction(service, knownGood, '1.1.0')).toMatchObject(expected);
  });
});

describe('refuseUnsafeTrigger', () => {
  it.each([
    ['pull_request', {}],
    ['pull_request_target', {}],
    [
      'workflow_run',
      { workflow_run: { head_repository: { full_name: 'fork/x' }, repository: { full_name: 'acme/x' } } },
    ],
  ])('refuses %s', (event, payload) => {
    expect(() => refuseUnsafeTrigger(event, payload)).toThrow(InputError);
  });
  it.each([
    ['push', {}],
    ['workflow_dispatch', {}],
    [
      'workflow_run',
      { workflow_run: { head_repository: { full_name: 'acme/x' }, repository: { full_name: 'acme/x' } } },
    ],
  ])('allows %s', (event, payload) => {
    expect(() => refuseUnsafeTrigger(event, payload)).not.toThrow();
  });
});
