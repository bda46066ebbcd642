/** The config is read from git at the commit planned or released, never through a link: a pull request
 * that commits `.github/monorepo-release.yml` as a symlink to a runner file gets a config error, and
 * nothing of that file is echoed. The built bundle as the runner runs it, and the built CLI.
 * docs/faults.md #26; issue 14 item 6. */
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, runCli, type ActionRun } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG_PATH = '.github/monorepo-release.yml';
const SECRET = 'SECRET-abc123';
const CONFIG = `version: 1
defaults:
  deploy: ./deploy.sh
services:
  api:
    paths: [services/api/**]
`;
const DEPLOY = `#!/usr/bin/env bash
echo "deploy $RELEASE_SERVICE" >> deployed.txt
`;

let repo: TestRepo;
let outside: string;
/** A runner file outside the checkout: what a malicious pull request would point the config at. */
let runnerFile: string;
let base: string;

beforeEach(async () => {
  repo = await makeRepo();
  outside = await mkdtemp(join(tmpdir(), 'mr-runner-'));
  runnerFile = join(outside, 'runner-secrets.yml');
  // YAML that would parse, and a plain line: either way, its text must never reach the output.
  await writeFile(runnerFile, `version: 1\ntoken: ${SECRET}\n${SECRET}\n`);
  await repo.write('services/api/index.ts', 'api');
  await repo.write('deploy.sh', DEPLOY);
  await chmod(join(repo.dir, 'deploy.sh'), 0o755);
  await repo.write(CONFIG_PATH, CONFIG);
  base = await repo.commit('chore: initial');
  await repo.push();
});

afterEach(async () => {
  await repo.cleanup();
  await rm(outside, { recursive: true, force: true });
});

/** Commits the config path as a symlink to the runner file (the work tree holds the link too, as a
 * checkout of the pull request would). */
async function commitSymlinkedConfig(): Promise<string> {
  await repo.remove(CONFIG_PATH);
  await symlink(runnerFile, join(repo.dir, CONFIG_PATH));
  await repo.write('services/api/index.ts', 'api changed');
  return repo.commit('feat(api): change');
}

/** Everything a run shows: logs, summary, outputs, saved state. */
function everything(run: ActionRun): string {
  return [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs), JSON.stringify(run.state)].join(
    '\n',
  );
}

function pullRequest(head: string) {
  return {
    eventName: 'pull_request',
    event: { pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head } } },
    env: { GITHUB_REF: 'refs/pull/7/merge', GITHUB_SHA: head },
  };
}

describe('a config path that is not a regular file', () => {
  it('a pull request with a symlinked config: plan fails with a config error and echoes nothing of the target', async () => {
    const head = await commitSymlinkedConfig();
    const run = await runAction({ workspace: repo.dir, ...pullRequest(head) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error file=${CONFIG_PATH},line=1,col=1::${CONFIG_PATH}:1:1: ${CONFIG_PATH} is a symlink; the config must be ` +
        `a regular file committed at ${CONFIG_PATH}`,
    );
    const shown = everything(run);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(runnerFile); // not even where the link points
    expect(run.outputs.matrix).toBeUndefined();
  });

  it('a symlink at the head input: plan refuses it the same way', async () => {
    const head = await commitSymlinkedConfig();
    // The checkout is back on a good commit; the range's head is the bad one.
    await repo.run(['checkout', '-q', base]);
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'workflow_dispatch',
      inputs: { base, head },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/is a symlink; the config must be a regular file/);
    expect(everything(run)).not.toContain(SECRET);
  });

  it('release refuses a symlinked config before any deploy', async () => {
    const head = await commitSymlinkedConfig();
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'push',
      event: { ref: 'refs/heads/main', after: head },
      inputs: { command: 'release', service: 'api', version: '1.0.0' },
      env: { GITHUB_SHA: head, GITHUB_REF: 'refs/heads/main', GITHUB_RUN_ID: '1' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/is a symlink; the config must be a regular file/);
    expect(everything(run)).not.toContain(SECRET);
    await expect(readFile(join(repo.dir, 'deployed.txt'), 'utf8')).rejects.toThrow(/ENOENT/);
    await expect(
      repo.runOrigin(['rev-parse', '--verify', '-q', 'refs/heads/release-audit']),
    ).rejects.toThrow();
  });

  it('a submodule at the config path is refused, naming what was found', async () => {
    await repo.run(['rm', '-q', '--cached', CONFIG_PATH]);
    await repo.run(['update-index', '--add', '--cacheinfo', `160000,${base},${CONFIG_PATH}`]);
    await repo.run(['commit', '-q', '-m', 'chore: submodule']);
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error file=.*monorepo-release\.yml is a submodule; the config must be/);
  });

  it('the CLI validate refuses a symlink in the work tree, reading nothing through it', async () => {
    await repo.remove(CONFIG_PATH);
    await symlink(runnerFile, join(repo.dir, CONFIG_PATH)); // not committed: validate reads the work tree
    const run = await runCli(['validate'], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${CONFIG_PATH} is a symlink; the config must be a regular file`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('the CLI validate refuses a config reached through a symlinked directory', async () => {
    await writeFile(join(outside, 'monorepo-release.yml'), `version: 1\n${SECRET}: x\n`);
    await repo.remove('.github');
    await symlink(outside, join(repo.dir, '.github'));
    const run = await runCli(['validate'], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a symlink');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});

describe('the config of the commit planned', () => {
  it('plan reads the committed config, not an edit of the work tree (action and CLI)', async () => {
    await repo.write('services/api/index.ts', 'api 2');
    await repo.commit('fix(api): two');
    await repo.write(CONFIG_PATH, 'version: 1\nbroken: [\n'); // uncommitted
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs.services!)).toEqual(['api']);
    const cli = await runCli(['plan', '--base', base, '--json'], repo.dir);
    expect(cli.code, cli.stderr).toBe(0);
    // The CLI's validate is the one that reads the developer's uncommitted file.
    expect((await runCli(['validate'], repo.dir)).code).toBe(1);
  });

  it('plan with the head input reads that commit’s config', async () => {
    await repo.write(CONFIG_PATH, CONFIG.replace('services/api/**', 'services/ap/**'));
    const broken = await repo.commit('chore: typo');
    await repo.run(['checkout', '-q', base]); // a checkout whose own config is fine
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'workflow_dispatch',
      inputs: { head: broken },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/"api" would never be released/);
  });
});
