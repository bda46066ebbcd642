#!/usr/bin/env node
// `npm run demo`: the action's main job, end to end, on a throwaway monorepo and a simulated fleet.
//
// It copies examples/monorepo/ into a temporary git repository with a local bare `origin`, then runs the
// committed bundle dist/index.js exactly as the Actions runner does (INPUT_* variables, the event JSON,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, then the `post:` step) through a short story:
//   0. the first release of every service (so that there is a known-good version to go back to);
//   1. a commit to the shared library `common`: `plan` releases its dependents api and worker, not web;
//   2. the matrix releases both in stages; worker's health check fails at 50 % and it rolls back by itself;
//   3. the audit log (`history`, from dist/cli/index.js) says who released what, when, from which commit;
//   4. a manual rollback of api, as from the Actions UI (a workflow_dispatch event).
// Every step checks what it should have done; the exit code is 1 when any check failed.
//
//   node scripts/demo.mjs [--keep] [--verbose]
//     --keep     leave the temporary directory (the repository, origin and fleet) for a look around
//     --verbose  also print the action's own log
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { parse as parseYaml } from 'yaml';

const HERE = resolve(import.meta.dirname, '..');
const ACTION = join(HERE, 'dist/index.js');
const CLI = join(HERE, 'dist/cli/index.js');
const EXAMPLE = join(HERE, 'examples/monorepo');
const EXAMPLE_CONFIG = 'monorepo-release.yml';
const EXAMPLE_PREFIX = 'examples/monorepo/';
const SERVICES = ['api', 'web', 'worker'];
const ZERO_SHA = '0'.repeat(40);

const args = new Set(process.argv.slice(2));
const KEEP = args.has('--keep');
const VERBOSE = args.has('--verbose');

// ---------------------------------------------------------------------------------------------- output

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : String(text));
const bold = paint('1');
const dim = paint('2');
const red = paint('31');
const green = paint('32');
const yellow = paint('33');
const cyan = paint('36');

const print = (text = '') => process.stdout.write(`${text}\n`);
const indent = (text, by = '  ') =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (by + line).trimEnd())
    .join('\n');

function heading(text) {
  print();
  print(bold(cyan(`━━ ${text} ${'━'.repeat(Math.max(0, 100 - text.length))}`)));
}

// ---------------------------------------------------------------------------------------------- checks

const checks = { passed: 0, failed: [] };

/** One expectation of the story: printed as it is checked, counted for the exit code. On failure, the
 * tail of `run`'s log (a step of the action) shows why without --verbose. */
function expect(label, ok, detail = '', run = undefined) {
  if (ok) {
    checks.passed++;
    print(`  ${green('✔')} ${label}`);
  } else {
    checks.failed.push(label);
    print(`  ${red('✘')} ${label}${detail ? dim(` (${detail})`) : ''}`);
    if (run) print(dim(indent(run.log.split('\n').slice(-25).join('\n'), '    │ ')));
  }
  return ok;
}

// ------------------------------------------------------------------------------------- job summaries

