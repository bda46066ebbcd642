import { describe, expect, it } from 'vitest';
import {
  decideStart,
  gateFailed,
  livenessWindowMs,
  ownership,
  refuseUnsafeTrigger,
  rollbackAction,
} from '../../src/core/decide.js';
import { InputError } from '../../src/core/errors.js';
import { newRecord, type AuditRecord, type LivePointer } from '../../src/core/record.js';

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
      name: "a dead run's unfinished record of another version is reconciled, then we start",
      input: { latest: record({ version: '1.0.5' }), latestOwnership: 'dead' },
      action: 'start',
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
  ];
  for (const c of cases) {
    it(c.name, () => expect(decideStart({ ...base, ...c.input }).action).toBe(c.action));
  }

  it('reconciles the dead record and says why it starts again after a rollback', () => {
    const dead = record({ version: '1.0.5' });
    expect(decideStart({ ...base, latest: dead, latestOwnership: 'dead' })).toMatchObject({
      reconcile: dead,
    });
    expect(decideStart({ ...base, latest: record({ outcome: 'rolled-back' }) })).toMatchObject({
      reconcile: null,
      why: expect.stringMatching(/rolled back: starting again from the first stage/),
    });
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
