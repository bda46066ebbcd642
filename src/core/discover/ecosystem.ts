/** What discovery asks of each workspace tool: where its root manifest is, which member directories it
 * lists, and what each member is called, answers to and depends on. */
import type { Position } from '../types.js';

/** A member pattern of the root manifest (`packages/*`, `./api`), where it stands there. */
export interface MemberPattern {
  pattern: string;
  pos: Position;
}

export interface WorkspaceRoot {
  /** Member directories, relative to the root; a glob or a literal directory. */
  members: MemberPattern[];
  /** Directories left out (Cargo's `exclude`, a `!pattern` of npm and pnpm), relative to the root. */
  excludes: string[];
  /** What a member's references may need of the root (Cargo's `[workspace.dependencies]`). */
  shared?: ReadonlyMap<string, string>;
}

export interface WorkspaceMember {
  /** The name the service takes (already made a service name, not yet checked). */
  name: string;
  /** Where that name comes from in the manifest, worked out when a message needs it. */
  nameAt: () => Position;
  /** How other members refer to this one: a package name, a Go module path, a directory. */
  identities: string[];
  /** The identities it depends on; those of no member of the workspace are outside it and ignored. */
  wants: string[];
}

export interface Ecosystem {
  /** The root manifest's file name, in the rule's root directory. */
  rootFile: string;
  /** Each member's manifest's file name, in its directory. */
  memberFile: string;
  /** Throws ManifestError. `file` is the repo path, `root` the directory it is in. */
  readRoot(text: string, file: string, root: string): WorkspaceRoot;
  /** Throws ManifestError. `dir` is the member's repo-relative directory. */
  readMember(text: string, file: string, dir: string, root: WorkspaceRoot, rootDir: string): WorkspaceMember;
}

/** A repo-relative path from a directory and a relative path (`./x`, `../libs/y`); null when it leaves the
 * repository. */
export function joinPath(dir: string, relative: string): string | null {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
