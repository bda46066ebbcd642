/** GitHub integration end to end: the built bundle against a GitHub API server on 127.0.0.1 (real Octokit),
 * with faults (faults.md #5), missing permissions (faults.md #16), trigger safety (faults.md #18), the plan comment, and
 * a dead run recognised through the API (faults.md #17). */
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_USER, HUMAN_USER } from '../helpers/github-api-server.js';
import { killWhen, makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const WITH_DEPLOYMENTS = {
  stages:
    '[{ name: canary, percent: 5, bake: 200ms }, { name: ramp, percent: 50 }, { name: full, percent: 100 }]',
  extra: 'audit:\n  deployments: true\n',
};

const deploymentCalls = () => fleet.api.requests.filter((r) => r.path.includes('/deployments'));

describe('GitHub Deployments', () => {
  it('mirrors a release: one deployment of the commit, a status per stage, success at 100 %, within the call budget', async () => {
    fleet = await makeFleet(WITH_DEPLOYMENTS);
    const run = await fleet.action({ env: { GITHUB_SERVER_URL: 'https://github.example' } });
    expect(run.code, run.stdout).toBe(0);
    const [deployment] = fleet.api.deployments;
    expect(fleet.api.deployments).toHaveLength(1);
    expect(deployment!.request).toMatchObject({
      ref: fleet.sha,
      environment: 'production/api',
      auto_merge: false,
      required_contexts: [],
      payload: { service: 'api', version: '1.0.0', record: run.outputs.record },
    });
    expect(deployment!.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', 'canary 5 %: deploying'],
      ['in_progress', expect.stringMatching(/^canary 5 %: \d+\/\d+ checks passed$/)],
      ['in_progress', 'ramp 50 %: deploying'],
      ['in_progress', 'ramp 50 %: 1/1 checks passed'],
      ['in_progress', 'full 100 %: deploying'],
      ['in_progress', 'full 100 %: 1/1 checks passed'],
      ['success', '1.0.0 live at 100 %'],
    ]);
    expect(deployment!.statuses[0]!.log_url).toBe(
      'https://github.example/acme/mono/actions/runs/100/attempts/1',
    );
    // GITHUB_TOKEN allows 1,000 requests an hour per repository, and a push may release 50 services.
    expect(fleet.api.requests.length).toBeLessThanOrEqual(20);
    expect(fleet.api.requests.every((r) => r.authorized)).toBe(true);
  }, 60_000);

  it('marks a rolled-back release failure and records the rollback as its own deployment of the known-good commit', async () => {
    fleet = await makeFleet(WITH_DEPLOYMENTS);
    expect((await fleet.action()).code).toBe(0);
    const good = fleet.sha;
    await fleet.repo.write('services/api/x.ts', 'x\n');
    fleet.sha = await fleet.repo.commit('feat(api): x');
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '101', FAIL_DEPLOY_STAGE: 'ramp' },
    });
    expect(run.outputs.outcome).toBe('rolled-back');
    const [, failed, rollback] = fleet.api.deployments;
    expect(failed!.request).toMatchObject({ ref: fleet.sha, payload: { version: '1.1.0' } });
    expect(failed!.statuses.at(-1)).toMatchObject({ state: 'failure' });
    expect(rollback!.request).toMatchObject({
      ref: good,
      environment: 'production/api',
      payload: { version: '1.0.0' },
    });
    expect(rollback!.statuses.map((s) => s.state)).toEqual(['success']);
  }, 60_000);

  it('stops before the first deploy when the token lacks deployments: write, showing the permissions block (faults.md #16)', async () => {
    fleet = await makeFleet(WITH_DEPLOYMENTS);
    fleet.api.fail({ method: 'POST', path: /\/deployments$/ }, [
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const run = await fleet.action();
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/permissions:%0A {2}contents: write%0A {2}deployments: write/);
    expect(await fleet.calls()).toEqual([]);
    const [record] = await fleet.records();
    expect(record).toMatchObject({ outcome: 'failed', stages: [] });
    expect(record!.note).toMatch(/Resource not accessible/);
  });

  it('completes the rollout with a whole record through 502s, rate limits and a slow answer (faults.md #5)', async () => {
    fleet = await makeFleet(WITH_DEPLOYMENTS);
    fleet.api.fail({ method: 'POST', path: /\/deployments$/ }, [{ status: 502 }, { hangMs: 1500 }]);
    fleet.api.fail({ method: 'POST', path: /\/statuses$/ }, [
      {
        status: 403,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit' },
      },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 500 },
    ]);
    const run = await fleet.action();
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.outcome).toBe('released');
    expect(fleet.api.deployments).toHaveLength(1);
    expect(fleet.api.deployments[0]!.statuses.at(-1)).toMatchObject({ state: 'success' });
    const [record] = await fleet.records();
    expect(record!.stages.map((s) => s.result)).toEqual(['passed', 'passed', 'passed']);
    // The rate-limited status waited for retry-after before trying again.
    const statuses = deploymentCalls().filter((r) => r.path.endsWith('/statuses'));
    expect(statuses[1]!.at - statuses[0]!.at).toBeGreaterThanOrEqual(900);
  }, 90_000);

  it('turns a status that keeps failing into a warning, never into a failed release', async () => {
    fleet = await makeFleet(WITH_DEPLOYMENTS);
    fleet.api.fail(
      { method: 'POST', path: /\/statuses$/ },
      Array.from({ length: 4 }, () => ({ status: 503 })),
    );
    const run = await fleet.action();
    expect(run.code).toBe(0);
    expect(run.outputs.outcome).toBe('released');
    expect(run.stdout).toMatch(/::warning::.*deployment status/i);
  }, 90_000);
});

