/** Path patterns that match no tracked file, and `validate` reporting every kind of mistake in one run:
 * the built bundle as the runner runs it, and the built CLI. docs/faults.md #11; issue 13 item 4. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, runCli, type ActionRun } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG_PATH = '.github/monorepo-release.yml';

/** Line 8 holds web's `paths` (the key at column 5, its pattern at column 13). */
const CONFIG = `version: 1
defaults:
  deploy: ./deploy.sh
services:
  api:
    paths: [services/api/**]
  web:
    paths: [services/web/**]
  common:
    paths: [libs/common/**]
    deploy: false
`;

let repo: TestRepo;

beforeEach(async () => {
  repo = await makeRepo();
  for (const dir of ['services/api', 'services/web', 'libs/common']) await repo.write(`${dir}/index.ts`, dir);
  await repo.write(CONFIG_PATH, CONFIG);
  await repo.commit('chore: initial');
});

afterEach(async () => {
  await repo.cleanup();
});

async function commitConfig(text: string): Promise<void> {
  await repo.write(CONFIG_PATH, text);
  await repo.commit('chore: config');
}

const plan = () => runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
const validate = () => runAction({ workspace: repo.dir, inputs: { command: 'validate' } });

/** The `::error`/`::warning` annotations of a run, as [kind, line, col, message]. */
function annotations(run: ActionRun): Array<[string, number, number, string]> {
  return [...run.stdout.matchAll(/^::(error|warning) file=[^,]+,line=(\d+),col=(\d+)::(.*)$/gm)].map((m) => [
    m[1]!,
    Number(m[2]),
    Number(m[3]),
    m[4]!,
  ]);
}

describe('a deployable service whose every path pattern matches nothing', () => {
  it('fails the plan with an error at its `paths`, with the corrected pattern as the fix', async () => {
    await commitConfig(CONFIG.replace('paths: [services/web/**]', 'paths: [servces/web/**]'));
    const run = await plan();
    expect(run.code).toBe(1);
    expect(annotations(run)).toEqual([
      [
        'error',
        8,
        5,
        expect.stringContaining(
          'service "web" would never be released: none of its paths matches a tracked file; fix the typo: ' +
            'no tracked file matches "servces/web/**"; did you mean "services/web/**"?',
        ),
      ],
    ]);
    expect(run.outputs.matrix).toBeUndefined();
    expect(run.summary).toBe('');
  });

  it('says to check the path when nothing close exists', async () => {
    await commitConfig(CONFIG.replace('paths: [services/web/**]', 'paths: [frontend/**]'));
    const run = await plan();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=.*,line=8,col=5::.*"web" would never.*"frontend\/\*\*"; check the path/,
    );
  });

  it('keeps a single dead pattern beside live ones a warning, and plans', async () => {
    await commitConfig(
      CONFIG.replace('paths: [services/web/**]', 'paths: [services/web/**, servces/web/**]'),
    );
    const run = await plan();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(annotations(run)).toEqual([
      [
        'warning',
        8,
        30,
        expect.stringContaining('services.web.paths[1] "servces/web/**" matches no tracked file'),
      ],
    ]);
    expect(JSON.parse(run.outputs.services!)).toEqual(['api', 'web']);
  });

  it('keeps a library (deploy: false) with no live pattern a warning', async () => {
    await commitConfig(CONFIG.replace('paths: [libs/common/**]', 'paths: [libs/comon/**]'));
    const run = await plan();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(annotations(run).map(([kind, line]) => [kind, line])).toEqual([['warning', 10]]);
  });

  it('checks the patterns against the planned commit, not the work tree', async () => {
    await commitConfig(CONFIG.replace('paths: [services/web/**]', 'paths: [servces/web/**]'));
    // The directory exists in the work tree only: the planned commit still has no file there.
    await repo.write('servces/web/index.ts', 'untracked');
    expect((await plan()).code).toBe(1);
  });
});

describe('validate reports every mistake in one run', () => {
  // An unknown key (line 2), a dependency cycle (lines 7 and 10), and a dead path (line 11).
  const TWO_KINDS = `version: 1
defualts:
  deploy: ./deploy.sh
services:
  api:
    paths: [services/api/**]
    depends-on: [web]
    deploy: ./deploy.sh
  web:
    depends-on: [api]
    paths: [servces/web/**]
    deploy: ./deploy.sh
`;

  it('the action: schema, graph and path problems together, sorted by line', async () => {
    await commitConfig(TWO_KINDS);
    const run = await validate();
    expect(run.code).toBe(1);
    const found = annotations(run);
    expect(found.map(([kind, line]) => [kind, line])).toEqual([
      ['error', 2],
      ['error', 7],
      ['error', 11],
    ]);
    expect(found[0]![3]).toMatch(/unknown key "defualts".*did you mean "defaults"/);
    expect(found[1]![3]).toMatch(/dependency cycle/);
    expect(found[2]![3]).toMatch(/"web" would never be released.*did you mean "services\/web\/\*\*"/);
    expect(run.stdout).toMatch(/::error::3 error\(s\) in the config file/);
  });

  it('the CLI: the same problems, from the work tree before a commit', async () => {
    await repo.write(CONFIG_PATH, TWO_KINDS); // not committed: validate checks the developer's file
    const run = await runCli(['validate'], repo.dir);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.includes(`${CONFIG_PATH}:`));
    expect(lines.map((line) => /:(\d+):\d+: /.exec(line)?.[1])).toEqual(['2', '7', '11']);
    expect(lines[2]).toMatch(/"web" would never be released/);
  });

  it('a wrong type and a dead pattern in another service: both', async () => {
    await commitConfig(
      CONFIG.replace('paths: [services/web/**]', 'paths: [servces/web/**]').replace(
        '  api:\n    paths: [services/api/**]',
        '  api:\n    paths: [services/api/**]\n    timeout: 5',
      ),
    );
    const run = await validate();
    expect(run.code).toBe(1);
    expect(annotations(run).map(([kind, line, , message]) => [kind, line, message])).toEqual([
      ['error', 7, expect.stringContaining('timeout')],
      ['error', 9, expect.stringContaining('"web" would never')],
    ]);
  });
});
