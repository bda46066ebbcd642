/** Runs the user's deploy / verify / rollback command lines with bash, in their own process group, with
 * output that cannot issue workflow commands, and stops the whole group on timeout or cancellation. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { RUNNER_FILE_VARIABLES, withScratchRunnerFiles } from '../core/command-env.js';
import { MAX_DURATION_MS } from '../core/duration.js';
import type { CommandResult, CommandRunner } from '../core/ports.js';
import { escapeRegExp } from '../core/text.js';
import { sleep } from './clock.js';

export interface ShellRunnerOptions {
  /** Working directory of the commands (the repo root). */
  cwd: string;
  /** Receives the command's output live (normally the step's stdout). */
  write: (text: string) => void;
  /** Between SIGTERM and SIGKILL. Default 5000: inside the 7.5 s a cancelled runner waits before its own SIGTERM. */
  killGraceMs?: number;
  /** Values replaced by `***` in the output and its tail (the runner masks the live log, not our record). */
  secrets?: readonly string[];
  /** Source of the stop-commands token; tests inject one. Default: 32 random hex characters. */
  newStopToken?: () => string;
  /** Characters of a command's output passed to `write`; past it, one line says the rest is not shown
   * (the tail is still kept). Default: no limit. For commands whose output is not worth a flooded log. */
  outputLimit?: number;
}

const TAIL_MAX_LINES = 40;
const TAIL_MAX_BYTES = 4096;
/** A line longer than this is passed on before its newline arrives, so memory stays bounded. */
const MAX_PENDING_CHARS = 64 * 1024;
const POLL_MS = 50;
/** After SIGKILL: a process in uninterruptible sleep dies late; do not wait for it forever. */
const AFTER_KILL_WAIT_MS = 2000;

export class ShellRunner implements CommandRunner {
  private readonly killGraceMs: number;

  constructor(private readonly options: ShellRunnerOptions) {
    this.killGraceMs = options.killGraceMs ?? 5000;
  }

