/** The token reaches git through the environment only, and wins over a header actions/checkout persisted. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  execGit,
  git,
  gitAuthEnv,
  gitNetworkTimeoutMs,
  withoutCredentials,
} from '../../src/adapters/exec-git.js';
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js';
import { startHangingOrigin, type HangingOrigin } from '../helpers/hanging-origin.js';
import { TEST_GIT_ENV } from '../helpers/repo.js';

const TOKEN = 'ghs_rightToken1234567890';
let dir: string;
let server: GitHttpServer;
let work: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exec-git-test-'));
  await git(['init', '--quiet', '--bare', join(dir, 'repo.git')], { cwd: dir, env: TEST_GIT_ENV });
  server = await startGitHttpServer({ projectRoot: dir, token: TOKEN });
  work = join(dir, 'work');
  await git(['init', '--quiet', '-b', 'main', work], { cwd: dir, env: TEST_GIT_ENV });
  await git(['commit', '--quiet', '--allow-empty', '-m', 'x'], { cwd: work, env: TEST_GIT_ENV });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const push = (env: Record<string, string>) =>
  execGit(['push', '--quiet', `${server.url}/repo.git`, 'HEAD:refs/heads/main'], {
    cwd: work,
    env: { ...TEST_GIT_ENV, ...env },
  });

describe('gitAuthEnv', () => {
  it('authenticates a push with the token, and without it the server refuses', async () => {
    expect((await push(gitAuthEnv(undefined, {}))).code).not.toBe(0);
    expect((await push(gitAuthEnv(TOKEN, {}))).code).toBe(0);
  });

  it('wins over a wrong header that actions/checkout persisted for the server URL', async () => {
    const serverUrl = `${server.url.replace(/\/$/, '')}/`;
    const wrong = `AUTHORIZATION: basic ${Buffer.from('x-access-token:stale').toString('base64')}`;
    await git(['config', `http.${serverUrl}.extraheader`, wrong], { cwd: work, env: TEST_GIT_ENV });
    await git(['config', 'http.extraheader', wrong], { cwd: work, env: TEST_GIT_ENV });
    try {
      expect((await push({})).code).not.toBe(0);
      const result = await push(gitAuthEnv(TOKEN, { GITHUB_SERVER_URL: server.url }));
      expect(result.code, result.stderr).toBe(0);
      expect(server.requests.at(-1)?.authorized).toBe(true);
    } finally {
      await git(['config', '--unset-all', `http.${serverUrl}.extraheader`], { cwd: work, env: TEST_GIT_ENV });
      await git(['config', '--unset-all', 'http.extraheader'], { cwd: work, env: TEST_GIT_ENV });
    }
  });

  it('keeps git config entries passed before it through GIT_CONFIG_COUNT', () => {
    const env = gitAuthEnv(TOKEN, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.x',
      GIT_CONFIG_VALUE_0: 'y',
    });
    expect(env.GIT_CONFIG_COUNT).toBe('5');
    expect(env.GIT_CONFIG_KEY_1).toBe('http.extraheader');
    expect(env.GIT_CONFIG_VALUE_1).toBe('');
    expect(Object.values(env).join('\n')).not.toContain(TOKEN);
  });
});

/** The processes whose working directory is inside `dir` (git and what it started: git-remote-http, ssh). */
function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      const state = readFileSync(`/proc/${entry}/status`, 'utf8');
      if ((cwd === dir || cwd.startsWith(`${dir}/`)) && !/State:\s+Z/.test(state)) pids.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}

