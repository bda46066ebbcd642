import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `fn` with a git on PATH that logs the subcommand of each run, then runs the real git; returns the
 * subcommands in the order they ran. The count of git processes is what batching promises. */
export async function gitRunsDuring(fn: () => Promise<void>): Promise<string[]> {
  return (await gitCommandLinesDuring(fn)).map((line) => line.split(' ')[0]!);
}

/** Like gitRunsDuring, with each run's whole command line (its arguments joined by spaces). Runs started
 * at nearly the same moment may be listed in either order: count with it, do not order by it. */
export async function gitCommandLinesDuring(fn: () => Promise<void>): Promise<string[]> {
  const bin = await mkdtemp(join(tmpdir(), 'mr-git-shim-'));
  const log = join(bin, 'runs.log');
  const path = process.env.PATH ?? '';
  // NUL-ended records: an argument (a commit message) may hold a newline.
  const shim = `#!/bin/sh\nprintf '%s\\0' "$*" >> '${log}'\nPATH='${path}' exec git "$@"\n`;
  await writeFile(join(bin, 'git'), shim, { mode: 0o755 });
  process.env.PATH = `${bin}:${path}`;
  try {
    await fn();
    return (await readFile(log, 'utf8').catch(() => '')).split('\0').filter(Boolean);
  } finally {
    process.env.PATH = path;
    await rm(bin, { recursive: true, force: true });
  }
}

/** Runs `fn` with GIT_TRACE2_EVENT on: the events (JSON lines, each with its process's `sid`) of every
 * git process it ran, with their regions (like `do_read_index`), and of those they started themselves
 * (which the PATH shim of gitRunsDuring does not see: git starts them by full path). */
export async function gitTrace(fn: () => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mr-trace-'));
  const file = join(dir, 'trace2');
  process.env.GIT_TRACE2_EVENT = file;
  try {
    await fn();
    return await readFile(file, 'utf8').catch(() => '');
  } finally {
    delete process.env.GIT_TRACE2_EVENT;
    await rm(dir, { recursive: true, force: true });
  }
}
