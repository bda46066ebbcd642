/** The discover examples, copied into repositories of their own and run with the built CLI as a person
 * runs it: `validate` lists what was found (as each example's README shows), `plan --explain` lists it too
 * and names the manifest of the edge that releases a service. */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, spawnNode } from '../helpers/action.js';
import { makeRepo, TEST_GIT_ENV, type TestRepo } from '../helpers/repo.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function exampleRepo(name: string): Promise<TestRepo> {
  repo = await makeRepo();
  await cp(join(EXAMPLES, name), repo.dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  await repo.commit('feat: init');
  return repo;
}

function cli(args: string[], cwd: string) {
  return spawnNode(CLI, args, cwd, {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    ...TEST_GIT_ENV,
  });
}

/** The block of the README that follows "What `monorepo-release validate` says of it". */
async function readmeListing(name: string): Promise<string> {
  const text = await readFile(join(EXAMPLES, name, 'README.md'), 'utf8');
  const after = text.slice(text.indexOf('What `monorepo-release validate` says of it'));
  return /```\n([\s\S]*?)```/.exec(after)![1]!;
}

describe('examples/discover-pnpm', () => {
  it('validate lists every service, where it came from and its edges, as the README shows', async () => {
    const { dir } = await exampleRepo('discover-pnpm');
    const run = await cli(['validate'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(await readmeListing('discover-pnpm'));
  });

  it('plan --explain: a change of ui-kit releases web, through the package.json that declares it', async () => {
    const r = await exampleRepo('discover-pnpm');
    const base = await r.run(['rev-parse', 'HEAD']);
    await r.write('packages/ui-kit/src/button.js', 'export const button = () => "<button/>";\n');
    await r.commit('fix(ui-kit): button');
    const run = await cli(['plan', '--explain', '--base', base.trim()], r.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('4 service(s) in .github/monorepo-release.yml:');
    expect(run.stdout).toContain('web ← ui-kit (package.json) ← packages/ui-kit/src/button.js');
    expect(run.stdout).not.toMatch(/^\s*api\s.*0\.1\.0/m);
    const json = await cli(['plan', '--explain', '--json', '--base', base.trim()], r.dir);
    expect(JSON.parse(json.stdout).services.map((s: { service: string }) => s.service)).toEqual(['web']);
    expect(json.stderr).toContain('depends on ui-kit (apps/web/package.json)');
  });
});

describe('examples/discover-go', () => {
  it('a change of the log module releases api and worker; log is a library', async () => {
    const r = await exampleRepo('discover-go');
    const base = (await r.run(['rev-parse', 'HEAD'])).trim();
    await r.write('libs/log/log.go', 'package log\n\n// Info prints nothing now.\nfunc Info(string) {}\n');
    await r.commit('fix(log): quiet');
    const run = await cli(['plan', '--json', '--base', base], r.dir);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.services.map((s: { service: string }) => s.service)).toEqual(['api', 'worker']);
    expect(plan.services[0].reason).toBe('api ← log (go.mod) ← libs/log/log.go');
    expect(plan.libraries.map((s: { service: string }) => s.service)).toEqual(['log']);
  });
});
