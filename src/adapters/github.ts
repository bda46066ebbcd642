/** The GitHub REST API, as the action uses it: Octokit from the Actions toolkit (its proxy support and
 * User-Agent), with the retry plugin for 5xx answers and timeouts and the throttling plugin for rate limits. */
import { getOctokit } from '@actions/github';
import { defaults as toolkitDefaults } from '@actions/github/lib/utils';
import type { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { formatDuration } from '../core/duration.js';
import { PermissionError, permissionsBlock } from '../core/errors.js';
import type { DeploymentState, GitHubApi, Logger } from '../core/ports.js';
import { sleep } from './clock.js';

export interface OctokitGitHubOptions {
  token: string;
  /** `owner/name`. */
  repository: string;
  /** Default: GITHUB_API_URL, else https://api.github.com. GitHub Enterprise: `https://host/api/v3`. */
  apiUrl?: string;
  log: Logger;
  /** Longest wait for a rate limit, in seconds (default 60). */
  retryAfterCapSeconds?: number;
  /** One HTTP request's limit, answer body included (default 20 s); a timeout is retried like a 5xx. */
  requestTimeoutMs?: number;
  /** Backoff unit between retries of a 5xx or a timeout: waits 1, 4, 9 units (default 1000 ms). */
  retryBaseMs?: number;
}

const DEFAULT_API_URL = 'https://api.github.com';
const MAX_RETRIES = 3;
/** GitHub rejects a deployment status whose description is longer. */
const STATUS_DESCRIPTION_MAX = 140;
/** Statuses the retry plugin must leave alone: client errors that a retry cannot fix, and 429, which the
 * throttling plugin handles by waiting as GitHub says. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

type Client = ReturnType<typeof getOctokit>;
type Fetch = typeof globalThis.fetch;

/** What Octokit's RequestError carries, read defensively (it is not the only error a request can throw). */
interface ApiFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  data: unknown;
}

export class OctokitGitHub implements GitHubApi {
  private sent = 0;
  private readonly octokit: Client;
  private readonly owner: string;
  private readonly repo: string;
  private readonly log: Logger;
  private readonly capSeconds: number;

  /** HTTP requests sent so far, retries included (the tests hold the action to a budget). */
  get requests(): number {
    return this.sent;
  }

