/** A real HAProxy on 127.0.0.1 for the examples/haproxy tests: the haproxy.cfg of examples/haproxy/README.md
 * (one backend, a stable and a canary server, a runtime API socket on TCP), two tiny HTTP servers that
 * answer with their version, and bursts of requests through HAProxy's frontend. Everything here is stopped
 * by its `close()`/`stop()`, and `stop()` proves HAProxy's process and ports are gone. */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { processAlive } from './fleet.js';

/** What .ci/run runs when HAProxy is missing (Debian's package, HAProxy 2.6 on bookworm). */
export const HAPROXY_INSTALL = 'apt-get update && apt-get install -y haproxy';

/** The haproxy binary on PATH, or in the sbin directories Debian installs it to (not on every user's PATH).
 * Missing, it is an error that says how to install it: the real-traffic test is never skipped. */
export function findHaproxy(
  searchPath = process.env.PATH ?? '',
  sbin: string[] = ['/usr/sbin', '/usr/local/sbin'],
): string {
  const dirs = [...searchPath.split(delimiter).filter(Boolean), ...sbin];
  for (const dir of dirs) {
    const candidate = join(dir, 'haproxy');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(`haproxy is not installed; install it with: ${HAPROXY_INSTALL} (.ci/run does it)`);
}

/** A port nobody listens on now (the kernel's pick, released at once for HAProxy to bind). */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** True when something accepts connections on 127.0.0.1:<port>. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface VersionServer {
  version: string;
  port: number;
  /** `ip:port`, as HAProxy prints a server's address and as the examples' address file holds it. */
  address: string;
  /** When true it answers 503 to everything, its health check included. */
  faulty: boolean;
  close(): Promise<void>;
}

/** A tiny HTTP server that answers every request with its version (and 503 while `faulty`). */
export async function startVersionServer(version: string): Promise<VersionServer> {
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(handle.faulty ? 503 : 200, { 'content-type': 'text/plain' });
    res.end(`${version}\n`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const handle: VersionServer = {
    version,
    port,
    address: `127.0.0.1:${port}`,
    faulty: false,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      if (await listening(port)) throw new Error(`the ${version} server still listens on 127.0.0.1:${port}`);
    },
  };
  return handle;
}

export interface Haproxy {
  pid: number;
  /** The frontend's URL. */
  url: string;
  frontendPort: number;
  /** `127.0.0.1:<port>` of the runtime API socket: the scripts' HAPROXY_ADMIN. */
  admin: string;
  adminPort: number;
  /** One runtime API command, its answer. */
  command(line: string): Promise<string>;
  /** Stop HAProxy and prove it is gone: no process, nothing listening on its ports. */
  stop(): Promise<void>;
}

/** The haproxy.cfg of examples/haproxy/README.md, on 127.0.0.1, with checks frequent enough for a test. */
export function haproxyConfig(options: {
  backend: string;
  frontendPort: number;
  adminPort: number;
  stable: string;
  canary: string;
}): string {
  return `global
  stats socket ipv4@127.0.0.1:${options.adminPort} level admin

defaults
  mode http
  timeout connect 2s
  timeout client 10s
  timeout server 10s
  # A check answered late is not a failed one: the version servers share the test's busy process.
  timeout check 2s

frontend www
  bind 127.0.0.1:${options.frontendPort}
  default_backend ${options.backend}

backend ${options.backend}
  balance roundrobin
  option httpchk GET /healthz
  default-server check inter 300ms fall 3 rise 2
  server stable ${options.stable} weight 100
  server canary ${options.canary} weight 0
`;
}

/** Start HAProxy in the foreground (`-db`: it stays the child we stop) and wait until its runtime API
 * answers. */
export async function startHaproxy(options: {
  backend: string;
  stable: string;
  canary: string;
}): Promise<Haproxy> {
  const binary = findHaproxy();
  const dir = await mkdtemp(join(tmpdir(), 'mr-haproxy-'));
  const [frontendPort, adminPort] = [await freePort(), await freePort()];
  const config = join(dir, 'haproxy.cfg');
  await writeFile(config, haproxyConfig({ ...options, frontendPort, adminPort }));
  const child = spawn(binary, ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const haproxy: Haproxy = {
    pid: child.pid!,
    url: `http://127.0.0.1:${frontendPort}/`,
    frontendPort,
    admin: `127.0.0.1:${adminPort}`,
    adminPort,
    command: (line) => runtimeCommand(adminPort, line),
    async stop() {
      await stopChild(child, exited);
      await rm(dir, { recursive: true, force: true });
      if (processAlive(haproxy.pid)) throw new Error(`haproxy ${haproxy.pid} survived its stop`);
      for (const port of [frontendPort, adminPort])
        if (await listening(port)) throw new Error(`something still listens on 127.0.0.1:${port}`);
    },
  };
  try {
    await waitUntil(
      async () => (await listening(adminPort)) && (await listening(frontendPort)),
      () => log,
    );
    return haproxy;
  } catch (error) {
    await haproxy.stop();
    throw error;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

async function waitUntil(
  ready: () => Promise<boolean>,
  log: () => string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`haproxy did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The runtime API: one line in, the answer until HAProxy closes the connection. */
function runtimeCommand(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    socket.once('connect', () => socket.write(`${line}\n`));
    socket.once('end', () => resolve(answer));
    socket.once('error', reject);
  });
}

/** How many answers of a burst came from each version, and how many were not 2xx. */
export interface BurstCounts {
  total: number;
  byVersion: Record<string, number>;
  errors: number;
}

/** `n` GET requests through HAProxy's frontend, `parallel` at a time, on keep-alive connections that are
 * all closed when the burst ends. */
export async function burst(url: string, n: number, parallel = 8): Promise<BurstCounts> {
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  const counts: BurstCounts = { total: 0, byVersion: {}, errors: 0 };
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent++;
      const { status, body } = await get(url, agent);
      const version = body.trim();
      counts.total++;
      counts.byVersion[version] = (counts.byVersion[version] ?? 0) + 1;
      if (status < 200 || status > 299) counts.errors++;
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    agent.destroy();
  }
  return counts;
}

function get(url: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** One burst sent while a stage's health gate ran: the stage as the gate's command saw it. */
export interface StageBurst {
  stage: string;
  percent: number;
  version: string;
  counts: BurstCounts;
}

export interface BurstTrigger {
  /** The URL the gate's command POSTs `stage`, `percent` and `version` to (form-encoded). */
  url: string;
  bursts: StageBurst[];
  close(): Promise<void>;
}

/** The test's side of "a burst during each bake": the verify command of the test repository calls this URL
 * before the example's verify.sh reads HAProxy's counters, and the burst is sent from the test's process.
 * `before` runs first (to turn a version faulty at a stage). */
export async function startBurstTrigger(
  target: string,
  requests: number,
  before: (stage: Omit<StageBurst, 'counts'>) => void = () => {},
): Promise<BurstTrigger> {
  const bursts: StageBurst[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const stage = {
        stage: form.get('stage') ?? '',
        percent: Number(form.get('percent')),
        version: form.get('version') ?? '',
      };
      before(stage);
      burst(target, requests).then(
        (counts) => {
          bursts.push({ ...stage, counts });
          res.end('sent\n');
        },
        (error: Error) => {
          res.writeHead(500);
          res.end(`${error.message}\n`);
        },
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/burst`,
    bursts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
