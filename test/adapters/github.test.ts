import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubFromEnv, OctokitGitHub, type OctokitGitHubOptions } from '../../src/adapters/github.js';
import { PermissionError } from '../../src/core/errors.js';
import {
  BOT_USER,
  HUMAN_USER,
  startGitHubApiServer,
  type ApiRequest,
  type GitHubApiServer,
} from '../helpers/github-api-server.js';
import { memoryLogger } from '../helpers/logger.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const MARKER = '<!-- monorepo-release:plan -->';
const LOG_URL = 'https://github.com/octo/demo/actions/runs/42';
const DEPLOYMENTS = /^\/repos\/octo\/demo\/deployments$/;
const STATUSES = /^\/repos\/octo\/demo\/deployments\/\d+\/statuses$/;
const RUN = '/repos/octo/demo/actions/runs/42';
const SECONDARY = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' };

let server: GitHubApiServer;
let log: ReturnType<typeof memoryLogger>;

function client(options: Partial<OctokitGitHubOptions> = {}): OctokitGitHub {
  return new OctokitGitHub({
    token: server.token,
    repository: server.repository,
    apiUrl: server.url,
    log,
    retryAfterCapSeconds: 5,
    requestTimeoutMs: 2_000,
    retryBaseMs: 10,
    ...options,
  });
}

const deployment = {
  sha: SHA,
  environment: 'production/api',
  description: 'api v1.4.0',
  payload: { service: 'api' },
};

/** What the server saw, without timestamps: method, path and body. */
function calls(requests: ApiRequest[] = server.requests): Array<[string, string, unknown]> {
  return requests.map((r) => [r.method, r.path, r.body]);
}

function gapMs(requests: ApiRequest[], from: number): number {
  return requests[from + 1]!.at - requests[from]!.at;
}

beforeEach(async () => {
  server = await startGitHubApiServer({ token: 'ghs_test_token' });
  server.runs.set('42', 'in_progress');
  log = memoryLogger();
});

afterEach(async () => {
  await server.close();
});

