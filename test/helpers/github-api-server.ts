/** An in-memory GitHub REST API on 127.0.0.1 for tests: the endpoints the action uses (deployments and their
 * statuses, issue comments, workflow runs), a token required, every request recorded in order, and faults
 * scripted per request (an error status, rate-limit headers, a hang). */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiRequest {
  method: string;
  /** Path without the base URL's prefix and without the query string, e.g. `/repos/o/r/deployments`. */
  path: string;
  /** Path and query string exactly as received (prefix included). */
  url: string;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** Date.now() when the request arrived. */
  at: number;
  authorized: boolean;
  /** True when a scripted fault answered it. */
  fault: boolean;
}

/** A scripted answer. `hangMs` holds the request that long first (a client that gives up earlier leaves no
 * trace in the state); without `status` the request is then handled normally. */
export interface FaultResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hangMs?: number;
}

export type RequestMatcher =
  { method?: string; path?: string | RegExp } | ((request: { method: string; path: string }) => boolean);

export interface ApiUser {
  login: string;
  type: 'Bot' | 'User';
}

export interface StoredDeployment {
  id: number;
  /** The creation request's body as sent. */
  request: Record<string, unknown>;
  /** The status requests' bodies as sent, in order. */
  statuses: Array<Record<string, unknown>>;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: ApiUser;
}

export interface GitHubApiServer {
  /** Base URL for GITHUB_API_URL (with the path prefix, if any). */
  readonly url: string;
  readonly token: string;
  /** `owner/name`; other repositories answer 404. */
  readonly repository: string;
  readonly requests: ApiRequest[];
  readonly deployments: StoredDeployment[];
  readonly comments: StoredComment[];
  /** Workflow run id → status (`queued`, `in_progress`, `completed`). */
  readonly runs: Map<string, string>;
  /** Answer the next requests that match with these responses, one each, then behave normally again. */
  fail(matcher: RequestMatcher, responses: FaultResponse[]): void;
  addComment(issue: number, body: string, user?: ApiUser): StoredComment;
  close(): Promise<void>;
}

export const BOT_USER: ApiUser = { login: 'github-actions[bot]', type: 'Bot' };
export const HUMAN_USER: ApiUser = { login: 'octocat', type: 'User' };

const DEPLOYMENT_STATES = new Set([
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
]);
const MAX_STATUS_DESCRIPTION = 140;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Fault {
  matches: (request: { method: string; path: string }) => boolean;
  responses: FaultResponse[];
}

type Handler = (params: string[], request: ApiRequest, query: URLSearchParams) => Reply;

