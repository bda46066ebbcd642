/** A rewritten audit branch is detected before anything runs (faults.md #25): the built bundle as the runner
 * runs it, the branch force-pushed on the bare origin between two releases, with the old head in the
 * checkout (a self-hosted runner) and without it (a fresh clone). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../../src/adapters/exec-git.js';
import { makeFleet, type Fleet } from '../helpers/fleet.js';
import { TEST_GIT_ENV } from '../helpers/repo.js';

const BRANCH = 'release-audit';
let fleet: Fleet;
const temps: string[] = [];

afterEach(async () => {
  await fleet?.cleanup();
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const originHead = async () => (await fleet.repo.runOrigin(['rev-parse', BRANCH])).trim();

/** A full clone of origin (tags included), as actions/checkout with `fetch-depth: 0` makes on a new runner. */
async function freshClone(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'mr-fresh-'));
  temps.push(parent);
  const dir = join(parent, 'work');
  await git(['clone', '--quiet', fleet.repo.origin, dir], { cwd: parent, env: TEST_GIT_ENV });
  return dir;
}

/** Releases api 1.0.0 then 1.1.0 (tagged by the action); returns the audit head after the first. */
async function twoReleases(): Promise<string> {
  fleet = await makeFleet();
  expect((await fleet.action()).outputs.outcome).toBe('released');
  const afterFirst = await originHead();
  const second = await fleet.action({ env: { GITHUB_RUN_ID: '101' }, inputs: { version: '1.1.0' } });
  expect(second.outputs.outcome, second.stdout).toBe('released');
  expect((await fleet.repo.runOrigin(['rev-parse', 'refs/tags/api@v1.1.0'])).trim()).toBe(fleet.sha);
  return afterFirst;
}

/** What a refused run must leave: outcome failed, a rewrite error naming the ruleset, no stack, nothing
 * deployed, nothing written to the audit branch. */
async function expectRefused(
  run: Awaited<ReturnType<Fleet['action']>>,
  callsBefore: number,
  head: string,
): Promise<void> {
  expect(run.code).toBe(1);
  expect(run.outputs.outcome).toBe('failed');
  expect(run.stdout).toMatch(/::error::the audit branch 'release-audit' was rewritten/);
  expect(run.stdout).toMatch(/Settings → Rules → Rulesets.*Restrict deletions.*Block force pushes/);
  expect(run.stdout).not.toMatch(/\n\s+at /);
  expect((await fleet.calls()).slice(callsBefore)).toEqual([]);
  expect(await originHead()).toBe(head);
}

describe('a rewritten audit branch (faults.md #25)', () => {
  it('is refused in the checkout that saw the newer head, even where no tag tells', async () => {
    const old = await twoReleases();
    await fleet.repo.runOrigin(['update-ref', `refs/heads/${BRANCH}`, old]);
    const before = (await fleet.calls()).length;
    // 1.2.0 has no tag yet: only the head this checkout remembers shows the rewrite.
    const run = await fleet.action({ env: { GITHUB_RUN_ID: '102' }, inputs: { version: '1.2.0' } });
    await expectRefused(run, before, old);
    expect(run.stdout).toMatch(/an earlier run in this checkout saw/);
    expect(run.stdout).toMatch(/git update-ref -d refs\/monorepo-release\/audit\/release-audit/);
  });

  it('is refused in a fresh clone when a release tag marks a release the log lost (a re-run)', async () => {
    const old = await twoReleases();
    await fleet.repo.runOrigin(['update-ref', `refs/heads/${BRANCH}`, old]);
    const before = (await fleet.calls()).length;
    const run = await fleet.action({
      workspace: await freshClone(),
      env: { GITHUB_RUN_ID: '101', GITHUB_RUN_ATTEMPT: '2' },
      inputs: { version: '1.1.0' },
    });
    await expectRefused(run, before, old);
    expect(run.stdout).toMatch(
      /the tag api@v1\.1\.0 marks [0-9a-f]{12} as released, but the log holds no release of api 1\.1\.0 \(live: 1\.0\.0\)/,
    );
  });

  it('is refused in a fresh clone when the live pointer names a record the rewritten history dropped', async () => {
    await twoReleases();
    // A failed release after it: the latest record is no longer the one that made 1.1.0 live.
    const failed = await fleet.action({
      env: { GITHUB_RUN_ID: '102', FAIL_DEPLOY_STAGE: 'canary' },
      inputs: { version: '1.2.0' },
    });
    expect(failed.outputs.outcome).toBe('rolled-back');
    const live = (await fleet.audit<{ record: string }>('current/production/api.json'))!;
    const dropped = (await fleet.auditFiles()).find((p) => p.endsWith(`-${live.record}.json`))!;
    // Rewrite the last commit without the record that made 1.1.0 live, and force-push it.
    const editor = await freshClone();
    const edit = (args: string[]) => git(args, { cwd: editor, env: TEST_GIT_ENV });
    await edit(['checkout', '--quiet', BRANCH]);
    await edit(['rm', '--quiet', dropped]);
    await edit(['commit', '--quiet', '--amend', '-m', 'tidy up']);
    await edit(['push', '--quiet', '--force', 'origin', BRANCH]);
    const rewritten = await originHead();

    const before = (await fleet.calls()).length;
    const run = await fleet.action({
      workspace: await freshClone(),
      env: { GITHUB_RUN_ID: '103' },
      inputs: { version: '1.3.0' },
    });
    await expectRefused(run, before, rewritten);
    expect(run.stdout).toContain(
      `current/production/api.json names the record ${live.record}, which is not on the branch`,
    );
  });

  it('is refused when the latest pointer names a record that is not there', async () => {
    await twoReleases();
    const editor = await freshClone();
    const edit = (args: string[]) => git(args, { cwd: editor, env: TEST_GIT_ENV });
    await edit(['checkout', '--quiet', BRANCH]);
    await writeFile(
      join(editor, 'latest/production/api.json'),
      JSON.stringify({ record: 'gone', path: 'records/api/2020-01/20200101T000000Z-gone.json' }),
    );
    await edit(['commit', '--quiet', '-am', 'point elsewhere']);
    await edit(['push', '--quiet', 'origin', BRANCH]);
    const head = await originHead();
    const before = (await fleet.calls()).length;
    const run = await fleet.action({ env: { GITHUB_RUN_ID: '102' }, inputs: { version: '1.2.0' } });
    await expectRefused(run, before, head);
    expect(run.stdout).toContain(
      'latest/production/api.json names the record gone at records/api/2020-01/20200101T000000Z-gone.json, which is not on the branch',
    );
  });

  it('does not take the tag of a tag-triggered release for a lost release', async () => {
    await twoReleases();
    await fleet.repo.tag('api@v1.2.0', fleet.sha);
    await fleet.repo.run(['push', '--quiet', 'origin', 'refs/tags/api@v1.2.0']);
    const run = await fleet.action({
      env: { GITHUB_RUN_ID: '103', GITHUB_REF: 'refs/tags/api@v1.2.0' },
      inputs: { version: '1.2.0' },
    });
    expect(run.outputs.outcome, run.stdout).toBe('released');
  });
});
