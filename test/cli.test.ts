/** The CLI on a terminal (faults.md #27 and the CLI items of issue 13): the built CLI, as a person runs it.
 * An origin that accepts connections and never answers stands for a VPN that is down. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { wantsColour } from '../src/adapters/console-logger.js';
import { CLI, spawnNode } from './helpers/action.js';
import { makeFleet, type Fleet } from './helpers/fleet.js';
import { startHangingOrigin, type HangingOrigin } from './helpers/hanging-origin.js';

const ESCAPE = '\x1b';

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnNode(CLI, args, cwd, {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MONOREPO_RELEASE_GIT_TIMEOUT: '2s',
    ...env,
  });
}

let fleet: Fleet;
let hanging: HangingOrigin;

beforeEach(async () => {
  hanging = await startHangingOrigin();
  fleet = await makeFleet();
});

afterEach(async () => {
  await hanging.close();
  await fleet.cleanup();
});

/** api 1.0.0 released (the audit branch on origin), then a change to web only. */
async function releasedApiThenWebChanged(): Promise<string> {
  expect((await fleet.action()).outputs.outcome).toBe('released');
  await fleet.repo.write('services/web/main.ts', 'web 2\n');
  return fleet.repo.commit('fix: web');
}

describe('an origin that never answers (faults.md #27)', () => {
  it('plan --base --head answers without touching origin', async () => {
    const head = await releasedApiThenWebChanged();
    await fleet.repo.run(['remote', 'set-url', 'origin', hanging.url]);
    const run = await cli(['plan', '--base', fleet.sha, '--head', head], fleet.repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^web\s+0\.1\.0/m);
    expect(run.stdout).not.toMatch(/^api\s/m);
    expect(run.stderr).toBe('');
    expect(hanging.connections).toBe(0);
  }, 30_000);

  it('plan without --base reads the copy of the audit branch fetched last, and says so', async () => {
    await releasedApiThenWebChanged();
    await fleet.repo.run([
      'fetch',
      'origin',
      '+refs/heads/release-audit:refs/monorepo-release/audit/release-audit',
    ]);
    await fleet.repo.run(['remote', 'set-url', 'origin', hanging.url]);
    const run = await cli(['plan'], fleet.repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(hanging.connections).toBeGreaterThan(0);
    expect(run.stderr).toMatch(
      /^warning: could not read the audit branch 'release-audit' from 'origin' \(timed out after \ds talking to origin \(http:\/\/127\.0\.0\.1:\d+\/x\.git\)\); using the copy fetched earlier, refs\/monorepo-release\/audit\/release-audit at [0-9a-f]{12}, which may be behind$/m,
    );
    // api is live at its release, unchanged since: only web is planned.
    expect(run.stdout).toMatch(/^web\s/m);
    expect(run.stdout).not.toMatch(/^api\s/m);
    // Piped: no colour.
    expect(run.stderr + run.stdout).not.toContain(ESCAPE);
  }, 30_000);

  it('plan without --base and without a local copy goes on over the whole range, with the fix', async () => {
    await fleet.repo.run(['remote', 'set-url', 'origin', hanging.url]);
    const run = await cli(['plan'], fleet.repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: could not read the audit branch release-audit \(.*timed out after \ds/m,
    );
    expect(run.stderr).toContain('--base');
    expect(run.stdout).toMatch(/^api\s/m);
  }, 30_000);
});

describe('the CLI speaks the terminal', () => {
  it('--version prints the package version', async () => {
    const run = await cli(['--version'], fleet.repo.dir);
    expect(run).toMatchObject({ code: 0, stdout: `monorepo-release ${packageJson.version}\n` });
  });

  it('colours only a terminal, and never with NO_COLOR', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
  });

  // `script` gives the CLI a real terminal (util-linux; skipped where it is missing).
  it.skipIf(!existsSync('/usr/bin/script'))('colours a terminal, unless NO_COLOR is set', async () => {
    const onTerminal = (env: Record<string, string>) =>
      new Promise<string>((done) => {
        const child = spawn(
          '/usr/bin/script',
          ['-qec', `${process.execPath} ${CLI} history ../x`, '/dev/null'],
          {
            cwd: fleet.repo.dir,
            env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
          },
        );
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString('utf8')));
        child.on('close', () => done(text));
      });
    expect(await onTerminal({})).toContain(`${ESCAPE}[31merror:${ESCAPE}[0m`);
    const plain = await onTerminal({ NO_COLOR: '1' });
    expect(plain).toContain('error: "../x" is not a service name');
    expect(plain).not.toContain(ESCAPE);
  });

  it('history reads the audit branch without a config file', async () => {
    expect((await fleet.action()).outputs.outcome).toBe('released');
    await rm(join(fleet.repo.dir, '.github/monorepo-release.yml'));
    const run = await cli(['history'], fleet.repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1.0.0');
    const other = await cli(['history', '--audit-branch', 'elsewhere'], fleet.repo.dir);
    // A branch origin does not have is an empty log.
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).not.toContain('1.0.0');
  }, 30_000);

  it('history refuses a service argument that is no service name, without a stack trace', async () => {
    const run = await cli(['history', '../../etc'], fleet.repo.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: "\.\.\/\.\.\/etc" is not a service name\nFix: a service name is/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('says what to pass in terminal words, not action inputs', async () => {
    const run = await cli(['release', 'api', '--dry-run'], fleet.repo.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Fix: pass --version 1.2.0');
    expect(run.stderr).not.toContain('${{');
    const base = await cli(['plan', '--base', 'no-such-rev'], fleet.repo.dir);
    expect(base.code).toBe(2);
    expect(base.stderr).toContain('Fix: pass --base a commit SHA');
  });
});
