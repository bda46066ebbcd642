/** What discovery reads and gives: the rules of `discover:`, the repository as a list of directories and a
 * way to read files at the planned commit, and the services found, each with where it came from. */
import type { Position } from '../types.js';

/** The workspace tools whose manifests name a monorepo's members. */
export const WORKSPACE_MANAGERS = ['npm', 'pnpm', 'yarn', 'go', 'cargo'] as const;
export type WorkspaceManager = (typeof WORKSPACE_MANAGERS)[number];

/** One rule of `discover:`, by its place in the list. */
export type DiscoverRule =
  | { index: number; kind: 'dirs'; pattern: string }
  /** `root`: the directory of the workspace's root manifest ('' is the repository root). `dirs`: only the
   * members whose directory matches (a workspace's libraries and its apps can then be two rules). */
  | { index: number; kind: 'workspaces'; manager: WorkspaceManager; root: string; dirs?: string };

/** The repository at the planned commit, as discovery reads it. */
export interface RepositoryFiles {
  /** Every directory that holds tracked files, repo-relative, without a trailing slash. */
  directories(): Promise<readonly string[]>;
  /** The text of each path (null: no such file), all in one read. */
  read(paths: readonly string[]): Promise<ReadonlyMap<string, string | null>>;
}

/** A `depends-on` edge found in a manifest. */
export interface DiscoveredEdge {
  name: string;
  /** The manifest that declares it. */
  manifest: string;
}

export interface DiscoveredService {
  name: string;
  /** The directory that is the service: its paths are `<dir>/**`. */
  dir: string;
  /** The index of the rule that found it. */
  rule: number;
  /** The member's manifest; null for a `dirs` rule. */
  manifest: string | null;
  dependsOn: DiscoveredEdge[];
}

/** A mistake discovery found: at a place in a manifest, or (without `at`) at the rule in the config. */
export interface DiscoveryProblem {
  severity: 'error' | 'warning';
  rule: number;
  at?: { file: string } & Position;
  message: string;
}

export interface Discovery {
  /** In rule order; within a rule, by directory. */
  services: DiscoveredService[];
  problems: DiscoveryProblem[];
}

/** How a rule reads in messages: `discover[1] (workspaces: pnpm)`. */
export function describeRule(rule: DiscoverRule): string {
  const what =
    rule.kind === 'dirs'
      ? `dirs: ${JSON.stringify(rule.pattern)}`
      : `workspaces: ${rule.manager}${rule.root ? `, root: ${rule.root}` : ''}${rule.dirs ? `, dirs: ${JSON.stringify(rule.dirs)}` : ''}`;
  return `discover[${rule.index}] (${what})`;
}
