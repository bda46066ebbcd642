/** The token reaches git through the environment only, and wins over a header actions/checkout persisted. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execGit, git, gitAuthEnv } from '../../src/adapters/exec-git.js';
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js';
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
