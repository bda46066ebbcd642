/** Files of the checkout the action runs on. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigSource, Git } from '../core/ports.js';

/** The config comes from the work tree (the checked-out commit); tracked files from git. */
export function workTreeConfigSource(git: Git): ConfigSource {
  return {
    async read(path) {
      try {
        return await readFile(join(git.root, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    trackedFiles: () => git.fileListing(),
    // HEAD, not the index: a file staged but not committed is still found, by the full listing.
    committedEntries: (dirs) => git.treeEntries('HEAD', dirs),
  };
}

/** The config and tracked files of one commit: a release acts on the config it is releasing. */
export function commitConfigSource(git: Git, sha: string): ConfigSource {
  return {
    read: (path) => git.showFile(sha, path),
    trackedFiles: () => git.fileListing(sha),
    committedEntries: (dirs) => git.treeEntries(sha, dirs),
  };
}
