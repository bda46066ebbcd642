/** The pure rules of pause and promote: the config key, the decisions a paused record leads to, who owns a
 * record a promote took over, and the plan summary's runner time. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import { decideStart, ownership, settleOpenRecord } from '../../src/core/decide.js';
import { estimateRunnerTime, pausedGuide, renderRunnerTime } from '../../src/core/pause-summary.js';
import {
  leftOpen,
  newRecord,
  owningRun,
  pauseRecord,
  resumeRecord,
  type AuditRecord,
  type RunInfo,
} from '../../src/core/record.js';
import { recordProblems } from '../../src/core/record-shape.js';
import { renderReleaseSummary } from '../../src/core/release-summary.js';

const SHA = 'b'.repeat(40);
const run = (runId: string, runAttempt = 1): RunInfo => ({
  event: 'push',
  ref: 'refs/heads/main',
  actor: 'alice',
  triggeringActor: 'alice',
  runId,
  runAttempt,
  runUrl: `https://github.com/acme/mono/actions/runs/${runId}`,
});

/** api 1.1.0, paused after a passed canary at 12:10. */
function paused(): AuditRecord {
  const record = newRecord({
    id: 'r1',
    kind: 'release',
    service: 'api',
    environment: 'production',
    version: '1.1.0',
    previousVersion: '1.0.0',
    sha: SHA,
    run: run('100'),
    now: '2026-11-29T12:00:00.000Z',
  });
  return pauseRecord(
    {
      ...record,
      stages: [
        {
          name: 'canary',
          percent: 5,
          'started-at': '2026-11-29T12:00:00.000Z',
          'finished-at': '2026-11-29T12:10:00.000Z',
          result: 'passed',
          checks: { passed: 10, failed: 0 },
        },
      ],
    },
    '2026-11-29T12:10:00.000Z',
  );
}

const start = (version: string) => ({
  latestOwnership: null,
  live: null,
  liveIsNewer: false,
  version,
  sha: SHA,
});

describe('config: pause', () => {
  const config = (stages: string) =>
    parseConfig(
      `version: 1\ndefaults:\n  deploy: ./deploy.sh\n  stages: ${stages}\nservices:\n  api:\n    paths: [api/**]\n`,
      '.github/monorepo-release.yml',
    );

  it('takes `pause: true` on a stage before the last', () => {
    const { config: parsed, diagnostics } = config(
      '[{ name: canary, percent: 5, pause: true }, { name: full, percent: 100 }]',
    );
    expect(diagnostics).toEqual([]);
    expect(parsed!.services[0]!.stages).toEqual([
      { name: 'canary', percent: 5, pause: true },
      { name: 'full', percent: 100 },
    ]);
  });

  it('refuses a pause on the last stage (nothing to promote to), at its line and column', () => {
    const { config: parsed, diagnostics } = config(
      '[{ name: canary, percent: 5 }, { name: full, percent: 100, pause: true }]',
    );
    expect(parsed).toBeNull();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 4,
        message: expect.stringMatching(/last stage "full" has pause: true.*nothing to promote/),
      }),
    ]);
  });

  it('refuses a pause that is not a boolean', () => {
    const { config: parsed, diagnostics } = config(
      '[{ name: canary, percent: 5, pause: yes please }, { name: full, percent: 100 }]',
    );
    expect(parsed).toBeNull();
    expect(diagnostics.map((d) => d.message).join()).toMatch(/true or false/);
  });
});

