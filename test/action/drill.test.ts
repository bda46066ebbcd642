/** `command: drill`, run by the built bundle as the runner runs it, against a fleet whose ops scripts write
 * a ledger: back to the version before with the rollback command, gate, forward to the live version,
 * gate; the live pointer names what is really live after every ending; refusals run nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitAuditStore } from '../../src/adapters/audit-store.js';
import { runCli } from '../helpers/action.js';
import { fleetConfig, makeFleet, waitForCall, type AuditRecordView, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const STAGING = { environment: 'staging' };
const drill = (env: Record<string, string> = {}, inputs: Record<string, string> = STAGING) =>
  fleet.action({
    eventName: 'workflow_dispatch',
    inputs: { command: 'drill', version: '', ...inputs },
    env: { GITHUB_RUN_ID: '200', ...env },
  });

/** api 1.0.0 then 1.1.0 released to `environment` (staging unless given): 1.1.0 is live, 1.0.0 before it. */
async function twoReleases(inputs: Record<string, string> = STAGING): Promise<void> {
  const first = await fleet.action({ inputs });
  expect(first.outputs.outcome, first.stdout).toBe('released');
  const second = await fleet.action({
    inputs: { ...inputs, version: '1.1.0' },
    env: { GITHUB_RUN_ID: '101' },
  });
  expect(second.outputs.outcome, second.stdout).toBe('released');
}

/** The ledger lines written from now on. */
async function callsSince(before: string[]): Promise<string[]> {
  return (await fleet.calls()).slice(before.length);
}

async function drillRecord(): Promise<AuditRecordView> {
  return (await fleet.records()).find((r) => r.kind === 'drill')!;
}

