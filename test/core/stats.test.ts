/** Delivery metrics over a generated audit log whose answers are worked out by hand beside each case. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import {
  computeStats,
  parseSince,
  quantile,
  renderStatsSummary,
  renderStatsTable,
  type StatsRecord,
} from '../../src/core/stats.js';

/** Four weeks: 2026-09-01 to 2026-09-29. */
const WINDOW = { since: '2026-09-01T00:00:00.000Z', until: '2026-09-29T00:00:00.000Z' };
const HOUR = 3600;

let ids = 0;

/** A record of the log: a release at 100 % by default, whose 100 % stage ends at `full`. */
function record(
  fields: Partial<StatsRecord> & { started: string; full?: string; end?: string },
): StatsRecord {
  const { started, full, end, ...rest } = fields;
  const finished = end ?? full ?? started;
  return {
    id: `r${++ids}`,
    kind: 'release',
    service: 'api',
    environment: 'production',
    version: '1.0.0',
    'previous-version': '',
    sha: `${'0'.repeat(39)}${ids % 10}`,
    ref: 'refs/heads/main',
    event: 'push',
    actor: 'alice',
    'triggering-actor': 'alice',
    'run-id': '1',
    'run-attempt': 1,
    'run-url': '',
    'started-at': started,
    'heartbeat-at': finished,
    'finished-at': finished,
    stages: full
      ? [
          {
            name: 'full',
            percent: 100,
            'started-at': started,
            'finished-at': full,
            result: 'passed',
            checks: { passed: 1, failed: 0 },
          },
        ]
      : [],
    outcome: 'released',
    rollback: null,
    ...rest,
  };
}

function rolledBack(
  started: string,
  end: string,
  result: 'passed' | 'failed',
  fields: Partial<StatsRecord> = {},
) {
  return record({
    started,
    end,
    outcome: result === 'passed' ? 'rolled-back' : 'rollback-failed',
    rollback: { 'to-version': '0.9.0', result },
    ...fields,
  });
}

