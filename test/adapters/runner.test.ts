import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitAuthEnv } from '../../src/adapters/exec-git.js';
import { OutputGuard, ShellRunner } from '../../src/adapters/runner.js';
import { commandEnvironment, type ReleaseVars } from '../../src/core/command-env.js';
import type { CommandResult } from '../../src/core/ports.js';

const TOKEN = 'ghs_runnerTestToken0123456789abcdef';
const vars: ReleaseVars = {
  service: 'api',
  version: '1.2.0',
  previousVersion: '1.1.0',
  stage: 'canary',
  percent: 10,
  environment: 'production',
  sha: 'b'.repeat(40),
  id: 'rec-7',
  attempt: 1,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runner-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  result: CommandResult;
  written: string;
}

async function run(
  command: string,
  options: {
    env?: Record<string, string>;
    timeoutMs?: number;
    signal?: AbortSignal;
    killGraceMs?: number;
  } = {},
  runnerOptions: { newStopToken?: () => string; outputLimit?: number } = {},
): Promise<Run> {
  let written = '';
  const runner = new ShellRunner({
    cwd: dir,
    write: (text) => (written += text),
    killGraceMs: options.killGraceMs ?? 1000,
    ...runnerOptions,
  });
  const result = await runner.run(command, {
    env: options.env ?? baseEnv(),
    timeoutMs: options.timeoutMs ?? 30_000,
    label: 'deploy',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { result, written };
}

function baseEnv(): Record<string, string> {
  return commandEnvironment(process.env, vars, { passOidc: false });
}

/** Splits what `write` received at our stop-commands marker and its resume line. */
function splitBlock(written: string): { token: string; before: string[]; inside: string[]; after: string[] } {
  const lines = written.split('\n');
  const start = lines.findIndex((line) => /^::stop-commands::[0-9a-f]{32}$/.test(line));
  expect(start).toBe(0);
  const token = lines[start]!.slice('::stop-commands::'.length);
  const ends = lines.flatMap((line, i) => (line === `::${token}::` ? [i] : []));
  expect(ends).toHaveLength(1);
  const end = ends[0]!;
  return {
    token,
    before: lines.slice(0, start),
    inside: lines.slice(start + 1, end),
    after: lines.slice(end + 1),
  };
}

/** State letter of a process from /proc (`Z`: zombie, dead but not yet reaped), or null when it is gone. */
async function processState(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

/** Dead: gone, or a zombie waiting for this sandbox's init to reap it. */
async function expectDead(pid: number): Promise<void> {
  expect([null, 'Z']).toContain(await processState(pid));
}

/** Every member of the group is dead now, and once init has reaped the zombies the group is gone
 * (`kill(-pgid, 0)` fails with ESRCH). The wait is for the reaper, bounded by the test timeout. */
async function expectGroupGone(pgid: number): Promise<void> {
  const members = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid) members.push(state);
  }
  expect(members.filter((state) => state !== 'Z')).toEqual([]);
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ESRCH');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The environment the child actually saw, dumped NUL-separated so no value can fake a variable. */
async function dumpEnv(env: Record<string, string>): Promise<Map<string, string>> {
  const { result } = await run('env -0 > env.dump', { env });
  expect(result.exitCode).toBe(0);
  const entries = (await readFile(join(dir, 'env.dump'), 'utf8')).split('\0').filter(Boolean);
  return new Map(
    entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

async function readPid(file: string): Promise<number> {
  const pid = Number.parseInt(await readFile(join(dir, file), 'utf8'), 10);
  expect(pid).toBeGreaterThan(1);
  return pid;
}

async function waitForFile(file: string): Promise<void> {
  while (!existsSync(join(dir, file))) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('ShellRunner exit status', () => {
  const cases: Array<{ command: string; exitCode: number }> = [
    { command: 'true', exitCode: 0 },
    { command: 'exit 3', exitCode: 3 },
    { command: 'false | true', exitCode: 1 }, // pipefail
    { command: 'false; exit 0', exitCode: 1 }, // -e
  ];
  for (const c of cases) {
    it(`\`${c.command}\` ends with exit code ${c.exitCode}`, async () => {
      const { result } = await run(c.command);
      expect(result).toMatchObject({ exitCode: c.exitCode, signal: null, timedOut: false, cancelled: false });
    });
  }

  it('runs in the configured directory', async () => {
    const { result } = await run('pwd');
    expect(result.outputTail).toBe(dir);
  });

  it('reports a missing bash as exit code 127 with the reason in the tail', async () => {
    const { result, written } = await run('true', { env: { PATH: join(dir, 'no-such-dir') } });
    expect(result.exitCode).toBe(127);
    expect(result.outputTail).toMatch(/could not start bash.*ENOENT/);
    expect(splitBlock(written).inside.join('\n')).toContain('ENOENT');
  });
});

describe('ShellRunner environment', () => {
  it('passes RELEASE_* and withholds inputs, the token under any name, runtime and OIDC variables', async () => {
    const base = {
      ...process.env,
      INPUT_FOO: 'input-value',
      GITHUB_TOKEN: TOKEN,
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      SOME_OTHER_NAME: TOKEN,
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
      ...gitAuthEnv(TOKEN, {}),
    };
    const env = commandEnvironment(base, vars, { passOidc: false, secrets: [TOKEN] });
    const dumped = await dumpEnv(env);
    expect(dumped.get('RELEASE_SERVICE')).toBe('api');
    expect(dumped.get('RELEASE_SHA')).toBe('b'.repeat(40));
    expect(dumped.get('RELEASE_PERCENT')).toBe('10');
    expect(dumped.get('PATH')).toBe(process.env.PATH);
    for (const name of [
      'INPUT_FOO',
      'GITHUB_TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'SOME_OTHER_NAME',
      'GIT_CONFIG_COUNT',
    ]) {
      expect(dumped.has(name)).toBe(false);
    }
    expect([...dumped.keys()].filter((name) => name.startsWith('ACTIONS_ID_TOKEN_REQUEST_'))).toEqual([]);
    expect([...dumped.values()].some((value) => value.includes(TOKEN))).toBe(false);

    const oidc = await dumpEnv(commandEnvironment(base, vars, { passOidc: true, secrets: [TOKEN] }));
    expect(oidc.get('ACTIONS_ID_TOKEN_REQUEST_URL')).toBe('https://oidc.example');
    expect(oidc.get('ACTIONS_ID_TOKEN_REQUEST_TOKEN')).toBe('oidc-token');
  });

  it('hands shell metacharacters in a value to the script verbatim and executes none of them', async () => {
    const marker = join(dir, 'pwned');
    const service = `$(touch ${marker}); rm -rf ${dir}/keep\n\`touch ${marker}\` && touch ${marker} | x`;
    const env = commandEnvironment(process.env, { ...vars, service }, { passOidc: false });
    const { result } = await run('printf "%s" "$RELEASE_SERVICE" > received; touch keep', { env });
    expect(result.exitCode).toBe(0);
    expect(await readFile(join(dir, 'received'), 'utf8')).toBe(service);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(dir, 'keep'))).toBe(true);
  });
});

describe('ShellRunner runner files', () => {
  it("gives each command fresh empty scratch files for the runner's file commands, never the step's, and deletes them", async () => {
    const step = join(dir, 'step-files');
    const names = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'];
    const stepEnv = Object.fromEntries(names.map((name) => [name, `${step}-${name}`]));
    const env = { ...baseEnv(), ...stepEnv, RUNNER_TEMP: dir };
    // Each run reports where its files are and what they held, then writes to them.
    const script = names
      .map(
        (name) =>
          `printf '%s %s %s\\n' ${name} "$${name}" "$(wc -c < "$${name}")" >> seen; echo x=1 >> "$${name}"`,
      )
      .join('; ');
    const first = await run(script, { env });
    const second = await run(script, { env });
    expect(first.result.exitCode, first.written).toBe(0);
    expect(second.result.exitCode, second.written).toBe(0);
    const seen = (await readFile(join(dir, 'seen'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(seen).toHaveLength(2 * names.length);
    for (const [name, path, size] of seen) {
      expect(path).not.toBe(stepEnv[name!]);
      expect(path!.startsWith(join(dir, 'monorepo-release-command-'))).toBe(true);
      expect(size).toBe('0');
    }
    // A new directory per command, gone afterwards; the step's own files were never created.
    const dirs = new Set(seen.map(([, path]) => path!.slice(0, path!.lastIndexOf('/'))));
    expect(dirs.size).toBe(2);
    for (const used of dirs) expect(existsSync(used)).toBe(false);
    for (const path of Object.values(stepEnv)) expect(existsSync(path)).toBe(false);
  });
});

describe('ShellRunner output', () => {
  it('prints workflow commands only inside its stop-commands block', async () => {
    const script = [
      'echo "::set-output name=x::y"',
      'echo "::error::boom" >&2',
      'echo "::stop-commands::abc"',
      'echo "::add-mask::hunter2"',
      'echo "::abc::"',
      'printf "no newline at the end"',
    ].join('; ');
    const { written, result } = await run(script);
    const block = splitBlock(written);
    expect(block.before).toEqual([]);
    expect(block.after).toEqual(['']); // the resume line ends the output and starts its own line
    for (const line of [
      '::set-output name=x::y',
      '::error::boom',
      '::stop-commands::abc',
      '::add-mask::hunter2',
    ]) {
      expect(block.inside).toContain(line);
    }
    expect(block.inside).toContain('no newline at the end');
    expect(result.outputTail).toContain('::error::boom');
  });

  it('uses a new token per run', async () => {
    const first = splitBlock((await run('true')).written).token;
    const second = splitBlock((await run('true')).written).token;
    expect(first).not.toBe(second);
  });

  it('neutralises output that carries the token, in either command syntax', async () => {
    const token = 'f'.repeat(32);
    const { written } = await run(
      `echo "::${token}::"; echo "  ::${token.toUpperCase()} x=1::"; echo "text ##[${token}]"; echo "::error::still inert"`,
      {},
      { newStopToken: () => token },
    );
    const block = splitBlock(written);
    expect(block.token).toBe(token);
    expect(block.inside.join('\n')).not.toMatch(new RegExp(token, 'i'));
    expect(block.inside).toContain('::error::still inert');
  });

  it('keeps the last 40 lines of a noisy command, without ANSI escapes', async () => {
    const { result } = await run(
      'for i in $(seq 1 5000); do printf "\\033[31mline %d\\033[0m\\n" "$i"; done',
    );
    const lines = result.outputTail.split('\n');
    expect(lines).toHaveLength(40);
    expect(lines[0]).toBe('line 4961');
    expect(lines[39]).toBe('line 5000');
  });

  it('keeps at most 4 KiB of tail when lines are long', async () => {
    const { result } = await run('head -c 100000 /dev/zero | tr "\\0" x; echo; echo done');
    expect(Buffer.byteLength(result.outputTail)).toBeLessThanOrEqual(4096);
    expect(result.outputTail.endsWith('x\ndone')).toBe(true);
  });

  it('captures stdout and stderr', async () => {
    const { result } = await run('echo to-out; echo to-err >&2');
    expect(result.outputTail.split('\n').sort()).toEqual(['to-err', 'to-out']);
  });
});

describe('ShellRunner stopping', () => {
  it('times out a hanging command and leaves nothing of its process group', async () => {
    const { result } = await run(
      'echo $$ > group.pid; sleep 3600 & echo $! > grandchild.pid; sleep 3600; wait',
      {
        timeoutMs: 2000,
      },
    );
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: null, signal: 'SIGTERM' });
    const group = await readPid('group.pid');
    await expectGroupGone(group);
    await expectDead(await readPid('grandchild.pid'));
  });

  it('SIGKILLs a command that ignores SIGTERM after the grace period', async () => {
    const { result } = await run("trap '' TERM; echo $$ > group.pid; sleep 3600 & sleep 3600; wait", {
      timeoutMs: 1000,
      killGraceMs: 500,
    });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL', exitCode: null });
    const group = await readPid('group.pid');
    await expectGroupGone(group);
  });

  it('stops the group at once when cancelled, leaving no orphan', async () => {
    const controller = new AbortController();
    const running = run('echo $$ > group.pid; sleep 3600 & echo $! > grandchild.pid; sleep 3600; wait', {
      signal: controller.signal,
    });
    await waitForFile('grandchild.pid');
    controller.abort();
    const { result } = await running;
    expect(result).toMatchObject({ cancelled: true, timedOut: false });
    const group = await readPid('group.pid');
    await expectGroupGone(group);
    await expectDead(await readPid('grandchild.pid'));
  });

  it('does not start a command when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await run('touch started', { signal: controller.signal });
    expect(result.cancelled).toBe(true);
    expect(existsSync(join(dir, 'started'))).toBe(false);
  });

  it('stops background processes a finished command left behind', async () => {
    const { result } = await run('echo $$ > group.pid; sleep 3600 & echo $! > grandchild.pid; exit 0');
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    await expectGroupGone(await readPid('group.pid'));
    await expectDead(await readPid('grandchild.pid'));
  });
});

describe('ShellRunner with a process that escaped its group', () => {
  it('still resolves when a setsid process keeps the output pipe open', async () => {
    const { result, written } = await run('setsid sleep 3600 & echo $! > escaped.pid; echo done', {
      killGraceMs: 300,
    });
    const escaped = await readPid('escaped.pid');
    try {
      expect(result).toMatchObject({ exitCode: 0, timedOut: false, outputTail: 'done' });
      expect(splitBlock(written).after).toEqual(['']);
    } finally {
      process.kill(escaped, 'SIGKILL'); // out of the runner's reach by design: the test cleans it up
    }
  });
});

describe('OutputGuard', () => {
  it('catches the token split across chunks and holds back only incomplete lines', () => {
    const token = 'a'.repeat(32);
    const guard = new OutputGuard(token, []);
    expect(guard.feed(0, `x ::${token.slice(0, 10)}`)).toBe('');
    expect(guard.feed(0, `${token.slice(10)}::\nnext`)).toBe('x ::***::\n');
    expect(guard.flushStream(0)).toBe('next\n');
  });

  it('masks secrets and bounds a line that never ends', () => {
    const guard = new OutputGuard('t'.repeat(32), ['s3cr3t-value']);
    const huge = 'y'.repeat(70 * 1024);
    const out = guard.feed(0, `${huge}s3cr3t-`) + guard.feed(0, 'value');
    expect(out.length).toBeGreaterThan(64 * 1024);
    expect(out + guard.flushStream(0)).toBe(`${huge}***\n`);
  });
});

describe('outputLimit', () => {
  it('passes on that many characters, then one line, and still keeps the tail and closes the block', async () => {
    const { result, written } = await run(
      'for i in $(seq 1 2000); do echo "line $i of a chatty command"; done',
      {},
      { outputLimit: 1000 },
    );
    expect(result.exitCode).toBe(0);
    const { token, inside, after } = splitBlock(written);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const shown = inside.join('\n');
    expect(shown).toContain('[output past 1000 characters not shown]');
    expect(shown).not.toContain('line 2000 ');
    expect(shown.length).toBeLessThan(1100);
    expect(after).toEqual(['']);
    expect(result.outputTail.split('\n').at(-1)).toBe('line 2000 of a chatty command');
  });
});