describe('the audit branch cannot be written (faults.md #16)', () => {
  it('stops before any deploy with the permissions block when origin refuses the push', async () => {
    fleet = await makeFleet();
    const hook = join(fleet.repo.origin, 'hooks', 'pre-receive');
    await writeFile(
      hook,
      '#!/bin/sh\necho "remote: Permission to acme/mono.git denied to github-actions[bot]." >&2\nexit 1\n',
    );
    await chmod(hook, 0o755);
    const run = await fleet.action();
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/cannot push to the audit branch/);
    expect(run.stdout).toMatch(/permissions:%0A {2}contents: write/);
    expect(await fleet.calls()).toEqual([]);
  });
});

describe('trigger safety (faults.md #18)', () => {
  it.each([
    ['pull_request_target', { pull_request: { number: 1 } }],
    [
      'workflow_run',
      {
        workflow_run: {
          head_repository: { full_name: 'mallory/mono' },
          repository: { full_name: 'acme/mono' },
        },
      },
    ],
  ])('refuses to release on %s, running nothing', async (eventName, event) => {
    fleet = await makeFleet();
    const run = await fleet.action({ eventName, event });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/release and rollback do not run/);
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.auditFiles()).toEqual([]);
    expect(fleet.api.requests).toEqual([]);
  });

  it('refuses a rollback on pull_request too, but plan previews there', async () => {
    fleet = await makeFleet();
    const rollback = await fleet.action({
      eventName: 'pull_request',
      event: { pull_request: { number: 1 } },
      inputs: { command: 'rollback' },
    });
    expect(rollback.code).toBe(1);
    const plan = await fleet.action({
      eventName: 'pull_request_target',
      event: { pull_request: { number: 1, base: { sha: fleet.sha }, head: { sha: fleet.sha } } },
      inputs: { command: 'plan' },
    });
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.outputs['has-changes']).toBe('false');
  });
});

describe('the plan comment on a pull request', () => {
  async function pullRequest() {
    await fleet.repo.run(['checkout', '-q', '-b', 'feature']);
    await fleet.repo.write('services/web/<img src=x onerror=alert(1)>.ts', 'x\n');
    const head = await fleet.repo.commit('feat(web): page');
    return {
      pull_request: { number: 7, base: { sha: fleet.sha, ref: 'main' }, head: { sha: head, ref: 'feature' } },
    };
  }

  it('keeps one comment, edited in place, with outside values escaped, and leaves a human quote alone', async () => {
    fleet = await makeFleet();
    const event = await pullRequest();
    fleet.api.addComment(7, 'I quote it: <!-- monorepo-release:plan -->', HUMAN_USER);
    const first = await fleet.action({
      eventName: 'pull_request',
      event,
      inputs: { command: 'plan', comment: 'true' },
    });
    expect(first.code, first.stdout).toBe(0);
    const second = await fleet.action({
      eventName: 'pull_request',
      event,
      inputs: { command: 'plan', comment: 'true' },
    });
    expect(second.code).toBe(0);
    const ours = fleet.api.comments.filter((c) => c.user.type === BOT_USER.type);
    expect(ours).toHaveLength(1);
    expect(fleet.api.comments).toHaveLength(2);
    expect(ours[0]!.body).toContain('<!-- monorepo-release:plan -->');
    expect(ours[0]!.body).toMatch(/\| web \|/);
    expect(ours[0]!.body).not.toContain('<img');
    expect(ours[0]!.body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(fleet.api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  }, 60_000);

  it("warns, and still succeeds, when a fork's read-only token cannot comment", async () => {
    fleet = await makeFleet();
    const event = await pullRequest();
    fleet.api.fail({ method: 'POST', path: /\/comments$/ }, [
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const run = await fleet.action({
      eventName: 'pull_request',
      event,
      inputs: { command: 'plan', comment: 'true' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::.*pull-requests: write/);
    expect(run.outputs['has-changes']).toBe('true');
  });
});

describe('a dead run recognised through the API (faults.md #17)', () => {
  it('rolls back the unfinished record of a run the API says completed, before deploying anything, then releases', async () => {
    fleet = await makeFleet({
      stages:
        '[{ name: canary, percent: 5 }, { name: ramp, percent: 50, bake: 3s }, { name: full, percent: 100 }]',
      verify: '{ command: ./scripts/verify.sh, interval: 1s, timeout: 2s }',
    });
    await fleet.action({
      env: { GITHUB_RUN_ID: '600' },
      onStart: killWhen(fleet, (c) => c.startsWith('verify api 1.0.0 ramp')),
    });
    fleet.api.runs.set('600', 'completed');
    const before = (await fleet.calls()).length;
    const run = await fleet.action({ env: { GITHUB_RUN_ID: '601' }, inputs: { version: '1.0.1' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/its run ended during stage ramp .*Finishing its rollback/);
    const records = await fleet.records();
    const dead = records.find((r) => r.version === '1.0.0')!;
    // Stages were deployed under it: rolled back, never `failed` (kept for "nothing deployed").
    expect(dead.outcome).toBe('rolled-back');
    expect(dead.note).toMatch(/its run ended during stage ramp/);
    expect(dead.stages.map((s) => s.result)).toEqual(['passed', 'cancelled']);
    expect((await fleet.calls()).slice(before, before + 2)).toEqual([
      'rollback api to= failed=1.0.0 rollback 0',
      'deploy api 1.0.1 canary 5 prev=',
    ]);
    expect(fleet.api.requests.some((r) => r.path.endsWith('/actions/runs/600'))).toBe(true);
  }, 90_000);
});
