/** Cargo workspaces: the root Cargo.toml's `[workspace] members` (globs) less `exclude`; each member's
 * `[package] name`, and its `path` dependencies (normal, dev and build, also under `[target.<cfg>]`), a
 * `workspace = true` dependency taking its path from the root's `[workspace.dependencies]`. Read by
 * smol-toml, a TOML 1.0 parser with no dependencies of its own that reports the line and column of a
 * mistake. */
import { parse, TomlError } from 'smol-toml';
import type { Position } from '../types.js';
import { joinPath, type Ecosystem, type WorkspaceRoot } from './ecosystem.js';
import { isRecord, ManifestError, positionOf, stringList } from './manifest-error.js';

const DEPENDENCY_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'] as const;

function readToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    const pos: Position =
      error instanceof TomlError ? { line: error.line, column: error.column } : { line: 1, column: 1 };
    const reason = (error as Error).message.split('\n')[0];
    throw new ManifestError(file, pos, `not valid TOML (${reason}); fix the syntax here`);
  }
}

const quoted = (text: string): string[] => [JSON.stringify(text), `'${text}'`, text];

function readRoot(text: string, file: string, root: string): WorkspaceRoot {
  const toml = readToml(text, file);
  const workspace = isRecord(toml.workspace) ? toml.workspace : null;
  const members = stringList(workspace?.members);
  if (workspace === null || members === null) {
    throw new ManifestError(
      file,
      positionOf(text, '[workspace]'),
      `no [workspace] "members" list; add one, like members = ["crates/*"]`,
    );
  }
  // Paths of `[workspace.dependencies]`, by dependency name, as repo paths.
  const shared = new Map<string, string>();
  const dependencies = isRecord(workspace.dependencies) ? workspace.dependencies : {};
  for (const [name, spec] of Object.entries(dependencies)) {
    const path = isRecord(spec) && typeof spec.path === 'string' ? joinPath(root, spec.path) : null;
    if (path !== null) shared.set(name, path);
  }
  return {
    members: members.map((pattern) => ({ pattern, pos: positionOf(text, ...quoted(pattern)) })),
    excludes: stringList(workspace.exclude) ?? [],
    shared,
  };
}

/** The dependency tables of a manifest: its own and those of each `[target.<cfg>]`. */
function dependencyTables(toml: Record<string, unknown>): Array<Record<string, unknown>> {
  const owners = [toml, ...Object.values(isRecord(toml.target) ? toml.target : {})].filter(isRecord);
  return owners.flatMap((owner) => DEPENDENCY_TABLES.map((table) => owner[table]).filter(isRecord));
}

function readMember(text: string, file: string, dir: string, root: WorkspaceRoot) {
  const toml = readToml(text, file);
  const name = isRecord(toml.package) ? toml.package.name : undefined;
  if (typeof name !== 'string' || name === '') {
    throw new ManifestError(
      file,
      positionOf(text, '[package]'),
      `no [package] "name"; add one, like name = "api"`,
    );
  }
  const wants: string[] = [];
  for (const table of dependencyTables(toml)) {
    for (const [dependency, spec] of Object.entries(table)) {
      if (!isRecord(spec)) continue;
      const path =
        typeof spec.path === 'string'
          ? joinPath(dir, spec.path)
          : spec.workspace === true
            ? (root.shared?.get(dependency) ?? null)
            : null;
      if (path !== null) wants.push(path);
    }
  }
  return { name, nameAt: () => positionOf(text, '[package]'), identities: [dir], wants };
}

export const cargo: Ecosystem = {
  rootFile: 'Cargo.toml',
  memberFile: 'Cargo.toml',
  readRoot,
  readMember: (text, file, dir, root) => readMember(text, file, dir, root),
};
