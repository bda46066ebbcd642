/** examples/notify/slack.sh against a webhook on 127.0.0.1: it posts the summary's first lines as Slack
 * JSON, and the webhook URL never appears in any command line (a `curl` shim on PATH logs its arguments
 * before it runs the real curl). */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../examples/notify/slack.sh');
const SECRET_PATH = '/services/T000/B000/s3cr3t-webhook-token';

let dir: string;
let server: Server;
let received: Array<{ path: string; type: string; body: string }>;
let status: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mr-slack-'));
  received = [];
  status = 200;
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', type: request.headers['content-type'] ?? '', body });
      response.writeHead(status).end(status === 200 ? 'ok' : 'no_service');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const realCurl = execFileSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
  await writeFile(
    join(dir, 'curl'),
    `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "${join(dir, 'argv.log')}"\nexec ${realCurl} "$@"\n`,
  );
  await chmod(join(dir, 'curl'), 0o755);
});

afterEach(async () => {
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

function runSlack(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', [SCRIPT], {
      env: { PATH: `${dir}${delimiter}${process.env.PATH}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function summaryFile(): Promise<string> {
  const path = join(dir, 'summary.md');
  await writeFile(
    path,
    [
      '### api 1\\.2\\.0 → staging: drill\\-failed',
      '',
      'api DRILL FAILED in staging: <rollback> & co failed \\(exit 1\\)\\.',
      '',
      'Commit `0123456789ab` · previous version 1\\.1\\.0 · drill',
      '',
      '| Stage | Traffic |',
    ].join('\n') + '\n',
  );
  return path;
}

const webhook = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`;

it('posts the first lines of the summary as Slack JSON, the URL never on a command line', async () => {
  const run = await runSlack({
    SLACK_WEBHOOK_URL: webhook(),
    RELEASE_SUMMARY: await summaryFile(),
    RELEASE_OUTCOME: 'drill-failed',
    RELEASE_SERVICE: 'api',
    RELEASE_VERSION: '1.2.0',
  });
  expect(run.code, run.stderr).toBe(0);
  expect(received).toHaveLength(1);
  expect(received[0]!.path).toBe(SECRET_PATH);
  expect(received[0]!.type).toBe('application/json');
  expect(JSON.parse(received[0]!.body)).toEqual({
    text: [
      ':rotating_light: api 1.2.0 → staging: drill-failed',
      '',
      'api DRILL FAILED in staging: &lt;rollback&gt; &amp; co failed (exit 1).',
      '',
      'Commit `0123456789ab` · previous version 1.1.0 · drill',
      '',
    ].join('\n'),
  });
  const argv = await readFile(join(dir, 'argv.log'), 'utf8');
  expect(argv).toContain('--config -');
  expect(argv).not.toContain('s3cr3t');
  expect(run.stdout + run.stderr).not.toContain('s3cr3t');
});

it('fails (a warning for the action) when the webhook refuses, and refuses a URL that is not one', async () => {
  status = 404;
  const refused = await runSlack({ SLACK_WEBHOOK_URL: webhook(), RELEASE_SUMMARY: await summaryFile() });
  expect(refused.code).not.toBe(0);
  expect(received).toHaveLength(1);

  const bad = await runSlack({
    SLACK_WEBHOOK_URL: 'https://hooks.example.com/x"\nurl = "http://evil',
    RELEASE_SUMMARY: await summaryFile(),
  });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/SLACK_WEBHOOK_URL is not a webhook URL/);
  expect(received).toHaveLength(1);
});
