import { describe, expect, it } from 'vitest';
import {
  closeOpenStages,
  compactTime,
  endManualRollback,
  endRollback,
  finishRecord,
  leftOpen,
  latestPointerPath,
  livePointerPath,
  newPointer,
  newRecord,
  recordId,
  recordPath,
  resumeIndex,
  rollbackRecorded,
  rollbackUnderWay,
  startManualRollback,
  startRollback,
  startStage,
  stoppedStage,
  updateStage,
} from '../../src/core/record.js';

const run = {
  event: 'push',
  ref: 'refs/heads/main',
  actor: 'a',
  triggeringActor: 'b',
  runId: '42',
  runAttempt: 2,
  runUrl: 'u',
};
const base = newRecord({
  id: '42-2-abcd',
  kind: 'release',
  service: 'api',
  environment: 'production',
  version: '1.1.0',
  previousVersion: '1.0.0',
  sha: 'c'.repeat(40),
  run,
  now: '2026-11-29T13:30:00.123Z',
});

describe('audit paths', () => {
  it('names records by service, month and a file-system-safe start time', () => {
    expect(compactTime('2026-11-29T13:30:00.123Z')).toBe('20261129T133000Z');
    expect(recordPath(base)).toBe('records/api/2026-11/20261129T133000Z-42-2-abcd.json');
    expect(livePointerPath('production', 'api')).toBe('current/production/api.json');
    expect(latestPointerPath('production', 'api')).toBe('latest/production/api.json');
  });

  it('ids carry the run and attempt when there is one', () => {
    expect(recordId({ runId: '42', runAttempt: 2 }, 'abcd')).toBe('42-2-abcd');
    expect(recordId({ runId: 'local', runAttempt: 1 }, 'abcd')).toBe('abcd');
  });
});

describe('record transitions', () => {
  it('a new record holds every field of the contract, unfinished', () => {
    expect(Object.keys(base).sort()).toEqual(
      [
        'id',
        'kind',
        'service',
        'environment',
        'version',
        'previous-version',
        'sha',
        'ref',
        'event',
        'actor',
        'triggering-actor',
        'run-id',
        'run-attempt',
        'run-url',
        'started-at',
        'heartbeat-at',
        'finished-at',
        'stages',
        'outcome',
        'rollback',
      ].sort(),
    );
    expect(base).toMatchObject({
      outcome: null,
      'finished-at': null,
      stages: [],
      rollback: null,
      'run-attempt': 2,
    });
  });

  it('replays an interrupted stage in place and resumes at the first stage that did not pass', () => {
    let r = startStage(base, { name: 'canary', percent: 5 }, '2026-11-29T13:31:00Z');
    r = updateStage(r, { result: 'passed', 'finished-at': '2026-11-29T13:32:00Z' }, '2026-11-29T13:32:00Z');
    r = startStage(r, { name: 'ramp', percent: 50 }, '2026-11-29T13:33:00Z');
    expect(resumeIndex(r, ['canary', 'ramp', 'full'])).toBe(1);
    r = startStage(r, { name: 'ramp', percent: 50 }, '2026-11-29T14:00:00Z');
    expect(r.stages.map((s) => [s.name, s['started-at']])).toEqual([
      ['canary', '2026-11-29T13:31:00Z'],
      ['ramp', '2026-11-29T14:00:00Z'],
    ]);
    expect(r['heartbeat-at']).toBe('2026-11-29T14:00:00Z');
    expect(resumeIndex(finishRecord(r, 'released', 'x'), ['canary'])).toBe(1);
  });

  it('the live pointer remembers what was live before', () => {
    const first = newPointer(base, null, 'now');
    expect(first).toMatchObject({
      version: '1.1.0',
      record: '42-2-abcd',
      'previous-version': '',
      'previous-sha': '',
    });
    const second = newPointer({ ...base, version: '1.2.0', sha: 'd'.repeat(40) }, first, 'later');
    expect(second).toMatchObject({
      version: '1.2.0',
      'previous-version': '1.1.0',
      'previous-sha': 'c'.repeat(40),
    });
  });
});

