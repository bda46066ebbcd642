/** The interfaces the use cases need from the outside world. Adapters implement them; the core and
 * the use cases depend only on these types. */
import type { CodeBranch, ConfigFile } from './config/repository.js';
import type { RepositoryFiles } from './discover/model.js';
import type { CommitInfo, Position } from './types.js';

export interface Git {
  /** Repository root (absolute). */
  readonly root: string;
  /** Full SHA of a commit that exists locally, or null. Accepts any revision. */
  resolveCommit(rev: string): Promise<string | null>;
  isShallow(): Promise<boolean>;
  /** Fetch from `origin`; false when the fetch failed (it never throws for a refused fetch). */
  fetch(options: { refspecs?: string[]; unshallow?: boolean; tags?: boolean }): Promise<boolean>;
  /** Merge-base of two commits, or null when they share no history. */
  mergeBase(a: string, b: string): Promise<string | null>;
  /** The files that differ between two commits, each once, in git's order (both paths of a rename). */
  changedFiles(base: string, head: string): Promise<string[]>;
  /** For each release (a commit that is head or an ancestor of it), the files that changed from it to
   * head at or under its roots, a few releases at a time: memory stays bounded however long the history
   * since each. An answer may hold files outside its roots too. */
  changedSinceEach(
    releases: readonly ReleaseRoots[],
    head: string,
  ): AsyncIterable<{ commit: string; files: string[] }>;
  /** The tracked files at a commit (of the index when null), in git's order. */
  filesAt(commit: string | null): Promise<string[]>;
  /** The entries directly in each directory ('' is the root) of a revision's tree, in one go; none for a
   * directory that is not there, and none at all when the revision cannot be read or too many directories
   * are asked for to be worth one listing. An entry whose own directory is asked for too may be given as
   * that directory's entries instead. */
  treeEntries(rev: string, dirs: readonly string[]): Promise<TreeEntry[]>;
  /** Every tag with the commit it points to (peeled). */
  tags(): Promise<Array<{ name: string; sha: string }>>;
  /** Commits reachable from head and not from base (all when base is null), newest first, with changed files. */
  log(base: string | null, head: string): Promise<CommitInfo[]>;
  /** Like log, with each commit's parents. */
  logWithParents(base: string, head: string): Promise<Array<CommitInfo & { parents: string[] }>>;
  /** The best common ancestor of all the commits (`merge-base --octopus`), or null when there is none. */
  octopusBase(commits: readonly string[]): Promise<string | null>;
  /** A file's content at a revision, or null when it does not exist there. */
  showFile(rev: string, path: string): Promise<string | null>;
  /** True when `ancestor` is an ancestor of (or equal to) `descendant`. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /** Which of the commits (full object names; others are left out) are ancestors of, or equal to,
   * `descendant`, in one go. */
  ancestorsAmong(commits: readonly string[], descendant: string): Promise<Set<string>>;
  /** The default branch of origin (from origin/HEAD), or null. */
  defaultBranch(): Promise<string | null>;
  /** The committer time (ISO 8601 UTC) of each commit, in one go; a commit that is not in the repository
   * (or no full object name) is left out. */
  commitTimes(commits: readonly string[]): Promise<Map<string, string>>;
  /** Every directory of a commit's tree, with its tree object, in git's order. */
  directoriesAt(commit: string): Promise<TreeEntry[]>;
  /** The text of each blob named (`<rev>:<path>`, `:0:<path>` for the index, `<tree>:<name>`), in one
   * read: null where there is no such blob. */
  readBlobs(names: readonly string[]): Promise<Array<string | null>>;
}

/** An entry of a tree: its path from the root, its type (`tree`, `blob`, `commit` for a submodule),
 * object name, and mode (`100644`, `100755`, `120000` for a symlink, `160000` for a submodule, `040000`). */
export interface TreeEntry {
  path: string;
  type: string;
  object: string;
  mode: string;
}

/** A release commit, and the literal paths at or under which its changes matter (every path when null). */
export interface ReleaseRoots {
  commit: string;
  roots: readonly string[] | null;
}

export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  warning(message: string, where?: { file: string } & Partial<Position>): void;
  error(message: string, where?: { file: string } & Partial<Position>): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What pushing a release tag did: pushed it, found it on this very commit, or found it on another
 * commit (`sha`): then the version is taken, and the tag is left as it is. */
export type TagPush = { result: 'pushed' } | { result: 'exists' } | { result: 'taken'; sha: string };

