// Plan benchmark. The speed guard is relative, measured in one run, because this machine's speed drifts by a
// third from hour to hour and Node's own start is most of an absolute figure:
//
//   2,000 services, 10,000 changed files: ours ≤ 0.35 × dorny/paths-filter, ours ≤ 4 × the floor
//   10,000 services, 50,000 changed files: ours < 1.2 s
//   2,000 services discovered from a pnpm workspace: ≤ 1.5 × the same plan with the services listed
//
// "Ours" is the built CLI, a fresh process: `node dist/cli/index.js plan --base HEAD~1 --json`. The floor is
// what no plan can beat: `node -e 0` followed by the raw `git diff --name-status -z`. paths-filter runs as
// the runner runs it (see paths-filter.mjs). The contenders take turns (ours, paths-filter, floor, ours, …)
// after one warm-up round, so a drift of the machine's speed touches all of them alike; medians are printed
// and written to bench/README.md between its markers.
//
//   npm run bench
//   BENCH_PATHS_FILTER=/work/vendor/paths-filter/dist/index.js npm run bench
//   BENCH_CLI=/elsewhere/dist/cli/index.js npm run bench   # measure another build (README.md left alone)
//   BENCH_RUNS=15 npm run bench
//   BENCH_CASES=discovered npm run bench   # only the cases whose name holds the text
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathsFilter, pathsFilterHowTo } from './paths-filter.mjs';
import { DISCOVER_CONFIG, generate } from './synthetic-repo.mjs';

const OWN_CLI = resolve(import.meta.dirname, '../dist/cli/index.js');
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : OWN_CLI;
const PATHS_FILTER = process.env.BENCH_PATHS_FILTER ? resolve(process.env.BENCH_PATHS_FILTER) : null;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// `BENCH_CASES=discovered`: only the cases whose name holds the text (README.md is then left alone).
const ONLY = process.env.BENCH_CASES ?? '';
const README = resolve(import.meta.dirname, 'README.md');
// Peak memory of the plan process, written to stderr as it exits.
const MEMORY_PROBE =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss="+process.resourceUsage().maxRSS+"\\n"))';
const MEMORY_BOUND_MB = 150;
// Other work on the machine slows every contender; the ratios suffer less than the times.
const LOAD_AT_START = loadavg()[0].toFixed(1);

const cases = [
  {
    name: '2,000 services × 40 files, 250 services / 10,000 files changed',
    services: 2000,
    files: 40,
    changedServices: 250,
    withPathsFilter: true,
    guard: { pathsFilter: 0.35, floor: 4 },
  },
  {
    name: '2,000 services released before (a live pointer each), 250 changed since',
    services: 2000,
    files: 40,
    changedServices: 250,
    released: 'together',
  },
  {
    // The same workspace planned twice, its services listed by hand and discovered from 2,000 package.json
    // (with 1,990 depends-on edges), in turns. The listed config is parsed while git diffs; discovery adds
    // two git round trips after the config is read (the listing beside the root manifest, then every member
    // manifest), which the diff does not hide: the bound catches a return of per-member reads (9×).
    name: '2,000 services × 40 files, 250 changed: explicit config vs discovered from a pnpm workspace',
    services: 2000,
    files: 40,
    changedServices: 250,
    manifests: true,
    guard: { discovered: 1.5 },
  },
  {
    // A bound that catches a return of one diff per release (11 s, and 10 minutes before that).
    name: '2,000 services, each released at its own commit, 250 changed since',
    services: 2000,
    files: 40,
    changedServices: 250,
    released: 'each',
    guard: { ms: 4000 },
  },
  {
    name: '10,000 services × 5 files, all 50,000 files changed',
    services: 10000,
    files: 5,
    changedServices: 10000,
    guard: { ms: 1200 },
  },
];

function time(command, args, options) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return { ms, stdout: run.stdout, stderr: run.stderr };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Our plan; released services are compared with their own releases, so those cases give no --base.
 * `config`: another config file of the commit (the discovering one). */
function ours(dir, c, { name = 'ours', config } = {}) {
  const range = c.released ? [] : ['--base', 'HEAD~1'];
  const configArgs = config ? ['--config', config] : [];
  return {
    name,
    run() {
      const { ms, stdout, stderr } = time(
        process.execPath,
        ['--import', MEMORY_PROBE, CLI, 'plan', ...range, ...configArgs, '--json'],
        { cwd: dir },
      );
      const services = JSON.parse(stdout).services.map((s) => s.service);
      return { ms, services, maxRssMb: Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024 };
    },
  };
}

/** Node's start plus git's diff of the same range: the part of a plan that is not the plan's own work. */
function floor(dir) {
  return {
    name: 'floor',
    run() {
      const node = time(process.execPath, ['-e', '0'], { cwd: dir }).ms;
      const diff = time('git', ['diff', '--name-status', '-z', '--no-renames', 'HEAD~1', 'HEAD'], {
        cwd: dir,
      }).ms;
      return { ms: node + diff };
    },
  };
}

/** One warm-up round, then `RUNS` rounds in which every contender runs once, in turn. */
function interleaved(contenders) {
  for (const contender of contenders) contender.run();
  const samples = contenders.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    contenders.forEach((contender, i) => samples[i].push(contender.run()));
  }
  return Object.fromEntries(contenders.map((contender, i) => [contender.name, samples[i]]));
}

