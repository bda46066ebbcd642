// The action's own cost per stage, apart from the user's commands and bake time: the built bundle releases a
// service whose deploy is `true` (bash, ~5 ms) and has no health gate, once with 1 stage and once with 11;
// (T11 - T1) / 10 is the overhead of one stage (two audit-record writes: a commit and a compare-and-swap
// push to a local bare origin), T1 the fixed cost (node start, config, audit log read, record, pointer, tag).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../dist/index.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const scratch = mkdtempSync(join(tmpdir(), 'mr-bench-release-'));
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@example.invalid',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@example.invalid',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();

function repoWithStages(count) {
  const dir = join(scratch, `stages-${count}`);
  const origin = `${dir}.git`;
  git(scratch, 'init', '-q', '--bare', '-b', 'main', origin);
  git(scratch, 'init', '-q', '-b', 'main', dir);
  git(dir, 'remote', 'add', 'origin', origin);
  const stages = Array.from(
    { length: count },
    (_, i) => `{ name: s${i}, percent: ${Math.round(((i + 1) * 100) / count)} }`,
  );
  mkdirSync(join(dir, '.github'));
  mkdirSync(join(dir, 'svc'));
  writeFileSync(join(dir, 'svc/a.txt'), 'a\n');
  writeFileSync(
    join(dir, '.github/monorepo-release.yml'),
    `version: 1\nversioning: sha\ndefaults:\n  deploy: "true"\n  stages: [${stages.join(', ')}]\nservices:\n  api: { paths: [svc/**] }\n`,
  );
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'init');
  git(dir, 'push', '-q', 'origin', 'main');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

function release({ dir, sha }, run) {
  for (const name of ['out', 'summary', 'state']) writeFileSync(join(scratch, name), '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SHA: sha,
    GITHUB_RUN_ID: String(1000 + run),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_OUTPUT: join(scratch, 'out'),
    GITHUB_STEP_SUMMARY: join(scratch, 'summary'),
    GITHUB_STATE: join(scratch, 'state'),
    INPUT_COMMAND: 'release',
    INPUT_SERVICE: 'api',
    'INPUT_DRY-RUN': 'false',
  };
  // Each run starts from an empty audit branch, so every run is a full release.
  spawnSync('git', ['push', '-q', 'origin', ':release-audit'], { cwd: dir, env: gitEnv });
  spawnSync('git', ['update-ref', '-d', 'refs/monorepo-release/audit/release-audit'], { cwd: dir });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [DIST], { cwd: dir, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`release failed:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const one = repoWithStages(1);
  const eleven = repoWithStages(11);
  const t1 = median(Array.from({ length: RUNS }, (_, i) => release(one, i)));
  const t11 = median(Array.from({ length: RUNS }, (_, i) => release(eleven, i)));
  const node = median(
    Array.from({ length: RUNS }, () => {
      const s = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      return Number(process.hrtime.bigint() - s) / 1e6;
    }),
  );
  console.log(`node -e 0                         : ${node.toFixed(0)} ms`);
  console.log(`release, 1 stage (fixed cost)     : ${t1.toFixed(0)} ms  (median of ${RUNS})`);
  console.log(`release, 11 stages                : ${t11.toFixed(0)} ms`);
  console.log(
    `overhead per stage ((T11-T1)/10)  : ${((t11 - t1) / 10).toFixed(0)} ms  (deploy \`true\` included, ~5 ms)`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