/** Tags on origin. */
export interface TagPusher {
  /** The tags on origin whose ref matches the `git ls-remote` pattern (`refs/tags/api@v*`), each with the
   * commit it names (annotated tags peeled). */
  listTags(pattern: string): Promise<Array<{ name: string; sha: string }>>;
  /** Push a lightweight tag on a commit unless origin has it already. */
  pushTag(name: string, sha: string): Promise<TagPush>;
}

/** The status of a workflow run from the GitHub API: true while it runs, false when it has finished,
 * null when unknown (no API, no permission). */
export type RunStatusProbe = (runId: string) => Promise<boolean | null>;

/** How a user command ended. */
export interface CommandResult {
  /** Exit code, or null when it was stopped by a signal. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The last lines of its combined output (at most 4 KiB), for the record and the error message. */
  outputTail: string;
  durationMs: number;
}

export interface CommandRunner {
  /** Run a configured command line with `bash -eo pipefail -c`, in the repo root, in its own process
   * group; stopped (the whole group) on timeout or when `signal` aborts. Output is streamed live and
   * cannot issue workflow commands. Never rejects for a failing command. */
  run(
    command: string,
    options: { env: Record<string, string>; timeoutMs: number; label: string; signal?: AbortSignal },
  ): Promise<CommandResult>;
}

export interface HttpProbe {
  /** GET the URL; healthy when the answer is 2xx within timeoutMs. */
  check(url: string, timeoutMs: number): Promise<{ healthy: boolean; detail: string }>;
}

/** A read view of the audit branch at one commit. */
export interface AuditTree {
  /** The commit this view is at (null: the branch does not exist yet). */
  readonly head: string | null;
  /** The branch it was read from, for messages (how to look at a file's history). */
  readonly branch?: string;
  read(path: string): Promise<string | null>;
  /** Paths of the files under a directory (recursive), sorted. */
  list(dir: string): Promise<string[]>;
}

export interface AuditFileChange {
  path: string;
  content: string;
}

export interface AuditStore {
  /** Fetch the branch from origin and return a view at its head. */
  snapshot(): Promise<AuditTree>;
  /** Commit the files that `change` returns on top of the latest head and push with compare-and-swap;
   * on a lost race, fetch and call `change` again on the new head (jittered retries). Throws
   * AuditWriteError when the branch cannot be written, AuditRewrittenError when its history was
   * rewritten behind our back. */
  write(message: string, change: (tree: AuditTree) => Promise<AuditFileChange[]>): Promise<string>;
}

/** Where the config file and the list of tracked files come from. */
export interface ConfigSource {
  /** What is at the path: a regular file's text, nothing, or something never read (a symlink…). */
  read(path: string): Promise<ConfigFile>;
  /** The branches that hold code, which `audit.branch` may not name. */
  codeBranches(): Promise<CodeBranch[]>;
  /** Tracked files, for the "pattern matches nothing" check, as `Git.filesAt` gives them. */
  trackedFiles(): Promise<string[]>;
  /** Entries of directories of the commit the files come from (HEAD for the work tree), as
   * `Git.treeEntries` gives them: a cheaper proof for most patterns. */
  committedEntries(dirs: readonly string[]): Promise<TreeEntry[]>;
  /** The directories and files `discover:` reads: of the same commit as the config (the index for the
   * work tree, as `trackedFiles`), never the file system. */
  discoveryFiles(): RepositoryFiles;
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

/** The GitHub REST API, as far as the action uses it. Every method retries transient failures itself;
 * methods documented "best effort" never throw for an API failure (they warn and return null/false). */
export interface GitHubApi {
  /** Create a deployment of `sha` in `environment`. Throws PermissionError (with the exact `permissions:`
   * block to add) on 403/404 "Resource not accessible by integration"; other failures after retries
   * throw too (the caller decides). Returns the deployment id. */
  createDeployment(input: {
    sha: string;
    environment: string;
    description: string;
    payload: Record<string, string>;
  }): Promise<number>;
  /** Best effort: post a deployment status. False when it could not be written (already warned). */
  setDeploymentStatus(input: {
    deploymentId: number;
    state: DeploymentState;
    description: string;
    logUrl: string;
    environmentUrl?: string;
  }): Promise<boolean>;
  /** Best effort: keep one comment on the pull request (found by `marker`), edited in place. */
  upsertComment(input: {
    issueNumber: number;
    marker: string;
    body: string;
  }): Promise<'created' | 'updated' | 'failed'>;
  /** Best effort: true while the workflow run is queued or in progress, false when completed, null when unknown. */
  runActive(runId: string): Promise<boolean | null>;
}
