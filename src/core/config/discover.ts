/** The `discover:` section: rules that find services in the repository (see src/core/discover/), and how
 * what they find joins the services listed under `services:` (a listed key wins over a found one). */
import { describeRule, WORKSPACE_MANAGERS, type DiscoverRule, type Discovery } from '../discover/model.js';
import type { ServiceOrigin } from '../types.js';
import { OVERRIDE_FIELDS, readOverrides, type Overrides } from './overrides.js';
import type { Reader, Value } from './reader.js';
import { DISCOVER_KEYS, DISCOVER_WITH_KEYS } from './schema.js';
import { readDependsOn, type ServiceDraft } from './services.js';
import { quote } from './value.js';

/** A rule as read, with what `with:` gives each service it finds. */
export interface RuleDraft {
  rule: DiscoverRule;
  value: Value;
  overrides: Overrides;
  dependsOn: ServiceDraft['dependsOn'];
}

const RULE_EXAMPLE = '{ dirs: "services/*" } or { workspaces: pnpm }';

/** The valid rules of `discover:` (each mistake reported). */
export function readDiscoverRules(r: Reader, v: Value | undefined): RuleDraft[] {
  if (v === undefined) return [];
  const items = r.list(v, `a list of rules, like [${RULE_EXAMPLE}]`);
  if (items === null) return [];
  return items.flatMap((item, index) => {
    const rule = readRule(r, item, index);
    return rule ? [rule] : [];
  });
}

function readRule(r: Reader, v: Value, index: number): RuleDraft | undefined {
  const entries = r.mapping(v, DISCOVER_KEYS, `a rule, like ${RULE_EXAMPLE}`);
  if (entries === null) return undefined;
  const dirs = entries.get('dirs');
  const workspaces = entries.get('workspaces');
  const root = entries.get('root');
  if (dirs === undefined && workspaces === undefined) {
    r.error(v.at, `${quote(v.label)} must give "dirs" or "workspaces", like ${RULE_EXAMPLE}`);
    return undefined;
  }
  if (workspaces === undefined && root !== undefined) {
    r.error(
      root.at,
      `${quote(root.label)} is for a "workspaces" rule; a "dirs" pattern starts at the repository root`,
    );
    return undefined;
  }
  const withEntries = entries.has('with')
    ? r.mapping(
        entries.get('with')!,
        DISCOVER_WITH_KEYS,
        'a mapping of service settings, like { deploy: false }',
      )
    : new Map<string, Value>();
  const overrides = readOverrides(r, withEntries ?? new Map());
  const dependsOn = withEntries?.has('depends-on') ? readDependsOn(r, withEntries.get('depends-on')!) : [];
  const rule = workspaces
    ? readWorkspacesRule(r, workspaces, root, dirs, index)
    : readDirsRule(r, dirs!, index);
  return rule && withEntries ? { rule, value: v, overrides, dependsOn } : undefined;
}

