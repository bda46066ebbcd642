// Loads the committed bundles the way the runner and a user would, on a throwaway repository:
// the action's `validate` and `plan` through INPUT_* variables, and the CLI's `plan --json`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'mr-smoke-'));
const repo = join(scratch, 'repo');
mkdirSync(repo);
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
try {
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, '.github'));
  mkdirSync(join(repo, 'services/api'), { recursive: true });
  writeFileSync(join(repo, 'services/api/a.txt'), 'a\n');
  writeFileSync(
    join(repo, '.github/monorepo-release.yml'),
    'version: 1\ndefaults:\n  deploy: "true"\nservices:\n  api:\n    paths: [services/api/**]\n',
  );
  git('add', '.');
  git('-c', 'user.name=smoke', '-c', 'user.email=smoke@example.invalid', 'commit', '-qm', 'feat: first');

  const output = join(scratch, 'output');
  const summary = join(scratch, 'summary');
  const state = join(scratch, 'state');
  for (const file of [output, summary, state]) writeFileSync(file, '');
  /** The action bundle as the runner starts it, with one command. */
  const runAction = (command, reader) => {
    const run = spawnSync(process.execPath, [join(here, 'dist/index.js')], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_WORKSPACE: repo,
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_STATE: state,
        INPUT_COMMAND: command,
      },
    });
    if (run.status !== 0) {
      throw new Error(`dist/index.js ${command} (${reader} reader) failed:\n${run.stdout}\n${run.stderr}`);
    }
  };
  /** The CLI bundle's `plan --json`, which must plan the one service. */
  const runCliPlan = (reader) => {
    const cli = spawnSync(process.execPath, [join(here, 'dist/cli/index.js'), 'plan', '--json', '-C', repo], {
      encoding: 'utf8',
    });
    if (cli.status !== 0 || JSON.parse(cli.stdout).services[0].service !== 'api') {
      throw new Error(`dist/cli/index.js plan (${reader} reader) failed:\n${cli.stdout}\n${cli.stderr}`);
    }
  };
  runAction('validate', 'fast');
  runAction('plan', 'fast');
  if (!readFileSync(output, 'utf8').includes('"service":"api"'))
    throw new Error('plan did not put api in the matrix');
  runCliPlan('fast');
  // A config the fast reader leaves to `yaml` (an anchor and alias): both bundles load that chunk too.
  writeFileSync(
    join(repo, '.github/monorepo-release.yml'),
    'version: 1\ndefaults:\n  deploy: &d "true"\nservices:\n  api:\n    paths: [services/api/**]\n    deploy: *d\n',
  );
  runCliPlan('yaml');
  runAction('validate', 'yaml');
  console.log('the bundles load and plan, with either config reader: ok');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
