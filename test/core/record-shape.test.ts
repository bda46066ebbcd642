import { describe, expect, it } from 'vitest';
import { newPointer, newRecord, startStage, updateStage, withRollback } from '../../src/core/record.js';
import {
  auditFileProblems,
  latestPointerProblems,
  livePointerProblems,
  recordProblems,
} from '../../src/core/record-shape.js';

const run = {
  event: 'push',
  ref: 'refs/heads/main',
  actor: 'alice',
  triggeringActor: 'alice',
  runId: '1',
  runAttempt: 1,
  runUrl: '',
};
const NOW = '2026-01-01T00:00:00.000Z';
const record = newRecord({
  id: '1-1-ab',
  kind: 'release',
  service: 'api',
  environment: 'production',
  version: '1.0.0',
  previousVersion: '',
  sha: 'a'.repeat(40),
  run,
  now: NOW,
});

describe('record shape', () => {
  it('finds nothing wrong with the records and pointers the action writes', () => {
    const failed = updateStage(
      startStage(record, { name: 'canary', percent: 5 }, NOW),
      {
        result: 'failed',
        'finished-at': NOW,
        error: { kind: 'deploy', 'exit-code': 3, message: 'deploy exited with code 3', output: 'boom' },
      },
      NOW,
    );
    const rolled = withRollback(failed, { 'to-version': '', result: 'passed', 'started-at': NOW }, NOW);
    expect(recordProblems(record)).toEqual([]);
    expect(recordProblems(rolled)).toEqual([]);
    expect(livePointerProblems(newPointer(record, null, NOW))).toEqual([]);
    expect(latestPointerProblems({ record: record.id, path: 'records/api/2026-01/x-1-1-ab.json' })).toEqual(
      [],
    );
  });

  it('names each field of the wrong type or missing, nested ones by their place', () => {
    const bad = { ...record, stages: [{ name: 'canary', percent: '5' }], 'run-attempt': '1', rollback: 7 };
    delete (bad as Partial<typeof bad>).sha;
    expect(recordProblems(bad)).toEqual([
      'sha is missing',
      'run-attempt is the string "1" (expected a number)',
      'stages[0].percent is the string "5" (expected a number)',
      'stages[0].started-at is missing',
      'stages[0].finished-at is missing',
      'stages[0].result is missing',
      'stages[0].checks is missing',
      'rollback is a number (expected an object)',
    ]);
    expect(recordProblems({ ...record, stages: 'canary' })).toEqual([
      'stages is the string "canary" (expected a list)',
    ]);
    expect(recordProblems([1])).toEqual(['the file is a list (expected an object)']);
  });

  it('checks pointers by where they live, and keeps a latest pointer inside records/', () => {
    expect(
      auditFileProblems('current/production/api.json', { ...newPointer(record, null, NOW), version: 1 }),
    ).toEqual(['version is a number (expected a string)']);
    expect(
      auditFileProblems('latest/production/api.json', { record: 'x', path: '../../etc/passwd' }),
    ).toEqual([
      'path is the string "../../etc/passwd" (expected a path records/<service>/<yyyy-mm>/<file>.json)',
    ]);
    expect(auditFileProblems('README.md', 'anything')).toEqual([]);
  });
});