  constructor(options: OctokitGitHubOptions) {
    const [owner, repo, ...extra] = options.repository.split('/');
    if (!owner || !repo || extra.length > 0) {
      throw new Error(`the repository must be "owner/name", got "${options.repository}"`);
    }
    this.owner = owner;
    this.repo = repo;
    this.log = options.log;
    this.capSeconds = options.retryAfterCapSeconds ?? 60;
    const onLimit = (
      retryAfter: number,
      request: { method: string; url: string },
      _: unknown,
      count: number,
    ) => this.waitForRateLimit(retryAfter, `${request.method} ${request.url}`, count);
    this.octokit = getOctokit(
      options.token,
      {
        baseUrl: (options.apiUrl ?? (process.env.GITHUB_API_URL || DEFAULT_API_URL)).replace(/\/+$/, ''),
        userAgent: 'monorepo-release',
        log: octokitLog(options.log),
        request: {
          fetch: timedFetch(toolkitFetch(), options.requestTimeoutMs ?? 20_000, () => this.sent++),
        },
        retry: {
          doNotRetry: DO_NOT_RETRY,
          retries: MAX_RETRIES,
          retryAfterBaseValue: options.retryBaseMs ?? 1000,
        },
        // The handlers do the waiting themselves (capped), so the plugin adds none.
        throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit, retryAfterBaseValue: 0 },
      },
      // Order matters: the first plugin's hook is the innermost, so the label is on before the others look.
      labelSecondaryRateLimits,
      retry,
      throttling,
    );
  }

  async createDeployment(input: {
    sha: string;
    environment: string;
    description: string;
    payload: Record<string, string>;
  }): Promise<number> {
    let data: { id?: unknown; message?: unknown };
    try {
      ({ data } = await this.octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: input.sha,
        environment: input.environment,
        description: input.description,
        payload: input.payload,
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: input.environment.startsWith('production'),
      }));
    } catch (error) {
      throw this.deploymentError(error, input);
    }
    if (typeof data.id !== 'number') {
      throw new Error(
        `GitHub did not create the deployment of ${input.sha}: ${String(data.message ?? 'no id')}`,
      );
    }
    return data.id;
  }

  async setDeploymentStatus(input: {
    deploymentId: number;
    state: DeploymentState;
    description: string;
    logUrl: string;
    environmentUrl?: string;
  }): Promise<boolean> {
    try {
      await this.octokit.rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: input.deploymentId,
        state: input.state,
        description: truncate(input.description, STATUS_DESCRIPTION_MAX),
        log_url: input.logUrl,
        ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
        // Marks the environment's earlier deployments inactive, so only the live one shows as active.
        ...(input.state === 'success' ? { auto_inactive: true } : {}),
      });
      return true;
    } catch (error) {
      const hint = permissionHint(error, 'the job needs `deployments: write`');
      this.log.warning(
        `Could not set the GitHub deployment status "${input.state}" of deployment ${input.deploymentId}: ` +
          `${describeFailure(error)}${hint}. The release goes on without it.`,
      );
      return false;
    }
  }

  async upsertComment(input: {
    issueNumber: number;
    marker: string;
    body: string;
  }): Promise<'created' | 'updated' | 'failed'> {
    // The marker leads the body: it finds the comment next time, whoever the token belongs to.
    const body = input.body.startsWith(input.marker) ? input.body : `${input.marker}\n${input.body}`;
    const where = { owner: this.owner, repo: this.repo };
    try {
      const existing = await this.findMarkedComment(input.issueNumber, input.marker);
      if (existing !== null) {
        await this.octokit.rest.issues.updateComment({ ...where, comment_id: existing, body });
        return 'updated';
      }
      await this.octokit.rest.issues.createComment({ ...where, issue_number: input.issueNumber, body });
      return 'created';
    } catch (error) {
      const hint = permissionHint(
        error,
        'the job needs `pull-requests: write`; a pull request from a fork only gets a read-only token',
      );
      this.log.warning(
        `Could not write the comment on #${input.issueNumber}: ${describeFailure(error)}${hint}`,
      );
      return 'failed';
    }
  }

  async runActive(runId: string): Promise<boolean | null> {
    if (!/^\d+$/.test(runId)) return null;
    try {
      const { data } = await this.octokit.rest.actions.getWorkflowRun({
        owner: this.owner,
        repo: this.repo,
        run_id: Number(runId),
      });
      return typeof data.status === 'string' ? data.status !== 'completed' : null;
    } catch (error) {
      this.log.debug(`The status of workflow run ${runId} is unknown: ${describeFailure(error)}`);
      return null;
    }
  }

  /** The comment to edit: one with the marker written by a bot (the GITHUB_TOKEN's app); failing that, one
   * that starts with the marker as this action writes it (a personal token's user). A human who quotes the
   * comment has neither, and their comment is left alone. Stops paging at the first bot's comment. */
  private async findMarkedComment(issueNumber: number, marker: string): Promise<number | null> {
    let startsWithMarker: number | null = null;
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    for await (const { data } of pages) {
      for (const comment of data) {
        if (!comment.body?.includes(marker)) continue;
        if (comment.user?.type === 'Bot') return comment.id;
        if (startsWithMarker === null && comment.body.startsWith(marker)) startsWithMarker = comment.id;
      }
    }
    return startsWithMarker;
  }

  private deploymentError(error: unknown, input: { sha: string; environment: string }): Error {
    const failure = apiFailure(error);
    const what = `the GitHub deployment of ${input.sha} to "${input.environment}" in ${this.owner}/${this.repo}`;
    if (failure && isPermissionDenial(failure)) {
      return new PermissionError(
        `The token may not create ${what}: HTTP ${failure.status} ${apiMessage(failure)}`,
        `${permissionsBlock({ deployments: true })}\n` +
          'Give the release job these permissions, or set `audit.deployments: false` in the config.',
      );
    }
    if (failure?.status === 422) return new Error(`GitHub refused ${what}: ${apiMessage(failure)}`);
    return new Error(`Could not create ${what}: ${describeFailure(error)}`);
  }

  /** Called by the throttling plugin for a rate limit: waits (at most the cap) and says whether to retry. */
  private async waitForRateLimit(retryAfter: number, request: string, retryCount: number): Promise<boolean> {
    if (retryCount >= MAX_RETRIES) return false;
    const seconds = Math.max(0, Math.min(retryAfter, this.capSeconds));
    this.log.info(
      `GitHub API rate limit on ${request}: retrying in ${seconds} s (${retryCount + 1}/${MAX_RETRIES})`,
    );
    await sleep(seconds * 1000);
    return true;
  }
}

