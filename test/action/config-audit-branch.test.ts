/** `audit.branch` may not name a branch that holds code: the default branch (origin/HEAD), the branch the
 * workflow runs on, or a pull request's base. A config error before anything runs: no deploy, nothing
 * pushed. The built bundle as the runner runs it, and the built CLI. docs/faults.md #25 (first variant);
 * issue 14 item 5. */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/action.js';
import { fleetConfig, makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

/** A fleet whose config sends the audit log to `branch` (line 14 of the config). */
async function setup(branch: string): Promise<Fleet> {
  fleet = await makeFleet({ extra: `audit:\n  branch: ${branch}\n` });
  expect(fleetConfig().split('\n')).toHaveLength(13); // so `branch` stands on line 14
  return fleet;
}

const originRef = (ref: string) =>
  fleet.repo.runOrigin(['rev-parse', '--verify', '-q', ref]).then((s) => s.trim());

describe('audit.branch on a code branch', () => {
  it('the default branch (main): validate and release fail at its line; no deploy runs, nothing is pushed', async () => {
    await setup('main');
    const mainBefore = await originRef('refs/heads/main');
    const validate = await fleet.action({ inputs: { command: 'validate' } });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(
      /::error file=\.github\/monorepo-release\.yml,line=14,col=11::.*audit\.branch "main" is the repository's default branch \(origin\/HEAD\); the audit log needs a branch of its own/,
    );

    const release = await fleet.action();
    expect(release.code).toBe(1);
    expect(release.outputs.outcome).toBe('failed');
    expect(release.stdout).toMatch(/::error file=.*line=14,col=11::.*audit\.branch "main"/);
    expect(await fleet.calls()).toEqual([]);
    expect(await originRef('refs/heads/main')).toBe(mainBefore);
    await expect(originRef('refs/tags/api@v1.0.0')).rejects.toThrow();
  });

  it('plan fails the same way, and plans nothing', async () => {
    await setup('main');
    const run = await fleet.action({ eventName: 'workflow_dispatch', inputs: { command: 'plan' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/audit\.branch "main" is the repository's default branch/);
    expect(run.outputs.matrix).toBeUndefined();
  });

  it('the branch the workflow runs on, though not the default one', async () => {
    await setup('develop');
    const release = await fleet.action({ env: { GITHUB_REF: 'refs/heads/develop' } });
    expect(release.code).toBe(1);
    expect(release.stdout).toMatch(/audit\.branch "develop" is the branch this workflow runs on/);
    expect(await fleet.calls()).toEqual([]);
  });

  it('the base branch of a pull request, for a plan', async () => {
    await setup('develop');
    const run = await fleet.action({
      eventName: 'pull_request',
      event: {
        pull_request: { number: 3, base: { sha: fleet.sha, ref: 'develop' }, head: { sha: fleet.sha } },
      },
      env: { GITHUB_REF: 'refs/pull/3/merge' },
      inputs: { command: 'plan' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/audit\.branch "develop" is the base branch of this pull request/);
  });

  it('main or master when origin/HEAD does not tell the default branch', async () => {
    await setup('master');
    await fleet.repo.run(['symbolic-ref', '--delete', 'refs/remotes/origin/HEAD']);
    const cli = await runCli(['validate'], fleet.repo.dir);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/:14:11: audit\.branch "master" is a usual default branch/);
  });

  it('a branch of its own is fine, and the release writes its log there', async () => {
    await setup('deploy-log');
    const release = await fleet.action();
    expect(release.code, release.stdout + release.stderr).toBe(0);
    expect(await originRef('refs/heads/deploy-log')).toMatch(/^[0-9a-f]{40}$/);
    expect((await runCli(['validate'], fleet.repo.dir)).code).toBe(0);
  });
});