  async run(
    command: string,
    options: { env: Record<string, string>; timeoutMs: number; label: string; signal?: AbortSignal },
  ): Promise<CommandResult> {
    const started = Date.now();
    const token = (this.options.newStopToken ?? randomToken)();
    const output = new OutputGuard(token, this.options.secrets ?? []);
    const show = limitedWriter(this.options.write, this.options.outputLimit);
    const emit = (text: string): void => {
      if (text) show(text);
      output.tail.push(text);
    };
    if (options.signal?.aborted) {
      return {
        exitCode: null,
        signal: null,
        timedOut: false,
        cancelled: true,
        outputTail: '',
        durationMs: 0,
      };
    }
    const scratch = await makeScratchRunnerFiles(options.env);
    this.options.write(`::stop-commands::${token}\n`);
    try {
      const env = withScratchRunnerFiles(options.env, (name) => join(scratch, name));
      const ended = await this.supervise(command, { ...options, env }, output, emit);
      return { ...ended, outputTail: output.tail.text(), durationMs: Date.now() - started };
    } finally {
      this.options.write(`::${token}::\n`);
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Spawn, stream, and stop the group on timeout/abort or when bash leaves background processes behind. */
  private supervise(
    command: string,
    options: { env: Record<string, string>; timeoutMs: number; label: string; signal?: AbortSignal },
    output: OutputGuard,
    emit: (text: string) => void,
  ): Promise<Omit<CommandResult, 'outputTail' | 'durationMs'>> {
    return new Promise((resolve) => {
      let timedOut = false;
      let cancelled = false;
      let settled = false;
      let stopping: Promise<void> | undefined;
      // Nothing may be printed after we resolve: the caller then ends the stop-commands block.
      const print = (text: string): void => {
        if (!settled) emit(text);
      };
      const finish = (exitCode: number | null, signal: string | null): void => {
        if (settled) return;
        print(output.flush());
        settled = true;
        resolve({ exitCode, signal, timedOut, cancelled });
      };
      const startFailed = (error: Error): void => {
        print(output.flush());
        print(`${options.label}: could not start bash in ${this.options.cwd}: ${error.message}\n`);
        finish(127, null);
      };

      let child: ChildProcess;
      try {
        // The line is the configured command as written; values reach it through the environment only.
        child = spawn('bash', ['-eo', 'pipefail', '-c', command], {
          cwd: this.options.cwd,
          env: options.env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        startFailed(error as Error);
        return;
      }
      const stop = (): Promise<void> => {
        stopping ??= child.pid === undefined ? Promise.resolve() : stopGroup(child.pid, this.killGraceMs);
        return stopping;
      };
      const onAbort = (): void => {
        cancelled = true;
        void stop();
      };
      const timer = setTimeout(
        () => {
          timedOut = true;
          void stop();
        },
        // setTimeout fires at once beyond 2^31-1 ms; a timeout that long means "none" in practice.
        Math.min(options.timeoutMs, MAX_DURATION_MS),
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const streamsClosed = pipeOutput(child, output, print);

      child.once('error', (error) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        startFailed(error);
      });
      child.once('exit', (code, signal) => {
        // The command has ended: a later deadline or cancel no longer changes how it ended.
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        void (async () => {
          // Whatever bash left running in its group is stopped too (no orphans).
          await stop();
          // A process that left the group may still hold the pipes; do not wait for it forever.
          await settleWithin(streamsClosed, this.killGraceMs);
          finish(code, signal);
          child.stdout?.destroy();
          child.stderr?.destroy();
        })();
      });
    });
  }
}

/** `write`, passing on at most `limit` characters, then one line saying the rest is not shown. The text
 * is already neutralised (OutputGuard), so a cut inside it cannot form the stop-commands token. */
function limitedWriter(write: (text: string) => void, limit: number | undefined): (text: string) => void {
  if (limit === undefined) return write;
  let shown = 0;
  return (text) => {
    if (shown > limit) return;
    if (shown + text.length <= limit) {
      shown += text.length;
      write(text);
      return;
    }
    write(`${text.slice(0, limit - shown)}\n[output past ${limit} characters not shown]\n`);
    shown = limit + 1;
  };
}

/** A fresh directory holding an empty file per runner file command (see RUNNER_FILE_VARIABLES), in the
 * runner's temp directory: what a command writes there is thrown away with it. */
async function makeScratchRunnerFiles(env: Record<string, string>): Promise<string> {
  const prefix = 'monorepo-release-command-';
  // A RUNNER_TEMP that is gone or read-only must not fail the command: the system's temp directory will do.
  const dir = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), prefix)).catch(() =>
    mkdtemp(join(tmpdir(), prefix)),
  );
  await Promise.all(RUNNER_FILE_VARIABLES.map((name) => writeFile(join(dir, name), '')));
  return dir;
}

/** From the global Web Crypto, which Node loads on first use: importing `node:crypto` would load it at
 * every command's startup, and only a release needs a token. */
function randomToken(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('hex');
}

/** Wait for `promise`, at most `ms`, without leaving a timer that keeps the process alive. */
async function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Feed stdout and stderr through the guard, each line-buffered so they never interleave mid-line. */
function pipeOutput(child: ChildProcess, output: OutputGuard, print: (text: string) => void): Promise<void> {
  const streams = [child.stdout, child.stderr].filter((s) => s !== null);
  return Promise.all(
    streams.map(
      (stream, index) =>
        new Promise<void>((resolve) => {
          const decoder = new StringDecoder('utf8');
          stream.on('data', (chunk: Buffer) => print(output.feed(index, decoder.write(chunk))));
          stream.once('close', () => {
            print(output.feed(index, decoder.end()) + output.flushStream(index));
            resolve();
          });
        }),
    ),
  ).then(() => undefined);
}

/** True while a process of the group can still run. A zombie does not count: it is dead, and under an
 * init that reaps slowly or never (`tail -f /dev/null` in container jobs) it would hold the group
 * "alive" forever. Without /proc (macOS) every member counts. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    // EPERM: a member exists that we may not signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return liveMembers(pgid) !== 0;
}

/** Members of the group that are not zombies, from /proc; null when /proc cannot tell. */
function liveMembers(pgid: number): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let live = 0;
  for (const pid of pids) {
    const stat = readProcStat(pid);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') live++;
  }
  return live;
}

