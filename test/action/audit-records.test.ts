/** Corrupt or wrongly shaped files on the audit branch (faults.md #25): the release stops before any deploy
 * with an error naming the file, and `history` lists what it can, names the bad file, and never crashes
 * or prints a terminal escape from a record. The built bundle and CLI, a bare origin. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../../src/adapters/exec-git.js';
import { runCli } from '../helpers/action.js';
import { makeFleet, type Fleet } from '../helpers/fleet.js';
import { TEST_GIT_ENV } from '../helpers/repo.js';

const BRANCH = 'release-audit';
let fleet: Fleet;
const temps: string[] = [];

afterEach(async () => {
  await fleet?.cleanup();
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Commit files onto the audit branch from another clone and push them (a fast-forward: no rewrite). */
async function editAudit(files: Record<string, string>): Promise<void> {
  const parent = await mkdtemp(join(tmpdir(), 'mr-edit-'));
  temps.push(parent);
  const dir = join(parent, 'work');
  const edit = (args: string[]) => git(args, { cwd: dir, env: TEST_GIT_ENV });
  await git(['clone', '--quiet', '--branch', BRANCH, fleet.repo.origin, dir], {
    cwd: parent,
    env: TEST_GIT_ENV,
  });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await edit(['add', '--all']);
  await edit(['commit', '--quiet', '-m', 'edit']);
  await edit(['push', '--quiet', 'origin', BRANCH]);
}

/** The path of the one record of api 1.0.0, after a first release. */
async function firstRelease(): Promise<string> {
  fleet = await makeFleet();
  expect((await fleet.action()).outputs.outcome).toBe('released');
  return (await fleet.auditFiles()).find((p) => p.startsWith('records/api/'))!;
}

/** The next release stops before any deploy, with the error the test expects and no stack trace. */
async function expectRefusedWith(message: string): Promise<void> {
  const before = (await fleet.calls()).length;
  const run = await fleet.action({ env: { GITHUB_RUN_ID: '101' }, inputs: { version: '1.1.0' } });
  expect(run.code).toBe(1);
  expect(run.outputs.outcome).toBe('failed');
  expect(run.stdout).toContain(message);
  expect(run.stdout).toMatch(
    /Fix: restore it from the branch history \(`git fetch origin release-audit && git log -p FETCH_HEAD -- /,
  );
  expect(run.stdout + run.stderr).not.toMatch(/TypeError|\n\s+at /);
  expect((await fleet.calls()).slice(before)).toEqual([]);
}

describe('corrupt audit files (faults.md #25)', () => {
  it('a record that is not JSON: the release names it and deploys nothing; history lists the rest', async () => {
    const path = await firstRelease();
    await editAudit({
      [path]: '{"id": "truncated',
      'records/web/2020-01/20200101T000000Z-x.json': 'not json',
    });
    await expectRefusedWith(`::error::the audit record ${path} is not valid: it is not JSON (`);

    const history = await runCli(['history'], fleet.repo.dir);
    expect(history.code).toBe(1);
    expect(history.stderr).toBe('');
    expect(history.stdout).toMatch(/^LIVE NOW\n {2}api \(production\): 1\.0\.0 @ /);
    expect(history.stdout).toContain('NOT READABLE (2)');
    expect(history.stdout).toMatch(new RegExp(`\\n  ${path.replace(/\./g, '\\.')}: it is not JSON \\(`));
    expect(history.stdout).toContain('records/web/2020-01/20200101T000000Z-x.json: it is not JSON');
  });

  it('a record whose stages is a string: named with the field, nothing deployed; history does not crash', async () => {
    const path = await firstRelease();
    const record = JSON.parse(await fleet.repo.runOrigin(['show', `${BRANCH}:${path}`])) as object;
    await editAudit({ [path]: JSON.stringify({ ...record, stages: 'canary' }) });
    await expectRefusedWith(
      `::error::the audit record ${path} is not valid: stages is the string "canary" (expected a list)`,
    );
    const history = await runCli(['history', 'api'], fleet.repo.dir);
    expect(history.code).toBe(1);
    expect(history.stderr).toBe('');
    expect(history.stdout).toContain(`${path}: stages is the string "canary" (expected a list)`);
  });

  it('a live pointer with a number for version: named with the field, nothing deployed', async () => {
    await firstRelease();
    const pointer = (await fleet.audit<object>('current/production/api.json'))!;
    await editAudit({ 'current/production/api.json': JSON.stringify({ ...pointer, version: 1 }) });
    await expectRefusedWith(
      '::error::the audit live pointer current/production/api.json is not valid: version is a number (expected a string)',
    );
    const history = await runCli(['history', '--json'], fleet.repo.dir);
    expect(history.code).toBe(1);
    expect(JSON.parse(history.stdout)).toMatchObject({
      live: [],
      problems: [{ path: 'current/production/api.json', problem: 'version is a number (expected a string)' }],
    });
  });
});

describe('history', () => {
  it('prints a record whose actor holds terminal escapes without them', async () => {
    fleet = await makeFleet();
    const run = await fleet.action({
      env: { GITHUB_ACTOR: '\u001b[31mmallory\u001b]0;owned\u0007\u009b2J' },
    });
    expect(run.outputs.outcome).toBe('released');
    const history = await runCli(['history'], fleet.repo.dir);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toContain('\\u001b[31mmallory');
    // eslint-disable-next-line no-control-regex
    expect(history.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('refuses a service argument that is no service name, with no stack trace', async () => {
    await firstRelease();
    const history = await runCli(['history', '../../etc'], fleet.repo.dir);
    expect(history.code).toBe(2); // bad input exits 2, like every input error of the CLI
    expect(history.stderr).toMatch(/^error: "\.\.\/\.\.\/etc" is not a service name\nFix: /);
    expect(history.stderr).not.toMatch(/\n\s+at /);
  });
});