describe('deployments', () => {
  it('creates a deployment and posts three statuses with the exact bodies, one request each', async () => {
    const api = client();
    const id = await api.createDeployment(deployment);
    const long = `ramp: ${'x'.repeat(200)}`;
    expect(
      await api.setDeploymentStatus({
        deploymentId: id,
        state: 'in_progress',
        description: 'canary 5 %',
        logUrl: LOG_URL,
      }),
    ).toBe(true);
    expect(
      await api.setDeploymentStatus({
        deploymentId: id,
        state: 'in_progress',
        description: long,
        logUrl: LOG_URL,
      }),
    ).toBe(true);
    expect(
      await api.setDeploymentStatus({
        deploymentId: id,
        state: 'success',
        description: 'released api v1.4.0',
        logUrl: LOG_URL,
        environmentUrl: 'https://api.example.com',
      }),
    ).toBe(true);

    const statuses = `/repos/octo/demo/deployments/${id}/statuses`;
    expect(calls()).toEqual([
      [
        'POST',
        '/repos/octo/demo/deployments',
        {
          ref: SHA,
          environment: 'production/api',
          description: 'api v1.4.0',
          payload: { service: 'api' },
          auto_merge: false,
          required_contexts: [],
          transient_environment: false,
          production_environment: true,
        },
      ],
      ['POST', statuses, { state: 'in_progress', description: 'canary 5 %', log_url: LOG_URL }],
      ['POST', statuses, { state: 'in_progress', description: `${long.slice(0, 139)}…`, log_url: LOG_URL }],
      [
        'POST',
        statuses,
        {
          state: 'success',
          description: 'released api v1.4.0',
          log_url: LOG_URL,
          environment_url: 'https://api.example.com',
          auto_inactive: true,
        },
      ],
    ]);
    expect(server.requests.every((r) => r.authorized)).toBe(true);
    expect(server.deployments[0]!.statuses).toHaveLength(3);
    expect(api.requests).toBe(4);
    expect(log.lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('marks only environments named production… as production', async () => {
    const api = client();
    await api.createDeployment({ ...deployment, environment: 'staging/api' });
    await api.createDeployment({ ...deployment, environment: 'production-eu/api' });
    expect(server.deployments.map((d) => d.request.production_environment)).toEqual([false, true]);
  });

  it('retries a 502 and creates the deployment once', async () => {
    server.fail({ method: 'POST', path: DEPLOYMENTS }, [{ status: 502 }]);
    const api = client();
    const id = await api.createDeployment(deployment);
    expect(server.deployments.map((d) => d.id)).toEqual([id]);
    expect(server.requests.map((r) => r.fault)).toEqual([true, false]);
    expect(api.requests).toBe(2);
  });

  it('aborts a hanging request after the timeout and retries it', async () => {
    server.fail({ method: 'POST', path: DEPLOYMENTS }, [{ hangMs: 5_000 }]);
    const api = client({ requestTimeoutMs: 300 });
    const id = await api.createDeployment(deployment);
    expect(server.deployments.map((d) => d.id)).toEqual([id]);
    expect(api.requests).toBe(2);
  });

  it.each([
    [403, 'Resource not accessible by integration'],
    [404, 'Resource not accessible by integration'],
    [403, 'Must have admin rights to Repository.'],
  ])(
    'turns %i "%s" into a PermissionError showing the permissions block, without retrying',
    async (status, message) => {
      server.fail({ method: 'POST', path: DEPLOYMENTS }, [{ status, body: { message } }]);
      const api = client();
      const error = await api.createDeployment(deployment).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermissionError);
      const shown = (error as PermissionError).describe();
      expect(shown).toContain(message);
      expect(shown).toContain('permissions:\n  contents: write\n  deployments: write');
      expect(api.requests).toBe(1);
    },
  );

  it('reports a 422 with the API message, not as a permission problem', async () => {
    server.fail({ method: 'POST', path: DEPLOYMENTS }, [
      {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ message: 'No ref found for: deadbeef' }] },
      },
    ]);
    const error = await client()
      .createDeployment(deployment)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermissionError);
    expect((error as Error).message).toContain('Validation Failed (No ref found for: deadbeef)');
  });

  it('returns false and warns when a status keeps failing, after three retries', async () => {
    const id = await client().createDeployment(deployment);
    server.fail({ path: STATUSES }, [{ status: 502 }, { status: 502 }, { status: 503 }, { status: 502 }]);
    const api = client();
    const ok = await api.setDeploymentStatus({
      deploymentId: id,
      state: 'failure',
      description: 'x',
      logUrl: LOG_URL,
    });
    expect(ok).toBe(false);
    expect(api.requests).toBe(4);
    expect(log.lines).toEqual([expect.stringMatching(/^warning: Could not set .*"failure".*HTTP 502/)]);
    expect(server.deployments[0]!.statuses).toEqual([]);
  });

  it('returns false and says so when a status times out every time', async () => {
    const id = await client().createDeployment(deployment);
    const hang = { hangMs: 5_000 };
    server.fail({ path: STATUSES }, [hang, hang, hang, hang]);
    const api = client({ requestTimeoutMs: 200 });
    const ok = await api.setDeploymentStatus({
      deploymentId: id,
      state: 'success',
      description: 'x',
      logUrl: LOG_URL,
    });
    expect(ok).toBe(false);
    expect(api.requests).toBe(4);
    expect(log.lines).toEqual([expect.stringContaining('no answer within')]);
  });

  it('returns false with the permission to add when a status is refused', async () => {
    const id = await client().createDeployment(deployment);
    server.fail({ path: STATUSES }, [
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const ok = await client().setDeploymentStatus({
      deploymentId: id,
      state: 'success',
      description: 'x',
      logUrl: LOG_URL,
    });
    expect(ok).toBe(false);
    expect(log.lines).toEqual([expect.stringContaining('the job needs `deployments: write`')]);
  });
});

