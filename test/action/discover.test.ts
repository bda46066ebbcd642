/** `discover:` in the built action, as the runner runs it: `validate` lists what was found, a broken
 * manifest is an error annotation on the manifest itself, and the plan's matrix gives the discovered
 * services with reasons that name a discovered edge's manifest. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = `version: 1
defaults:
  deploy: ./deploy.sh
discover:
  - { workspaces: npm, dirs: "apps/*" }
  - { workspaces: npm, dirs: "libs/*", with: { deploy: false } }
`;

let repo: TestRepo;
let base: string;

beforeEach(async () => {
  repo = await makeRepo();
  await repo.write('.github/monorepo-release.yml', CONFIG);
  await repo.write('package.json', JSON.stringify({ private: true, workspaces: ['apps/*', 'libs/*'] }));
  await repo.write(
    'apps/shop/package.json',
    JSON.stringify({ name: '@acme/shop', dependencies: { '@acme/money': '*' } }),
  );
  await repo.write('apps/admin/package.json', JSON.stringify({ name: '@acme/admin' }));
  await repo.write('libs/money/package.json', JSON.stringify({ name: '@acme/money' }));
  await repo.write('libs/money/index.js', 'export const cents = 1;\n');
  base = await repo.commit('feat: init');
});

afterEach(async () => {
  await repo.cleanup();
});

describe('discover: in the action', () => {
  it('validate lists each discovered service, its rule, manifest and edges', async () => {
    const run = await runAction({ workspace: repo.dir, inputs: { command: 'validate' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('.github/monorepo-release.yml is valid: 3 service(s).');
    expect(run.stdout).toContain(
      'shop   discover[0] (workspaces: npm, dirs: "apps/*"), line 5: apps/shop/package.json',
    );
    expect(run.stdout).toContain('depends on money (apps/shop/package.json)');
    expect(run.stdout).toContain(
      'money  discover[1] (workspaces: npm, dirs: "libs/*"), line 6: libs/money/package.json (library)',
    );
  });

  it('a manifest that does not parse is an error annotation at its line, and nothing is planned', async () => {
    await repo.write('apps/admin/package.json', '{\n  "name": "@acme/admin",\n}\n');
    await repo.commit('fix: admin');
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=apps\/admin\/package\.json,line=3,col=1::apps\/admin\/package\.json:3:1: not valid JSON/m,
    );
    expect(run.outputs.matrix).toBeUndefined();
  });

  it('plan: a change of the library releases the app that depends on it, through its package.json', async () => {
    await repo.write('libs/money/index.js', 'export const cents = 100;\n');
    await repo.commit('fix(money): cents');
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch', inputs: { base } });
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs.matrix!)).toEqual({
      include: [
        expect.objectContaining({
          service: 'shop',
          reason: 'shop ← money (package.json) ← libs/money/index.js',
        }),
      ],
    });
  });
});
