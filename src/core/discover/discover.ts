/** Discovery: the services that `discover:` rules find in the repository at the planned commit, with the
 * `depends-on` edges their manifests declare. Pure: the files come through RepositoryFiles, read in two
 * batches (the rules' root manifests, then every member's manifest). */
import micromatch from 'micromatch';
import { GLOB_OPTIONS, isGlob } from '../glob.js';
import { describeNameRule, isServiceName } from '../names.js';
import { cargo } from './cargo.js';
import {
  baseName,
  joinPath,
  type Ecosystem,
  type MemberPattern,
  type WorkspaceMember,
  type WorkspaceRoot,
} from './ecosystem.js';
import { go } from './go.js';
import { ManifestError } from './manifest-error.js';
import {
  describeRule,
  type DiscoverRule,
  type DiscoveredService,
  type Discovery,
  type DiscoveryProblem,
  type RepositoryFiles,
  type WorkspaceManager,
} from './model.js';
import { npm, pnpm } from './npm.js';

const ECOSYSTEMS: Record<WorkspaceManager, Ecosystem> = { npm, yarn: npm, pnpm, go, cargo };

type WorkspaceRule = Extract<DiscoverRule, { kind: 'workspaces' }>;

/** A directory a rule may make a service of. */
interface Candidate {
  rule: DiscoverRule;
  dir: string;
  /** Its manifest (null for a `dirs` rule), and the workspace's root as read. */
  manifest: string | null;
  workspace?: { root: WorkspaceRoot; file: string; pattern: MemberPattern; literal: boolean };
}

/** A member glob of a root manifest, to warn of when it finds no member. */
interface ListedGlob {
  rule: DiscoverRule;
  file: string;
  pattern: MemberPattern;
  memberFile: string;
}

interface Found extends Candidate {
  member: WorkspaceMember | null;
}

export async function discoverServices(
  rules: readonly DiscoverRule[],
  repo: RepositoryFiles,
): Promise<Discovery> {
  const problems: DiscoveryProblem[] = [];
  const workspaces = rules.filter((rule): rule is WorkspaceRule => rule.kind === 'workspaces');
  // The listing and the root manifests are asked for together: neither needs the other.
  const [directories, roots] = await Promise.all([repo.directories(), repo.read(workspaces.map(rootFileOf))]);
  const globs: ListedGlob[] = [];
  const candidates = rules.flatMap((rule) =>
    rule.kind === 'dirs'
      ? directoriesOf(rule, directories, problems)
      : membersOf(rule, roots.get(rootFileOf(rule)) ?? null, directories, { problems, globs }),
  );
  const manifests = await repo.read(candidates.flatMap((c) => (c.manifest === null ? [] : [c.manifest])));
  const found = candidates.flatMap((c) => readCandidate(c, manifests, problems));
  warnOfEmptyGlobs(globs, found, problems);
  const services = nameServices(found, problems);
  return { services, problems };
}

function rootFileOf(rule: WorkspaceRule): string {
  return joinPath(rule.root, ECOSYSTEMS[rule.manager].rootFile)!;
}

function problemAt(rule: DiscoverRule, error: ManifestError): DiscoveryProblem {
  return {
    severity: 'error',
    rule: rule.index,
    at: { file: error.file, ...error.pos },
    message: error.message,
  };
}

function directoriesOf(
  rule: Extract<DiscoverRule, { kind: 'dirs' }>,
  directories: readonly string[],
  problems: DiscoveryProblem[],
): Candidate[] {
  const dirs = micromatch(directories as string[], rule.pattern.replace(/\/+$/, ''), GLOB_OPTIONS).sort();
  if (dirs.length === 0) {
    problems.push({
      severity: 'warning',
      rule: rule.index,
      message: `${describeRule(rule)} matches no directory at this commit; check the pattern, like "services/*"`,
    });
  }
  return dirs.map((dir) => ({ rule, dir, manifest: null }));
}

