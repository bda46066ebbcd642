/** The "What now" section and the failed release's gantt, read from the job summary the built bundle writes
 * (GITHUB_STEP_SUMMARY), for each way a release ends: released, rolled-back, rollback-failed, cancelled,
 * failed. */
import { afterEach, describe, expect, it } from 'vitest';
import { makeFleet, waitForCall, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

interface TimedRecord {
  version: string;
  stages: Array<{ name: string; 'started-at': string; 'finished-at': string }>;
  rollback: { 'started-at': string; 'finished-at': string } | null;
}

/** The section from its heading to the end of the summary. */
function whatNow(summary: string): string {
  const at = summary.indexOf('#### What now');
  expect(at, summary).toBeGreaterThan(-1);
  return summary.slice(at);
}

/** api 1.0.0 released, then 1.1.0 run with `env`: its summary and its record. */
async function secondRelease(env: Record<string, string>) {
  fleet = await makeFleet();
  expect((await fleet.action()).outputs.outcome).toBe('released');
  const run = await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '101', ...env } });
  const records = (await fleet.records()) as unknown as TimedRecord[];
  return { run, record: records.find((r) => r.version === '1.1.0')! };
}

describe('the summary ends with what to do now', () => {
  it('released: a re-run does nothing; how to roll back by hand; where to look; no timeline', async () => {
    fleet = await makeFleet();
    const run = await fleet.action();
    expect(run.outputs.outcome).toBe('released');
    const section = whatNow(run.summary);
    expect(section).toContain(
      '- **Re-run failed jobs**: nothing to do: a re-run ends `already-released` and deploys nothing.',
    );
    expect(section).toContain(
      '- To roll back by hand to the version live before it: **Run workflow** (Actions tab → this workflow) with `command: rollback`, `service: api`.',
    );
    expect(section).toContain('- To look further: `monorepo-release history api --environment production`.');
    // It is the end of the summary, after the audit record line.
    expect(run.summary.indexOf('Audit record')).toBeLessThan(run.summary.indexOf('#### What now'));
    expect(run.summary).not.toContain('gantt');
  }, 60_000);

  it('rolled-back: a re-run starts over from the first stage, and a gantt draws the stages, the failing check and the rollback at their recorded times', async () => {
    const { run, record } = await secondRelease({ FAIL_VERIFY_PERCENT: '50' });
    expect(run.outputs.outcome).toBe('rolled-back');
    const section = whatNow(run.summary);
    expect(section).toContain(
      '- **Re-run failed jobs**: starts over from the first stage (`canary`); the failed attempt stays in the audit log.',
    );
    expect(section).toContain('- 1\\.0\\.0 is live again.');
    const [canary, ramp] = record.stages;
    const ms = (iso: string) => Date.parse(iso);
    expect(run.summary).toContain(
      [
        '```mermaid',
        'gantt',
        '  title api 1.1.0 to production (rolled-back)',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  section Stages',
        `  canary 5% passed :done, ${ms(canary!['started-at'])}, ${ms(canary!['finished-at'])}`,
        `  ramp 50% failed :crit, ${ms(ramp!['started-at'])}, ${ms(ramp!['finished-at'])}`,
        '  section Failing check',
        `  ramp gate failed (exit 1) :crit, milestone, ${ms(ramp!['finished-at'])}, ${ms(ramp!['finished-at'])}`,
        '  section Rollback',
        `  to 1.0.0 passed :active, ${ms(record.rollback!['started-at'])}, ${ms(record.rollback!['finished-at'])}`,
        '```',
      ].join('\n'),
    );
    // The gantt comes before the section, which ends the summary.
    expect(run.summary.indexOf('gantt')).toBeLessThan(run.summary.indexOf('#### What now'));
  }, 60_000);

  it('rollback-failed: act now, with the dispatch inputs of a manual rollback to the known-good version', async () => {
    const { run } = await secondRelease({ FAIL_VERIFY_PERCENT: '50', FAIL_ROLLBACK: '1' });
    expect(run.outputs.outcome).toBe('rollback-failed');
    const section = whatNow(run.summary);
    expect(section).toContain('- Act now: the rollback failed, so 1\\.1\\.0 may still take traffic.');
    expect(section).toContain(
      '**Run workflow** (Actions tab → this workflow) with `command: rollback`, `service: api`, `version: 1\\.0\\.0`.',
    );
    expect(section).toContain(
      'starts over from the first stage (`canary`), once the service is healthy again.',
    );
    expect(run.summary).toMatch(/^ {2}section Rollback\n {2}to 1\.0\.0 failed :crit, \d+, \d+$/m);
  }, 60_000);

  it('cancelled: the post step rolls back and a re-run starts over; no timeline', async () => {
    fleet = await makeFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '101', HANG_DEPLOY_STAGE: 'ramp' },
      onStart: (child) => {
        void waitForCall(fleet, (line) => line.startsWith('deploy api 1.1.0 ramp')).then(() =>
          child.kill('SIGINT'),
        );
      },
    });
    expect(run.outputs.outcome).toBe('cancelled');
    const section = whatNow(run.summary);
    expect(section).toContain(
      "- **Re-run failed jobs**: starts over from the first stage (`canary`): a cancelled release is rolled back by this job's post step (see its log), never resumed.",
    );
    expect(section).toContain('`command: rollback`, `service: api`, `version: 1\\.0\\.0`');
    expect(run.summary).not.toContain('gantt');
  }, 60_000);

  it('failed before any deploy: the error, then what a re-run does', async () => {
    fleet = await makeFleet();
    const run = await fleet.action({ inputs: { service: 'nope' } });
    expect(run.outputs.outcome).toBe('failed');
    expect(run.summary).toContain('**Stopped before any deploy.**');
    expect(run.summary).toContain('nope');
    const section = whatNow(run.summary);
    expect(section).toContain(
      '- **Re-run failed jobs**: runs it again from the start once the cause above is fixed; nothing was deployed.',
    );
    expect(section).toContain('- To look further: `monorepo-release history nope`.');
    expect(await fleet.calls()).toEqual([]);
  }, 60_000);
});
