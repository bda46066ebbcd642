// Benchmark: reading the live version of a service from the audit branch costs one blob read, whether
// the branch holds 10 records or 100,000 (DESIGN.md "Audit log").
//
// Plain node, no TypeScript loader: it builds the branch with git plumbing (one `update-index
// --index-info` call, one record blob reused) and times the exact call GitAuditStore's read() makes:
// `git cat-file --batch` fed `<head>:current/production/<svc>.json`. For scale, it also times what a
// write adds on top of the push: loading the head's tree into a temporary index and writing the new tree.
//
// Run: node bench/audit-lookup.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICES = 50;
const RUNS = 20;
const IDENTITY = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

function git(repo, args, { input, env } = {}) {
  const run = spawnSync('git', args, {
    cwd: repo,
    input,
    env: { ...process.env, LC_ALL: 'C', ...IDENTITY, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`git ${args[0]} failed: ${run.stderr.toString()}`);
  return run.stdout.toString();
}

const service = (i) => `svc-${String(i % SERVICES).padStart(2, '0')}`;

/** Record paths spread over services and months, named as DESIGN.md says. */
function recordPath(i) {
  const month = i % 36;
  const yyyy = 2024 + Math.floor(month / 12);
  const mm = String((month % 12) + 1).padStart(2, '0');
  const ts = `${yyyy}${mm}01T${String(i % 24).padStart(2, '0')}0000Z`;
  return `records/${service(i)}/${yyyy}-${mm}/${ts}-${String(i).padStart(8, '0')}.json`;
}

/** A repository whose branch `release-audit` holds `records` records and one pointer per service. */
function buildAuditRepo(records) {
  const repo = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  git(repo, ['init', '-q', '--bare']);
  const record = git(repo, ['hash-object', '-w', '--stdin'], {
    input: '{"kind":"release","outcome":"released"}\n',
  });
  const lines = [];
  for (let i = 0; i < records; i++) lines.push(`100644 ${record.trim()}\t${recordPath(i)}\0`);
  for (let s = 0; s < SERVICES; s++) {
    const pointer = JSON.stringify({ version: `1.${s}.0`, sha: 'a'.repeat(40), record: `r${s}` });
    const blob = git(repo, ['hash-object', '-w', '--stdin'], { input: pointer }).trim();
    lines.push(`100644 ${blob}\tcurrent/production/${service(s)}.json\0`);
  }
  const env = { GIT_INDEX_FILE: join(repo, 'bench-index') };
  git(repo, ['update-index', '-z', '--add', '--index-info'], { input: lines.join(''), env });
  const tree = git(repo, ['write-tree'], { env }).trim();
  const head = git(repo, ['commit-tree', tree, '-m', `${records} records`]).trim();
  git(repo, ['update-ref', 'refs/heads/release-audit', head]);
  git(repo, ['repack', '-adq']); // as after a fetch: objects in a pack
  rmSync(env.GIT_INDEX_FILE, { force: true });
  return { repo, head };
}

function medianMs(fn) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
}

function measure(records) {
  const { repo, head } = buildAuditRepo(records);
  try {
    const read = medianMs((i) => {
      const out = git(repo, ['cat-file', '--batch'], {
        input: `${head}:current/production/${service(i)}.json\n`,
      });
      if (!out.includes(' blob ')) throw new Error('pointer not found');
    });
    const index = join(repo, 'write-index');
    const blob = git(repo, ['hash-object', '-w', '--stdin'], { input: '{"new":"record"}\n' }).trim();
    const writeTree = medianMs((i) => {
      const env = { GIT_INDEX_FILE: index };
      rmSync(index, { force: true });
      git(repo, ['read-tree', head], { env });
      git(repo, ['update-index', '-z', '--add', '--index-info'], {
        env,
        input: `100644 ${blob}\tx/${i}.json\0`,
      });
      git(repo, ['write-tree'], { env });
    });
    return { records, read, writeTree };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

const rows = [measure(10), measure(100_000)];
console.log(
  `git ${git(tmpdir(), ['--version']).trim().replace('git version ', '')}, median of ${RUNS} runs (ms)`,
);
console.log('records  | read pointer (1 cat-file) | write: read-tree + update-index + write-tree');
for (const row of rows) {
  console.log(
    `${String(row.records).padStart(8)} | ${row.read.toFixed(2).padStart(25)} | ${row.writeTree.toFixed(2).padStart(10)}`,
  );
}