describe('rate limits', () => {
  it('waits for retry-after on a 403 secondary rate limit, then retries', async () => {
    server.fail({ path: RUN }, [{ status: 403, headers: { 'retry-after': '1' }, body: SECONDARY }]);
    const api = client();
    expect(await api.runActive('42')).toBe(true);
    expect(api.requests).toBe(2);
    expect(gapMs(server.requests, 0)).toBeGreaterThanOrEqual(990);
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^info: GitHub API rate limit on GET .*retrying in 1 s/),
    );
  });

  it('waits for retry-after on a 429 without a message, then retries', async () => {
    server.fail({ path: RUN }, [{ status: 429, headers: { 'retry-after': '1' } }]);
    const api = client();
    expect(await api.runActive('42')).toBe(true);
    expect(api.requests).toBe(2);
    expect(gapMs(server.requests, 0)).toBeGreaterThanOrEqual(990);
  });

  it('waits for x-ratelimit-reset when the primary limit is used up', async () => {
    const reset = String(Math.ceil(Date.now() / 1000));
    server.fail({ path: RUN }, [
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: { message: 'API rate limit exceeded' },
      },
    ]);
    const api = client();
    expect(await api.runActive('42')).toBe(true);
    expect(gapMs(server.requests, 0)).toBeGreaterThanOrEqual(990);
  });

  it('waits no longer than the cap', async () => {
    // Without the cap this test would outlive its timeout.
    server.fail({ path: RUN }, [{ status: 403, headers: { 'retry-after': '3600' }, body: SECONDARY }]);
    const api = client({ retryAfterCapSeconds: 1 });
    expect(await api.runActive('42')).toBe(true);
    expect(log.lines).toContainEqual(expect.stringContaining('retrying in 1 s'));
  });

  it('gives up after three retries', async () => {
    const limited = { status: 429, headers: { 'retry-after': '1' } };
    server.fail({ path: RUN }, [limited, limited, limited, limited]);
    const api = client({ retryAfterCapSeconds: 0 });
    expect(await api.runActive('42')).toBeNull();
    expect(api.requests).toBe(4);
  });
});

