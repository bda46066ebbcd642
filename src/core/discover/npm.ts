/** npm, yarn and pnpm workspaces: members listed by globs in package.json `workspaces` (npm, yarn; yarn
 * classic also as `workspaces.packages`) or in pnpm-workspace.yaml `packages`; each member's package.json
 * names it and its dependencies on other members, whatever the range (`workspace:*`, `^1.2.0`). */
import { readConfigYaml } from '../config/read.js';
import type { Diagnostic, Position } from '../types.js';
import { baseName, type Ecosystem, type MemberPattern, type WorkspaceRoot } from './ecosystem.js';
import { isRecord, jsonErrorPosition, ManifestError, positionOf, stringList } from './manifest-error.js';

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

function readJson(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(
      file,
      jsonErrorPosition(text, error),
      `not valid JSON (${(error as Error).message}); fix the syntax here`,
    );
  }
  if (!isRecord(value))
    throw new ManifestError(
      file,
      { line: 1, column: 1 },
      'the file must hold a JSON object, like { "name": "web" }',
    );
  return value;
}

/** Patterns as written; `!pattern` excludes (pnpm; npm takes it too). */
function splitPatterns(text: string, patterns: string[]): WorkspaceRoot {
  const members: MemberPattern[] = [];
  const excludes: string[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) excludes.push(pattern.slice(1));
    else members.push({ pattern, pos: positionOf(text, JSON.stringify(pattern), pattern) });
  }
  return { members, excludes };
}

function readPackageJsonRoot(text: string, file: string): WorkspaceRoot {
  const json = readJson(text, file);
  const field = json.workspaces;
  const patterns = stringList(isRecord(field) ? field.packages : field);
  if (patterns === null) {
    throw new ManifestError(
      file,
      positionOf(text, '"workspaces"'),
      `no "workspaces" list of member directories; add one, like "workspaces": ["packages/*"]`,
    );
  }
  return splitPatterns(text, patterns);
}

function readPnpmRoot(text: string, file: string): WorkspaceRoot {
  const problems: Array<{ pos: Position; message: string }> = [];
  const yaml = readConfigYaml(text, (severity: Diagnostic['severity'], pos, message) => {
    if (severity === 'error') problems.push({ pos, message });
  });
  if (yaml === null || problems.length > 0) {
    const first = problems[0] ?? { pos: { line: 1, column: 1 }, message: 'invalid YAML' };
    throw new ManifestError(file, first.pos, first.message);
  }
  const packages = yaml.value instanceof Map ? stringList(yaml.value.get('packages')) : null;
  if (packages === null) {
    throw new ManifestError(
      file,
      positionOf(text, 'packages'),
      `no "packages" list of member directories; add one, like packages: ["packages/*"]`,
    );
  }
  return splitPatterns(text, packages);
}

/** `@acme/ui-kit` → `ui-kit`: the scope names the organisation, the same for every member. */
export function serviceNameOfPackage(packageName: string): string {
  return packageName.startsWith('@') ? packageName.slice(packageName.indexOf('/') + 1) : packageName;
}

function readPackageMember(text: string, file: string, dir: string) {
  const json = readJson(text, file);
  const packageName = typeof json.name === 'string' && json.name !== '' ? json.name : null;
  const wants: string[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const deps = json[field];
    if (isRecord(deps)) wants.push(...Object.keys(deps));
  }
  return {
    // A member with no name (allowed for a private package) is called after its directory.
    name: packageName === null ? baseName(dir) : serviceNameOfPackage(packageName),
    nameAt: () => positionOf(text, '"name"'),
    identities: packageName === null ? [] : [packageName],
    wants,
  };
}

export const npm: Ecosystem = {
  rootFile: 'package.json',
  memberFile: 'package.json',
  readRoot: readPackageJsonRoot,
  readMember: readPackageMember,
};

export const pnpm: Ecosystem = {
  rootFile: 'pnpm-workspace.yaml',
  memberFile: 'package.json',
  readRoot: readPnpmRoot,
  readMember: readPackageMember,
};
