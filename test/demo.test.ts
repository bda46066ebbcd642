/** `npm run demo` (scripts/demo.mjs): the README's showcase runs the committed bundle through its whole
 * story, every check of it passes, and it leaves nothing behind. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const DEMO = resolve(import.meta.dirname, '../scripts/demo.mjs');

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [DEMO], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let demo: Awaited<ReturnType<typeof runDemo>>;

beforeAll(async () => {
  demo = await runDemo();
}, 120_000);

describe('npm run demo', () => {
  it('exits 0 with every check of the story passed', () => {
    expect(demo.code, demo.stdout + demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/^ {2}\d+ passed, 0 failed in [\d.]+ s$/m);
    expect(demo.stdout).not.toContain('✘');
  });

  it('plans the dependents of common, with the reason chain, and not web', () => {
    const plan = demo.stdout.slice(demo.stdout.indexOf('1. A commit'), demo.stdout.indexOf('2. The release'));
    expect(plan).toMatch(/│ api +0\.2\.0 +0\.1\.0 +api ← common ← libs\/common\/retry\.js/);
    expect(plan).toMatch(/│ worker +0\.2\.0 +0\.1\.0 +worker ← common ← libs\/common\/retry\.js/);
    expect(plan).not.toMatch(/│ web /);
  });

  it('shows the stage timeline, the failed gate, the automatic rollback and the traffic split', () => {
    expect(demo.stdout).toMatch(/│ ramp +50 % .* failed: health check exited with code 1/);
    expect(demo.stdout).toContain(
      'worker 0.2.0: stage ramp failed (health check exited with code 1); rolled back: 0.1.0 is live.',
    );
    expect(demo.stdout).toMatch(/worker deploy 0\.2\.0 at ramp → 0\.2\.0 50 %, 0\.1\.0 50 %/);
    expect(demo.stdout).toMatch(/worker rollback: 0\.2\.0 out → 0\.1\.0 100 %/);
    expect(demo.stdout).toMatch(/The fleet after\n {4}api +█+ +0\.2\.0 100 %/);
  });

  it('prints the audit log and the manual rollback by its actor', () => {
    expect(demo.stdout).toMatch(/worker +release +0\.2\.0 +[0-9a-f]{12} +rolled-back +carol/);
    expect(demo.stdout).toMatch(/api +rollback +0\.1\.0 +[0-9a-f]{12} +rolled-back +dave/);
    expect(demo.stdout).toContain('api rolled back from 0.2.0 to 0.1.0 in production.');
  });

  it('pauses web after its canary, holding no runner, and a promote takes it to 100 % in the same record', () => {
    const story = demo.stdout.slice(demo.stdout.indexOf('5. A canary'));
    expect(story).toMatch(/job release \(web\) → step succeeded\n {2}│ web 0\.2\.0 → production: paused/);
    expect(story).toMatch(/web +█+▒+ +0\.2\.0 5 % · 0\.1\.0 95 %/);
    expect(story).toMatch(/job promote \(web\) → step succeeded\n {2}│ web 0\.2\.0 → production: released/);
    expect(story).toMatch(/The fleet after\n(?:.*\n)? {4}web +█+ +0\.2\.0 100 %/);
  });

  it('ends with stats over what it just did', () => {
    const story = demo.stdout.slice(demo.stdout.indexOf('6. What all of that says'));
    expect(story).toMatch(/│ SERVICE +ENVIRONMENT +DEPLOYS/);
    expect(story).toMatch(/│ worker +production +1 /);
  });

  it('removes its temporary directory', () => {
    const dir = /at (\S+)\/monorepo\n/.exec(demo.stdout)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
  });
});
