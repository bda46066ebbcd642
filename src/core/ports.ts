/** The interfaces the use cases need from the outside world. Adapters implement them; the core and
 * the use cases depend only on these types. */
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
  /** Raw output of `git diff --name-status -z --no-renames <base> <head>`. */
  diffNameStatus(base: string, head: string): Promise<string>;
  /** Tracked files at a revision (work tree index when omitted). */
  listFiles(rev?: string): Promise<string[]>;
  /** Every tag with the commit it points to (peeled). */
  tags(): Promise<Array<{ name: string; sha: string }>>;
  /** Commits reachable from head and not from base (all when base is null), newest first, with changed files. */
  log(base: string | null, head: string): Promise<CommitInfo[]>;
  /** A file's content at a revision, or null when it does not exist there. */
  showFile(rev: string, path: string): Promise<string | null>;
  /** The default branch of origin (from origin/HEAD), or null. */
  defaultBranch(): Promise<string | null>;
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
  sleep(ms: number): Promise<void>;
}
