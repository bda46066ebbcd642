/** `release` end to end: the built bundle as the runner runs it, real scripts, a real audit branch on a
 * local bare origin. docs/faults.md #1, #2, #3, #7, #10, #12, #14, #15, #17, #18. */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOptions } from '../helpers/action.js';
import {
  FLEET_TOKEN as TOKEN,
  killWhen,
  makeFleet,
  processAlive,
  type Fleet,
  type FleetOptions,
} from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

async function setup(options: FleetOptions = {}) {
  fleet = await makeFleet(options);
  return fleet;
}

function release(extra: Partial<ActionOptions> = {}, inputs: Record<string, string> = {}) {
  return fleet.action({ ...extra, inputs });
}

const records = () => fleet.records();

describe('release', () => {
  it('runs every stage in order with its health gate, records it, moves the pointer and pushes the tag', async () => {
    await setup();
    const run = await release();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.outcome).toBe('released');
    expect(run.outputs.version).toBe('1.0.0');
    expect(run.outputs['previous-version']).toBe('');
    const calls = await fleet.calls();
    expect(calls.filter((c) => c.startsWith('deploy'))).toEqual([
      'deploy api 1.0.0 canary 5 prev=',
      'deploy api 1.0.0 ramp 50 prev=',
      'deploy api 1.0.0 full 100 prev=',
    ]);
    // Gates run during each bake: several checks at 5 % and 50 %, one at 100 % (no bake).
    expect(calls.filter((c) => c === 'verify api 1.0.0 canary 5').length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c === 'verify api 1.0.0 full 100')).toHaveLength(1);
    expect(calls.some((c) => c.startsWith('rollback'))).toBe(false);
    const [record] = await records();
    expect(record).toMatchObject({
      id: run.outputs.record,
      outcome: 'released',
      version: '1.0.0',
      actor: 'alice',
      sha: fleet.sha,
      rollback: null,
    });
    expect(record!.stages.map((s) => [s.name, s.percent, s.result])).toEqual([
      ['canary', 5, 'passed'],
      ['ramp', 50, 'passed'],
      ['full', 100, 'passed'],
    ]);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({
      version: '1.0.0',
      sha: fleet.sha,
      record: record!.id,
    });
    expect((await fleet.repo.runOrigin(['rev-parse', 'refs/tags/api@v1.0.0'])).trim()).toBe(fleet.sha);
    expect(run.summary).toContain('| canary | 5 % |');
    expect(run.summary).toContain(record!.id);
  });

  it('stops at a failing canary deploy, rolls back once, and fails naming service, stage and exit code (faults.md #1)', async () => {
    await setup();
    expect((await release()).code).toBe(0);
    const run = await release(
      { env: { FAIL_DEPLOY_STAGE: 'canary', GITHUB_RUN_ID: '101' } },
      { version: '1.1.0' },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('rolled-back');
    expect(run.outputs['failed-stage']).toBe('canary');
    expect(run.stdout).toMatch(
      /::error::api 1\.1\.0: stage canary failed \(deploy exited with code 3\); rolled back: 1\.0\.0 is live/,
    );
    // No later stage; one rollback, then one health check of the known-good version.
    expect((await fleet.calls()).slice(-3)).toEqual([
      'deploy api 1.1.0 canary 5 prev=1.0.0',
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
      'verify api 1.0.0 rollback 100',
    ]);
    const failed = (await records()).find((r) => r.version === '1.1.0')!;
    expect(failed.outcome).toBe('rolled-back');
    expect(failed.stages).toHaveLength(1);
    expect(failed.stages[0]!.error).toMatchObject({ kind: 'deploy', 'exit-code': 3 });
    expect(failed.stages[0]!.error!.output).toContain('boom: cannot reach the cluster');
    expect(failed.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });
  });

  it('fails the gate at the second stage and keeps the failing check output (faults.md #2)', async () => {
    await setup();
    const run = await release({ env: { FAIL_VERIFY_PERCENT: '50' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', 'failed-stage': 'ramp' });
    const calls = await fleet.calls();
    expect(calls.some((c) => c.startsWith('deploy api 1.0.0 full'))).toBe(false);
    // First release: no known-good version, so the rollback command is told so (empty version).
    expect(calls.filter((c) => c.startsWith('rollback'))).toEqual([
      'rollback api to= failed=1.0.0 rollback 0',
    ]);
    const [record] = await records();
    expect(record!.stages[1]).toMatchObject({ name: 'ramp', result: 'failed', checks: { failed: 1 } });
    expect(record!.stages[1]!.error).toMatchObject({ kind: 'gate', 'exit-code': 1 });
    expect(record!.stages[1]!.error!.output).toContain('unhealthy: 503 from /healthz');
    expect(await fleet.audit('current/production/api.json')).toBeNull();
  });

  it('fails a check that never answers at its timeout', async () => {
    await setup({ verify: '{ command: ./scripts/verify.sh, interval: 100ms, timeout: 1s }' });
    const run = await release({ env: { HANG_VERIFY_PERCENT: '5' } });
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', 'failed-stage': 'canary' });
    const [record] = await records();
    expect(record!.stages[0]!.error!.message).toMatch(/timed out after 1s/);
  });

  it('tolerates max-failures failed checks, and no more', async () => {
    await setup({
      verify: '{ command: ./scripts/verify.sh, interval: 100ms, timeout: 2s, max-failures: 1 }',
    });
    const marker = `${fleet.ledger}.flaky`;
    const tolerated = await release({ env: { FAIL_VERIFY_ONCE: marker } });
    expect(tolerated.outputs.outcome).toBe('released');
    expect((await records())[0]!.stages[0]!.checks.failed).toBe(1);
    await fleet.cleanup();
    await setup({
      verify: '{ command: ./scripts/verify.sh, interval: 100ms, timeout: 2s, max-failures: 0 }',
    });
    const strict = await release({ env: { FAIL_VERIFY_ONCE: `${fleet.ledger}.flaky` } });
    expect(strict.outputs).toMatchObject({ outcome: 'rolled-back', 'failed-stage': 'canary' });
  });

  it('stops a hanging deploy at its timeout, with its whole process group, as a timeout (faults.md #14)', async () => {
    await setup({ timeout: '2s' });
    const run = await release({ env: { HANG_DEPLOY_STAGE: 'canary' } });
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', 'failed-stage': 'canary' });
    const [record] = await records();
    expect(record!.stages[0]!.error).toMatchObject({ kind: 'timeout' });
    const grandchild = Number(await readFile(`${fleet.ledger}.grandchild`, 'utf8'));
    expect(processAlive(grandchild)).toBe(false);
  });

  it('stops the rollout and rolls back when the audit record cannot be written mid-release, printing the record', async () => {
    await setup();
    expect((await release()).code).toBe(0);
    // Origin takes two more pushes (the new record, the start of canary), then refuses every one.
    const hook = join(fleet.repo.origin, 'hooks', 'pre-receive');
    const count = join(fleet.repo.origin, 'pushes');
    await writeFile(
      hook,
      `#!/bin/sh\nn=$(cat '${count}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '${count}'\n[ $n -le 2 ] || { echo 'denied' >&2; exit 1; }\n`,
    );
    await chmod(hook, 0o755);
    const run = await release({ env: { GITHUB_RUN_ID: '110' } }, { version: '1.1.0' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', 'failed-stage': 'canary' });
    const calls = await fleet.calls();
    expect(calls.filter((c) => c.startsWith('deploy api 1.1.0'))).toEqual([
      'deploy api 1.1.0 canary 5 prev=1.0.0',
    ]);
    expect(calls.filter((c) => c.startsWith('rollback'))).toEqual([
      'rollback api to=1.0.0 failed=1.1.0 rollback 100',
    ]);
    expect(run.stdout).toMatch(/audit record could not be written/);
    expect(run.stdout).toMatch(/audit record 110-1-[0-9a-f]+ as it should read: \{.*"outcome":"rolled-back"/);
  });

  it('reports a failed rollback as rollback-failed, loudly, never as success (faults.md #3)', async () => {
    await setup();
    expect((await release()).code).toBe(0);
    const run = await release(
      { env: { FAIL_DEPLOY_STAGE: 'ramp', FAIL_ROLLBACK: '1', GITHUB_RUN_ID: '102' } },
      { version: '1.1.0' },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('rollback-failed');
    expect(run.stdout).toMatch(
      /ROLLBACK FAILED.*Manual action is needed.*last known-good version is 1\.0\.0/,
    );
    const record = (await records()).find((r) => r.version === '1.1.0')!;
    expect(record.outcome).toBe('rollback-failed');
    expect(record.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'failed' });
  });

  it('reports a rollback that hangs past its timeout as rollback-failed', async () => {
    await setup({ timeout: '2s' });
    expect((await release()).code).toBe(0);
    const run = await release(
      { env: { FAIL_DEPLOY_STAGE: 'canary', HANG_ROLLBACK: '1', GITHUB_RUN_ID: '104' } },
      { version: '1.1.0' },
    );
    expect(run.outputs.outcome).toBe('rollback-failed');
    const record = (await records()).find((r) => r.version === '1.1.0')!;
    expect(record.rollback).toMatchObject({ result: 'failed' });
    expect(run.stdout).toMatch(/ROLLBACK FAILED too \(rollback timed out after 2s\)/);
  });

  it('runs nothing, writes no record and calls no API when the config is malformed (faults.md #10)', async () => {
    await setup();
    await fleet.repo.write(
      '.github/monorepo-release.yml',
      'version: 1\nservices:\n  api:\n    paths: [services/api/**]\n    deploy: ./scripts/deploy.sh\n    stages: [{ name: canary, percent: 50 }, { name: full, percent: 40 }]\n',
    );
    fleet.sha = await fleet.repo.commit('chore: bad stages');
    const run = await release();
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/::error file=\.github\/monorepo-release\.yml,line=6,col=\d+::/);
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.auditFiles()).toEqual([]);
    expect(fleet.api.requests).toEqual([]);
  });

  it('deploys the known-good version at 100 % when there is no rollback command', async () => {
    await setup({ rollback: null });
    expect((await release()).code).toBe(0);
    await release({ env: { FAIL_DEPLOY_STAGE: 'canary', GITHUB_RUN_ID: '103' } }, { version: '1.1.0' });
    const deploys = (await fleet.calls()).filter((c) => c.startsWith('deploy'));
    expect(deploys.slice(-2)).toEqual([
      'deploy api 1.1.0 canary 5 prev=1.0.0',
      'deploy api 1.0.0 rollback 100 prev=1.1.0',
    ]);
  });

  it('keeps the token, INPUT_* and the runtime token from commands, and their workflow commands inert (faults.md #15)', async () => {
    await setup({ stages: '[{ name: full, percent: 100 }]', verify: null });
    await fleet.repo.write(
      'scripts/deploy.sh',
      '#!/usr/bin/env bash\nenv > "$LEDGER.env"\necho "::set-output name=outcome::released"\necho "::error::injected"\necho "::stop-commands::abc"\necho "::abc::"\necho "::add-mask::x"\nexit 0\n',
    );
    fleet.sha = await fleet.repo.commit('chore: env dump');
    const run = await release({
      env: { ACTIONS_RUNTIME_TOKEN: 'rt-secret', GH_TOKEN: TOKEN, OTHER_NAME: TOKEN },
    });
    expect(run.code).toBe(0);
    const env = await readFile(`${fleet.ledger}.env`, 'utf8');
    expect(env).not.toMatch(/^INPUT_/m);
    expect(env).not.toContain(TOKEN);
    expect(env).not.toContain('rt-secret');
    expect(env).toMatch(/^RELEASE_SERVICE=api$/m);
    expect(env).toMatch(new RegExp(`^RELEASE_SHA=${fleet.sha}$`, 'm'));
    const lines = run.stdout.split('\n');
    const stop = lines.findIndex((l) => /^::stop-commands::[0-9a-f]{32}$/.test(l));
    const token = lines[stop]!.slice('::stop-commands::'.length);
    const resume = lines.indexOf(`::${token}::`);
    const injected = lines.findIndex((l) => l === '::error::injected');
    expect(stop).toBeGreaterThanOrEqual(0);
    expect(injected).toBeGreaterThan(stop);
    expect(injected).toBeLessThan(resume);
    expect(run.outputs.outcome).toBe('released');
    expect(Object.keys(run.outputs).sort()).toEqual([
      'failed-stage',
      'outcome',
      'previous-version',
      'record',
      'version',
    ]);
  });

  it('refuses a service name or version with shell metacharacters, running nothing (faults.md #12)', async () => {
    await setup();
    const cases: Array<Record<string, string>> = [
      { service: 'a;touch x' },
      { service: '$(id)' },
      { version: '1.0.0;touch x' },
      { version: '$(id)' },
    ];
    for (const inputs of cases) {
      const run = await release({}, inputs);
      expect(run.code, run.stdout).toBe(1);
      expect(run.outputs.outcome).toBe('failed');
    }
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.auditFiles()).toEqual([]);
  });

  it('writes nothing and runs nothing in a dry run', async () => {
    await setup();
    const run = await release({}, { 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('RELEASE_PERCENT=5');
    expect(run.stdout).toContain('./scripts/deploy.sh');
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.auditFiles()).toEqual([]);
  });

  it('refuses to run on pull_request events (faults.md #18)', async () => {
    await setup();
    const run = await release({ eventName: 'pull_request', event: { pull_request: {} } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/do not run on pull_request/);
    expect(await fleet.calls()).toEqual([]);
  });
});

describe('re-runs (faults.md #7)', () => {
  it('does nothing when the same release already succeeded', async () => {
    await setup();
    expect((await release()).outputs.outcome).toBe('released');
    const before = (await fleet.calls()).length;
    const again = await release({ env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(again.code).toBe(0);
    expect(again.outputs.outcome).toBe('already-released');
    expect((await fleet.calls()).length).toBe(before);
  });

  it('starts again from the first stage after a rollback', async () => {
    await setup();
    expect((await release({ env: { FAIL_VERIFY_PERCENT: '50' } })).outputs.outcome).toBe('rolled-back');
    const again = await release({ env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(again.outputs.outcome).toBe('released');
    const deploys = (await fleet.calls()).filter((c) => c.startsWith('deploy'));
    expect(deploys.slice(-3).map((c) => c.split(' ')[3])).toEqual(['canary', 'ramp', 'full']);
    expect(await records()).toHaveLength(2);
  });

  it('refuses to go back to a version older than one released since', async () => {
    await setup();
    expect((await release()).code).toBe(0);
    expect((await release({ env: { GITHUB_RUN_ID: '200' } }, { version: '1.1.0' })).outputs.outcome).toBe(
      'released',
    );
    const old = await release({ env: { GITHUB_RUN_ATTEMPT: '2' } }, { version: '1.0.0' });
    expect(old.code).toBe(1);
    expect(old.stdout).toMatch(/1\.1\.0 .* was released after 1\.0\.0/);
  });

  it('resumes at the interrupted stage after the runner was killed (faults.md #17)', async () => {
    await setup({
      stages:
        '[{ name: canary, percent: 5 }, { name: ramp, percent: 50, bake: 3s }, { name: full, percent: 100 }]',
      verify: '{ command: ./scripts/verify.sh, interval: 1s, timeout: 2s }',
    });
    const killed = await release({
      onStart: killWhen(fleet, (c) => c.startsWith('verify api 1.0.0 ramp')),
    });
    expect(killed.code).not.toBe(0);
    const [stuck] = await records();
    expect(stuck!.outcome).toBeNull();
    expect(stuck!.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', null],
    ]);
    const before = (await fleet.calls()).length;
    const resumed = await release({ env: { GITHUB_RUN_ATTEMPT: '2', HANG_VERIFY_PERCENT: '' } });
    expect(resumed.outputs.outcome, resumed.stdout).toBe('released');
    const deploys = (await fleet.calls()).slice(before).filter((c) => c.startsWith('deploy'));
    expect(deploys.map((c) => c.split(' ')[3])).toEqual(['ramp', 'full']);
    const [record] = await records();
    expect(record!.id).toBe(stuck!.id);
    expect(record!.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'passed'],
      ['full', 'passed'],
    ]);
  }, 90_000);
});
