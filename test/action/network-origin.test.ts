/** An origin that accepts connections and never answers (faults.md #23): the built bundle, run as the runner
 * runs it. Every git call to origin has a deadline (2 s here, through MONOREPO_RELEASE_GIT_TIMEOUT); a
 * plan goes on with a warning, a release stops before any deploy, or mid-rollout stops and rolls back; a
 * cancel stops git at once. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { DEPLOY, ROLLBACK, makeFleet, type Fleet } from '../helpers/fleet.js';
import { startHangingOrigin, type HangingOrigin } from '../helpers/hanging-origin.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const DEADLINE = { MONOREPO_RELEASE_GIT_TIMEOUT: '2s' };

let hanging: HangingOrigin;

beforeEach(async () => {
  hanging = await startHangingOrigin();
});

afterEach(async () => {
  await hanging.close();
});

/** git processes (and what they started) working in `dir`. */
function gitProcessesIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? '';
      if (cwd.startsWith(dir) && name.startsWith('git') && !/State:\s+Z/.test(status)) found.push(name);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

describe('plan', () => {
  let repo: TestRepo;

  afterEach(async () => {
    await repo.cleanup();
  });

  it('goes on from the event range with a warning that names origin and the fix', async () => {
    repo = await makeRepo();
    await repo.write(
      '.github/monorepo-release.yml',
      'version: 1\ndefaults:\n  deploy: ./deploy.sh\nservices:\n  api:\n    paths: [api/**]\n',
    );
    await repo.write('api/main.ts', 'v1\n');
    const before = await repo.commit('feat: api');
    await repo.write('api/main.ts', 'v2\n');
    const after = await repo.commit('fix: api');
    await repo.run(['remote', 'set-url', 'origin', hanging.url]);
    const run = await runAction({
      workspace: repo.dir,
      inputs: { command: 'plan' },
      event: { ref: 'refs/heads/main', before, after, commits: [{ id: after }] },
      env: DEADLINE,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(hanging.connections).toBeGreaterThan(0);
    expect(run.stdout).toMatch(
      /::warning::could not read the audit branch release-audit \(cannot fetch the audit branch 'release-audit': timed out after \ds talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)\).*Fix: check that origin is reachable/,
    );
    expect(JSON.parse(run.outputs.services!)).toEqual(['api']);
    expect(run.outputs.matrix).toContain('"version":"0.1.0"');
  }, 30_000);
});

describe('plan with a base input', () => {
  let repo: TestRepo;

  afterEach(async () => {
    await repo.cleanup();
  });

  it('reads no audit log and never touches origin', async () => {
    repo = await makeRepo();
    await repo.write(
      '.github/monorepo-release.yml',
      'version: 1\ndefaults:\n  deploy: ./deploy.sh\nservices:\n  api:\n    paths: [api/**]\n',
    );
    await repo.write('api/main.ts', 'v1\n');
    const base = await repo.commit('feat: api');
    await repo.write('api/main.ts', 'v2\n');
    await repo.commit('fix: api');
    await repo.run(['remote', 'set-url', 'origin', hanging.url]);
    const run = await runAction({
      workspace: repo.dir,
      inputs: { command: 'plan', base },
      eventName: 'workflow_dispatch',
      env: { MONOREPO_RELEASE_GIT_TIMEOUT: '10m' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs.services!)).toEqual(['api']);
    expect(run.stdout).not.toContain('::warning::');
    expect(hanging.connections).toBe(0);
  }, 30_000);
});

describe('release', () => {
  let fleet: Fleet;

  afterEach(async () => {
    await fleet.cleanup();
  });

  it('stops before any deploy when the audit fetch times out', async () => {
    fleet = await makeFleet();
    await fleet.repo.run(['remote', 'set-url', 'origin', hanging.url]);
    const run = await fleet.action({ env: DEADLINE });
    expect(run.code).not.toBe(0);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(
      /::error::cannot fetch the audit branch 'release-audit': timed out after \ds talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)/,
    );
    expect(await fleet.calls()).toEqual([]);
  }, 30_000);

  it('mid-rollout, an audit push past its deadline is killed, and the release stops and rolls back', async () => {
    fleet = await makeFleet();
    // At ramp the deploy script points origin at the listener that never answers; the rollback script
    // points it back, so the rollback can be recorded. The scripts run from the work tree.
    const deploy = DEPLOY.replace(
      '#!/usr/bin/env bash\n',
      '#!/usr/bin/env bash\nif [ "$RELEASE_STAGE" = ramp ]; then git remote set-url origin "$HANG_URL"; fi\n',
    );
    const rollback = ROLLBACK.replace(
      '#!/usr/bin/env bash\n',
      '#!/usr/bin/env bash\ngit remote set-url origin "$REAL_ORIGIN"\n',
    );
    await writeFile(join(fleet.repo.dir, 'scripts/deploy.sh'), deploy);
    await writeFile(join(fleet.repo.dir, 'scripts/rollback.sh'), rollback);
    await chmod(join(fleet.repo.dir, 'scripts/deploy.sh'), 0o755);
    await chmod(join(fleet.repo.dir, 'scripts/rollback.sh'), 0o755);
    const run = await fleet.action({
      env: { ...DEADLINE, HANG_URL: hanging.url, REAL_ORIGIN: fleet.repo.origin },
    });
    expect(run.code).not.toBe(0);
    expect(hanging.connections).toBeGreaterThan(0);
    expect(run.stdout).toMatch(
      /could not write the audit record .*cannot push to the audit branch 'release-audit': timed out after \ds talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)/,
    );
    expect(run.outputs.outcome).toBe('rolled-back');
    const calls = await fleet.calls();
    expect(calls.filter((l) => l.startsWith('deploy')).map((l) => l.split(' ')[3])).toEqual([
      'canary',
      'ramp',
    ]);
    expect(calls.filter((l) => l.startsWith('rollback'))).toHaveLength(1);
    expect(calls.some((l) => l.startsWith('deploy api 1.0.0 full'))).toBe(false);
    expect(gitProcessesIn(fleet.repo.dir)).toEqual([]);
  }, 60_000);

  it('a cancel stops a hanging git at once, with everything it started', async () => {
    fleet = await makeFleet();
    await fleet.repo.run(['remote', 'set-url', 'origin', hanging.url]);
    let gitAtCancel: string[] = [];
    const run = await fleet.action({
      // A deadline far beyond this test's: only the cancel can stop git in time.
      env: { MONOREPO_RELEASE_GIT_TIMEOUT: '10m' },
      onStart: (child) => {
        void (async () => {
          while (hanging.connections === 0) await new Promise((r) => setTimeout(r, 50));
          await new Promise((r) => setTimeout(r, 200));
          gitAtCancel = gitProcessesIn(fleet.repo.dir);
          child.kill('SIGINT');
          const term = setTimeout(() => child.kill('SIGTERM'), 7500);
          child.once('close', () => clearTimeout(term));
        })();
      },
    });
    expect(gitAtCancel).toContain('git-remote-http');
    // The action has ended: a git it left behind would still run here.
    await expect.poll(() => gitProcessesIn(fleet.repo.dir), { timeout: 1500 }).toEqual([]);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(
      /cancelled while talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)/,
    );
    expect(await fleet.calls()).toEqual([]);
  }, 30_000);
});
