/** Runs git with an argv array (never a shell) and the token passed through the environment only. */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDuration, parseDuration } from '../core/duration.js';

export interface GitRun<Out = string> {
  code: number;
  stdout: Out;
  stderr: string;
  /** A network call that was stopped: past its deadline, or by its signal. `stderr` then says so in
   * words (the remote, its URL without credentials, how long). */
  stopped?: 'timed-out' | 'cancelled';
}

/** A call that talks to a remote (fetch, push, ls-remote): never prompts, gives up on a stalled
 * connection, and ends at its deadline or at once when `signal` aborts, with all its processes. */
export interface NetworkOptions {
  /** The remote (a name or a URL), for the message when the call is stopped. Default origin. */
  remote?: string;
  /** Wall-clock limit of the call. Default: gitNetworkTimeoutMs(). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface GitExecOptions {
  cwd: string;
  /** Extra environment for this call. */
  env?: Record<string, string>;
  /** Data for stdin. */
  input?: string | Buffer;
  /** gitLarge only: git sees an empty index. For `diff-tree`, which reads the whole index as it starts
   * (for attributes that name-status output never uses): the index of a large repository, every time. */
  withoutIndex?: boolean;
  /** The call talks to a remote: see NetworkOptions. */
  network?: NetworkOptions;
}

/** The deadline of one network call. MONOREPO_RELEASE_GIT_TIMEOUT (`2s`, `1m`, or whole seconds) changes
 * it, for tests and for a slow network; anything else there is ignored. */
export function gitNetworkTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.MONOREPO_RELEASE_GIT_TIMEOUT?.trim() ?? '';
  return (/^[1-9][0-9]{0,6}$/.test(text) ? Number(text) * 1000 : parseDuration(text)) ?? 30_000;
}

/** A call started after a cancel (the engine writing down that it stopped) gets at most this long: the
 * runner kills the step about 10 s after its cancel, and a reachable origin answers in well under 1 s. */
const AFTER_CANCEL_MS = 3_000;
/** After SIGTERM (which lets git remove its lock files), a group still running is killed outright. */
const KILL_GRACE_MS = 1_000;

/** Environment that makes git send the token as an HTTP Authorization header for this process only:
 * nothing is written to .git/config, argv or the remote URL. An empty value first resets the header list,
 * so a header that actions/checkout persisted (`http.<server>/.extraheader`) cannot override ours. */
export function gitAuthEnv(
  token: string | undefined,
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' };
  if (!token) return env;
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  const header = `AUTHORIZATION: basic ${basic}`;
  const server = (base.GITHUB_SERVER_URL || 'https://github.com').replace(/\/*$/, '/');
  const entries: Array<[string, string]> = [
    ['http.extraheader', ''],
    ['http.extraheader', header],
    [`http.${server}.extraheader`, ''],
    [`http.${server}.extraheader`, header],
  ];
  Object.assign(env, gitConfigEnv(base, entries));
  return env;
}

/** Run `git <args>`; resolves with the exit code (does not throw on a non-zero exit). */
export async function execGit(args: string[], options: GitExecOptions): Promise<GitRun> {
  const run = await runGit(args, options, 'pipe');
  return { ...run, stdout: run.stdout.toString('utf8') };
}

/** Like execGit, with stdout as bytes: for output framed by byte counts (`cat-file --batch`). */
export function execGitBytes(args: string[], options: GitExecOptions): Promise<GitRun<Buffer>> {
  return runGit(args, options, 'pipe');
}

/** `stdout` is a pipe, or a file descriptor that git writes to directly (then the result's stdout is
 * empty). */
async function runGit(
  args: string[],
  options: GitExecOptions,
  stdout: 'pipe' | number,
): Promise<GitRun<Buffer>> {
  const env = { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...options.env };
  if (!options.network) return spawnGit(args, options, env, stdout);
  return runNetworkGit(args, options, options.network, { ...env, ...(await networkEnv(options.cwd, env)) });
}

function spawnGit(
  args: string[],
  options: GitExecOptions,
  env: NodeJS.ProcessEnv,
  stdout: 'pipe' | number,
  started: (child: ChildProcess) => void = () => undefined,
): Promise<GitRun<Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env,
      stdio: ['pipe', stdout, 'pipe'],
      // Its own process group, so that a stop reaches what git started too (git-remote-https, ssh).
      detached: options.network !== undefined,
    });
    started(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    // stdin and stderr are pipes whatever stdout is.
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(options.input ?? '');
  });
}

