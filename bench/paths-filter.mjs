// dorny/paths-filter, run as the runner runs it, for the plan benchmark's comparison: its committed
// dist/index.js under node, its inputs as INPUT_* variables, a push event whose `before` is the base, and
// GITHUB_OUTPUT read back for the `changes` output. With a commit sha as `base` on a push, its git code path
// compares base and `ref` locally (`git cat-file -e`, `git show-ref`, `git diff --name-status -z`): nothing
// is fetched. Its code is never part of this repository: it is checked out elsewhere and named by
// BENCH_PATHS_FILTER.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const pathsFilterHowTo = `dorny/paths-filter is not measured: BENCH_PATHS_FILTER is not set. To compare with it:
  git clone --depth 1 https://github.com/dorny/paths-filter /tmp/paths-filter   # outside this repository
  BENCH_PATHS_FILTER=/tmp/paths-filter/dist/index.js npm run bench`;

/** One filter per service, as a paths-filter user of this monorepo would write them. */
function filtersFor(services) {
  return Array.from({ length: services }, (_, s) => `s${s}: ['services/s${s}/**']`).join('\n');
}

/** The `changes` output (a JSON array of filter names) from a GITHUB_OUTPUT file's heredoc entries. */
function changesOutput(file) {
  const match = /^changes<<(\S+)\n([\s\S]*?)\n\1$/m.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error('paths-filter wrote no `changes` output');
  return JSON.parse(match[2]);
}

export function pathsFilter(entry, dir, c, scratch) {
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const base = git('rev-parse', 'HEAD~1');
  const head = git('rev-parse', 'HEAD');
  const eventPath = join(scratch, 'push-event.json');
  const outputPath = join(scratch, 'paths-filter-output');
  writeFileSync(
    eventPath,
    JSON.stringify({
      ref: 'refs/heads/main',
      before: base,
      after: head,
      repository: { name: 'monorepo', owner: { login: 'bench' }, default_branch: 'main' },
    }),
  );
  const env = {
    ...process.env,
    INPUT_FILTERS: filtersFor(c.services),
    INPUT_BASE: base,
    INPUT_REF: 'main',
    INPUT_TOKEN: '',
    'INPUT_LIST-FILES': 'none',
    'INPUT_INITIAL-FETCH-DEPTH': '100',
    'INPUT_PREDICATE-QUANTIFIER': 'some',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_WORKSPACE: dir,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: head,
    GITHUB_REPOSITORY: 'bench/monorepo',
  };
  return {
    name: 'paths-filter',
    run() {
      writeFileSync(outputPath, '');
      const start = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [entry], {
        cwd: dir,
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (run.status !== 0) throw new Error(`paths-filter failed: ${run.stdout.slice(-2000)}${run.stderr}`);
      return { ms, services: changesOutput(outputPath) };
    },
  };
}
