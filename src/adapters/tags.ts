/** Release tags on origin, listed and pushed with the token through the environment only. */
import { UserError } from '../core/errors.js';
import type { TagPush, TagPusher } from '../core/ports.js';
import { execGit, gitAuthEnv } from './exec-git.js';

export class GitTagPusher implements TagPusher {
  constructor(private readonly options: { root: string; token?: string; remote?: string }) {}

  private get remote(): string {
    return this.options.remote ?? 'origin';
  }

  async listTags(pattern: string): Promise<Array<{ name: string; sha: string }>> {
    const run = await execGit(['ls-remote', '--tags', '--end-of-options', this.remote, pattern], {
      cwd: this.options.root,
      env: gitAuthEnv(this.options.token),
      network: { remote: this.remote },
    });
    if (run.code !== 0) {
      throw new UserError(
        `could not list the tags on '${this.remote}': ${run.stderr.trim() || `git ls-remote exited with ${run.code}`}`,
        `check that '${this.remote}' is reachable and that the token can read it (\`permissions: contents: write\`)`,
      );
    }
    return parseTagListing(run.stdout);
  }

  async pushTag(name: string, sha: string): Promise<TagPush> {
    const before = await this.remoteTag(name);
    if (before) return verdict(before, sha);
    const push = await execGit(
      ['push', '--no-verify', '--end-of-options', this.remote, `${sha}:refs/tags/${name}`],
      { cwd: this.options.root, env: gitAuthEnv(this.options.token), network: { remote: this.remote } },
    );
    if (push.code === 0) return { result: 'pushed' };
    // Someone may have pushed the tag since we looked (origin refuses to move a tag): say whose it is.
    const after = await this.remoteTag(name);
    if (after) return verdict(after, sha);
    throw new Error(push.stderr.trim() || `git push exited with ${push.code}`);
  }

  /** The commit the tag names on origin, or null when origin has no such tag. */
  private async remoteTag(name: string): Promise<string | null> {
    // The `*` brings the `<name>^{}` line of an annotated tag, the commit it names. A name with glob
    // characters (from the tag format's own text) would not match itself: list them all.
    const tags = await this.listTags(/[*?[\\]/.test(name) ? 'refs/tags/*' : `refs/tags/${name}*`);
    // ls-remote matches patterns as globs on the ref's tail: keep the exact name only.
    return tags.find((tag) => tag.name === name)?.sha ?? null;
  }
}

function verdict(tagged: string, sha: string): TagPush {
  return tagged === sha ? { result: 'exists' } : { result: 'taken', sha: tagged };
}

/** `<object> TAB refs/tags/<name>` lines; an annotated tag also has a `<name>^{}` line with the commit it
 * names, which wins. */
export function parseTagListing(output: string): Array<{ name: string; sha: string }> {
  const commits = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [object, ref] = line.split('\t');
    if (!object || !ref?.startsWith('refs/tags/')) continue;
    const peeled = ref.endsWith('^{}');
    const name = ref.slice('refs/tags/'.length, peeled ? -'^{}'.length : undefined);
    if (peeled || !commits.has(name)) commits.set(name, object);
  }
  return [...commits].map(([name, sha]) => ({ name, sha }));
}