/** A network call: spawned in its own process group, stopped (the whole group) at its deadline or when
 * its signal aborts; the result then says why, in words. */
async function runNetworkGit(
  args: string[],
  options: GitExecOptions,
  network: NetworkOptions,
  env: NodeJS.ProcessEnv,
): Promise<GitRun<Buffer>> {
  const { signal } = network;
  const deadline = network.timeoutMs ?? gitNetworkTimeoutMs();
  const timeoutMs = signal?.aborted ? Math.min(deadline, AFTER_CANCEL_MS) : deadline;
  let stopped: GitRun['stopped'];
  let child: ChildProcess | undefined;
  const stop = (why: NonNullable<GitRun['stopped']>) => {
    stopped ??= why;
    if (child) stopGroup(child);
  };
  const timer = setTimeout(() => stop('timed-out'), timeoutMs);
  const onAbort = () => stop('cancelled');
  // Already aborted: the call still runs, with the short deadline above.
  if (!signal?.aborted) signal?.addEventListener('abort', onAbort, { once: true });
  const started = Date.now();
  try {
    const run = await spawnGit(args, options, env, 'pipe', (spawned) => {
      child = spawned;
      liveGroups.track(spawned);
      if (stopped) stopGroup(spawned);
    });
    const why = stopped ?? (run.code !== 0 && STALLED.test(run.stderr) ? 'timed-out' : undefined);
    if (!why) return run;
    const talking = await describeRemote(options.cwd, network.remote ?? 'origin', env);
    const message =
      why === 'timed-out'
        ? `timed out after ${formatDuration(Math.max(1000, Math.round((Date.now() - started) / 1000) * 1000))} talking to ${talking}`
        : `cancelled while talking to ${talking}`;
    return { ...run, code: run.code === 0 ? 1 : run.code, stopped: why, stderr: `${message}\n${run.stderr}` };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (child) liveGroups.untrack(child);
  }
}

/** What git itself says when its own limits (the low-speed limit, ssh's timeouts) end a stalled call. */
const STALLED =
  /Operation too slow|Operation timed out|Connection timed out|Timeout, server .* not responding/i;

/** SIGTERM to the whole group (git removes its lock files on it), SIGKILL a moment later if it lingers. */
function stopGroup(child: ChildProcess): void {
  signalGroup(child, 'SIGTERM');
  const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), KILL_GRACE_MS);
  kill.unref();
  child.once('exit', () => clearTimeout(kill));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** The network git processes running now. Each is in a group of its own, out of reach of a signal sent
 * to this process's group (Ctrl-C in a terminal) or to this process alone (the runner's cancel): they
 * are stopped when this process is signalled or exits, so no git outlives it. */
const liveGroups = new (class {
  private readonly children = new Set<ChildProcess>();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.stopAll();
    // Nobody else handles the signal: do what it would have done without this handler.
    if (process.listenerCount(signal) === 1) {
      this.listen(false);
      process.kill(process.pid, signal);
    }
  };
  private readonly onExit = () => this.stopAll();

  track(child: ChildProcess): void {
    if (this.children.size === 0) this.listen(true);
    this.children.add(child);
  }

  untrack(child: ChildProcess): void {
    if (this.children.delete(child) && this.children.size === 0) this.listen(false);
  }

  private stopAll(): void {
    for (const child of this.children) signalGroup(child, 'SIGTERM');
  }

  private listen(on: boolean): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      // First in line, so that the count below still holds a `once` listener that runs after it.
      if (on) process.prependListener(signal, this.onSignal);
      else process.off(signal, this.onSignal);
    }
    if (on) process.on('exit', this.onExit);
    else process.off('exit', this.onExit);
  }
})();