/** State and process group from `/proc/<pid>/stat` (`pid (comm) state ppid pgrp …`; comm may hold spaces). */
function readProcStat(pid: string): { state: string; pgrp: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return state && pgrp ? { state, pgrp: Number(pgrp) } : null;
  } catch {
    return null; // it exited while we looked
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** SIGTERM the whole group, SIGKILL what is left after the grace. Background jobs of a non-interactive
 * bash ignore SIGINT, hence SIGTERM; the group (not just bash) so that no grandchild survives. */
async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntilGone(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await waitUntilGone(pgid, AFTER_KILL_WAIT_MS);
}

/** Makes command output safe to print inside our stop-commands block: any occurrence of the block's
 * token (which would end the block early, in `::token::` or `##[token]` form) and of the secrets is
 * replaced. Works on whole lines so a needle split across chunks is still caught. */
export class OutputGuard {
  readonly tail = new TailBuffer();
  private readonly pending = new Map<number, string>();
  private readonly needles: RegExp | null;
  private readonly keep: number;

  constructor(token: string, secrets: readonly string[]) {
    const values = [token, ...secrets].filter((s) => s.length > 0);
    this.needles = values.length ? new RegExp(values.map(escapeRegExp).join('|'), 'gi') : null;
    this.keep = Math.max(0, ...values.map((s) => s.length - 1));
  }

  /** Text of one stream in; the complete lines that are safe to print out. */
  feed(stream: number, text: string): string {
    const buffered = (this.pending.get(stream) ?? '') + text;
    const cut = buffered.lastIndexOf('\n') + 1;
    let ready = this.neutralise(buffered.slice(0, cut));
    let rest = buffered.slice(cut);
    if (rest.length > MAX_PENDING_CHARS) {
      // Neutralise first, then hold back less than a needle's length: no needle can span the cut.
      const safe = this.neutralise(rest);
      ready += safe.slice(0, safe.length - this.keep);
      rest = safe.slice(safe.length - this.keep);
    }
    this.pending.set(stream, rest);
    return ready;
  }

  /** The unterminated last line of a stream, ended with a newline so our resume line starts a line. */
  flushStream(stream: number): string {
    const rest = this.pending.get(stream) ?? '';
    this.pending.delete(stream);
    return rest ? `${this.neutralise(rest)}\n` : '';
  }

  flush(): string {
    return [...this.pending.keys()].map((stream) => this.flushStream(stream)).join('');
  }

  neutralise(text: string): string {
    return this.needles ? text.replace(this.needles, '***') : text;
  }
}

// CSI/OSC/other escape sequences, as terminals and colouring tools emit them.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/** The last lines of the output, ANSI-free, bounded in memory however much the command prints. */
export class TailBuffer {
  private buffer = '';

  push(text: string): void {
    if (!text) return;
    this.buffer += text;
    if (this.buffer.length > 4 * TAIL_MAX_BYTES) this.buffer = this.buffer.slice(-2 * TAIL_MAX_BYTES);
  }

  /** At most 40 lines and 4 KiB; a progress line keeps what a terminal shows after its last `\r`. */
  text(): string {
    const lines = this.buffer
      .replace(ANSI, '')
      .replace(/\n+$/, '')
      .split('\n')
      .slice(-TAIL_MAX_LINES)
      .map((line) => {
        const shown = line.replace(/\r$/, '');
        return shown.slice(shown.lastIndexOf('\r') + 1);
      });
    return lastBytes(lines.join('\n'), TAIL_MAX_BYTES);
  }
}

/** The end of `text` in at most `max` UTF-8 bytes, never starting inside a character. */
function lastBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  return bytes
    .subarray(bytes.length - max)
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
}