/** The markdown escapes of the product's summaries (src/core/markdown.ts), undone for a terminal. */
function unescapeMarkdown(text) {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>&"'$])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function inline(text) {
  return unescapeMarkdown(
    text.replace(/\*\*(.+?)\*\*/g, (_, inner) => bold(inner)).replace(/`([^`]+)`/g, (_, code) => cyan(code)),
  );
}

/** Cells of a markdown table row; `\|` inside a cell is an escaped pipe, not a separator. */
function tableCells(line) {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => inline(cell.trim()));
}

// eslint-disable-next-line no-control-regex -- the escape sequences of the colours above
const visibleLength = (text) => text.replace(/\x1b\[[0-9;]*m/g, '').length;

function renderTable(rows) {
  const [header, , ...body] = rows.map(tableCells);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => visibleLength(row[i] ?? ''))));
  const line = (row) =>
    row
      .map((cell, i) => cell + ' '.repeat(widths[i] - visibleLength(cell)))
      .join('  ')
      .trimEnd();
  return [bold(line(header)), ...body.map(line)];
}

/** A job summary (GitHub-flavoured markdown as the action writes it) rendered for a terminal. */
function renderSummary(markdown) {
  const out = [];
  const lines = markdown.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('|')) {
      const table = [];
      while (i < lines.length && lines[i].startsWith('|')) table.push(lines[i++]);
      i--;
      out.push(...renderTable(table));
    } else if (line.startsWith('```')) {
      while (++i < lines.length && !lines[i].startsWith('```')) out.push(dim(`  │ ${lines[i]}`));
    } else if (/^#+ /.test(line)) {
      out.push(bold(inline(line.replace(/^#+ /, ''))));
    } else if (line.startsWith('<details>')) {
      out.push(inline(line.replace(/<\/?details>|<\/?summary>/g, '')) + ':');
    } else if (line === '</details>') {
      continue;
    } else {
      out.push(inline(line));
    }
  }
  return out.join('\n');
}

// ----------------------------------------------------------------------------------------- processes

function run(file, argv, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** No user or system git config (a signing hook or an odd default must not change the story), and
 * fixed authors. */
const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Carol Developer',
  GIT_AUTHOR_EMAIL: 'carol@example.com',
  GIT_COMMITTER_NAME: 'Carol Developer',
  GIT_COMMITTER_EMAIL: 'carol@example.com',
};

function baseEnv() {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...GIT_ENV };
}

async function git(cwd, ...argv) {
  const result = await run('git', argv, { cwd, env: baseEnv() });
  if (result.code !== 0) throw new Error(`git ${argv.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

/** Parse the runner's file-command format: `name<<DELIMITER\nvalue\nDELIMITER` (and `name=value`). */
function parseFileCommands(text) {
  const result = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]);
      result[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      result[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return result;
}

/** The defaults the runner passes for inputs that have one in action.yml (expressions left out). */
function actionDefaults() {
  const action = parseYaml(readFileSync(join(HERE, 'action.yml'), 'utf8'));
  const defaults = {};
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    if (input.default !== undefined && !String(input.default).includes('${{'))
      defaults[name] = String(input.default);
  }
  return defaults;
}

let jobs = 0;

/** A job's own checkout of origin at `sha`, as actions/checkout with `fetch-depth: 0` makes it: every job
 * of a workflow runs on a runner of its own. */
async function checkout(story, job, sha) {
  const workspace = join(job, 'workspace');
  await git(job, 'clone', '--quiet', story.origin, workspace);
  await git(workspace, 'checkout', '--quiet', '--detach', sha);
  return workspace;
}

/**
 * One step `uses: ./` as the runner runs it, in a job of its own (a fresh checkout at `sha`, RUNNER_TEMP,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, the event JSON): main, then post with the state that
 * main saved.
 */
async function useAction(story, { sha, inputs, eventName, event, env = {} }) {
  const job = join(story.tmp, 'runner', `job-${++jobs}`);
  const temp = join(job, 'temp');
  mkdirSync(temp, { recursive: true });
  const workspace = await checkout(story, job, sha);
  const files = {
    output: join(temp, 'output'),
    summary: join(temp, 'summary'),
    state: join(temp, 'state'),
    event: join(temp, 'event.json'),
  };
  for (const file of ['output', 'summary', 'state']) writeFileSync(files[file], '');
  writeFileSync(files.event, JSON.stringify(event, null, 2));
  const stepEnv = {
    ...baseEnv(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: String(jobs),
    GITHUB_RUN_ATTEMPT: '1',
    // Nothing of the demo talks to GitHub; should anything try, it reaches a closed local port.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: temp,
    FLEET_DIR: story.fleet,
    ...env,
  };
  for (const [name, value] of Object.entries({ ...story.defaults, ...inputs })) {
    stepEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const main = await run(process.execPath, [ACTION], { cwd: workspace, env: stepEnv });
  const state = parseFileCommands(readFileSync(files.state, 'utf8'));
  const postEnv = { ...stepEnv };
  for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
  const post = await run(process.execPath, [ACTION], { cwd: workspace, env: postEnv });
  const result = {
    code: main.code,
    log: main.stdout + main.stderr,
    post,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
  if (VERBOSE) {
    print(dim(indent(`── log of ${inputs.command} ${inputs.service ?? ''}\n${result.log}`, '  │ ')));
  }
  return result;
}

function cli(story, ...argv) {
  return run(process.execPath, [CLI, ...argv, '-C', story.work], { env: baseEnv() });
}

// --------------------------------------------------------------------------------------------- fleet

/** The traffic split of each service, from the simulated fleet's state files. */
function readFleet(story) {
  const fleet = {};
  for (const service of SERVICES) {
    const file = join(story.fleet, `${service}.traffic`);
    fleet[service] = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [version, percent] = line.split(' ');
            return { version, percent: Number(percent) };
          })
      : [];
  }
  return fleet;
}

const splitText = (split) => split.map((s) => `${s.version} ${s.percent} %`).join(' · ') || 'no traffic';

function printFleet(title, fleet) {
  const width = 40;
  const shades = [green('█'), yellow('▒'), red('░')];
  print(`  ${bold(title)}`);
  for (const service of SERVICES) {
    const split = fleet[service];
    let bar = '';
    let used = 0;
    split.forEach((s, i) => {
      const cells = i === split.length - 1 ? width - used : Math.round((s.percent / 100) * width);
      bar += shades[Math.min(i, shades.length - 1)].repeat(Math.max(0, Math.min(cells, width - used)));
      used += Math.max(0, Math.min(cells, width - used));
    });
    bar += dim('·'.repeat(width - used));
    print(`    ${service.padEnd(7)} ${bar}  ${splitText(split)}`);
  }
}

/** Lines the fleet's scripts appended to its timeline since `offset`, for one service. */
function fleetEvents(story, offset, service) {
  const file = join(story.fleet, 'events.log');
  if (!existsSync(file)) return [];
  return readFileSync(file)
    .subarray(offset)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.split(' ')[1] === service);
}

const eventsOffset = (story) => {
  const file = join(story.fleet, 'events.log');
  return existsSync(file) ? statSync(file).size : 0;
};

// --------------------------------------------------------------------------------------------- setup

function copyTree(from, to, skip) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, () => false);
    else {
      copyFileSync(source, target);
      chmodSync(target, statSync(source).mode);
    }
  }
}

/** The example's config, written for this repository, as the demo's repository (its own root) needs it. */
function demoConfig() {
  const config = readFileSync(join(EXAMPLE, EXAMPLE_CONFIG), 'utf8');
  const body = config.replace(/^(#.*\n)+/, '').replaceAll(EXAMPLE_PREFIX, '');
  return `# Written by scripts/demo.mjs from examples/monorepo/${EXAMPLE_CONFIG} (paths from this repository's root).\n${body}`;
}

async function setUp() {
  const tmp = mkdtempSync(join(tmpdir(), 'monorepo-release-demo-'));
  const story = {
    tmp,
    work: join(tmp, 'monorepo'),
    origin: join(tmp, 'origin.git'),
    fleet: join(tmp, 'fleet'),
    defaults: actionDefaults(),
  };
  copyTree(EXAMPLE, story.work, (name) => name === EXAMPLE_CONFIG);
  mkdirSync(join(story.work, '.github'), { recursive: true });
  writeFileSync(join(story.work, '.github/monorepo-release.yml'), demoConfig());
  await git(tmp, 'init', '--quiet', '--bare', '--initial-branch=main', story.origin);
  await git(story.work, 'init', '--quiet', '--initial-branch=main');
  await git(story.work, 'remote', 'add', 'origin', story.origin);
  await git(story.work, 'add', '--all');
  await git(story.work, 'commit', '--quiet', '-m', 'feat: api, web and worker on a shared common library');
  await git(story.work, 'push', '--quiet', '--set-upstream', 'origin', 'main');
  story.initial = await git(story.work, 'rev-parse', 'HEAD');
  return story;
}

function pushEvent(before, after, actor) {
  return {
    ref: 'refs/heads/main',
    before,
    after,
    created: before === ZERO_SHA,
    forced: false,
    commits: [{ id: after }],
    head_commit: { id: after },
    repository: { default_branch: 'main', full_name: 'acme/shop' },
    pusher: { name: actor },
    sender: { login: actor },
  };
}

const matrixOf = (outputs) => {
  try {
    return JSON.parse(outputs.matrix).include;
  } catch {
    return null;
  }
};

/** The release job of the workflow, once per matrix entry, in parallel like the matrix's jobs. */
function releaseMatrix(story, entries, { sha, actor, env = {} }) {
  return Promise.all(
    entries.map((entry) =>
      useAction(story, {
        sha,
        inputs: { command: 'release', service: entry.service, version: entry.version },
        eventName: 'push',
        event: pushEvent(story.initial, sha, actor),
        env: { GITHUB_ACTOR: actor, GITHUB_TRIGGERING_ACTOR: actor, ...env },
      }),
    ),
  );
}

function annotations(log) {
  return log
    .split('\n')
    .filter((line) => /^::(error|warning)/.test(line))
    .map((line) =>
      line
        .replace(/^::(\w+)[^:]*::/, (_, level) => `${level}: `)
        .replace(/%0D|%0A/g, ' ')
        .replace(/%25/g, '%'),
    );
}

// --------------------------------------------------------------------------------------------- story

async function firstRelease(story) {
  heading('0. Day one: the first release of every service');
  print(`  A monorepo (api, web, worker, and the library common) at ${dim(story.work)}`);
  print(`  pushed to a local bare origin; the fleet's traffic lives in ${dim(story.fleet)}.`);
  const validate = await useAction(story, {
    sha: story.initial,
    inputs: { command: 'validate' },
    eventName: 'push',
    event: pushEvent(ZERO_SHA, story.initial, 'alice'),
  });
  const plan = await useAction(story, {
    sha: story.initial,
    inputs: { command: 'plan' },
    eventName: 'push',
    event: pushEvent(ZERO_SHA, story.initial, 'alice'),
    env: { GITHUB_ACTOR: 'alice' },
  });
  const matrix = matrixOf(plan.outputs) ?? [];
  const runs = await releaseMatrix(story, matrix, { sha: story.initial, actor: 'alice' });
  for (const [i, entry] of matrix.entries()) {
    print(`  ${entry.service.padEnd(7)} ${entry.version}: ${runs[i].outputs.outcome ?? 'no outcome'}`);
  }
  print();
  expect('the config is valid', validate.code === 0, '', validate);
  expect(
    'plan of the first push: every service, none of them released yet',
    JSON.stringify(matrix.map((e) => e.service)) === JSON.stringify(SERVICES),
    plan.outputs.services,
    plan,
  );
  runs.forEach((result, i) => {
    const entry = matrix[i];
    expect(`${entry.service} ${entry.version} released`, result.outputs.outcome === 'released', '', result);
  });
  const fleet = readFleet(story);
  expect(
    'every service serves 0.1.0 to 100 % of the traffic',
    SERVICES.every((s) => splitText(fleet[s]) === '0.1.0 100 %'),
  );
  printFleet('The fleet now', fleet);
}

async function commitToCommon(story) {
  heading('1. A commit to the shared library: plan');
  const file = join(story.work, 'libs/common/retry.js');
  appendFileSync(file, '\nexport const backoff = (attempt) => 100 * 2 ** attempt;\n');
  await git(story.work, 'commit', '--quiet', '-am', 'feat(common): exponential backoff between retries');
  await git(story.work, 'push', '--quiet', 'origin', 'main');
  story.head = await git(story.work, 'rev-parse', 'HEAD');
  print(
    `  carol pushes ${cyan(story.head.slice(0, 12))} "feat(common): exponential backoff between retries"`,
  );
  print(`  (libs/common/retry.js only). The workflow's plan job runs:`);
  print();
  const plan = await useAction(story, {
    sha: story.head,
    inputs: { command: 'plan' },
    eventName: 'push',
    event: pushEvent(story.initial, story.head, 'carol'),
    env: { GITHUB_ACTOR: 'carol' },
  });
  print(indent(renderSummary(plan.summary), '  │ '));
  print();
  print(`  ${dim('outputs.matrix =')} ${plan.outputs.matrix}`);
  print();
  const matrix = matrixOf(plan.outputs) ?? [];
  const services = matrix.map((e) => e.service);
  expect('plan succeeds', plan.code === 0, '', plan);
  expect(
    'api and worker, the dependents of common, are released',
    services.join() === 'api,worker',
    services.join(),
  );
  expect('web, which does not use common, is not', !services.includes('web'));
  expect(
    'each at 0.2.0 (a feat: bumps the minor version), after 0.1.0',
    matrix.every((e) => e.version === '0.2.0' && e['previous-version'] === '0.1.0'),
    JSON.stringify(matrix),
  );
  expect(
    'the reason names the chain: service ← common ← the changed file',
    matrix.every((e) => e.reason.startsWith(`${e.service} ← common ← libs/common/retry.js`)),
    matrix.map((e) => e.reason).join('; '),
  );
  story.matrix = matrix;
}

async function stagedRelease(story) {
  heading('2. The release job, once per service of the matrix: staged, with health gates');
  const fault = 'worker@0.2.0:50';
  print(
    `  Fault injected: ${yellow(`FLEET_FAULTS=${fault}`)} — worker 0.2.0 answers 503 once it takes 50 % of the`,
  );
  print(
    `  traffic. Stages: canary 5 % (bake 1s), ramp 50 % (bake 1s), full 100 %; a health check every 300ms.`,
  );
  print();
  printFleet('The fleet before', readFleet(story));
  const offset = eventsOffset(story);
  const runs = await releaseMatrix(story, story.matrix ?? [], {
    sha: story.head,
    actor: 'carol',
    env: { FLEET_FAULTS: fault },
  });
  const results = Object.fromEntries((story.matrix ?? []).map((entry, i) => [entry.service, runs[i]]));
  for (const [service, result] of Object.entries(results)) {
    print();
    print(
      `  ${bold(`job release (${service})`)} → step ${result.code === 0 ? green('succeeded') : red('failed')}`,
    );
    print(indent(renderSummary(result.summary), '  │ '));
    print(`  ${bold('Fleet timeline')}`);
    for (const line of fleetEvents(story, offset, service)) print(`    ${line}`);
    for (const note of annotations(result.log))
      print(`  ${note.startsWith('error') ? red(note) : yellow(note)}`);
  }
  print();
  const fleet = readFleet(story);
  printFleet('The fleet after', fleet);
  print();
  const api = results.api;
  const worker = results.worker;
  if (!expect('both services got a release job', Boolean(api && worker))) return;
  expect(
    'api: outcome released, step succeeded',
    api.outputs.outcome === 'released' && api.code === 0,
    '',
    api,
  );
  expect(
    'api: version 0.2.0, previous-version 0.1.0',
    api.outputs.version === '0.2.0' && api.outputs['previous-version'] === '0.1.0',
  );
  expect(
    'worker: outcome rolled-back, failed-stage ramp, step failed',
    worker.outputs.outcome === 'rolled-back' &&
      worker.outputs['failed-stage'] === 'ramp' &&
      worker.code !== 0,
    `outcome=${worker.outputs.outcome} failed-stage=${worker.outputs['failed-stage']} code=${worker.code}`,
    worker,
  );
  const workerEvents = fleetEvents(story, offset, 'worker');
  expect(
    'worker: deployed at 5 % and 50 %, never at 100 %, then rolled back once',
    workerEvents.some((l) => l.includes('deploy 0.2.0 at canary')) &&
      workerEvents.some((l) => l.includes('deploy 0.2.0 at ramp')) &&
      !workerEvents.some((l) => l.includes('deploy 0.2.0 at full')) &&
      workerEvents.filter((l) => l.includes('rollback')).length === 1,
  );
  expect(
    'the post: steps had nothing left to do',
    runs.every((r) => r.post.code === 0),
  );
  expect('api serves 0.2.0 to 100 %', splitText(fleet.api) === '0.2.0 100 %', splitText(fleet.api));
  expect(
    'worker is back on 0.1.0 at 100 %',
    splitText(fleet.worker) === '0.1.0 100 %',
    splitText(fleet.worker),
  );
  expect('web was not touched: 0.1.0 at 100 %', splitText(fleet.web) === '0.1.0 100 %', splitText(fleet.web));
}

async function history(story, service) {
  const result = await cli(story, 'history', ...(service ? [service] : []));
  print(indent(result.stdout || result.stderr, '  │ '));
  return result;
}

async function auditLog(story) {
  heading('3. The audit log: monorepo-release history (from the release-audit branch on origin)');
  const result = await history(story);
  print();
  const lines = result.stdout.split('\n');
  const row = (pattern) => lines.some((line) => pattern.test(line));
  expect('history succeeds', result.code === 0, result.stderr.trim());
  expect('it says what is live now: api 0.2.0', row(/^\s+api \(production\): 0\.2\.0 @ [0-9a-f]{12}/));
  expect('…worker 0.1.0 (its 0.2.0 never went live)', row(/^\s+worker \(production\): 0\.1\.0 @/));
  expect(
    "worker 0.2.0's record: by carol, from the commit, failed at ramp, rolled back to 0.1.0",
    row(
      new RegExp(
        `worker\\s+release\\s+0\\.2\\.0\\s+${story.head.slice(0, 12)}\\s+rolled-back\\s+carol\\s+canary:passed ramp:failed rollback→0\\.1\\.0:passed`,
      ),
    ),
  );
  expect(
    'the first releases by alice are there too',
    ['api', 'web', 'worker'].every((s) =>
      row(new RegExp(`${s}\\s+release\\s+0\\.1\\.0\\s+\\w+\\s+released\\s+alice`)),
    ),
  );
}

async function manualRollback(story) {
  heading('4. Manual rollback of api, from the Actions UI (workflow_dispatch)');
  print(`  dave: Actions → release → Run workflow: command=rollback, service=api, version= (the one before)`);
  print();
  const before = readFleet(story);
  printFleet('The fleet before', before);
  const offset = eventsOffset(story);
  const inputs = { command: 'rollback', service: 'api', version: '' };
  const result = await useAction(story, {
    sha: story.head,
    inputs,
    eventName: 'workflow_dispatch',
    event: {
      inputs,
      ref: 'refs/heads/main',
      repository: { default_branch: 'main', full_name: 'acme/shop' },
      sender: { login: 'dave' },
    },
    env: { GITHUB_ACTOR: 'dave', GITHUB_TRIGGERING_ACTOR: 'dave' },
  });
  print();
  print(`  ${bold('job rollback')} → step ${result.code === 0 ? green('succeeded') : red('failed')}`);
  print(indent(renderSummary(result.summary), '  │ '));
  print(`  ${bold('Fleet timeline')}`);
  for (const line of fleetEvents(story, offset, 'api')) print(`    ${line}`);
  print();
  const after = readFleet(story);
  printFleet('The fleet after', after);
  print();
  print(`  ${bold('monorepo-release history api')}`);
  const log = await history(story, 'api');
  print();
  expect(
    'outcome rolled-back, version 0.1.0, previous-version 0.2.0, step succeeded',
    result.code === 0 &&
      result.outputs.outcome === 'rolled-back' &&
      result.outputs.version === '0.1.0' &&
      result.outputs['previous-version'] === '0.2.0',
    JSON.stringify({ code: result.code, ...result.outputs }),
    result,
  );
  expect('api serves 0.1.0 to 100 % again', splitText(after.api) === '0.1.0 100 %', splitText(after.api));
  expect(
    'the audit log records it, by dave, and api 0.1.0 is live',
    /api\s+rollback\s+0\.1\.0\s+[0-9a-f]{12}\s+rolled-back\s+dave/.test(log.stdout) &&
      /api \(production\): 0\.1\.0 @/.test(log.stdout),
  );
}

async function pauseAndPromote(story) {
  heading('5. A canary that waits for an approval, holding no runner: pause, then promote');
  const config = join(story.work, '.github/monorepo-release.yml');
  const before = readFileSync(config, 'utf8');
  const paused = before.replace(
    /^( {2}web:\n {4}paths: .*\n)/m,
    '$1    stages: [{ name: canary, percent: 5, bake: 1s, pause: true }, { name: full, percent: 100 }]\n',
  );
  writeFileSync(config, paused);
  appendFileSync(join(story.work, 'services/web/app.js'), '\n// dark mode\n');
  await git(
    story.work,
    'commit',
    '--quiet',
    '-am',
    'feat(web): dark mode; its canary pauses for an approval',
  );
  await git(story.work, 'push', '--quiet', 'origin', 'main');
  const sha = await git(story.work, 'rev-parse', 'HEAD');
  print(`  erin pushes ${cyan(sha.slice(0, 12))}: web's stages now say`);
  print(
    `    ${dim('stages: [{ name: canary, percent: 5, bake: 1s, pause: true }, { name: full, percent: 100 }]')}`,
  );
  print();
  const offset = eventsOffset(story);
  const env = { GITHUB_ACTOR: 'erin', GITHUB_TRIGGERING_ACTOR: 'erin' };
  const release = await useAction(story, {
    sha,
    inputs: { command: 'release', service: 'web', version: '0.2.0' },
    eventName: 'push',
    event: pushEvent(story.head, sha, 'erin'),
    env,
  });
  print(`  ${bold('job release (web)')} → step ${release.code === 0 ? green('succeeded') : red('failed')}`);
  print(indent(renderSummary(release.summary), '  │ '));
  const waiting = readFleet(story);
  printFleet('The fleet while web waits (no job runs)', waiting);
  print();
  print(`  frank approves the promote job (environment production-promote) in the Actions UI:`);
  const promote = await useAction(story, {
    sha,
    inputs: { command: 'promote', service: 'web', version: '0.2.0' },
    eventName: 'push',
    event: pushEvent(story.head, sha, 'erin'),
    env: { GITHUB_ACTOR: 'erin', GITHUB_TRIGGERING_ACTOR: 'frank' },
  });
  print(`  ${bold('job promote (web)')} → step ${promote.code === 0 ? green('succeeded') : red('failed')}`);
  print(indent(renderSummary(promote.summary), '  │ '));
  print(`  ${bold('Fleet timeline')}`);
  const events = fleetEvents(story, offset, 'web');
  for (const line of events) print(`    ${line}`);
  print();
  const after = readFleet(story);
  printFleet('The fleet after', after);
  print();
  expect(
    'release: outcome paused after canary (next: full), step succeeded, the post step had nothing to do',
    release.code === 0 &&
      release.outputs.outcome === 'paused' &&
      release.outputs['paused-stage'] === 'canary' &&
      release.outputs['next-stage'] === 'full' &&
      release.post.code === 0,
    JSON.stringify({ code: release.code, ...release.outputs }),
    release,
  );
  expect(
    'while paused, web 0.2.0 serves 5 % beside 0.1.0',
    splitText(waiting.web) === '0.2.0 5 % · 0.1.0 95 %',
    splitText(waiting.web),
  );
  expect(
    'the summary says how to go on: the promote job, or command: promote / abort',
    /promote/.test(release.summary) && /command: abort/.test(release.summary),
  );
  expect(
    'promote: outcome released, the same record, step succeeded',
    promote.code === 0 &&
      promote.outputs.outcome === 'released' &&
      promote.outputs.record === release.outputs.record,
    JSON.stringify({ code: promote.code, ...promote.outputs }),
    promote,
  );
  expect(
    'the canary was deployed once, then full: nothing deployed twice',
    events.filter((l) => l.includes('deploy 0.2.0 at canary')).length === 1 &&
      events.filter((l) => l.includes('deploy 0.2.0 at full')).length === 1,
  );
  expect('web serves 0.2.0 to 100 %', splitText(after.web) === '0.2.0 100 %', splitText(after.web));
}

async function deliveryMetrics(story) {
  heading('6. What all of that says: monorepo-release stats (delivery metrics from the audit log)');
  const table = await cli(story, 'stats');
  print(indent(table.stdout || table.stderr, '  │ '));
  const json = await cli(story, 'stats', '--json');
  print();
  expect('stats succeeds', table.code === 0 && json.code === 0, table.stderr.trim() + json.stderr.trim());
  const rows = Object.fromEntries(
    (JSON.parse(json.stdout || '{"services":[]}').services ?? []).map((s) => [s.service, s]),
  );
  const api = rows.api ?? {};
  const worker = rows.worker ?? {};
  const web = rows.web ?? {};
  expect(
    'api: 2 deployments, 1 failure (dave took 0.2.0 out by hand), restored, rollbacks 1 passed',
    api.deployments === 2 &&
      api.failures === 1 &&
      api['time-to-restore-seconds']?.restored === 1 &&
      api.rollbacks?.passed === 1,
    JSON.stringify(api),
  );
  expect(
    'worker: 2 releases, 1 deployment, change failure rate 50 %',
    worker.releases === 2 && worker.deployments === 1 && worker['change-failure-rate'] === 0.5,
    JSON.stringify(worker),
  );
  expect(
    'web: 2 deployments (the promoted canary included), no failure',
    web.deployments === 2 && web.failures === 0,
    JSON.stringify(web),
  );
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  for (const bundle of [ACTION, CLI]) {
    if (!existsSync(bundle)) {
      process.stderr.write(`${bundle} is missing: build it with \`npm run package\`.\n`);
      return 2;
    }
  }
  print(bold('monorepo-release demo: the built action, run as the Actions runner runs it'));
  const story = await setUp();
  try {
    await firstRelease(story);
    await commitToCommon(story);
    await stagedRelease(story);
    await auditLog(story);
    await manualRollback(story);
    await pauseAndPromote(story);
    await deliveryMetrics(story);
  } catch (error) {
    expect('the story ran to its end', false, error instanceof Error ? error.message : String(error));
  } finally {
    if (KEEP) print(`\n  Kept ${story.tmp} (repository in monorepo/, origin.git, fleet/).`);
    else rmSync(story.tmp, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  heading('Result');
  if (checks.failed.length === 0) {
    print(`  ${green(`${checks.passed} passed, 0 failed`)} in ${seconds} s`);
    return 0;
  }
  print(`  ${red(`${checks.passed} passed, ${checks.failed.length} failed`)} in ${seconds} s:`);
  for (const label of checks.failed) print(`    ${red('✘')} ${label}`);
  return 1;
}

process.exitCode = await main();
