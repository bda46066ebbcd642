/** The `services` section: each service's paths, dependencies and settings (its own, else the defaults'),
 * and the dependency graph between them. */
import { findCycle } from '../graph.js';
import type { ConfigPaths } from '../pattern-check.js';
import { describeNameRule, isServiceName } from '../names.js';
import { suggest } from '../suggest.js';
import type { Position, ServiceConfig } from '../types.js';
import { readAfter } from './after.js';
import { NO_KEYS, readOverrides, type Overrides } from './overrides.js';
import type { Reader, Value } from './reader.js';
import { DEFAULTS, MINIMAL_CONFIG, SERVICE_KEYS } from './schema.js';
import { quote } from './value.js';

/** A service as read, valid or not: every service counts as a name for `depends-on`. */
export interface ServiceDraft {
  name: string;
  value: Value;
  /** False when its value is not a mapping (reported). */
  isMapping: boolean;
  paths: string[];
  /** Whether the entry gives `paths` / `depends-on` itself (a discovered service's are taken otherwise). */
  hasPaths?: boolean;
  hasDependsOn?: boolean;
  /** `manifest`: the file that declares a discovered edge. */
  dependsOn: Array<{ name: string; value: Value; manifest?: string }>;
  /** The services it is released after (see after.ts). */
  after: Array<{ name: string; value: Value }>;
  url?: string;
  overrides: Overrides;
}

/** `discovering`: `discover:` finds services too, so `services` may be left out or empty. */
export function readServices(
  r: Reader,
  root: Value,
  v: Value | undefined,
  discovering = false,
): ServiceDraft[] {
  if (v === undefined && discovering) return [];
  if (v === undefined) {
    r.error(
      root.at,
      `missing key "services"; add at least one service, like:\n${MINIMAL_CONFIG.split('\n').slice(1).join('\n')}`,
    );
    return [];
  }
  const entries = r.mapping(
    v,
    null,
    'a mapping of service names to services, like { api: { paths: [services/api/**] } }',
  );
  if (entries === null) return [];
  if (v.value instanceof Map && v.value.size === 0 && !discovering) {
    r.error(
      v.at,
      `${quote(v.label)} must name at least one service, like { api: { paths: [services/api/**] } }`,
    );
  }
  const drafts: ServiceDraft[] = [];
  entries.forEach((value, name) => {
    if (isServiceName(name)) drafts.push(readService(r, name, value));
    else reportBadServiceName(r, value.at, name);
  });
  return drafts;
}

function reportBadServiceName(r: Reader, pos: Position, name: string): void {
  const lower = name.toLowerCase();
  const hint = lower !== name && isServiceName(lower) ? ` (did you mean ${quote(lower)}?)` : '';
  r.error(
    pos,
    `service name ${quote(name)} is not valid${hint}: ${describeNameRule('service')} ` +
      `(the name goes into tags, file paths and environment variables)`,
  );
}

/** Always returns a draft, so that other services' `depends-on` can still name a broken service. */
function readService(r: Reader, name: string, v: Value): ServiceDraft {
  const draft: ServiceDraft = {
    name,
    value: v,
    isMapping: false,
    paths: [],
    dependsOn: [],
    after: [],
    overrides: { given: NO_KEYS },
  };
  const entries = r.mapping(v, SERVICE_KEYS, `a service, like { paths: [services/${name}/**] }`);
  if (entries === null) return draft;
  draft.isMapping = true;
  const pathsValue = entries.get('paths');
  draft.hasPaths = pathsValue !== undefined;
  const paths = pathsValue ? readPatterns(r, pathsValue, true) : undefined;
  draft.hasDependsOn = entries.has('depends-on');
  if (entries.has('depends-on')) draft.dependsOn = readDependsOn(r, entries.get('depends-on')!);
  if (entries.has('after')) draft.after = readAfter(r, entries.get('after')!);
  const url = entries.has('url') ? r.url(entries.get('url')!) : undefined;
  if (url !== undefined) draft.url = url;
  draft.overrides = readOverrides(r, entries);
  draft.paths = paths ?? [];
  return draft;
}

/** A service that is not discovered must say which files it is built from. */
export function checkPathsGiven(r: Reader, drafts: readonly ServiceDraft[]): void {
  for (const draft of drafts) {
    if (!draft.isMapping || draft.hasPaths !== false) continue;
    r.error(
      draft.value.at,
      `service ${quote(draft.name)} has no "paths"; add the files it is built from, like paths: [services/${draft.name}/**]`,
    );
  }
}

/** A list of glob patterns. `required`: at least one. */
export function readPatterns(r: Reader, v: Value, required: boolean): string[] | undefined {
  const example = required ? 'like [services/api/**]' : 'like [package-lock.json]';
  const expected = `a list of path patterns, ${example}`;
  const items = r.list(v, expected);
  if (items === null) return undefined;
  if (required && items.length === 0) {
    r.error(v.pos, `${quote(v.label)} must list at least one path pattern, ${example}`);
    return undefined;
  }
  const patterns = items.map((item) =>
    r.string(item, 'a non-empty path pattern (quote one that starts with "!")'),
  );
  return patterns.every((p) => p !== undefined) ? (patterns as string[]) : undefined;
}