describe('a paused record', () => {
  it('is not left open: no heartbeat makes it stale, and nobody settles it', () => {
    const record = paused();
    expect(leftOpen(record)).toBe(false);
    expect(settleOpenRecord(record, { by: 'release', version: '1.2.0', sha: SHA })).toEqual({
      action: 'none',
    });
    expect(settleOpenRecord(record, { by: 'post' })).toEqual({ action: 'none' });
  });

  it('a re-run of the same release is already paused; another version is refused, naming both commands', () => {
    const record = paused();
    expect(decideStart({ ...start('1.1.0'), latest: record })).toEqual({ action: 'already-paused', record });
    const other = decideStart({ ...start('1.2.0'), latest: record });
    expect(other.action).toBe('refuse');
    const { message, fix } = other as { message: string; fix: string };
    expect(message).toMatch(/1\.1\.0 is paused after stage canary \(5 %\) since 2026-11-29T12:10:00\.000Z/);
    expect(fix).toMatch(/command: promote.*service: api.*version: 1\.1\.0/);
    expect(fix).toMatch(/command: abort/);
  });

  it('once a promote takes it over, it is open and owned by the promote run', () => {
    const taken = resumeRecord(paused(), {
      command: 'promote',
      run: run('200'),
      at: '2026-11-30T09:00:00.000Z',
      stage: 'canary',
      recheck: { result: 'passed', checks: { passed: 1, failed: 0 } },
    });
    expect(taken.outcome).toBeNull();
    expect(taken['run-id']).toBe('100');
    expect(owningRun(taken)).toMatchObject({ runId: '200', runAttempt: 1 });
    expect(recordProblems(taken)).toEqual([]);
    // Its own re-run (attempt 2) takes over from it; the first release's run is no longer asked.
    const context = { now: new Date('2026-11-30T09:01:00.000Z'), timeoutMs: 60_000, runActive: null };
    expect(ownership(taken, { ...context, runId: '200', runAttempt: 2 })).toBe('dead');
    expect(ownership(taken, { ...context, runId: '100', runAttempt: 2 })).toBe('live');
    // Its run gone: a promote resumes it, a re-run of the release does not go on with it by itself.
    expect(settleOpenRecord(taken, { by: 'promote' })).toEqual({ action: 'resume' });
    const release = decideStart({ ...start('1.1.0'), latest: taken, latestOwnership: 'dead' });
    expect(release).toMatchObject({
      action: 'refuse',
      message: expect.stringMatching(/promote.*interrupted/),
    });
  });

  it('an abort whose run was lost is rolled back by whoever finds it, never resumed', () => {
    const aborting = resumeRecord(paused(), {
      command: 'abort',
      run: run('300'),
      at: '2026-11-30T09:00:00.000Z',
      stage: 'canary',
    });
    expect(settleOpenRecord(aborting, { by: 'promote' })).toMatchObject({ action: 'finish-rollback' });
    expect(settleOpenRecord(aborting, { by: 'release', version: '1.1.0', sha: SHA })).toMatchObject({
      action: 'finish-rollback',
    });
  });

  it('a record whose resumes are not of their shape is refused by name', () => {
    expect(recordProblems({ ...paused(), resumes: [{ command: 'promote' }] })).toContain(
      'resumes[0].run-id is missing',
    );
  });

  it('the job summary says what is live at what share, since when, and that nobody watches it', () => {
    // Markdown-escaped as every outside value is; read as it renders.
    const text = pausedGuide(paused()).join('\n').replace(/\\/g, '');
    expect(text).toMatch(/1\.1\.0 serves 5 % of production, 1\.0\.0 serves the rest/);
    expect(text).toMatch(/since 2026-11-29T12:10:00\.000Z/);
    expect(text).toMatch(/Nobody checks it while it is paused/);
    expect(text).toMatch(/back to 1\.0\.0: \*What now\*, below/);
  });
});

describe('the summary after a pause', () => {
  it('names who went on from the pause, when, and how the re-check of the paused stage went', () => {
    const taken = resumeRecord(paused(), {
      command: 'promote',
      run: { ...run('200'), triggeringActor: 'bob' },
      at: '2026-11-30T09:00:00.000Z',
      stage: 'canary',
      recheck: { result: 'passed', checks: { passed: 1, failed: 0 } },
    });
    const summary = renderReleaseSummary(taken, 'headline', 'promote').replace(/\\/g, '');
    expect(summary).toContain('**After the pause**');
    expect(summary).toContain(
      '- 2026-11-30T09:00:00.000Z: bob (run 200 attempt 1) promoted after canary; its gate checked again: 1 passed, 0 failed → passed',
    );
    expect(renderReleaseSummary(paused(), 'headline', 'new')).not.toContain('After the pause');
  });
});

describe('runner time of a plan', () => {
  const minutes = (m: number) => m * 60_000;
  const stages = [
    { name: 'canary', percent: 5, bakeMs: minutes(5) },
    { name: 'ramp', percent: 50, bakeMs: minutes(10) },
    { name: 'full', percent: 100 },
  ];

  it('is bake × services per stage; a pause ends the release job, the rest is the promote', () => {
    const thirty = Array.from({ length: 30 }, () => ({ stages }));
    expect(estimateRunnerTime(thirty)).toEqual({
      stages: [
        { name: 'canary', services: 30, ms: minutes(150) },
        { name: 'ramp', services: 30, ms: minutes(300) },
        { name: 'full', services: 30, ms: 0 },
      ],
      releaseMs: minutes(450),
      promoteMs: 0,
    });
    const pausing = Array.from({ length: 30 }, () => ({
      stages: [{ ...stages[0]!, pause: true }, stages[1]!, stages[2]!],
    }));
    const estimate = estimateRunnerTime(pausing);
    expect(estimate.releaseMs).toBe(minutes(150));
    expect(estimate.promoteMs).toBe(minutes(300));
    const text = renderRunnerTime(estimate).join('\n');
    expect(text).toMatch(/about 2h30m in all/);
    expect(text).toMatch(/\| canary \| 30 \| 2h30m \|/);
    expect(text).toMatch(/promote jobs hold about 5h more/);
  });
});
