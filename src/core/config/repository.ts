/** Checks of the config against the repository it lives in, which the file alone cannot tell: what is
 * committed at the config path, and which branches hold the code (the audit log may not be one of them).
 * Pure: the adapters supply what git and the event say. */
import { quote } from './value.js';
import type { Config, Diagnostic } from '../types.js';

/** What a config source finds at the config path: a regular file's text, nothing, or something else,
 * which is never read (a symlink committed by a pull request could point at a runner file). */
export type ConfigFile =
  | { kind: 'file'; text: string }
  | { kind: 'missing' }
  | { kind: 'symlink' | 'submodule' | 'directory' | 'special' };

const FOUND: Record<Exclude<ConfigFile['kind'], 'file' | 'missing'>, string> = {
  symlink: 'is a symlink',
  submodule: 'is a submodule',
  directory: 'is a directory',
  special: 'is not a regular file',
};

/** The error for a config path that holds something other than a regular file. Says what was found and
 * nothing of what it points to. */
export function notARegularFile(
  file: string,
  kind: Exclude<ConfigFile['kind'], 'file' | 'missing'>,
): Diagnostic {
  return {
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message:
      `${file} ${FOUND[kind]}; the config must be a regular file committed at ${file} ` +
      `(its content is read from git, a link is never followed): replace it with the file itself`,
  };
}

/** A branch that holds code, and how it is known. */
export interface CodeBranch {
  name: string;
  why: string;
}

/** The names git and GitHub give a new repository's default branch: taken as code branches when the
 * default branch cannot be told, rather than letting an audit log land on one of them. */
const USUAL_DEFAULT_BRANCHES = ['main', 'master'];

/** The branches that hold code: the default branch (origin/HEAD, else the event's
 * `repository.default_branch`; `main` and `master` when neither tells it), the branch the workflow runs
 * on (`GITHUB_REF` = `refs/heads/<x>`), and a pull request's base branch. */
export function codeBranches(facts: {
  /** What origin/HEAD names, or null. */
  defaultBranch: string | null;
  /** GITHUB_REF, when there is an event. */
  ref?: string;
  payload?: unknown;
}): CodeBranch[] {
  const payload = isRecord(facts.payload) ? facts.payload : {};
  const repository = isRecord(payload.repository) ? payload.repository : {};
  const fromEvent = nonEmpty(repository.default_branch);
  const branches: CodeBranch[] = [];
  if (facts.defaultBranch !== null) {
    branches.push({ name: facts.defaultBranch, why: "the repository's default branch (origin/HEAD)" });
  } else if (fromEvent !== undefined) {
    branches.push({ name: fromEvent, why: "the repository's default branch" });
  } else {
    for (const name of USUAL_DEFAULT_BRANCHES)
      branches.push({ name, why: 'a usual default branch (origin/HEAD does not say which is the default)' });
  }
  if (facts.ref?.startsWith('refs/heads/'))
    branches.push({ name: facts.ref.slice('refs/heads/'.length), why: 'the branch this workflow runs on' });
  const pullRequest = isRecord(payload.pull_request) ? payload.pull_request : {};
  const base = nonEmpty(isRecord(pullRequest.base) ? pullRequest.base.ref : undefined);
  if (base !== undefined) branches.push({ name: base, why: 'the base branch of this pull request' });
  return branches;
}

/** An error at `audit.branch` when it names a branch that holds code: every release would push its bot
 * commits onto that branch. */
export function auditBranchProblem(
  config: Pick<Config, 'audit' | 'file' | 'positions'>,
  branches: readonly CodeBranch[],
): Diagnostic | null {
  const code = branches.find((b) => b.name === config.audit.branch);
  if (code === undefined) return null;
  const position = config.positions.get('/audit/branch') ?? { line: 1, column: 1 };
  return {
    severity: 'error',
    file: config.file,
    line: position.line,
    column: position.column,
    message:
      `audit.branch ${quote(code.name)} is ${code.why}; the audit log needs a branch of its own, or each ` +
      `release would push its records onto your code: remove the key to use "release-audit", or name a ` +
      `branch no one commits to`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
