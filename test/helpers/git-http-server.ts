/** A real smart-HTTP git server on 127.0.0.1 for tests: node:http in front of `git http-backend` (CGI),
 * refusing every request that does not carry the token the way GitHub expects it. */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpRequest {
  method: string;
  /** Path and query string as requested. */
  path: string;
  authorized: boolean;
}

export interface GitHttpServer {
  /** Base URL; a repository `<projectRoot>/x.git` is at `${url}/x.git`. */
  url: string;
  close(): Promise<void>;
  requests: GitHttpRequest[];
}

export async function startGitHttpServer(options: {
  projectRoot: string;
  token: string;
}): Promise<GitHttpServer> {
  const expected = `x-access-token:${options.token}`;
  const requests: GitHttpRequest[] = [];
  const server = createServer((req, res) => {
    const authorized = basicCredentials(req.headers.authorization) === expected;
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorized });
    if (!authorized) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    runBackend(options.projectRoot, req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The "user:password" of a Basic Authorization header (scheme matched case-insensitively, as git
 * sends "basic"), or null. */
function basicCredentials(header: string | undefined): string | null {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : null;
}

function runBackend(projectRoot: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    // Pushes are refused by http-backend unless enabled; the authorization check above guards them.
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    GIT_CONFIG_NOSYSTEM: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    REMOTE_USER: 'x-access-token',
    REMOTE_ADDR: '127.0.0.1',
  };
  if (req.headers['content-type']) env.CONTENT_TYPE = req.headers['content-type'];
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  // git gzips large request bodies; http-backend inflates them when told.
  const encoding = req.headers['content-encoding'];
  if (typeof encoding === 'string') env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;

  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  child.stderr.resume();
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
  forwardCgiResponse(child.stdout, res);
}

/** Turn CGI output (headers, blank line, body) into the HTTP response, streaming the body. */
function forwardCgiResponse(stdout: NodeJS.ReadableStream, res: ServerResponse): void {
  let head = Buffer.alloc(0);
  let bodyStarted = false;
  stdout.on('data', (chunk: Buffer) => {
    if (bodyStarted) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = headerEnd(head);
    if (!end) return;
    bodyStarted = true;
    writeCgiHeaders(head.subarray(0, end.at).toString('latin1'), res);
    const rest = head.subarray(end.at + end.length);
    if (rest.length > 0) res.write(rest);
  });
  stdout.on('end', () => {
    if (!bodyStarted) writeCgiHeaders(head.toString('latin1'), res);
    res.end();
  });
}

function headerEnd(buffer: Buffer): { at: number; length: number } | null {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : null;
}

function writeCgiHeaders(text: string, res: ServerResponse): void {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  res.writeHead(status, headers);
}