describe('rollbacks left open', () => {
  const t0 = '2026-11-29T13:31:00.000Z';
  const t1 = '2026-11-29T13:32:00.000Z';
  const midRamp = startStage(
    updateStage(startStage(base, { name: 'canary', percent: 5 }, t0), { result: 'passed' }, t0),
    { name: 'ramp', percent: 50 },
    t0,
  );

  it('starting a rollback closes the open stage as cancelled and leaves the result to come', () => {
    const started = startRollback(midRamp, '1.0.0', t1);
    expect(started.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'cancelled'],
    ]);
    expect(started.rollback).toEqual({
      'to-version': '1.0.0',
      result: null,
      'started-at': t1,
      'finished-at': null,
    });
    expect(rollbackUnderWay(started)).toBe(true);
    expect(leftOpen(started)).toBe(true);
  });

  it('taking over a rollback under way keeps its target and start time', () => {
    const started = startRollback(midRamp, '1.0.0', t0);
    expect(startRollback(started, '0.9.0', t1).rollback).toEqual(started.rollback);
  });

  it('ending it closes the record rolled-back or rollback-failed; a cancelled one stays cancelled', () => {
    const started = startRollback(midRamp, '1.0.0', t0);
    const passed = endRollback(started, { passed: true }, t1);
    expect(passed).toMatchObject({ outcome: 'rolled-back', 'finished-at': t1 });
    expect(passed.rollback).toMatchObject({ result: 'passed', 'finished-at': t1, 'started-at': t0 });
    expect(rollbackRecorded(passed)).toBe(true);
    expect(leftOpen(passed)).toBe(false);
    expect(endRollback(started, { passed: false }, t1).outcome).toBe('rollback-failed');
    const cancelled = finishRecord(midRamp, 'cancelled', t0);
    expect(leftOpen(cancelled)).toBe(true);
    const after = endRollback(startRollback(cancelled, '1.0.0', t1), { passed: true }, t1, 'by post');
    expect(after).toMatchObject({ outcome: 'cancelled', note: 'by post' });
    expect(leftOpen(after)).toBe(false);
  });

  it('finds the stage that stopped a release', () => {
    expect(stoppedStage(midRamp)).toBeNull();
    expect(stoppedStage(updateStage(midRamp, { result: 'failed' }, t1))).toMatchObject({ name: 'ramp' });
    expect(closeOpenStages(midRamp, t1).stages[1]).toMatchObject({ result: 'cancelled', 'finished-at': t1 });
  });
});

describe('a manual rollback', () => {
  const t0 = '2026-11-29T14:00:00.000Z';
  const t1 = '2026-11-29T14:01:00.000Z';
  const claimed = startManualRollback(
    newRecord({ ...fieldsOf(base), kind: 'rollback', version: '1.0.0', previousVersion: '1.1.0', now: t0 }),
    t0,
  );

  it('is claimed with its one stage open and its rollback to its own version under way', () => {
    expect(claimed.stages.map((s) => [s.name, s.percent, s.result])).toEqual([['rollback', 100, null]]);
    expect(claimed.rollback).toEqual({ 'to-version': '1.0.0', result: null });
    expect(rollbackUnderWay(claimed)).toBe(true);
    expect(leftOpen(claimed)).toBe(true);
  });

  it('ends with its stage and its rollback saying how, closed rolled-back or rollback-failed', () => {
    const passed = endManualRollback(claimed, { passed: true }, t1);
    expect(passed).toMatchObject({ outcome: 'rolled-back', 'finished-at': t1 });
    expect(passed.stages[0]).toMatchObject({ result: 'passed', 'finished-at': t1 });
    expect(passed.rollback).toEqual({ 'to-version': '1.0.0', result: 'passed' });
    const error = {
      kind: 'deploy' as const,
      'exit-code': 1,
      message: 'rollback exited with code 1',
      output: 'x',
    };
    const failed = endManualRollback(claimed, { passed: false, error }, t1);
    expect(failed.outcome).toBe('rollback-failed');
    expect(failed.stages[0]).toMatchObject({ result: 'failed', error });
    expect(leftOpen(failed)).toBe(false);
  });
});

function fieldsOf(record: typeof base) {
  return {
    id: record.id,
    service: record.service,
    environment: record.environment,
    sha: record.sha,
    run,
  };
}