/** The API client for the action, or null when there is no repository or token (e.g. the local CLI). */
export function githubFromEnv(
  env: Record<string, string | undefined>,
  token: string | undefined,
  log: Logger,
): OctokitGitHub | null {
  const repository = env.GITHUB_REPOSITORY;
  if (!token || !repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) return null;
  return new OctokitGitHub({ token, repository, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL, log });
}

/** The toolkit's fetch, which goes through the runner's proxy (HTTPS_PROXY / NO_PROXY) when there is one. The
 * toolkit picks the proxy for GITHUB_API_URL when it is loaded, which is the URL the action talks to. */
function toolkitFetch(): Fetch {
  return (toolkitDefaults.request?.fetch as Fetch | undefined) ?? globalThis.fetch;
}

/** Counts each request and bounds it, body included: a response that stalls midway is a timeout too. A timeout
 * surfaces as a plain error saying so, which Octokit wraps in a retryable 500 (an error named AbortError it
 * would rethrow as is, never retried). */
function timedFetch(base: Fetch, timeoutMs: number, onRequest: () => void): Fetch {
  return async (input, init) => {
    onRequest();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const response = await base(input, { ...init, signal });
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timeout.aborted) throw new Error(`no answer within ${formatDuration(timeoutMs)}`, { cause: error });
      throw error;
    }
  };
}

/** GitHub answers a secondary rate limit with 403 or 429 and `retry-after` (a 429 may lack it); the
 * throttling plugin recognises one only by the words "secondary rate" in the message, so they are added. */
function labelSecondaryRateLimits(octokit: Octokit): void {
  octokit.hook.error('request', (error) => {
    const failure = apiFailure(error);
    const unlabelled =
      failure &&
      (failure.status === 429 || (failure.status === 403 && failure.headers['retry-after'] !== undefined)) &&
      !/\bsecondary rate\b/i.test(failure.message);
    if (unlabelled)
      (error as Error).message = `secondary rate limit (HTTP ${failure.status}): ${failure.message}`;
    throw error;
  });
}

function octokitLog(log: Logger): { debug: Log; info: Log; warn: Log; error: Log } {
  return {
    debug: (message) => log.debug(message),
    info: (message) => log.debug(message),
    warn: (message) => log.warning(message),
    error: (message) => log.warning(message),
  };
}
type Log = (message: string) => void;

function apiFailure(error: unknown): ApiFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, message, response } = error as { status?: unknown; message?: unknown; response?: unknown };
  if (typeof status !== 'number' || typeof response !== 'object' || response === null) return null;
  const { headers, data } = response as { headers?: Record<string, string | undefined>; data?: unknown };
  return { status, message: String(message), headers: headers ?? {}, data };
}

function isRateLimit(failure: ApiFailure): boolean {
  return (
    failure.headers['retry-after'] !== undefined ||
    failure.headers['x-ratelimit-remaining'] === '0' ||
    /rate limit/i.test(failure.message)
  );
}

/** "Resource not accessible by integration" (403, or 404 for some endpoints), or any 403 that is not a rate
 * limit: the token lacks a permission. */
function isPermissionDenial(failure: ApiFailure): boolean {
  if (/resource not accessible by integration/i.test(failure.message)) return true;
  return failure.status === 403 && !isRateLimit(failure);
}

function permissionHint(error: unknown, hint: string): string {
  const failure = apiFailure(error);
  return failure && isPermissionDenial(failure) ? ` (${hint})` : '';
}

/** The API's own words: its message and each validation error's. */
function apiMessage(failure: ApiFailure): string {
  const data = (typeof failure.data === 'object' && failure.data !== null ? failure.data : {}) as {
    message?: unknown;
    errors?: unknown;
  };
  const details = Array.isArray(data.errors)
    ? data.errors.map((e: { message?: unknown; field?: unknown; code?: unknown }) =>
        typeof e === 'string' ? e : String(e.message ?? [e.field, e.code].filter(Boolean).join(' ')),
      )
    : [];
  const message = typeof data.message === 'string' ? data.message : failure.message;
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

function describeFailure(error: unknown): string {
  const failure = apiFailure(error);
  if (failure) return `HTTP ${failure.status} ${apiMessage(failure)}`;
  return error instanceof Error ? error.message : String(error);
}

/** At most `max` characters (code points, so no emoji is cut in half), an ellipsis marking the cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
