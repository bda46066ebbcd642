import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchProbe } from '../../src/adapters/http-probe.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real server on 127.0.0.1, port 0; returns its base URL. */
async function serve(handler: (path: string, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => handler(req.url ?? '/', res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port that was just in use and now refuses connections. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const probe = new FetchProbe();

describe('FetchProbe', () => {
  it('is healthy on 200', async () => {
    const url = await serve((_, res) => res.end('ok'));
    expect(await probe.check(`${url}/healthz`, 5000)).toEqual({ healthy: true, detail: 'HTTP 200' });
  });

  it('is healthy on 204 with no body', async () => {
    const url = await serve((_, res) => res.writeHead(204).end());
    expect(await probe.check(url, 5000)).toEqual({ healthy: true, detail: 'HTTP 204' });
  });

  it('is unhealthy on 503 with the start of the body in the detail', async () => {
    const url = await serve((_, res) => res.writeHead(503).end('upstream\n\tdown'));
    expect(await probe.check(url, 5000)).toEqual({ healthy: false, detail: 'HTTP 503: upstream down' });
  });

  it('reads only the start of a huge error body', async () => {
    const url = await serve((_, res) => {
      res.writeHead(500);
      res.write('x'.repeat(64 * 1024)); // then never ends
    });
    const result = await probe.check(url, 5000);
    expect(result.healthy).toBe(false);
    expect(result.detail).toBe(`HTTP 500: ${'x'.repeat(200)}…`);
  });

  it('does not follow a redirect and names its target', async () => {
    const url = await serve((path, res) => {
      if (path === '/login') res.end('please log in');
      else res.writeHead(302, { location: '/login' }).end();
    });
    const result = await probe.check(`${url}/healthz`, 5000);
    expect(result.healthy).toBe(false);
    expect(result.detail).toMatch(/^HTTP 302 redirect to \/login \(redirects are not followed/);
  });

  it('times out on a server that never answers', async () => {
    const url = await serve(() => undefined);
    expect(await probe.check(url, 2000)).toEqual({ healthy: false, detail: 'timed out after 2s' });
  });

  it('reports a refused connection', async () => {
    expect(await probe.check(await closedPort(), 5000)).toEqual({
      healthy: false,
      detail: 'connection refused',
    });
  });

  it('reports an invalid URL without throwing', async () => {
    const result = await probe.check('not a url', 5000);
    expect(result.healthy).toBe(false);
    expect(result.detail).toMatch(/^invalid URL/);
  });
});
