// Benchmark: `monorepo-release stats` over an audit branch of 100,000 records, all in the 90-day window, so
// every one is read (DESIGN.md "Delivery metrics"; issue 19: "reading stays fast on a big log").
//
// Plain node, no TypeScript loader. The repository is real: `git fast-import` writes 1,000 code commits on
// `main` (their times are the lead times' start) and one audit commit holding 100,000 distinct record files
// named as DESIGN.md says, spread over 50 services, two environments and the last 89 days, with the
// outcomes a busy fleet has (mostly released; some rolled back, cancelled, failed; manual rollbacks and
// drills). A clone of it runs the built CLI, `stats --json`, a fresh process each time: the fetch of the
// branch, the listing, one `cat-file --batch` of every record, one `git log` of the commit times, the
// arithmetic. Its answer is checked against what was generated.
//
// Run: node bench/stats.mjs   (after `npm run package`; BENCH_RUNS=5 takes more runs, default 3)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = process.env.BENCH_CLI
  ? resolve(process.env.BENCH_CLI)
  : resolve(import.meta.dirname, '../dist/cli/index.js');
const RECORDS = 100_000;
const SERVICES = 50;
const COMMITS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DAY = 86_400_000;
const MEMORY_PROBE =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss="+process.resourceUsage().maxRSS+"\\n"))';
const ENV = {
  ...process.env,
  LC_ALL: 'C',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

function run(command, args, { cwd, input } = {}) {
  const result = spawnSync(command, args, { cwd, input, env: ENV, maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed: ${result.stderr.toString()}`);
  return result;
}

/** A deterministic generator, so every run of the bench builds the same log. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

const compact = (iso) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
const iso = (ms) => new Date(ms).toISOString();

/** 1,000 commits on main, one every ~2.2 hours up to now; returns their shas and times (oldest first). */
function writeCodeCommits(origin, now) {
  const first = now - 91 * DAY;
  const step = (91 * DAY) / COMMITS;
  let stream = '';
  const times = [];
  for (let k = 0; k < COMMITS; k++) {
    const at = Math.floor((first + k * step) / 1000);
    times.push(at * 1000);
    stream += `commit refs/heads/main\nmark :${k + 1}\ncommitter bench <bench@example.com> ${at} +0000\n`;
    stream += data(`change ${k}`);
    if (k > 0) stream += `from :${k}\n`;
    stream += `M 100644 inline services/svc-${k % SERVICES}/main.ts\n${data(`export const v = ${k};`)}`;
  }
  const marks = join(origin, 'code-marks');
  run('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: origin, input: stream });
  const shas = new Map(
    readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((line) => [Number(line.split(' ')[0].slice(1)), line.split(' ')[1]]),
  );
  return times.map((at, k) => ({ at, sha: shas.get(k + 1) }));
}

/** The newest commit made at or before `at` (the oldest when none is). */
function commitBefore(commits, at) {
  let low = 0;
  let high = commits.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (commits[middle].at <= at) low = middle;
    else high = middle - 1;
  }
  return commits[low];
}

const OUTCOMES = [
  [0.85, 'released'],
  [0.93, 'rolled-back'],
  [0.95, 'rollback-failed'],
  [0.98, 'cancelled'],
  [1, 'failed'],
];

/** A manual rollback or a drill says how it went in its own words. */
const KIND_OUTCOME = {
  release: (outcome) => outcome,
  rollback: (outcome) => (outcome === 'released' ? 'rolled-back' : outcome),
  drill: (outcome) => (outcome === 'released' ? 'drilled' : 'drill-failed'),
};

function stage(name, percent, start, minutes, result) {
  return {
    name,
    percent,
    'started-at': iso(start),
    'finished-at': iso(start + minutes * 60_000),
    result,
    checks: { passed: minutes * 2, failed: result === 'failed' ? 1 : 0 },
  };
}

/** One record as the action writes it: three stages, an automatic rollback when one failed. */
function record(i, now, commits, next) {
  const service = `svc-${String(i % SERVICES).padStart(2, '0')}`;
  const environment = Math.floor(i / SERVICES) % 5 === 0 ? 'staging' : 'production';
  const started = now - Math.floor(next() * 89 * DAY) - 3_600_000;
  const commit = commitBefore(commits, started - 600_000);
  const roll = next();
  const outcome = OUTCOMES.find(([bound]) => roll < bound)[1];
  const kind = i % 97 === 0 ? 'rollback' : i % 101 === 0 ? 'drill' : 'release';
  const stages =
    outcome === 'failed'
      ? []
      : outcome === 'released'
        ? [
            stage('canary', 5, started, 5, 'passed'),
            stage('ramp', 50, started + 300_000, 10, 'passed'),
            stage('full', 100, started + 900_000, 1, 'passed'),
          ]
        : [
            stage('canary', 5, started, 5, 'passed'),
            stage('ramp', 50, started + 300_000, 3, outcome === 'cancelled' ? 'cancelled' : 'failed'),
          ];
  const finished = started + (outcome === 'released' ? 960_000 : 600_000);
  const rolledBack = outcome === 'rolled-back' || outcome === 'rollback-failed' || outcome === 'cancelled';
  const value = {
    id: `${1000 + i}-1-${i.toString(16).padStart(8, '0')}`,
    kind,
    service,
    environment,
    version: `1.${Math.floor(i / SERVICES)}.0`,
    'previous-version': `1.${Math.floor(i / SERVICES) - 1}.0`,
    sha: commit.sha,
    ref: 'refs/heads/main',
    event: 'push',
    actor: 'alice',
    'triggering-actor': 'alice',
    'run-id': String(1000 + i),
    'run-attempt': 1,
    'run-url': `https://github.com/acme/mono/actions/runs/${1000 + i}/attempts/1`,
    'started-at': iso(started),
    'heartbeat-at': iso(finished),
    'finished-at': iso(finished),
    stages,
    outcome: KIND_OUTCOME[kind](outcome),
    rollback: rolledBack
      ? {
          'to-version': '1.0.0',
          result: outcome === 'rollback-failed' ? 'failed' : 'passed',
          'started-at': iso(finished - 60_000),
          'finished-at': iso(finished),
        }
      : null,
  };
  const path = `records/${service}/${value['started-at'].slice(0, 7)}/${compact(value['started-at'])}-${value.id}.json`;
  return { path, value };
}

/** The audit branch: one commit with every record. Returns what `stats` must count. */
function writeAuditBranch(origin, now, commits) {
  const next = random(19);
  let stream =
    'commit refs/heads/release-audit\ncommitter bench <bench@example.com> ' +
    Math.floor(now / 1000) +
    ' +0000\n';
  stream += data(`${RECORDS} records`);
  let deployments = 0;
  const parts = [stream];
  for (let i = 0; i < RECORDS; i++) {
    const { path, value } = record(i, now, commits, next);
    if (value.kind === 'release' && value.outcome === 'released') deployments++;
    parts.push(`M 100644 inline ${path}\n${data(JSON.stringify(value, null, 2) + '\n')}`);
  }
  run('git', ['fast-import', '--quiet'], { cwd: origin, input: parts.join('') });
  return { deployments };
}

function build() {
  const root = mkdtempSync(join(tmpdir(), 'stats-bench-'));
  const origin = join(root, 'origin.git');
  run('git', ['init', '-q', '--bare', '--initial-branch=main', origin]);
  const now = Date.now();
  const started = process.hrtime.bigint();
  const commits = writeCodeCommits(origin, now);
  const expected = writeAuditBranch(origin, now, commits);
  run('git', ['repack', '-adq'], { cwd: origin });
  const work = join(root, 'work');
  run('git', ['clone', '-q', origin, work]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { root, work, expected, seconds };
}

function stats(work) {
  const start = process.hrtime.bigint();
  const result = run(process.execPath, ['--import', MEMORY_PROBE, CLI, 'stats', '--json'], { cwd: work });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRssMb = Number(/maxrss=(\d+)/.exec(result.stderr.toString())[1]) / 1024;
  return { ms, maxRssMb, stats: JSON.parse(result.stdout.toString()) };
}

const repo = build();
if (process.env.BENCH_KEEP) console.log(`kept: ${repo.work}`);
try {
  console.log(
    `built ${RECORDS.toLocaleString('en')} records and ${COMMITS} commits in ${repo.seconds.toFixed(1)} s`,
  );
  const runs = Array.from({ length: RUNS }, () => stats(repo.work));
  const counted = runs[0].stats.services.reduce((sum, s) => sum + s.deployments, 0);
  if (counted !== repo.expected.deployments)
    throw new Error(`stats counted ${counted} deployments, the log holds ${repo.expected.deployments}`);
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const memory = Math.max(...runs.map((r) => r.maxRssMb));
  console.log(
    `stats --json over ${RECORDS.toLocaleString('en')} records (${runs[0].stats.services.length} service/environment pairs, ${counted} deployments): median ${(median / 1000).toFixed(2)} s of ${RUNS} runs (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}), peak memory ${memory.toFixed(0)} MB`,
  );
} finally {
  if (!process.env.BENCH_KEEP) rmSync(repo.root, { recursive: true, force: true });
}
