/** The whole file: its top level (version, environment, tag, versioning, shared, audit), then the
 * defaults and services it holds. */
import { isGitRefName } from '../names.js';
import type { AuditConfig, Config, DrillConfig, ServiceConfig } from '../types.js';
import type { Discovery } from '../discover/model.js';
import { checkAfter } from './after.js';
import { mergeDiscovered, type RuleDraft } from './discover.js';
import { readDefaults, NO_KEYS } from './overrides.js';
import type { ConfigYaml } from './read.js';
import { Reader, type Value } from './reader.js';
import { NOTHING_READ, type ReadResult } from './result.js';
import {
  AUDIT_KEYS,
  DEFAULTS,
  DRILL_KEYS,
  MINIMAL_CONFIG,
  SUPPORTED_VERSIONS,
  TOP_LEVEL_KEYS,
  VERSIONING_MODES,
} from './schema.js';
import {
  checkDependencies,
  checkPathsGiven,
  finishService,
  isLibrary,
  pathsRead,
  readPatterns,
  readServices,
  type ServiceDraft,
} from './services.js';
import { describe, quote, START, type Report } from './value.js';

/** What `discover:` found, for the file whose rules these are. */
export interface Discovered {
  rules: readonly RuleDraft[];
  discovery: Discovery;
}

/** Checks the meaning of the file's content, reporting every mistake. */
export function readConfig(
  { value, positions }: ConfigYaml,
  file: string,
  report: Report,
  discovered: Discovered | null = null,
): ReadResult {
  const r = new Reader(positions, report);
  if (value === null) {
    r.error(START, `the config file is empty; a minimal config is:\n${MINIMAL_CONFIG}`);
    return NOTHING_READ;
  }
  const root = r.root(value);
  if (!(value instanceof Map)) {
    r.error(
      root.pos,
      `the top level of the config file must be a mapping of keys (version, services, …); got ${describe(value)}. ` +
        `A minimal config is:\n${MINIMAL_CONFIG}`,
    );
    return NOTHING_READ;
  }
  // The version decides which keys exist, so it is checked before anything else.
  if (!readVersion(r, root, r.mapping(root, null)!.get('version'))) return NOTHING_READ;
  return readSections(r, root, file, discovered);
}

function readSections(r: Reader, root: Value, file: string, discovered: Discovered | null): ReadResult {
  const top = r.mapping(root, TOP_LEVEL_KEYS)!;
  const get = (key: (typeof TOP_LEVEL_KEYS)[number]): Value | undefined => top.get(key);
  const environment = get('environment') ? r.name(get('environment')!, 'environment') : DEFAULTS.environment;
  const tag = get('tag') ? readTagTemplate(r, get('tag')!) : DEFAULTS.tag;
  const versioning = get('versioning') ? r.oneOf(get('versioning')!, VERSIONING_MODES) : DEFAULTS.versioning;
  const shared = get('shared') ? readPatterns(r, get('shared')!, false) : [];
  const defaults = get('defaults') ? readDefaults(r, get('defaults')!) : { given: NO_KEYS };
  const listed = readServices(r, root, get('services'), get('discover') !== undefined);
  const merged = discovered ? mergeDiscovered(discovered.rules, discovered.discovery, listed) : null;
  const drafts = merged?.drafts ?? listed;
  // Checked alone (no repository asked), a file with `discover:` may extend services it would find.
  if (discovered !== null || get('discover') === undefined) checkPathsGiven(r, drafts);
  const audit = readAudit(r, get('audit'));
  const drill = readDrill(r, get('drill'));
  checkDependencies(r, drafts);
  checkAfter(r, drafts, (draft) => isLibrary(draft, defaults));
  if (tag !== undefined) checkTagNames(r, get('tag') ?? root, tag, drafts);
  const services = drafts.map((draft) => finishService(r, draft, defaults));
  if (
    environment === undefined ||
    tag === undefined ||
    versioning === undefined ||
    shared === undefined ||
    audit === undefined ||
    drill === undefined ||
    services.some((s) => s === undefined)
  ) {
    return { config: null, paths: pathsRead(r, file, shared, drafts, defaults) };
  }
  const config: Config = {
    version: 1,
    file,
    environment,
    tag,
    versioning,
    shared,
    services: services as ServiceConfig[],
    audit,
    drill,
    positions: r.positions,
    ...(merged ? { origins: merged.origins } : {}),
  };
  return { config, paths: config };
}

/** False when the version is one this release cannot read: the rest of the file may follow other rules. */
function readVersion(r: Reader, root: Value, v: Value | undefined): boolean {
  const supported = SUPPORTED_VERSIONS.join(', ');
  if (v === undefined) {
    r.error(root.at, `missing key "version"; add "version: 1" as the first line (supported: ${supported})`);
    return true;
  }
  const value = v.value;
  if (typeof value === 'number' && Number.isInteger(value) && !SUPPORTED_VERSIONS.includes(value)) {
    r.error(
      v.pos,
      `unsupported config version ${value}; this release of monorepo-release reads version ${supported}: ` +
        `set "version: 1" and follow its format, or use a release of the action that supports version ${value}`,
    );
    return false;
  }
  r.integer(v, 1, 1, `the number ${supported} (write "version: 1")`);
  return true;
}

