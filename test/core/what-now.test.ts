/** "What now": one entry per outcome word (the other helpers' words included), and the failed release's
 * gantt drawn from the record's times. */
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/record.js';
import { renderFailureTimeline } from '../../src/core/release-summary.js';
import { factsWithoutRecord, renderWhatNow, type WhatNowFacts } from '../../src/core/what-now.js';

const facts: WhatNowFacts = {
  outcome: 'released',
  kind: 'release',
  service: 'api',
  environment: 'staging',
  version: '1.4.0',
  previousVersion: '1.3.0',
  firstStage: 'canary',
  stoppedStage: null,
  rollbackTo: null,
};

const section = (outcome: string, kind = 'release') => renderWhatNow({ ...facts, outcome, kind });

describe('renderWhatNow', () => {
  it('has an entry for every outcome word of the contract, each ending with the history line', () => {
    const words = ['released', 'already-released', 'rolled-back', 'rollback-failed', 'cancelled', 'failed'];
    const later = ['paused', 'blocked', 'drilled', 'drill-failed'];
    for (const outcome of [...words, ...later]) {
      const text = section(outcome);
      expect(text, outcome).toMatch(/^#### What now\n\n- \*\*Re-run failed jobs\*\*: /);
      expect(text.trimEnd().split('\n').at(-1), outcome).toBe(
        '- To look further: `monorepo-release history api --environment staging`.',
      );
    }
  });

  it('paused: the promote job to approve, and the promote and abort dispatch inputs', () => {
    const text = section('paused');
    expect(text).toContain('approve it (this run → **Review deployments**)');
    expect(text).toContain(
      '- Or, to go on from the next stage: **Run workflow** (Actions tab → this workflow) with `command: promote`, `service: api`, `version: 1\\.4\\.0`.',
    );
    expect(text).toContain(
      '- To roll it back instead: **Run workflow** (Actions tab → this workflow) with `command: abort`, `service: api`.',
    );
  });

  it('blocked, drilled and drill-failed say what a re-run does', () => {
    expect(section('blocked')).toContain(
      'waits again for the services it releases after, up to `defaults.wait`',
    );
    expect(section('drilled')).toContain('runs the drill again');
    expect(section('drill-failed')).toContain('`command: rollback`, `service: api`, `version: 1\\.4\\.0`');
  });

  it('a manual rollback that passed has nothing to re-run', () => {
    expect(section('rolled-back', 'rollback')).toContain(
      '- **Re-run failed jobs**: nothing to re-run: the rollback passed.',
    );
  });

  it('says nothing for a run still under way or an unknown word', () => {
    expect(section('')).toBe('');
    expect(section('dry-run')).toBe('');
  });

  it('without a record or an environment, the history line names the service only', () => {
    const text = renderWhatNow(
      factsWithoutRecord({
        outcome: 'failed',
        kind: 'release',
        service: 'api',
        environment: '',
        version: '',
      }),
    );
    expect(text).toContain('- To look further: `monorepo-release history api`.');
  });
});

describe('renderFailureTimeline', () => {
  const base = {
    id: 'r1',
    kind: 'release',
    service: 'api',
    environment: 'production',
    version: '1.1.0',
    'previous-version': '1.0.0',
    outcome: 'rollback-failed',
    stages: [
      {
        name: 'canary',
        percent: 5,
        'started-at': '2026-12-02T08:00:00.000Z',
        'finished-at': '2026-12-02T08:05:00.000Z',
        result: 'passed',
        checks: { passed: 10, failed: 0 },
      },
      {
        name: 'ramp',
        percent: 50,
        'started-at': '2026-12-02T08:05:00.000Z',
        'finished-at': '2026-12-02T08:06:30.000Z',
        result: 'failed',
        checks: { passed: 2, failed: 1 },
        error: { kind: 'deploy', 'exit-code': 3, message: 'deploy: exit 3', output: 'boom' },
      },
    ],
    rollback: {
      'to-version': '1.0.0',
      result: 'failed',
      'started-at': '2026-12-02T08:06:31.000Z',
      'finished-at': '2026-12-02T08:07:00.000Z',
    },
  } as unknown as AuditRecord;

  it('draws the stages, the failing check and the rollback from the record’s times', () => {
    const t = (iso: string) => Date.parse(iso);
    expect(renderFailureTimeline(base)).toBe(
      [
        '```mermaid',
        'gantt',
        '  title api 1.1.0 to production (rollback-failed)',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  section Stages',
        `  canary 5% passed :done, ${t('2026-12-02T08:00:00.000Z')}, ${t('2026-12-02T08:05:00.000Z')}`,
        `  ramp 50% failed :crit, ${t('2026-12-02T08:05:00.000Z')}, ${t('2026-12-02T08:06:30.000Z')}`,
        '  section Failing check',
        `  ramp deploy failed (exit 3) :crit, milestone, ${t('2026-12-02T08:06:30.000Z')}, ${t('2026-12-02T08:06:30.000Z')}`,
        '  section Rollback',
        `  to 1.0.0 failed :crit, ${t('2026-12-02T08:06:31.000Z')}, ${t('2026-12-02T08:07:00.000Z')}`,
        '```',
      ].join('\n'),
    );
  });

  it('draws nothing for a release that did not fail, or a manual rollback', () => {
    expect(renderFailureTimeline({ ...base, outcome: 'released' })).toBe('');
    expect(renderFailureTimeline({ ...base, kind: 'rollback', outcome: 'rolled-back' })).toBe('');
  });

  it('keeps mermaid syntax out of the names it draws', () => {
    const odd = { ...base, version: '1.1.0:x;y#z\n  section Evil' } as AuditRecord;
    const title = renderFailureTimeline(odd).split('\n')[2];
    expect(title).toBe('  title api 1.1.0_x_y_z_  section Evil to production (rollback-failed)');
  });
});