function readDirsRule(r: Reader, v: Value, index: number): DiscoverRule | undefined {
  const pattern = r.string(v, 'a glob of directories, like "services/*"');
  if (pattern === undefined) return undefined;
  if (pattern.startsWith('!') || pattern.startsWith('/') || pattern.split('/').includes('..')) {
    r.error(
      v.pos,
      `${quote(v.label)} must be a glob of directories inside the repository, like "services/*"; got ${quote(pattern)}`,
    );
    return undefined;
  }
  return { index, kind: 'dirs', pattern: pattern.replace(/^\.\//, '').replace(/\/+$/, '') };
}

/** `dirs` beside `workspaces` keeps the members whose directory matches it. */
function readWorkspacesRule(
  r: Reader,
  v: Value,
  rootValue: Value | undefined,
  dirsValue: Value | undefined,
  index: number,
): DiscoverRule | undefined {
  const manager = r.oneOf(v, WORKSPACE_MANAGERS);
  const root = rootValue ? readRoot(r, rootValue) : '';
  const dirs = dirsValue ? readDirsRule(r, dirsValue, index) : undefined;
  if (manager === undefined || root === undefined || (dirsValue && dirs === undefined)) return undefined;
  const only = dirs?.kind === 'dirs' ? { dirs: dirs.pattern } : {};
  return { index, kind: 'workspaces', manager, root, ...only };
}

/** The workspace's root directory, repo-relative (`.` and `./` are the repository root). */
function readRoot(r: Reader, v: Value): string | undefined {
  const text = r.string(v, 'a directory of the repository, like "frontend"');
  if (text === undefined) return undefined;
  const root = text.replace(/^\.(\/|$)/, '').replace(/\/+$/, '');
  const parts = root === '' ? [] : root.split('/');
  if (text.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    r.error(
      v.pos,
      `${quote(v.label)} must be a directory inside the repository, like "frontend"; got ${quote(text)}`,
    );
    return undefined;
  }
  return root;
}

/** The services of the file: the discovered ones in rule order, each extended or overridden by the entry
 * of its name under `services:` (a key given there replaces the found one), then the listed ones that were
 * not discovered, in file order. */
export function mergeDiscovered(
  rules: readonly RuleDraft[],
  discovery: Discovery,
  listed: readonly ServiceDraft[],
): { drafts: ServiceDraft[]; origins: Map<string, ServiceOrigin> } {
  const byName = new Map(listed.map((draft) => [draft.name, draft]));
  const ruleOf = new Map(rules.map((rule) => [rule.rule.index, rule]));
  // What every service of a rule says of it, worked out once per rule.
  const described = new Map(
    rules.map((rule) => [rule, { rule: describeRule(rule.rule), ruleLine: rule.value.pos.line }]),
  );
  const drafts: ServiceDraft[] = [];
  const origins = new Map<string, ServiceOrigin>();
  for (const found of discovery.services) {
    const rule = ruleOf.get(found.rule)!;
    const edges = found.dependsOn.map((edge) => ({ ...edge, value: rule.value }));
    const extra = rule.dependsOn.filter(
      (d) => d.name !== found.name && !edges.some((e) => e.name === d.name),
    );
    const own: ServiceDraft = {
      name: found.name,
      value: rule.value,
      isMapping: true,
      paths: [found.dir === '' ? '**' : `${found.dir}/**`],
      hasPaths: true,
      dependsOn: [...edges, ...extra],
      after: [],
      overrides: rule.overrides,
    };
    const entry = byName.get(found.name);
    byName.delete(found.name);
    drafts.push(entry ? overridden(own, entry) : own);
    origins.set(found.name, {
      ...described.get(rule)!,
      dir: found.dir,
      manifest: found.manifest,
      edges: found.dependsOn,
      overriddenBy: entry ? overriddenKeys(entry) : [],
    });
  }
  drafts.push(...byName.values());
  return { drafts, origins };
}

/** A discovered service with the keys its entry under `services:` gives. */
function overridden(found: ServiceDraft, entry: ServiceDraft): ServiceDraft {
  if (!entry.isMapping) return entry;
  const merged: ServiceDraft = {
    ...found,
    value: entry.value,
    paths: entry.hasPaths ? entry.paths : found.paths,
    dependsOn: entry.hasDependsOn ? entry.dependsOn : found.dependsOn,
    after: entry.after,
    overrides: mergeOverrides(found.overrides, entry.overrides),
  };
  if (entry.url !== undefined) merged.url = entry.url;
  return merged;
}

function mergeOverrides(base: Overrides, over: Overrides): Overrides {
  if (over.given.size === 0) return base;
  const merged: Overrides = { ...base, given: new Set([...base.given, ...over.given]) };
  for (const key of over.given) {
    const field = OVERRIDE_FIELDS[key as keyof typeof OVERRIDE_FIELDS];
    (merged as unknown as Record<string, unknown>)[field] = over[field];
  }
  return merged;
}

function overriddenKeys(entry: ServiceDraft): string[] {
  return [
    ...(entry.hasPaths ? ['paths'] : []),
    ...(entry.hasDependsOn ? ['depends-on'] : []),
    ...(entry.url !== undefined ? ['url'] : []),
    ...entry.overrides.given,
  ];
}
