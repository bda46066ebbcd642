/** Temporary git repositories for tests and scripts: a work tree with a bare `origin` beside it, commits
 * with fixed authors and dates (so SHAs are reproducible), and no user or system git config. No vitest
 * imports, so benchmarks and scripts can use it too. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { git } from '../../src/adapters/exec-git.js';

export interface TestRepo {
  /** The work tree. */
  readonly dir: string;
  /** The bare repository that is this work tree's `origin`. */
  readonly origin: string;
  /** Write a file (parent directories created) relative to the work tree. */
  write(relPath: string, content: string | Buffer): Promise<void>;
  /** Delete a file or directory relative to the work tree. */
  remove(relPath: string): Promise<void>;
  /** Stage everything and commit (empty commits allowed); returns the new commit's SHA. */
  commit(message: string): Promise<string>;
  /** Push HEAD to `refs/heads/<branch>` on origin (default: main). */
  push(branch?: string): Promise<void>;
  /** Force-push HEAD to `refs/heads/<branch>` on origin (default: main). */
  forcePush(branch?: string): Promise<void>;
  /** Create a tag on `sha` (default HEAD): lightweight, or annotated when a message is given. */
  tag(name: string, sha?: string, message?: string): Promise<void>;
  /** Run git in the work tree; throws on failure; returns stdout. */
  run(args: string[]): Promise<string>;
  /** Run git in the bare origin. */
  runOrigin(args: string[]): Promise<string>;
  /** `git clone --depth <depth> file://<origin>` into a new directory (removed by the parent's cleanup). */
  shallowClone(depth: number): Promise<TestRepo>;
  /** Remove every directory this repository created. */
  cleanup(): Promise<void>;
}

/** Environment that keeps the host's git config and identity out of the test repositories. */
export const TEST_GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
};

/** Fixed start time; every commit is one minute after the previous one. */
const EPOCH = 1_700_000_000;

/** A fresh work tree on branch `main` whose `origin` is an empty bare repository (with origin/HEAD → main,
 * as a clone would have it). */
export async function makeRepo(): Promise<TestRepo> {
  const root = await mkdtemp(join(tmpdir(), 'mr-repo-'));
  const dir = join(root, 'work');
  const origin = join(root, 'origin.git');
  const env = TEST_GIT_ENV;
  await git(['init', '--quiet', '--bare', '--initial-branch=main', origin], { cwd: root, env });
  await git(['init', '--quiet', '--initial-branch=main', dir], { cwd: root, env });
  await git(['remote', 'add', 'origin', origin], { cwd: dir, env });
  await git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main'], { cwd: dir, env });
  return bindRepo(root, dir, origin, { commits: 0 });
}

function bindRepo(root: string, dir: string, origin: string, clock: { commits: number }): TestRepo {
  const run = (args: string[], cwd = dir): Promise<string> => {
    const date = `@${EPOCH + clock.commits * 60} +0000`;
    return git(args, { cwd, env: { ...TEST_GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  };
  let clones = 0;
  return {
    dir,
    origin,
    run,
    runOrigin: (args) => run(args, origin),
    async write(relPath, content) {
      const file = join(dir, relPath);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    async remove(relPath) {
      await rm(join(dir, relPath), { recursive: true, force: true });
    },
    async commit(message) {
      clock.commits++;
      await run(['add', '--all']);
      await run(['commit', '--quiet', '--allow-empty', '--no-verify', '--cleanup=verbatim', '-m', message]);
      return (await run(['rev-parse', 'HEAD'])).trim();
    },
    async push(branch = 'main') {
      await run(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
    },
    async forcePush(branch = 'main') {
      await run(['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`]);
    },
    async tag(name, sha = 'HEAD', message) {
      const annotate = message === undefined ? [] : ['-a', '-m', message];
      await run(['tag', ...annotate, '--end-of-options', name, sha]);
    },
    async shallowClone(depth) {
      const clone = join(root, `shallow-${++clones}`);
      await run(['clone', '--quiet', `--depth=${depth}`, pathToFileURL(origin).href, clone], root);
      return bindRepo(root, clone, origin, clock);
    },
    async cleanup() {
      await rm(root, { recursive: true, force: true });
    },
  };
}