describe('a drill against staging', () => {
  beforeEach(async () => {
    fleet = await makeFleet({ stages: '[{ name: full, percent: 100 }]' });
    await twoReleases();
  });

  it('rolls back to the version before, checks the gate, rolls forward to the live version, checks the gate', async () => {
    const before = await fleet.calls();
    const pointer = await fleet.audit('current/staging/api.json');
    const run = await drill();
    expect(run.code, run.stdout).toBe(0);
    expect(await callsSince(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'verify api 1.0.0 rollback 100',
      'deploy api 1.1.0 drill-forward 100 prev=1.0.0',
      'verify api 1.1.0 drill-forward 100',
    ]);
    expect(run.outputs).toMatchObject({ outcome: 'drilled', version: '1.1.0', 'previous-version': '1.0.0' });
    const record = await drillRecord();
    expect(record).toMatchObject({ id: run.outputs.record, outcome: 'drilled', version: '1.1.0' });
    expect(record['previous-version']).toBe('1.0.0');
    expect(record.stages.map((s) => [s.name, s.percent, s.result, s.checks])).toEqual([
      ['drill-back', 100, 'passed', { passed: 1, failed: 0 }],
      ['drill-forward', 100, 'passed', { passed: 1, failed: 0 }],
    ]);
    // What is live did not change: the pointer is the very same file.
    expect(await fleet.audit('current/staging/api.json')).toEqual(pointer);
    // The summary escapes markdown: `1\.1\.0`, `drill\-back`.
    expect(run.summary).toContain('### api 1\\.1\\.0 → staging: drilled');
    expect(run.summary).toMatch(
      /\| drill\\-back \| 100 % \|.*\| passed \|\n\| drill\\-forward \| 100 % \|.*\| passed \|/,
    );
    // A re-run of the release of 1.1.0 finds it live, and does not take the drill for its release.
    const rerun = await fleet.action({
      inputs: { ...STAGING, version: '1.1.0' },
      env: { GITHUB_RUN_ID: '101' },
    });
    expect(rerun.outputs.outcome).toBe('already-released');
    expect(rerun.outputs.record).not.toBe(run.outputs.record);
    // The lease is given back: a release of the service runs after it.
    const next = await fleet.action({
      inputs: { ...STAGING, version: '1.2.0' },
      env: { GITHUB_RUN_ID: '201' },
    });
    expect(next.outputs.outcome, next.stdout).toBe('released');
  }, 90_000);

  it('a failing rollback command: nothing else is deployed, a loud error, the pointer still names 1.1.0', async () => {
    const before = await fleet.calls();
    const run = await drill({ FAIL_ROLLBACK: '1' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'drill-failed', 'failed-stage': 'drill-back' });
    expect(await callsSince(before)).toEqual(['rollback api to=1.0.0 failed=1.1.0 rollback 100']);
    expect(run.stdout).toMatch(
      /::error::api DRILL FAILED in staging: the rollback from 1\.1\.0 to 1\.0\.0 failed \(rollback exited with code 1\)\. Nothing else was deployed\..*1\.1\.0 may still be live/,
    );
    expect(await fleet.audit('current/staging/api.json')).toMatchObject({ version: '1.1.0' });
    const record = await drillRecord();
    expect(record.outcome).toBe('drill-failed');
    expect(record.stages.map((s) => [s.name, s.result, s.error?.kind])).toEqual([
      ['drill-back', 'failed', 'deploy'],
    ]);
  }, 90_000);

  it('a rollback whose gate fails: nothing else is deployed, and the pointer names 1.0.0, which the rollback made live', async () => {
    const before = await fleet.calls();
    const run = await drill({ FAIL_VERIFY_PERCENT: '100' });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('drill-failed');
    expect(await callsSince(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'verify api 1.0.0 rollback 100',
    ]);
    expect(await fleet.audit('current/staging/api.json')).toMatchObject({
      version: '1.0.0',
      'previous-version': '1.1.0',
      record: run.outputs.record,
    });
  }, 90_000);

  it('a failing roll forward leaves 1.0.0 live, and the pointer and a loud error say so', async () => {
    const before = await fleet.calls();
    const run = await drill({ FAIL_DEPLOY_STAGE: 'drill-forward' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'drill-failed', 'failed-stage': 'drill-forward' });
    expect(await callsSince(before)).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'verify api 1.0.0 rollback 100',
      'deploy api 1.1.0 drill-forward 100 prev=1.0.0',
    ]);
    expect(run.stdout).toMatch(/::error::api: 1\.0\.0 is LIVE in staging now, not 1\.1\.0/);
    expect(run.stdout).toMatch(/::error::api DRILL FAILED in staging: .*1\.0\.0 is LIVE NOW, not 1\.1\.0/);
    const sha100 = (await fleet.records()).find((r) => r.kind === 'release' && r.version === '1.0.0')!.sha;
    expect(await fleet.audit('current/staging/api.json')).toMatchObject({
      version: '1.0.0',
      sha: sha100,
      record: run.outputs.record,
      'previous-version': '1.1.0',
    });
    expect(await drillRecord()).toMatchObject({ outcome: 'drill-failed' });
  }, 90_000);

  it('refuses while a release of the service is paused, and runs nothing', async () => {
    const store = new GitAuditStore({ root: fleet.repo.dir, branch: 'release-audit' });
    await store.write('test: the latest release paused', async (tree) => {
      const latest = JSON.parse((await tree.read('latest/staging/api.json'))!) as { path: string };
      const record = JSON.parse((await tree.read(latest.path))!) as Record<string, unknown>;
      const paused = { ...record, outcome: 'paused', 'finished-at': null };
      return [{ path: latest.path, content: JSON.stringify(paused, null, 2) + '\n' }];
    });
    const before = await fleet.calls();
    const files = await fleet.auditFiles();
    const run = await drill();
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/::error::api: the release of 1\.1\.0 \(record [^)]+\) is paused/);
    expect(run.stdout).toMatch(/command: promote. or .command: abort/);
    expect(await callsSince(before)).toEqual([]);
    expect(await fleet.auditFiles()).toEqual(files);
  }, 90_000);

  it('refuses while a release of the service is in progress, and runs nothing', async () => {
    const release = fleet.action({
      inputs: { ...STAGING, version: '1.2.0' },
      env: { GITHUB_RUN_ID: '300', SLOW_DEPLOY: '4' },
    });
    await waitForCall(fleet, (line) => line.startsWith('deploy api 1.2.0'));
    const before = await fleet.calls();
    const run = await drill({ GITHUB_RUN_ID: '301' });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/::error::api: run 300 is running a release of 1\.2\.0 .* right now/);
    expect((await callsSince(before)).filter((l) => !l.startsWith('deployed api 1.2.0'))).toEqual([]);
    expect((await release).outputs.outcome).toBe('released');
    expect((await fleet.records()).some((r) => r.kind === 'drill')).toBe(false);
  }, 90_000);

  it('a dry run says what it would run and runs nothing', async () => {
    const before = await fleet.calls();
    const run = await drill({}, { ...STAGING, 'dry-run': 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.outcome).toBe('dry-run');
    expect(run.stdout).toMatch(/would drill api in staging: back from 1\.1\.0 to 1\.0\.0/);
    // The CLI says the same, from the audit branch on origin.
    const cli = await runCli(['drill', 'api', '--environment', 'staging', '--dry-run'], fleet.repo.dir);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(
      /would drill api in staging: back from 1\.1\.0 to 1\.0\.0 \([0-9a-f]{12}\) with \.\/scripts\/rollback\.sh, then the health gate once; forward to 1\.1\.0/,
    );
    const production = await runCli(['drill', 'api', '--dry-run'], fleet.repo.dir);
    expect(production.code).toBe(2);
    expect(production.stderr).toMatch(
      /pass --environment staging, or add `drill: \{ allow-production: true \}`/,
    );
    expect(await callsSince(before)).toEqual([]);
  }, 90_000);
});

