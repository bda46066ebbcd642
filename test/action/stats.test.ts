/** `stats` end to end: real releases write a real audit branch on a local bare origin, then the built
 * bundle (command stats) and the built CLI read it back as delivery metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnNode } from '../helpers/action.js';
import { makeFleet, type Fleet } from '../helpers/fleet.js';

interface ServiceStatsView {
  service: string;
  environment: string;
  releases: number;
  deployments: number;
  failures: number;
  'change-failure-rate': number | null;
  'lead-time-seconds': { median: number | null; p90: number | null; measured: number };
  'time-to-restore-seconds': { median: number | null; restored: number; unrestored: number };
  rollbacks: { passed: number; failed: number };
  'rollback-success-rate': number | null;
  'days-since-drill': number | null;
}

interface StatsView {
  days: number;
  services: ServiceStatsView[];
  weeks: Array<{ start: string; releases: number; failures: number }>;
}

let fleet: Fleet;
/** api 1.0.0's record: released in production. */
let released: ReleasedRecord;

interface ReleasedRecord {
  service: string;
  outcome: string | null;
  stages: Array<{ percent: number; 'finished-at': string }>;
}

beforeAll(async () => {
  fleet = await makeFleet();
  expect((await fleet.action()).outputs.outcome).toBe('released');
  const failed = await fleet.action({
    env: { FAIL_DEPLOY_STAGE: 'canary', GITHUB_RUN_ID: '101' },
    inputs: { version: '1.1.0' },
  });
  expect(failed.outputs.outcome).toBe('rolled-back');
  const staging = await fleet.action({
    env: { GITHUB_RUN_ID: '102' },
    inputs: { service: 'web', environment: 'staging' },
  });
  expect(staging.outputs.outcome).toBe('released');
  released = ((await fleet.records()) as unknown as ReleasedRecord[]).find(
    (r) => r.service === 'api' && r.outcome === 'released',
  )!;
}, 120_000);

afterAll(async () => {
  await fleet?.cleanup();
});

/** The commit time of the released commit, as git has it. */
async function committedAt(): Promise<number> {
  return Number((await fleet.repo.run(['log', '-1', '--format=%ct', fleet.sha])).trim()) * 1000;
}

describe('command: stats', () => {
  it('reports every service and environment as output `stats`, with a table and a weekly chart in the summary', async () => {
    // The fleet's runs name a service by default; this one names none.
    const run = await fleet.action({ inputs: { command: 'stats', service: '', version: '' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const stats = JSON.parse(run.outputs.stats!) as StatsView;
    expect(stats.days).toBe(90);
    expect(stats.services.map((s) => [s.service, s.environment])).toEqual([
      ['api', 'production'],
      ['web', 'staging'],
    ]);
    const [api, web] = stats.services;
    // The released commit's commit time to the end of the 100 % stage.
    const full = released.stages.find((s) => s.percent === 100)!['finished-at'];
    const lead = (Date.parse(full) - (await committedAt())) / 1000;
    expect(api).toMatchObject({
      releases: 2,
      deployments: 1,
      failures: 1,
      'change-failure-rate': 0.5,
      'lead-time-seconds': { median: lead, p90: lead, measured: 1 },
      // 1.1.0 failed after 1.0.0 and nothing reached 100 % since.
      'time-to-restore-seconds': { median: null, restored: 0, unrestored: 1 },
      rollbacks: { passed: 1, failed: 0 },
      'rollback-success-rate': 1,
      'days-since-drill': null,
    });
    expect(web).toMatchObject({ releases: 1, deployments: 1, failures: 0, 'change-failure-rate': 0 });
    // 90 days: 13 weeks, the three releases of today in the last one.
    expect(stats.weeks).toHaveLength(13);
    expect(stats.weeks.at(-1)).toMatchObject({ releases: 3, failures: 1 });
    expect(run.summary).toContain('| api | production | 1 |');
    expect(run.summary).toContain('| web | staging | 1 |');
    expect(run.summary).toContain('```mermaid\nxychart-beta\n');
    expect(run.summary).toContain(`  bar [${'0, '.repeat(12)}3]`);
    expect(run.summary).toContain(`  line [${'0, '.repeat(12)}1]`);
  }, 60_000);

  it('narrows to one service and environment, and to the window given', async () => {
    const run = await fleet.action({
      inputs: { command: 'stats', service: 'api', environment: 'production', since: '7d' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const stats = JSON.parse(run.outputs.stats!) as StatsView;
    expect(stats.services.map((s) => [s.service, s.environment])).toEqual([['api', 'production']]);
    expect(stats.weeks).toHaveLength(1);
  }, 60_000);

  it('refuses a window it cannot read, naming the fix, and sets no output', async () => {
    const run = await fleet.action({ inputs: { command: 'stats', since: 'last quarter' } });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('the stats window "last quarter"');
    expect(run.stdout).toContain('`90d`');
    expect(run.outputs.stats).toBeUndefined();
  }, 60_000);
});

describe('CLI stats', () => {
  function cli(args: string[]) {
    return spawnNode(CLI, args, fleet.repo.dir, { PATH: process.env.PATH, HOME: process.env.HOME });
  }

  it('prints a table, and the same numbers as JSON with --json', async () => {
    const table = await cli(['stats']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^SERVICE +ENVIRONMENT +DEPLOYS/m);
    expect(table.stdout).toMatch(
      /^api +production +1 +[\d.]+ +\S+ \/ \S+ +50 % \(1 of 2\) +— +100 % +never$/m,
    );
    expect(table.stdout).toMatch(/^web +staging +1 /m);
    const json = await cli(['stats', 'web', '--since', '30d', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const stats = JSON.parse(json.stdout) as StatsView;
    expect(stats.days).toBe(30);
    expect(stats.services).toMatchObject([{ service: 'web', environment: 'staging', deployments: 1 }]);
  }, 60_000);

  it('refuses a bad window and a service argument that is no service name, as usage errors', async () => {
    const window = await cli(['stats', '--since', 'yesterday']);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('--since a number of days such as 90d');
    const name = await cli(['stats', '../../etc']);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('is not a service name');
  }, 60_000);
});
