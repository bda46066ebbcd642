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
    discoveryFiles: () => commitFiles(git, commit),
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
    discoveryFiles: () => indexFiles(git),
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

/** The directories and files of a commit, for discovery. A file is read through its directory's tree
 * (`<tree>:package.json`) where the listing gave it: git then reads that small tree, not every tree on the
 * way from the root (the one that holds thousands of members among them, once per member). */
function commitFiles(git: Git, commit: string): RepositoryFiles {
  let listing: Promise<TreeEntry[]> | undefined;
  const directories = (): Promise<TreeEntry[]> => (listing ??= git.directoriesAt(commit));
  return {
    directories: async () => (await directories()).map((entry) => entry.path),
    async read(paths) {
      // Files at the root (the workspaces' root manifests) need no listing: they are read meanwhile.
      const nested = paths.some((path) => path.includes('/'));
      const trees = new Map(nested ? (await directories()).map((entry) => [entry.path, entry.object]) : []);
      const names = paths.map((path) => {
        const dir = parentOf(path);
        const tree = dir === '' ? undefined : trees.get(dir);
        return tree ? `${tree}:${path.slice(dir.length + 1)}` : `${commit}:${path}`;
      });
      return zip(paths, await git.readBlobs(names));
    },
  };
}

/** The directories and files of the index (what `validate` checks): a file staged for the next commit
 * counts, as in `trackedFiles`. */
function indexFiles(git: Git): RepositoryFiles {
  return {
    async directories() {
      // The index lists files only: their directories are the parents of each.
      const dirs = new Set<string>();
      for (const file of await git.filesAt(null)) {
        for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1))
          dirs.add(file.slice(0, slash));
      }
      return [...dirs];
    },
    read: async (paths) => zip(paths, await git.readBlobs(paths.map((path) => `:0:${path}`))),
  };
}

function zip(paths: readonly string[], texts: Array<string | null>): Map<string, string | null> {
  return new Map(paths.map((path, i) => [path, texts[i] ?? null]));
}

async function repositoryCodeBranches(git: Git, event: EventBranches): Promise<CodeBranch[]> {
  return codeBranches({ defaultBranch: await git.defaultBranch(), ...event });
}
