/** Release tags on origin, pushed with the token through the environment only. */
import type { TagPusher } from '../core/ports.js';
import { execGit, gitAuthEnv } from './exec-git.js';

export class GitTagPusher implements TagPusher {
  constructor(private readonly options: { root: string; token?: string; remote?: string }) {}

  async pushTag(name: string, sha: string): Promise<'pushed' | 'exists'> {
    const remote = this.options.remote ?? 'origin';
    const env = gitAuthEnv(this.options.token);
    const ref = `refs/tags/${name}`;
    const existing = await execGit(['ls-remote', '--tags', '--end-of-options', remote, ref], {
      cwd: this.options.root,
      env,
      network: { remote },
    });
    if (existing.code === 0 && existing.stdout.trim() !== '') return 'exists';
    const push = await execGit(['push', '--no-verify', '--end-of-options', remote, `${sha}:${ref}`], {
      cwd: this.options.root,
      env,
      network: { remote },
    });
    if (push.code !== 0) throw new Error(push.stderr.trim() || `git push exited with ${push.code}`);
    return 'pushed';
  }
}