/** The member directories the root manifest lists, each with the manifest to read. */
function membersOf(
  rule: WorkspaceRule,
  text: string | null,
  directories: readonly string[],
  { problems, globs }: { problems: DiscoveryProblem[]; globs: ListedGlob[] },
): Candidate[] {
  const ecosystem = ECOSYSTEMS[rule.manager];
  const file = rootFileOf(rule);
  if (text === null) {
    problems.push({
      severity: 'error',
      rule: rule.index,
      message: `${describeRule(rule)} needs ${file}, which is not in the repository at this commit; commit it, or set "root" to the directory that holds it`,
    });
    return [];
  }
  let root: WorkspaceRoot;
  try {
    root = ecosystem.readRoot(text, file, rule.root);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    problems.push(problemAt(rule, error));
    return [];
  }
  const excludes = root.excludes.map((pattern) => joinPath(rule.root, pattern) ?? pattern);
  const byDir = new Map<string, Candidate>();
  // Each pattern compiled once, not once per directory.
  const inDirs = rule.dirs === undefined ? null : micromatch.matcher(rule.dirs, GLOB_OPTIONS);
  const excluded = excludes.map((pattern) => micromatch.matcher(pattern, GLOB_OPTIONS));
  for (const pattern of root.members) {
    const literal = !isGlob(pattern.pattern);
    // With `dirs`, a glob may rightly find nothing this rule keeps: another rule takes its members.
    if (!literal && rule.dirs === undefined)
      globs.push({ rule, file, pattern, memberFile: ecosystem.memberFile });
    for (const dir of matchMembers(rule, file, pattern, directories, problems)) {
      if (byDir.has(dir) || (inDirs && !inDirs(dir)) || excluded.some((isExcluded) => isExcluded(dir)))
        continue;
      byDir.set(dir, {
        rule,
        dir,
        manifest: joinPath(dir, ecosystem.memberFile)!,
        workspace: { root, file, pattern, literal },
      });
    }
  }
  return [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** The directories a member pattern names: a glob's matches, or a literal directory, which must exist. */
function matchMembers(
  rule: WorkspaceRule,
  file: string,
  member: MemberPattern,
  directories: readonly string[],
  problems: DiscoveryProblem[],
): string[] {
  const path = joinPath(rule.root, member.pattern.replace(/\/+$/, ''));
  if (path === null) {
    problems.push({
      severity: 'error',
      rule: rule.index,
      at: { file, ...member.pos },
      message: `the member ${JSON.stringify(member.pattern)} is outside the repository; list directories inside it`,
    });
    return [];
  }
  if (isGlob(member.pattern)) return micromatch(directories as string[], path, GLOB_OPTIONS);
  if (path === '' || directories.includes(path)) return [path];
  problems.push({
    severity: 'error',
    rule: rule.index,
    at: { file, ...member.pos },
    message: `the member ${JSON.stringify(member.pattern)} names ${path}, which is not a directory of the repository at this commit; commit it, or remove the member from the list`,
  });
  return [];
}

/** Reads a member's manifest. A directory a glob matched without one is no member (as npm, pnpm and
 * Cargo see it); a member listed by name must have one. */
function readCandidate(
  candidate: Candidate,
  manifests: ReadonlyMap<string, string | null>,
  problems: DiscoveryProblem[],
): Found[] {
  const { rule, workspace, manifest } = candidate;
  if (workspace === undefined || manifest === null) return [{ ...candidate, member: null }];
  const text = manifests.get(manifest) ?? null;
  if (text === null) {
    if (workspace.literal) {
      problems.push({
        severity: 'error',
        rule: rule.index,
        at: { file: workspace.file, ...workspace.pattern.pos },
        message: `the member ${JSON.stringify(workspace.pattern.pattern)} has no ${manifest} at this commit; commit it, or remove the member from the list`,
      });
    }
    return [];
  }
  const ecosystem = ECOSYSTEMS[(rule as WorkspaceRule).manager];
  try {
    const member = ecosystem.readMember(
      text,
      manifest,
      candidate.dir,
      workspace.root,
      (rule as WorkspaceRule).root,
    );
    return [{ ...candidate, member }];
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    problems.push(problemAt(rule, error));
    return [];
  }
}

/** A member glob that finds no member is likely a typo, but not wrong: the workspace tools accept it. */
function warnOfEmptyGlobs(globs: ListedGlob[], found: Found[], problems: DiscoveryProblem[]): void {
  const used = new Set(found.map((f) => f.workspace?.pattern));
  for (const { rule, file, pattern, memberFile } of globs) {
    if (used.has(pattern)) continue;
    problems.push({
      severity: 'warning',
      rule: rule.index,
      at: { file, ...pattern.pos },
      message: `the member pattern ${JSON.stringify(pattern.pattern)} matches no directory holding ${memberFile}; check the pattern`,
    });
  }
}

/** Names checked as listed names are, each name found once; then the edges between the members of each
 * workspace. */
function nameServices(found: Found[], problems: DiscoveryProblem[]): DiscoveredService[] {
  const byName = new Map<string, Found>();
  for (const f of found) {
    const name = f.member?.name ?? baseName(f.dir);
    if (!isServiceName(name)) {
      problems.push({ ...nameProblemAt(f), message: invalidNameMessage(f, name) });
      continue;
    }
    if (isGlob(f.dir)) {
      // Its paths, `<dir>/**`, would be read as a glob and match other directories, or none.
      problems.push({
        severity: 'error',
        rule: f.rule.index,
        message: `${describeRule(f.rule)} finds ${JSON.stringify(name)} in the directory ${JSON.stringify(f.dir)}, whose name holds glob characters (*?[]{}()!+@|\\); rename the directory, or narrow the rule and list the service under services: with its paths escaped`,
      });
      continue;
    }
    const first = byName.get(name);
    if (first !== undefined) {
      problems.push({ ...nameProblemAt(f), message: collisionMessage(name, first, f) });
      continue;
    }
    byName.set(name, f);
  }
  const identities = identitiesByWorkspace(byName);
  return [...byName.entries()].map(([name, f]) => ({
    name,
    dir: f.dir,
    rule: f.rule.index,
    manifest: f.manifest,
    dependsOn: edgesOf(name, f, identities.get(f.workspace?.file ?? '')),
  }));
}

/** For each workspace (by its root manifest, whichever rules found its members), the service each identity
 * names: a package name, a module path, a directory. */
function identitiesByWorkspace(byName: ReadonlyMap<string, Found>): Map<string, Map<string, string>> {
  const workspaces = new Map<string, Map<string, string>>();
  for (const [name, f] of byName) {
    if (f.workspace === undefined || f.member === null) continue;
    let identities = workspaces.get(f.workspace.file);
    if (identities === undefined) workspaces.set(f.workspace.file, (identities = new Map()));
    for (const identity of f.member.identities) identities.set(identity, name);
  }
  return workspaces;
}

/** A name's problem stands at the manifest's name when there is one, else at the rule. */
function nameProblemAt(f: Found): Omit<DiscoveryProblem, 'message'> {
  const at = f.member && f.manifest ? { at: { file: f.manifest, ...f.member.nameAt() } } : {};
  return { severity: 'error', rule: f.rule.index, ...at };
}

function origin(f: Found): string {
  return `${f.manifest ?? f.dir} (${describeRule(f.rule)})`;
}

/** How each workspace tool's member gets its service name, for a message about a bad one. */
const NAMED_BY: Record<WorkspaceManager, string> = {
  npm: 'its "name", less the @scope',
  yarn: 'its "name", less the @scope',
  pnpm: 'its "name", less the @scope',
  go: 'the last element of its module path',
  cargo: 'its [package] name',
};

function invalidNameMessage(f: Found, name: string): string {
  const from =
    f.rule.kind === 'dirs' || f.manifest === null
      ? `the directory ${f.dir}`
      : `${f.manifest} (${NAMED_BY[f.rule.manager]})`;
  return `${describeRule(f.rule)} finds the service name ${JSON.stringify(name)} in ${from}, which is not a valid service name: ${describeNameRule('service')}; rename it, or narrow the rule so that it is not found`;
}

function collisionMessage(name: string, first: Found, second: Found): string {
  return `two services are named ${JSON.stringify(name)}: ${origin(first)} and ${origin(second)}; a name must be found once: rename one, or narrow a rule (its pattern, the workspace's member list) so that only one finds it`;
}

/** The members of the same workspace this one depends on, by the identities its manifest names. */
function edgesOf(
  name: string,
  f: Found,
  identities: ReadonlyMap<string, string> | undefined,
): DiscoveredService['dependsOn'] {
  if (f.member === null || f.manifest === null || identities === undefined) return [];
  const edges: DiscoveredService['dependsOn'] = [];
  for (const wanted of f.member.wants) {
    const target = identities.get(wanted);
    if (target === undefined || target === name || edges.some((e) => e.name === target)) continue;
    edges.push({ name: target, manifest: f.manifest });
  }
  return edges;
}
