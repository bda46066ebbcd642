/** Runs git with an argv array (never a shell) and the token passed through the environment only. */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GitRun<Out = string> {
  code: number;
  stdout: Out;
  stderr: string;
}

export interface GitExecOptions {
  cwd: string;
  /** Extra environment for this call. */
  env?: Record<string, string>;
  /** Data for stdin. */
  input?: string | Buffer;
  /** gitLarge only: git sees an empty index. For `diff-tree`, which reads the whole index as it starts
   * (for attributes that name-status output never uses): ~45 ms of a 2,000-service repository's 7 MB
   * index, every time. */
  withoutIndex?: boolean;
}

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
  const first = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${first + i}`] = key;
    env[`GIT_CONFIG_VALUE_${first + i}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(first + entries.length);
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
function runGit(args: string[], options: GitExecOptions, stdout: 'pipe' | number): Promise<GitRun<Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...options.env },
      stdio: ['pipe', stdout, 'pipe'],
    });
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

/** Like execGit, but throws with git's message on a non-zero exit. */
export async function git(args: string[], options: GitExecOptions): Promise<string> {
  return checked(await execGit(args, options), args);
}

/** Like git, for output that can run to megabytes (a diff, a file listing): git writes it to a file, so it
 * runs to the end while this process is busy elsewhere instead of stalling on a full pipe, and the text is
 * read in one piece instead of being gathered from 64 KB chunks. */
export async function gitLarge(args: string[], options: GitExecOptions): Promise<string> {
  // Made synchronously (well under a millisecond): git starts now, not after two trips through the thread
  // pool, which wait for whatever this process is busy with.
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