describe('network calls', () => {
  let hanging: HangingOrigin;
  let repo: string;

  beforeAll(async () => {
    hanging = await startHangingOrigin();
    repo = join(dir, 'network');
    await git(['init', '--quiet', repo], { cwd: dir, env: TEST_GIT_ENV });
    // A token in the URL must never reach a message.
    const withToken = hanging.url.replace('http://', 'http://x-access-token:ghs_secret123@');
    await git(['remote', 'add', 'origin', withToken], { cwd: repo, env: TEST_GIT_ENV });
  });

  afterAll(async () => {
    await hanging.close();
  });

  it('stops a call to an origin that never answers at its deadline, with every process it started', async () => {
    const run = await execGit(['ls-remote', 'origin'], {
      cwd: repo,
      env: TEST_GIT_ENV,
      network: { timeoutMs: 1500 },
    });
    expect(run.stopped).toBe('timed-out');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /^timed out after \ds talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)/,
    );
    expect(run.stderr).not.toContain('ghs_secret123');
    expect(hanging.connections).toBeGreaterThan(0);
    await expect.poll(() => processesIn(repo)).toEqual([]);
  });

  it('stops the call at once when its signal aborts', async () => {
    const controller = new AbortController();
    const before = hanging.connections;
    const call = execGit(['fetch', 'origin'], {
      cwd: repo,
      env: TEST_GIT_ENV,
      network: { timeoutMs: 600_000, signal: controller.signal },
    });
    await expect.poll(() => hanging.connections).toBeGreaterThan(before);
    expect(processesIn(repo).length).toBeGreaterThan(1); // git and git-remote-http
    controller.abort();
    const run = await call;
    expect(run.stopped).toBe('cancelled');
    expect(run.stderr).toMatch(/^cancelled while talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)/);
    await expect.poll(() => processesIn(repo)).toEqual([]);
  }, 10_000);

  it('lets git end a stalled HTTP transfer itself (low-speed limit) within the configured time', async () => {
    // A wall-clock limit far beyond the test's: only git's own low-speed limit can end this call.
    const run = await execGit(['ls-remote', 'origin'], {
      cwd: repo,
      env: { ...TEST_GIT_ENV, MONOREPO_RELEASE_GIT_TIMEOUT: '1' },
      network: { timeoutMs: 600_000 },
    });
    expect(run.stopped).toBe('timed-out');
    expect(run.stderr).toContain('Operation too slow');
  }, 10_000);

  it('runs ssh in batch mode with a connect timeout, unless the repository names its own ssh command', async () => {
    const bin = join(dir, 'bin');
    const seen = join(dir, 'ssh-args');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'ssh'), `#!/bin/sh\necho "$*" >> '${seen}'\nexit 255\n`, { mode: 0o755 });
    const env = { ...TEST_GIT_ENV, PATH: `${bin}:${process.env.PATH}`, MONOREPO_RELEASE_GIT_TIMEOUT: '7s' };
    const sshRepo = join(dir, 'ssh');
    await git(['init', '--quiet', sshRepo], { cwd: dir, env });
    const call = () =>
      execGit(['ls-remote', 'ssh://git@example.invalid/x.git'], { cwd: sshRepo, env, network: {} });
    await call();
    expect(await readFile(seen, 'utf8')).toMatch(
      /-o BatchMode=yes -o ConnectTimeout=7 .*git@example\.invalid/,
    );

    await rm(seen);
    await git(['config', 'core.sshCommand', `${join(bin, 'ssh')} -i my-key`], { cwd: sshRepo, env });
    await call();
    const args = await readFile(seen, 'utf8');
    expect(args).toContain('-i my-key');
    expect(args).not.toContain('BatchMode');
  });
});

describe('gitNetworkTimeoutMs', () => {
  it('is 30 s unless MONOREPO_RELEASE_GIT_TIMEOUT says otherwise', () => {
    expect(gitNetworkTimeoutMs({})).toBe(30_000);
    expect(gitNetworkTimeoutMs({ MONOREPO_RELEASE_GIT_TIMEOUT: '2' })).toBe(2_000);
    expect(gitNetworkTimeoutMs({ MONOREPO_RELEASE_GIT_TIMEOUT: '1500ms' })).toBe(1_500);
    expect(gitNetworkTimeoutMs({ MONOREPO_RELEASE_GIT_TIMEOUT: 'soon' })).toBe(30_000);
  });

  it('leaves credentials out of a URL', () => {
    expect(withoutCredentials('https://x-access-token:ghs_abc@github.com/a/b.git')).toBe(
      'https://github.com/a/b.git',
    );
    expect(withoutCredentials('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
  });
});
