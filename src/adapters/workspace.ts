/** Where the config is read from: a commit (plan, release: what git holds, never the file system), or the
 * work tree (the CLI's `validate`, on the developer's machine before a commit). Neither follows a link. */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codeBranches, type CodeBranch, type ConfigFile } from '../core/config/repository.js';
import { parentOf } from '../core/glob.js';
import type { RepositoryFiles } from '../core/discover/model.js';
import type { ConfigSource, Git, TreeEntry } from '../core/ports.js';

/** What the workflow's event says about branches: GITHUB_REF and the payload (none for the CLI). */
export interface EventBranches {
  ref?: string;
  payload?: unknown;
}

/** The config and tracked files of one commit (`rev`: HEAD, the `head` input, the released SHA), read
 * through git: a pull request that commits a symlink at the config path gets an error, not the content
 * of what it points to. */
export function commitConfigSource(git: Git, rev: string, event: EventBranches = {}): ConfigSource {
  // `^{commit}`: the revision names a commit, whatever it is (a tree-ish like `HEAD:dir` is no commit).
  const commit = `${rev}^{commit}`;
  return {
    async read(path) {
      const entries = await git.treeEntries(commit, [parentOf(path)]);
      const entry = entries.find((e) => e.path === path);
      if (entry === undefined) return { kind: 'missing' };
      const kind = committedKind(entry);
      if (kind !== 'file') return { kind };
      const text = await git.showFile(commit, path);
      return text === null ? { kind: 'missing' } : { kind: 'file', text };
    },
    codeBranches: () => repositoryCodeBranches(git, event),
    trackedFiles: () => git.filesAt(commit),
    committedEntries: (dirs) => git.treeEntries(commit, dirs),
    discoveryFiles: () => gitFiles(git, commit),
  };
}

/** A regular file (100644, 100755) is read; anything else is named, never read. */
function committedKind(entry: TreeEntry): ConfigFile['kind'] {
  if (entry.mode === '120000') return 'symlink';
  if (entry.type === 'commit') return 'submodule';
  if (entry.type === 'tree') return 'directory';
  return entry.type === 'blob' && /^1006[0-7]{2}$/.test(entry.mode) ? 'file' : 'special';
}

/** The config from the work tree (the file as the developer has it, committed or not), refusing a
 * symlink at the path or on the way to it; tracked files from the index, so a staged file counts. */
export function workTreeConfigSource(git: Git): ConfigSource {
  return {
    read: (path) => readRegularFile(git.root, path),
    codeBranches: () => repositoryCodeBranches(git, {}),
    trackedFiles: () => git.filesAt(null),
    // HEAD, not the index: a file staged but not committed is still found, by the full listing.
    committedEntries: (dirs) => git.treeEntries('HEAD', dirs),
    // The index, as the tracked files: a manifest staged for the next commit counts.
    discoveryFiles: () => gitFiles(git, null),
  };
}

/** `O_NOFOLLOW` refuses a symlink at the path itself without reading it; a directory on the way that is a
 * symlink shows as a real path that differs from the path asked for. `O_NONBLOCK`: a FIFO planted at the
 * path cannot hang the open. */
async function readRegularFile(root: string, path: string): Promise<ConfigFile> {
  const full = join(root, path);
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  let handle;
  try {
    handle = await open(full, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { kind: 'symlink' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { kind: 'directory' };
    if (!stats.isFile()) return { kind: 'special' };
    if ((await realpath(dirname(full))) !== join(await realpath(root), dirname(path)))
      return { kind: 'symlink' };
    return { kind: 'file', text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

/** The directories and files of a commit (the index when null), for discovery: listed and read once. */
function gitFiles(git: Git, commit: string | null): RepositoryFiles {
  return {
    directories: () => git.directoriesAt(commit),
    read: (paths) => git.readFiles(commit, paths),
  };
}

async function repositoryCodeBranches(git: Git, event: EventBranches): Promise<CodeBranch[]> {
  return codeBranches({ defaultBranch: await git.defaultBranch(), ...event });
}