export async function startGitHubApiServer(
  options: { token?: string; repository?: string; pathPrefix?: string } = {},
): Promise<GitHubApiServer> {
  const token = options.token ?? 'test-token';
  const repository = options.repository ?? 'octo/demo';
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const requests: ApiRequest[] = [];
  const deployments: StoredDeployment[] = [];
  const comments: StoredComment[] = [];
  const runs = new Map<string, string>();
  const faults: Fault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1000;
  let baseUrl = '';

  const routes: Array<[string, RegExp, Handler]> = [
    ['POST', /^\/deployments$/, (_p, { body }) => createDeployment(body)],
    ['POST', /^\/deployments\/(\d+)\/statuses$/, ([id], { body }) => createStatus(Number(id), body)],
    ['GET', /^\/issues\/(\d+)\/comments$/, ([n], { path }, query) => listComments(Number(n), path, query)],
    ['POST', /^\/issues\/(\d+)\/comments$/, ([n], { body }) => createComment(Number(n), body)],
    ['PATCH', /^\/issues\/comments\/(\d+)$/, ([id], { body }) => updateComment(Number(id), body)],
    ['GET', /^\/actions\/runs\/(\d+)$/, ([id]) => getRun(id ?? '')],
  ];

  function createDeployment(body: unknown): Reply {
    const request = asObject(body);
    if (typeof request.ref !== 'string' || !request.ref) return invalid('ref', 'missing');
    const deployment: StoredDeployment = { id: nextId++, request, statuses: [] };
    deployments.push(deployment);
    return { status: 201, body: { id: deployment.id, ...request, sha: request.ref } };
  }

  function createStatus(id: number, body: unknown): Reply {
    const deployment = deployments.find((d) => d.id === id);
    if (!deployment) return notFound();
    const status = asObject(body);
    if (typeof status.state !== 'string' || !DEPLOYMENT_STATES.has(status.state))
      return invalid('state', 'invalid');
    if (
      typeof status.description === 'string' &&
      Array.from(status.description).length > MAX_STATUS_DESCRIPTION
    ) {
      return invalid('description', 'description is too long (maximum is 140 characters)');
    }
    deployment.statuses.push(status);
    return { status: 201, body: { id: nextId++, deployment_id: id, ...status } };
  }

  function listComments(issue: number, path: string, query: URLSearchParams): Reply {
    const perPage = Math.min(Number(query.get('per_page')) || 30, 100);
    const page = Math.max(Number(query.get('page')) || 1, 1);
    const all = comments.filter((c) => c.issue === issue);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      headers.link = `<${baseUrl}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
    }
    return { status: 200, body: slice.map(commentJson), headers };
  }

  function createComment(issue: number, body: unknown): Reply {
    const text = asObject(body).body;
    if (typeof text !== 'string' || !text) return invalid('body', 'missing');
    return { status: 201, body: commentJson(addComment(issue, text, BOT_USER)) };
  }

  function updateComment(id: number, body: unknown): Reply {
    const comment = comments.find((c) => c.id === id);
    if (!comment) return notFound();
    const text = asObject(body).body;
    if (typeof text !== 'string' || !text) return invalid('body', 'missing');
    comment.body = text;
    return { status: 200, body: commentJson(comment) };
  }

  function getRun(id: string): Reply {
    const status = runs.get(id);
    if (status === undefined) return notFound();
    return {
      status: 200,
      body: { id: Number(id), status, conclusion: status === 'completed' ? 'success' : null },
    };
  }

  function addComment(issue: number, body: string, user: ApiUser = HUMAN_USER): StoredComment {
    const comment = { id: nextId++, issue, body, user };
    comments.push(comment);
    return comment;
  }

  function route(request: ApiRequest, query: URLSearchParams): Reply {
    const repoPath = `/repos/${repository}`;
    if (!request.path.toLowerCase().startsWith(repoPath.toLowerCase() + '/')) return notFound();
    const rest = request.path.slice(repoPath.length);
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(rest);
      if (match && method === request.method) return handler(match.slice(1) as string[], request, query);
    }
    return notFound();
  }

  function nextFault(request: ApiRequest): FaultResponse | undefined {
    const fault = faults.find((f) => f.responses.length > 0 && f.matches(request));
    return fault?.responses.shift();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: ApiRequest = {
      method: req.method ?? '',
      path: url.pathname.startsWith(prefix + '/') ? url.pathname.slice(prefix.length) : url.pathname,
      url: req.url ?? '',
      body: raw ? (JSON.parse(raw) as unknown) : undefined,
      at: Date.now(),
      authorized: bearerToken(req.headers.authorization) === token,
      fault: false,
    };
    requests.push(request);
    if (!request.authorized) return send(res, { status: 401, body: { message: 'Bad credentials' } });
    if (prefix && !url.pathname.startsWith(prefix + '/')) return send(res, notFound());
    const fault = nextFault(request);
    if (fault) request.fault = true;
    if (fault?.hangMs) {
      const answered = await hang(res, fault.hangMs);
      if (!answered) return;
    }
    if (fault?.status) {
      const body = fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error' };
      return send(res, { status: fault.status, body, headers: fault.headers ?? {} });
    }
    send(res, route(request, url.searchParams));
  }

  /** Wait, unless the client hangs up first; true when the request is still there to answer. */
  function hang(res: ServerResponse, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off('close', onClose);
        resolve(true);
      }, ms);
      timers.add(timer);
      const onClose = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      res.once('close', onClose);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, { status: 500, body: { message: String(error) } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}${prefix}`;

  return {
    url: baseUrl,
    token,
    repository,
    requests,
    deployments,
    comments,
    runs,
    fail(matcher, responses) {
      faults.push({ matches: toPredicate(matcher), responses: [...responses] });
    },
    addComment,
    close: () =>
      new Promise<void>((done) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function toPredicate(matcher: RequestMatcher): Fault['matches'] {
  if (typeof matcher === 'function') return matcher;
  return ({ method, path }) =>
    (matcher.method === undefined || matcher.method.toUpperCase() === method) &&
    (matcher.path === undefined ||
      (typeof matcher.path === 'string' ? matcher.path === path : matcher.path.test(path)));
}

/** The token of `Authorization: token <t>` or `Bearer <t>`, the two forms GitHub accepts. */
function bearerToken(header: string | undefined): string | null {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function asObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function commentJson(comment: StoredComment): Record<string, unknown> {
  return { id: comment.id, body: comment.body, user: comment.user };
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

function invalid(field: string, message: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource: 'Deployment', field, code: 'invalid', message }],
    },
  };
}