describe('a drill of a service without a rollback command', () => {
  it('goes back with deploy at 100 % and the version before, as a manual rollback does', async () => {
    fleet = await makeFleet({ stages: '[{ name: full, percent: 100 }]', rollback: null });
    await twoReleases();
    const before = await fleet.calls();
    const run = await drill();
    expect(run.outputs.outcome, run.stdout).toBe('drilled');
    expect(await callsSince(before)).toEqual([
      'deploy api 1.0.0 rollback 100 prev=1.1.0',
      'verify api 1.0.0 rollback 100',
      'deploy api 1.1.0 drill-forward 100 prev=1.0.0',
      'verify api 1.1.0 drill-forward 100',
    ]);
  }, 90_000);
});

describe('a drill that has nothing to drill', () => {
  it('refuses a service never released there, and one with no version before the live one', async () => {
    fleet = await makeFleet({ stages: '[{ name: full, percent: 100 }]' });
    const never = await drill();
    expect(never.code).toBe(1);
    expect(never.outputs.outcome).toBe('failed');
    expect(never.stdout).toMatch(/api has never been released to staging: there is no live version to drill/);
    expect((await fleet.action({ inputs: STAGING })).outputs.outcome).toBe('released');
    const once = await drill();
    expect(once.outputs.outcome).toBe('failed');
    expect(once.stdout).toMatch(/no version was live in staging before 1\.0\.0/);
    expect(await fleet.calls()).toEqual(['deploy api 1.0.0 full 100 prev=', 'verify api 1.0.0 full 100']);
  }, 90_000);
});

describe('a drill against production', () => {
  it('is refused by default, with nothing run, and runs with `drill: { allow-production: true }`', async () => {
    fleet = await makeFleet({ stages: '[{ name: full, percent: 100 }]' });
    await twoReleases({});
    const before = await fleet.calls();
    const refused = await drill({}, {});
    expect(refused.code).toBe(1);
    expect(refused.outputs.outcome).toBe('failed');
    expect(refused.stdout).toMatch(/::error::a drill rolls production back on purpose/);
    expect(refused.stdout).toMatch(/drill: \{ allow-production: true \}/);
    expect(await callsSince(before)).toEqual([]);
    expect((await fleet.records()).some((r) => r.kind === 'drill')).toBe(false);

    await fleet.repo.write(
      '.github/monorepo-release.yml',
      fleetConfig({ stages: '[{ name: full, percent: 100 }]' }) + 'drill:\n  allow-production: true\n',
    );
    fleet.sha = await fleet.repo.commit('chore: drills in production');
    await fleet.repo.push();
    const allowed = await drill({}, {});
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(allowed.outputs.outcome).toBe('drilled');
    expect(await callsSince(before)).toHaveLength(4);
  }, 90_000);

  it('a bad `drill:` value is a config error with file:line:col, and nothing runs', async () => {
    fleet = await makeFleet({
      stages: '[{ name: full, percent: 100 }]',
      extra: 'drill:\n  allow-production: yes please\n',
    });
    const run = await drill();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=\.github\/monorepo-release\.yml,line=\d+,col=\d+[^:]*::.*allow-production/,
    );
    expect(await fleet.calls()).toEqual([]);
  }, 90_000);
});