describe('quantile', () => {
  it('interpolates between the nearest ranks: the median of an even count is the mean of the middle two', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // h = (4 - 1) × 0.9 = 2.7: 3 + 0.7 × (4 - 3)
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    // h = 4 × 0.9 = 3.6: 4 + 0.6 × (5 - 4)
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 10);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('parseSince', () => {
  const now = new Date('2026-12-02T08:00:00Z');
  it('takes days before now, a date, and 90 days by default', () => {
    expect(parseSince('90d', now)).toBe('2026-09-03T08:00:00.000Z');
    expect(parseSince(undefined, now)).toBe('2026-09-03T08:00:00.000Z');
    expect(parseSince('7d', now)).toBe('2026-11-25T08:00:00.000Z');
    expect(parseSince('2026-09-01', now)).toBe('2026-09-01T00:00:00.000Z');
  });
  it('refuses anything else with the fix', () => {
    expect(() => parseSince('3 months', now)).toThrow(InputError);
    expect(() => parseSince('2027-01-01', now)).toThrow(
      /not a number of days nor a date in the past|neither/,
    );
    expect(() => parseSince('0d', now)).toThrow(
      expect.objectContaining({ fix: expect.stringMatching(/`90d`/) }),
    );
  });
});

describe('computeStats', () => {
  it('reports nothing for an empty log, with empty weeks for the chart', () => {
    const stats = computeStats([], new Map(), WINDOW);
    expect(stats.services).toEqual([]);
    expect(stats.days).toBe(28);
    expect(stats.weeks).toEqual([
      { start: '2026-09-01', releases: 0, failures: 0 },
      { start: '2026-09-08', releases: 0, failures: 0 },
      { start: '2026-09-15', releases: 0, failures: 0 },
      { start: '2026-09-22', releases: 0, failures: 0 },
    ]);
    expect(renderStatsSummary(stats)).toContain('No releases, rollbacks or drills in this window.');
    expect(renderStatsSummary(stats)).not.toContain('xychart-beta');
  });

  it('a service with only failures: every release failed, nothing deployed, nothing restored', () => {
    const records = [
      rolledBack('2026-09-02T10:00:00Z', '2026-09-02T10:20:00Z', 'passed'),
      rolledBack('2026-09-09T10:00:00Z', '2026-09-09T10:20:00Z', 'passed'),
      rolledBack('2026-09-16T10:00:00Z', '2026-09-16T10:20:00Z', 'failed'),
    ];
    const [api] = computeStats(records, new Map(), WINDOW).services;
    expect(api).toEqual({
      service: 'api',
      environment: 'production',
      releases: 3,
      deployments: 0,
      'deployments-per-week': 0,
      'deployments-per-day': 0,
      'lead-time-seconds': { median: null, p90: null, measured: 0 },
      failures: 3,
      'change-failure-rate': 1,
      // No release reached 100 % after any of them.
      'time-to-restore-seconds': { median: null, restored: 0, unrestored: 3 },
      rollbacks: { passed: 2, failed: 1 },
      // 2 of 3, to four places.
      'rollback-success-rate': 0.6667,
      'last-drill': null,
      'days-since-drill': null,
    });
  });

  it('several environments and services, each on its own, and the weeks of all of them', () => {
    const commits = new Map([
      ['a'.repeat(40), '2026-09-02T08:00:00.000Z'],
      ['b'.repeat(40), '2026-09-05T22:20:00.000Z'],
      ['c'.repeat(40), '2026-09-09T00:00:00.000Z'],
      ['e'.repeat(40), '2026-09-16T09:00:00.000Z'],
      ['f'.repeat(40), '2026-09-23T07:00:00.000Z'],
    ]);
    const records = [
      // Before the window: not counted.
      record({ started: '2026-08-20T00:00:00Z', full: '2026-08-20T01:00:00Z', sha: 'a'.repeat(40) }),
      // api in production: lead 2.5 h.
      record({ started: '2026-09-02T10:00:00Z', full: '2026-09-02T10:30:00Z', sha: 'a'.repeat(40) }),
      // A failure, restored by the next release at 100 %, 24 h after it ended.
      rolledBack('2026-09-05T10:00:00Z', '2026-09-05T10:20:00Z', 'passed'),
      // Lead 12 h; ends the failure above.
      record({ started: '2026-09-06T09:00:00Z', full: '2026-09-06T10:20:00Z', sha: 'b'.repeat(40) }),
      // Lead 25 h.
      record({ started: '2026-09-10T00:00:00Z', full: '2026-09-10T01:00:00Z', sha: 'c'.repeat(40) }),
      // Its commit is not in the checkout: deployed, but no lead time.
      record({ started: '2026-09-20T00:00:00Z', full: '2026-09-20T00:10:00Z', sha: 'd'.repeat(40) }),
      // api in staging: leads 1 h and 3 h (an even count); a cancelled and a failed release count for nothing.
      record({
        environment: 'staging',
        started: '2026-09-16T09:30:00Z',
        full: '2026-09-16T10:00:00Z',
        sha: 'e'.repeat(40),
      }),
      record({
        environment: 'staging',
        started: '2026-09-23T09:00:00Z',
        full: '2026-09-23T10:00:00Z',
        sha: 'f'.repeat(40),
      }),
      record({ environment: 'staging', started: '2026-09-24T09:00:00Z', outcome: 'cancelled' }),
      record({ environment: 'staging', started: '2026-09-24T10:00:00Z', outcome: 'failed' }),
      // Drills of staging: the last successful one ended 3.5 days before the window's end.
      record({ environment: 'staging', kind: 'drill', started: '2026-09-18T12:00:00Z', outcome: 'drilled' }),
      record({
        environment: 'staging',
        kind: 'drill',
        started: '2026-09-25T11:50:00Z',
        end: '2026-09-25T12:00:00Z',
        outcome: 'drilled',
      }),
      record({
        environment: 'staging',
        kind: 'drill',
        started: '2026-09-27T12:00:00Z',
        outcome: 'drill-failed',
      }),
      // web in production: 1.1.0 released, then taken out by a manual rollback 6 h later, which took 10 min.
      record({
        service: 'web',
        version: '1.0.0',
        started: '2026-09-02T23:00:00Z',
        full: '2026-09-03T00:00:00Z',
      }),
      record({
        service: 'web',
        version: '1.1.0',
        started: '2026-09-03T23:00:00Z',
        full: '2026-09-04T00:00:00Z',
      }),
      record({
        service: 'web',
        kind: 'rollback',
        version: '1.0.0',
        'previous-version': '1.1.0',
        started: '2026-09-04T06:00:00Z',
        end: '2026-09-04T06:10:00Z',
        outcome: 'rolled-back',
        rollback: { 'to-version': '1.0.0', result: 'passed' },
      }),
    ];
    const stats = computeStats(records, commits, WINDOW);
    expect(stats.services.map((s) => [s.service, s.environment])).toEqual([
      ['api', 'production'],
      ['api', 'staging'],
      ['web', 'production'],
    ]);
    const [production, staging, web] = stats.services;
    expect(production).toMatchObject({
      releases: 5,
      deployments: 4,
      // 4 over 28 days: 1 a week, 0.142857… a day.
      'deployments-per-week': 1,
      'deployments-per-day': 0.14,
      // 9000, 43200, 90000 s (odd count): the middle one; p90 at h = 1.8: 43200 + 0.8 × 46800.
      'lead-time-seconds': { median: 12 * HOUR, p90: 80_640, measured: 3 },
      failures: 1,
      'change-failure-rate': 0.2,
      'time-to-restore-seconds': { median: 24 * HOUR, restored: 1, unrestored: 0 },
      rollbacks: { passed: 1, failed: 0 },
      'rollback-success-rate': 1,
      'last-drill': null,
    });
    expect(staging).toMatchObject({
      releases: 2,
      deployments: 2,
      // 3600 and 10800 s (even count): the mean of the two; p90 at h = 0.9: 3600 + 0.9 × 7200.
      'lead-time-seconds': { median: 2 * HOUR, p90: 10_080, measured: 2 },
      failures: 0,
      'change-failure-rate': 0,
      'time-to-restore-seconds': { median: null, restored: 0, unrestored: 0 },
      'rollback-success-rate': null,
      'last-drill': '2026-09-25T12:00:00Z',
      'days-since-drill': 3,
    });
    expect(web).toMatchObject({
      releases: 2,
      deployments: 2,
      failures: 1,
      'change-failure-rate': 0.5,
      // From the manual rollback's start to its successful end.
      'time-to-restore-seconds': { median: 600, restored: 1, unrestored: 0 },
      rollbacks: { passed: 1, failed: 0 },
    });
    // Week of 09-01: api 09-02, 09-05 (failed), 09-06 and web's two (1.1.0 failed); 09-08: api 09-10;
    // 09-15: api 09-20, staging 09-16; 09-22: staging 09-23.
    expect(stats.weeks).toEqual([
      { start: '2026-09-01', releases: 5, failures: 2 },
      { start: '2026-09-08', releases: 1, failures: 0 },
      { start: '2026-09-15', releases: 2, failures: 0 },
      { start: '2026-09-22', releases: 1, failures: 0 },
    ]);
    const summary = renderStatsSummary(stats);
    expect(summary).toContain('| api | staging | 2 | 0.5 | 2h / 2.8h | 0 % (0 of 2) | — | — | 3 |');
    expect(summary).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Releases (bars) and failures (line) per week"',
        '  x-axis ["09-01", "09-08", "09-15", "09-22"]',
        '  y-axis "Releases" 0 --> 5',
        '  bar [5, 1, 2, 1]',
        '  line [2, 0, 0, 0]',
        '```',
      ].join('\n'),
    );
    expect(renderStatsTable(stats, (text) => text)).toMatch(
      /^api +production +4 +1 +12h \/ 22\.4h +20 % \(1 of 5\) +1d +100 % +never$/m,
    );
  });
});