/** The environment of a network call: no prompt, a stalled HTTP transfer ends itself (below 1 KB/s for
 * the deadline), and ssh in batch mode with a connect timeout, unless the user chose their own ssh
 * command (GIT_SSH_COMMAND, GIT_SSH or core.sshCommand): that one is left as it is (it may be a wrapper
 * that takes no ssh options), and the deadline still bounds it. */
async function networkEnv(cwd: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const seconds = Math.max(1, Math.ceil(gitNetworkTimeoutMs(env) / 1000));
  const result: Record<string, string> = {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    ...gitConfigEnv(env, [
      ['http.lowSpeedLimit', '1000'],
      ['http.lowSpeedTime', String(seconds)],
    ]),
  };
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH && !(await userSshCommand(cwd, env))) {
    const alive = Math.max(1, Math.ceil(seconds / 3));
    result.GIT_SSH_COMMAND = `ssh -o BatchMode=yes -o ConnectTimeout=${seconds} -o ServerAliveInterval=${alive} -o ServerAliveCountMax=3`;
  }
  return result;
}

/** `key=value` config entries for git through the environment, after those `base` already has. */
function gitConfigEnv(base: NodeJS.ProcessEnv, entries: Array<[string, string]>): Record<string, string> {
  const env: Record<string, string> = {};
  const first = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${first + i}`] = key;
    env[`GIT_CONFIG_VALUE_${first + i}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(first + entries.length);
  return env;
}

/** Whether the repository's config (or the user's) sets core.sshCommand. */
async function userSshCommand(cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const run = await spawnGit(['config', '--get', 'core.sshCommand'], { cwd }, env, 'pipe').catch(() => null);
  return run?.code === 0 && run.stdout.toString('utf8').trim() !== '';
}

/** `origin (https://github.com/acme/mono.git)`: the remote and its URL, credentials left out. */
async function describeRemote(cwd: string, remote: string, env: NodeJS.ProcessEnv): Promise<string> {
  const isUrl = /[:/]/.test(remote);
  const run = isUrl
    ? null
    : await spawnGit(['config', '--get', `remote.${remote}.url`], { cwd }, env, 'pipe').catch(() => null);
  const url = isUrl ? remote : run?.code === 0 ? run.stdout.toString('utf8').trim() : '';
  const safe = withoutCredentials(url);
  if (isUrl) return safe;
  return safe ? `${remote} (${safe})` : remote;
}

/** A URL without its `user:password@` part (a token can sit there). */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** Like execGit, but throws with git's message on a non-zero exit. */
export async function git(args: string[], options: GitExecOptions): Promise<string> {
  return checked(await execGit(args, options), args);
}

/** Like git, for output that can run to megabytes (a diff, a file listing): git writes it to a file, so it
 * runs to the end while this process is busy elsewhere instead of stalling on a full pipe, and the text is
 * read in one piece instead of being gathered from 64 KB chunks. */
export async function gitLarge(args: string[], options: GitExecOptions): Promise<string> {
  // Made synchronously: git starts now, not after two trips through the thread pool, which wait for
  // whatever this process is busy with.
  const dir = mkdtempSync(join(tmpdir(), 'mr-git-'));
  try {
    const file = join(dir, 'stdout');
    const fd = openSync(file, 'w');
    // A path in this new directory: nothing is there, and git reads a missing index as an empty one.
    const env = options.withoutIndex ? { ...options.env, GIT_INDEX_FILE: join(dir, 'index') } : options.env;
    let result: GitRun<Buffer>;
    try {
      result = await runGit(args, { ...options, env }, fd);
    } finally {
      closeSync(fd);
    }
    checked(result, args);
    // Decoded in one piece: readFile's own decoding joins 512 KB pieces into a string that V8 copies
    // again, flat, on its first search.
    return (await readFile(file)).toString('utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The run's stdout; throws with git's message when it failed. */
export function checked<Out extends string | Buffer>(run: GitRun<Out>, args: string[]): Out {
  if (run.code !== 0) {
    const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? '';
    const message = run.stderr.trim() || run.stdout.toString().trim();
    throw new Error(`git ${command} failed (exit ${run.code}): ${message}`);
  }
  return run.stdout;
}