function sameServices(a, b) {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function measure(c, dir, scratch) {
  const contenders = [ours(dir, c)];
  if (c.manifests) contenders.push(ours(dir, c, { name: 'discovered', config: DISCOVER_CONFIG }));
  if (c.withPathsFilter && PATHS_FILTER) contenders.push(pathsFilter(PATHS_FILTER, dir, c, scratch));
  if (!c.released) contenders.push(floor(dir));
  const samples = interleaved(contenders);
  const ms = (name) => (samples[name] ? median(samples[name].map((s) => s.ms)) : null);
  const planned = samples.ours[0].services;
  if (planned.length !== c.changedServices) {
    throw new Error(`${c.name}: the plan names ${planned.length} services, not ${c.changedServices}`);
  }
  if (samples.discovered && !sameServices(planned, samples.discovered[0].services)) {
    throw new Error(`${c.name}: the discovered config plans other services than the explicit one`);
  }
  if (samples['paths-filter'] && !sameServices(planned, samples['paths-filter'][0].services)) {
    throw new Error(`${c.name}: paths-filter found other services than the plan`);
  }
  const row = {
    name: c.name,
    ours: ms('ours'),
    pathsFilter: ms('paths-filter'),
    floor: ms('floor'),
    discovered: ms('discovered'),
    maxRssMb: Math.max(...[...samples.ours, ...(samples.discovered ?? [])].map((s) => s.maxRssMb)),
  };
  return { ...row, verdicts: verdicts(c, row) };
}

/** Each guard of the case, met or missed. */
function verdicts(c, row) {
  const out = [];
  const check = (what, ok) => out.push({ what, ok });
  const guard = c.guard ?? {};
  if (guard.pathsFilter && row.pathsFilter !== null) {
    check(`ours / paths-filter ≤ ${guard.pathsFilter}`, row.ours / row.pathsFilter <= guard.pathsFilter);
  }
  if (guard.floor) check(`ours / floor ≤ ${guard.floor}`, row.ours / row.floor <= guard.floor);
  if (guard.ms) check(`ours < ${guard.ms / 1000} s`, row.ours < guard.ms);
  if (guard.discovered) {
    check(`discovered / explicit ≤ ${guard.discovered}`, row.discovered / row.ours <= guard.discovered);
  }
  check(`peak memory < ${MEMORY_BOUND_MB} MB`, row.maxRssMb < MEMORY_BOUND_MB);
  return out;
}

const fmtMs = (ms) =>
  ms === null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const fmtRatio = (a, b) => (b === null ? '—' : `${(a / b).toFixed(2)}×`);

function printRow(row) {
  console.log(`  ours (plan, end to end) : ${fmtMs(row.ours)}   peak memory ${row.maxRssMb.toFixed(0)} MB`);
  if (row.discovered !== null) {
    console.log(
      `  discovered (same plan)  : ${fmtMs(row.discovered)}   discovered / explicit ${fmtRatio(row.discovered, row.ours)}`,
    );
  }
  if (row.pathsFilter !== null) {
    console.log(
      `  dorny/paths-filter      : ${fmtMs(row.pathsFilter)}   ours / paths-filter ${fmtRatio(row.ours, row.pathsFilter)}`,
    );
  }
  if (row.floor !== null) {
    console.log(
      `  floor (node + git diff) : ${fmtMs(row.floor)}   ours / floor ${fmtRatio(row.ours, row.floor)}`,
    );
  }
  for (const v of row.verdicts) console.log(`  ${v.ok ? 'ok    ' : 'MISSED'}  ${v.what}`);
  console.log('');
}

function table(rows) {
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim().replace('git version ', '');
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)}: Node ${process.versions.node.split('.')[0]}, git ${git}, ` +
      `medians of ${RUNS} interleaved runs; ${availableParallelism()} cores, load average ${LOAD_AT_START} at the start.`,
    '',
    '| case | ours | dorny/paths-filter | floor | ours / paths-filter | ours / floor | peak memory | guard |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const guards = row.verdicts.map((v) => `${v.ok ? '' : '**missed** '}${v.what}`).join('; ');
    // The discovered plan of the same repository: its time beside the explicit one's, in the same cell.
    const ours =
      row.discovered === null
        ? fmtMs(row.ours)
        : `${fmtMs(row.ours)} explicit, ${fmtMs(row.discovered)} discovered (${fmtRatio(row.discovered, row.ours)})`;
    lines.push(
      `| ${row.name} | ${ours} | ${fmtMs(row.pathsFilter)} | ${fmtMs(row.floor)} | ` +
        `${fmtRatio(row.ours, row.pathsFilter)} | ${fmtRatio(row.ours, row.floor)} | ` +
        `${row.maxRssMb.toFixed(0)} MB | ${guards} |`,
    );
  }
  return lines.join('\n');
}

function writeReadme(text) {
  const start = '<!-- bench:plan:start -->';
  const end = '<!-- bench:plan:end -->';
  const readme = readFileSync(README, 'utf8');
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`bench/README.md lacks the ${start} … ${end} markers`);
  writeFileSync(README, `${readme.slice(0, from + start.length)}\n${text}\n${readme.slice(to)}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'mr-bench-'));
try {
  console.log(`measuring ${CLI}`);
  if (!PATHS_FILTER) console.log(pathsFilterHowTo);
  console.log('');
  const rows = [];
  for (const c of cases.filter((each) => each.name.includes(ONLY))) {
    const dir = join(
      scratch,
      `repo-${c.services}${c.released ? `-released-${c.released}` : ''}${c.manifests ? '-workspace' : ''}`,
    );
    const started = Date.now();
    generate(dir, c);
    console.log(`${c.name}  (generated in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const row = measure(c, dir, scratch);
    printRow(row);
    rows.push(row);
  }
  const text = table(rows);
  if (CLI === OWN_CLI && PATHS_FILTER && ONLY === '') {
    writeReadme(text);
    console.log('bench/README.md updated.');
  } else {
    console.log(
      'bench/README.md left alone (it holds figures of this checkout with paths-filter beside them).',
    );
  }
  process.exitCode = rows.every((row) => row.verdicts.every((v) => v.ok)) ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