describe('upsertComment', () => {
  const comments = () => server.comments.map((c) => ({ issue: c.issue, body: c.body, user: c.user.type }));

  it('creates the comment once, then edits it in place', async () => {
    const api = client();
    expect(await api.upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan v1' })).toBe('created');
    expect(await api.upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan v2' })).toBe('updated');
    expect(comments()).toEqual([{ issue: 7, body: `${MARKER}\nplan v2`, user: 'Bot' }]);
    const id = server.comments[0]!.id;
    expect(calls()).toEqual([
      ['GET', '/repos/octo/demo/issues/7/comments', undefined],
      ['POST', '/repos/octo/demo/issues/7/comments', { body: `${MARKER}\nplan v1` }],
      ['GET', '/repos/octo/demo/issues/7/comments', undefined],
      ['PATCH', `/repos/octo/demo/issues/comments/${id}`, { body: `${MARKER}\nplan v2` }],
    ]);
    expect(server.requests[0]!.url).toContain('per_page=100');
    expect(api.requests).toBe(4);
  });

  it("leaves a human's comment that quotes the marker alone", async () => {
    server.addComment(7, `> ${MARKER}\n> plan v1\nLooks good`, HUMAN_USER);
    const api = client();
    expect(await api.upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan v2' })).toBe('created');
    expect(comments()).toEqual([
      { issue: 7, body: `> ${MARKER}\n> plan v1\nLooks good`, user: 'User' },
      { issue: 7, body: `${MARKER}\nplan v2`, user: 'Bot' },
    ]);
  });

  it("prefers the bot's comment over a human's that starts with the marker", async () => {
    server.addComment(7, `${MARKER}\ncopied by hand`, HUMAN_USER);
    const ours = server.addComment(7, `${MARKER}\nplan v1`, BOT_USER);
    expect(await client().upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan v2' })).toBe('updated');
    expect(server.comments.map((c) => c.body)).toEqual([`${MARKER}\ncopied by hand`, `${MARKER}\nplan v2`]);
    expect(ours.body).toBe(`${MARKER}\nplan v2`);
  });

  it('edits the comment a personal token wrote (a User that starts with the marker)', async () => {
    server.addComment(7, `${MARKER}\nplan v1`, { login: 'release-bot-user', type: 'User' });
    expect(await client().upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan v2' })).toBe('updated');
    expect(server.comments.map((c) => c.body)).toEqual([`${MARKER}\nplan v2`]);
  });

  it('pages through long threads and stops at the comment', async () => {
    for (let i = 0; i < 120; i++) server.addComment(7, `comment ${i}`);
    server.addComment(7, `${MARKER}\nplan v1`, BOT_USER);
    for (let i = 0; i < 150; i++) server.addComment(7, `later ${i}`);
    const api = client();
    expect(await api.upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan v2' })).toBe('updated');
    expect(calls().map(([method, path]) => `${method} ${path}`)).toEqual([
      'GET /repos/octo/demo/issues/7/comments',
      'GET /repos/octo/demo/issues/7/comments',
      expect.stringMatching(/^PATCH \/repos\/octo\/demo\/issues\/comments\/\d+$/),
    ]);
    expect(server.requests[1]!.url).toContain('page=2');
    expect(api.requests).toBe(3);
  });

  it("returns 'failed' with a warning on a fork's read-only token, and writes nothing", async () => {
    server.fail({ method: 'POST' }, [
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const api = client();
    expect(await api.upsertComment({ issueNumber: 7, marker: MARKER, body: 'plan' })).toBe('failed');
    expect(server.comments).toEqual([]);
    expect(log.lines).toEqual([
      expect.stringMatching(/^warning: Could not write the comment on #7: HTTP 403 .*fork/),
    ]);
    expect(api.requests).toBe(2);
  });
});

describe('runActive', () => {
  it.each([
    ['queued', true],
    ['in_progress', true],
    ['completed', false],
  ])('a run that is %s → %s', async (status, expected) => {
    server.runs.set('42', status);
    const api = client();
    expect(await api.runActive('42')).toBe(expected);
    expect(api.requests).toBe(1);
  });

  it('is unknown (null) for a missing run, a refused request or an id that is not a number', async () => {
    server.fail({ path: RUN }, [
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const api = client();
    expect(await api.runActive('42')).toBeNull();
    expect(await api.runActive('43')).toBeNull();
    expect(await api.runActive('42; rm -rf /')).toBeNull();
    expect(api.requests).toBe(2);
  });
});

describe('base URL and environment', () => {
  it('works under a GitHub Enterprise path prefix (/api/v3)', async () => {
    const ghes = await startGitHubApiServer({ token: 'ghes-token', pathPrefix: '/api/v3' });
    try {
      ghes.runs.set('42', 'completed');
      const api = new OctokitGitHub({
        token: ghes.token,
        repository: ghes.repository,
        apiUrl: `${ghes.url}/`,
        log,
      });
      const id = await api.createDeployment(deployment);
      expect(
        await api.setDeploymentStatus({
          deploymentId: id,
          state: 'success',
          description: 'ok',
          logUrl: LOG_URL,
        }),
      ).toBe(true);
      expect(await api.upsertComment({ issueNumber: 3, marker: MARKER, body: 'plan' })).toBe('created');
      expect(await api.runActive('42')).toBe(false);
      expect(ghes.requests.map((r) => r.url.split('?')[0])).toEqual([
        '/api/v3/repos/octo/demo/deployments',
        `/api/v3/repos/octo/demo/deployments/${id}/statuses`,
        '/api/v3/repos/octo/demo/issues/3/comments',
        '/api/v3/repos/octo/demo/issues/3/comments',
        '/api/v3/repos/octo/demo/actions/runs/42',
      ]);
      expect(ghes.requests.every((r) => r.authorized)).toBe(true);
    } finally {
      await ghes.close();
    }
  });

  it.each([
    ['no repository', {}, 'token'],
    ['no token', { GITHUB_REPOSITORY: 'octo/demo' }, ''],
    ['a malformed repository', { GITHUB_REPOSITORY: 'octo' }, 'token'],
  ])('githubFromEnv is null with %s', (_name, env, token) => {
    expect(githubFromEnv(env, token, log)).toBeNull();
  });

  it('githubFromEnv talks to GITHUB_API_URL with the token', async () => {
    const api = githubFromEnv(
      { GITHUB_REPOSITORY: 'octo/demo', GITHUB_API_URL: server.url },
      server.token,
      log,
    );
    expect(await api?.runActive('42')).toBe(true);
    expect(server.requests).toEqual([expect.objectContaining({ authorized: true })]);
  });

  it('a wrong token is refused (401) and not retried', async () => {
    const api = client({ token: 'wrong' });
    expect(await api.runActive('42')).toBeNull();
    expect(server.requests.map((r) => r.authorized)).toEqual([false]);
  });
});