function readTagTemplate(r: Reader, v: Value): string | undefined {
  const template = r.string(v, 'a tag format with {service} and {version}, like "{service}@v{version}"');
  if (template === undefined) return undefined;
  const problem = placeholderProblem(template, ['service', 'version'], ['service', 'version']);
  if (problem) {
    r.error(v.pos, `${quote(v.label)} ${problem}, like "{service}@v{version}"; got ${quote(template)}`);
    return undefined;
  }
  if (/\{service\}\{version\}|\{version\}\{service\}/.test(template)) {
    r.error(
      v.pos,
      `${quote(v.label)} must put a separator between {service} and {version}, like "{service}@v{version}", so a ` +
        `tag can be read back; got ${quote(template)}`,
    );
    return undefined;
  }
  return template;
}

/** Why a template's placeholders are wrong, or undefined. `required` must each appear exactly once. */
function placeholderProblem(template: string, allowed: string[], required: string[]): string | undefined {
  const found = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = found.find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    return `has an unknown placeholder {${unknown}}: only ${allowed.map((a) => `{${a}}`).join(' and ')} are filled in`;
  }
  const wrongCount = required.find((name) => found.filter((f) => f === name).length !== 1);
  if (wrongCount !== undefined) return `must contain {${wrongCount}} exactly once`;
  return undefined;
}

/** The tag format must give a valid git tag for every service. */
function checkTagNames(r: Reader, v: Value, template: string, drafts: ServiceDraft[]): void {
  const names = drafts.length > 0 ? drafts.map((d) => d.name) : ['api'];
  for (const name of names) {
    const tag = template.replaceAll('{service}', name).replaceAll('{version}', '1.2.3');
    if (!isGitRefName(tag)) {
      r.error(
        v.pos,
        `tag format ${quote(template)} gives ${quote(tag)} for service ${quote(name)} at version 1.2.3, which is not a ` +
          `valid git tag name (no spaces, "~^:?*[\\", "..", "@{", "//", leading "-" or "/", or trailing "." or ".lock")`,
      );
      return;
    }
  }
}

function readAudit(r: Reader, v: Value | undefined): AuditConfig | undefined {
  const defaults: AuditConfig = {
    branch: DEFAULTS.auditBranch,
    deployments: DEFAULTS.deployments,
    deploymentEnvironment: DEFAULTS.deploymentEnvironment,
  };
  if (v === undefined) return defaults;
  const entries = r.mapping(v, AUDIT_KEYS);
  if (entries === null) return undefined;
  const branch = entries.get('branch');
  const deployments = entries.get('deployments');
  const environment = entries.get('deployment-environment');
  const audit = {
    branch: branch ? readAuditBranch(r, branch) : defaults.branch,
    deployments: deployments ? r.boolean(deployments) : defaults.deployments,
    deploymentEnvironment: environment
      ? readDeploymentEnvironment(r, environment)
      : defaults.deploymentEnvironment,
  };
  return Object.values(audit).includes(undefined) ? undefined : (audit as AuditConfig);
}

/** `drill: { allow-production: true }`: the one switch that lets `command: drill` run against production. */
function readDrill(r: Reader, v: Value | undefined): DrillConfig | undefined {
  if (v === undefined) return { allowProduction: DEFAULTS.drillAllowProduction };
  const entries = r.mapping(v, DRILL_KEYS, 'a mapping, like { allow-production: true }');
  if (entries === null) return undefined;
  const allow = entries.get('allow-production');
  const allowProduction = allow ? r.boolean(allow) : DEFAULTS.drillAllowProduction;
  return allowProduction === undefined ? undefined : { allowProduction };
}

function readAuditBranch(r: Reader, v: Value): string | undefined {
  const branch = r.string(v, 'a git branch name, like release-audit');
  if (branch === undefined || isGitRefName(branch)) return branch;
  r.error(
    v.pos,
    `${quote(v.label)} must be a valid git branch name, like release-audit; got ${quote(branch)} ` +
      `(no spaces, "~^:?*[\\", "..", "@{", "//", leading "-" or "/", or trailing "." or ".lock")`,
  );
  return undefined;
}

function readDeploymentEnvironment(r: Reader, v: Value): string | undefined {
  const template = r.string(v, 'a GitHub environment name, like "{environment}/{service}"');
  if (template === undefined) return undefined;
  const problem = placeholderProblem(template, ['environment', 'service'], []);
  if (problem) {
    r.error(v.pos, `${quote(v.label)} ${problem}, like "{environment}/{service}"; got ${quote(template)}`);
    return undefined;
  }
  return template;
}