export function readDependsOn(r: Reader, v: Value): ServiceDraft['dependsOn'] {
  const items = r.list(v, 'a list of service names, like [common]');
  if (items === null) return [];
  const deps: ServiceDraft['dependsOn'] = [];
  for (const item of items) {
    const dep = r.string(item, 'a service name');
    if (dep === undefined) continue;
    if (deps.some((d) => d.name === dep)) {
      r.warning(item.pos, `${quote(dep)} is listed twice in ${quote(v.label)}; remove the second one`);
      continue;
    }
    deps.push({ name: dep, value: item });
  }
  return deps;
}

/** Every `depends-on` names a service of this file, and the graph has no cycle. */
export function checkDependencies(r: Reader, drafts: ServiceDraft[]): void {
  const names = drafts.map((d) => d.name);
  const known = new Set(names);
  for (const draft of drafts) {
    for (const dep of draft.dependsOn) {
      if (known.has(dep.name)) continue;
      const guess = suggest(dep.name, names);
      r.error(
        dep.value.pos,
        `service ${quote(draft.name)} depends on ${quote(dep.name)}, which is not a service in this file` +
          `${guess ? `; did you mean ${quote(guess)}?` : '.'} Services: ${listSome(names)}`,
      );
    }
  }
  // Only a service with a dependency can be on a cycle.
  const graph = new Map(
    drafts
      .filter((d) => d.dependsOn.length > 0)
      .map((d) => [d.name, d.dependsOn.map((dep) => dep.name).filter((n) => known.has(n))]),
  );
  const cycle = findCycle(graph);
  if (cycle === null) return;
  const first = drafts.find((d) => d.name === cycle[0])!;
  const link = first.dependsOn.find((dep) => dep.name === cycle[1])!;
  const fix = link.manifest
    ? `${link.manifest} declares ${quote(cycle[0]!)} → ${quote(cycle[1]!)}: list services.${cycle[0]}.depends-on ` +
      `without it (a listed depends-on replaces the discovered one), or remove the dependency from the manifest`
    : `remove one of these "depends-on" entries`;
  r.error(
    link.value.pos,
    `dependency cycle: ${cycle.join(' → ')}; a service cannot depend on itself, even through others: ${fix}`,
  );
}

/** Applies the defaults; undefined when a value was invalid (already reported). */
export function finishService(
  r: Reader,
  draft: ServiceDraft,
  defaults: Overrides,
): ServiceConfig | undefined {
  const own = draft.overrides;
  const deploy = pick(own, defaults, 'deploy', 'deploy');
  if (deploy === undefined && draft.isMapping) {
    r.error(
      draft.value.at,
      `service ${quote(draft.name)} has no deploy command; add "deploy: <command>" under services.${draft.name}, ` +
        `or under "defaults" to use one command for every service ("deploy: false" marks a library that is never released)`,
    );
    return undefined;
  }
  const stages = pick(own, defaults, 'stages', 'stages');
  const verify = pick(own, defaults, 'verify', 'verify');
  const rollback = pick(own, defaults, 'rollback', 'rollback');
  const timeoutMs = pick(own, defaults, 'timeoutMs', 'timeout');
  const passOidc = pick(own, defaults, 'passOidc', 'pass-oidc');
  const notify = pick(own, defaults, 'notify', 'notify');
  const waitMs = pick(own, defaults, 'waitMs', 'wait');
  const settings = [deploy, stages, verify, rollback, timeoutMs, passOidc, notify, waitMs];
  if (settings.some((setting) => setting === null)) return undefined;
  return {
    name: draft.name,
    paths: draft.paths,
    dependsOn: draft.dependsOn.map((d) => d.name),
    ...(draft.url !== undefined ? { url: draft.url } : {}),
    deploy: deploy as string | false,
    stages: (stages ?? DEFAULTS.stages).map((stage) => ({ ...stage })),
    ...(verify ? { verify: { ...verify } } : {}),
    ...(rollback ? { rollback } : {}),
    timeoutMs: timeoutMs ?? DEFAULTS.timeoutMs,
    passOidc: passOidc ?? DEFAULTS.passOidc,
    ...(notify ? { notify } : {}),
    ...(draft.after.length > 0 ? { after: draft.after.map((a) => a.name) } : {}),
    ...(waitMs ? { waitMs } : {}),
  };
}

/** A library (`deploy: false`, its own or the defaults'): never released itself. */
export function isLibrary(draft: ServiceDraft, defaults: Overrides): boolean {
  return pick(draft.overrides, defaults, 'deploy', 'deploy') === false;
}

/** A setting of a service: its own when it gives the key, else the default's; null when the value given
 * was invalid (already reported), undefined when neither gives it. */
function pick<K extends keyof Omit<Overrides, 'given'>>(
  own: Overrides,
  defaults: Overrides,
  key: K,
  yamlKey: string,
): Overrides[K] | null {
  if (own.given.has(yamlKey)) return own[key] ?? null;
  return defaults.given.has(yamlKey) ? (defaults[key] ?? null) : undefined;
}

/** The services and patterns of a config with errors, as far as they could be read: a service whose
 * `paths` could not be read has none, and counts as deployable unless it says `deploy: false`. */
export function pathsRead(
  r: Reader,
  file: string,
  shared: string[] | undefined,
  drafts: ServiceDraft[],
  defaults: Overrides,
): ConfigPaths {
  return {
    file,
    positions: r.positions,
    shared: shared ?? [],
    services: drafts.map((draft) => ({
      name: draft.name,
      paths: draft.paths,
      deploy: pick(draft.overrides, defaults, 'deploy', 'deploy') === false ? false : '',
    })),
  };
}

/** A list for a message, shortened when long. */
function listSome(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
