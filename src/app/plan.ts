/** The `plan` use case: which services changed, at which next version, and why. `planFromInputs` reads
 * top-down: range → config → what is live → detect → since-release → versions → plan. */
import { ChangeDetector, formatReason } from '../core/detect.js';
import { InputError, UserError } from '../core/errors.js';
import { edgeSources } from '../core/discover/explain.js';
import { describeEvent } from '../core/event.js';
import type { Plan, PlannedService } from '../core/plan.js';
import type { AuditStore, AuditTree, Git, Logger } from '../core/ports.js';
import {
  isPaused,
  latestPointerPath,
  livePointerPath,
  type AuditRecord,
  type LatestPointer,
  type LivePointer,
} from '../core/record.js';
import { inReleaseOrder } from '../core/release-order.js';
import type { Config, Detection, ServiceConfig } from '../core/types.js';
import { latestReleases } from '../core/versions.js';
import { readJson } from './audit-log.js';
import { estimateRunnerTime } from '../core/pause-summary.js';
import { loadConfig, resolveEnvironment } from './config.js';
import { PlanPrefetch, type PlanDeps, type PlanInputs } from './plan-prefetch.js';
import { detectSinceReleases, type SinceRelease } from './plan-since-release.js';
import { nextVersions, type Releases, type ServiceVersion } from './plan-versions.js';
import { resolveRange, type Range } from './range.js';

export type { PlanDeps, PlanInputs } from './plan-prefetch.js';

export interface PlanResult {
  plan: Plan;
  /** Every changed file of the range (empty for a tag push or an "everything" plan). */
  changedFiles: string[];
  config: Config;
}

/** Everything `plan` does from the inputs. Shared by the action and the CLI. */
export async function planFromInputs(given: PlanDeps, inputs: PlanInputs): Promise<PlanResult> {
  const deps = { ...given, auditFor: oneSnapshot(given.auditFor) };
  const early = await PlanPrefetch.start(deps, inputs);
  const config = await loadConfig({ log: deps.log, source: early.source }, inputs.configPath);
  const environment = resolveEnvironment(config, inputs.environment);
  const range = await rangeOf(deps, inputs, config, early);
  const live = await whatIsLive(deps, inputs, config, environment, range);
  const detector = new ChangeDetector(config);
  const changed = await detect(config, detector, range, early);
  const releases = await releasesOf(deps.git, config, live);
  const logs = early.startVersionLogs(config, range, releases, changed.detections.keys());
  const since = await sinceReleases(deps, detector, range, live, changed.detections);
  const services = [...since.detections.keys()];
  const versions = await nextVersions(deps, config, detector, range, services, releases, logs);
  const plan = planOf(config, range, changed.files, live, since, versions);
  await addPauses(deps, config, environment, plan, range.kind !== 'tag' && !inputs.base);
  return { plan, changedFiles: changed.files, config };
}

/** What the planned releases will cost and meet: the runner time their bakes hold, and those of them whose
 * service has a paused release (it stops them). The audit log is read only when it was for what is live
 * (not for a tag push nor an explicit base, see whatIsLive). */
async function addPauses(
  deps: PlanDeps,
  config: Config,
  environment: string,
  plan: Plan,
  readLog: boolean,
): Promise<void> {
  const planned = new Set(plan.services.map((s) => s.service));
  const services = config.services.filter((s) => planned.has(s.name));
  plan.runnerTime = estimateRunnerTime(services);
  plan.at = new Date();
  if (!readLog || !deps.auditFor || services.length === 0) return;
  try {
    // The newest record of each planned service, through its latest pointer: two reads a service.
    const tree = await deps.auditFor(config.audit.branch).snapshot();
    const pointers = await Promise.all(
      services.map((s) => readJson<LatestPointer>(tree, latestPointerPath(environment, s.name))),
    );
    const newest = await Promise.all(
      pointers.map((pointer) => (pointer ? readJson<AuditRecord>(tree, pointer.path) : null)),
    );
    plan.paused = newest.filter((record): record is AuditRecord => isPaused(record));
  } catch (error) {
    // What is live could not be read either, and that was said (livePointers).
    deps.log.debug(`could not list the paused releases: ${(error as Error).message}`);
  }
}

/** One fetch of the audit branch per plan: what is live and what is paused are read from the same view. */
function oneSnapshot(auditFor: PlanDeps['auditFor']): PlanDeps['auditFor'] {
  if (!auditFor) return undefined;
  const views = new Map<string, Promise<AuditTree>>();
  return (branch) => {
    const store = auditFor(branch);
    return {
      snapshot: () => {
        if (!views.has(branch)) views.set(branch, store.snapshot());
        return views.get(branch)!;
      },
      write: (message, change) => store.write(message, change),
    };
  };
}

/** The range: resolved before the config when it could be (see PlanPrefetch), else now, with the config's
 * tag format. */
async function rangeOf(
  deps: PlanDeps,
  inputs: PlanInputs,
  config: Config,
  early: PlanPrefetch,
): Promise<Range> {
  const event = describeEvent(inputs.eventName, inputs.payload, config.tag);
  const range = early.range ?? (await resolveRange(deps, event, inputs));
  // Debug only: the plan itself shows the range (the table, the job summary, the `plan` output), once.
  deps.log.debug(
    `Range: ${range.kind === 'diff' ? `${range.base}..${range.head}` : range.head} (${range.why})`,
  );
  return range;
}

/** What is live per service, from the audit log; none for a tag push (it names its one version), and none
 * with an explicit base: that is the whole range, and origin is not asked. */
async function whatIsLive(
  deps: PlanDeps,
  inputs: PlanInputs,
  config: Config,
  environment: string,
  range: Range,
): Promise<Map<string, LivePointer>> {
  if (range.kind === 'tag' || inputs.base || !deps.auditFor) return new Map();
  return livePointers(deps.log, config, environment, deps.auditFor(config.audit.branch));
}

/** The live pointers of the deployable services; empty (with a warning that names the fix) when the audit
 * log cannot be read, so a plan still works, from the event's range. */
async function livePointers(
  log: Logger,
  config: Config,
  environment: string,
  audit: AuditStore,
): Promise<Map<string, LivePointer>> {
  const live = new Map<string, LivePointer>();
  try {
    const tree = await audit.snapshot();
    if (tree.head === null) return live;
    // Asked for together, so the store can read them in one go.
    const services = config.services.filter((s) => s.deploy !== false).map((s) => s.name);
    const pointers = await Promise.all(
      services.map((service) => readJson<LivePointer>(tree, livePointerPath(environment, service))),
    );
    pointers.forEach((pointer, i) => {
      if (pointer) live.set(services[i]!, pointer);
    });
  } catch (error) {
    const fix =
      error instanceof UserError
        ? ` Fix: ${error.fix}; or give the range's base (the \`base\` input; \`--base\` on the command line).`
        : '';
    log.warning(
      `could not read the audit branch ${config.audit.branch} (${(error as Error).message}); each service is compared over the event's range instead of since its last release.${fix}`,
    );
  }
  return live;
}

/** The services the range changes: those its changed files release, the tagged one, or every one. */
async function detect(
  config: Config,
  detector: ChangeDetector,
  range: Range,
  early: PlanPrefetch,
): Promise<{ detections: Map<string, Detection>; files: string[] }> {
  if (range.kind === 'tag') return { detections: taggedService(config, range), files: [] };
  if (range.kind === 'all') {
    const all = new Map<string, Detection>();
    for (const s of config.services) all.set(s.name, { kind: 'all', chain: [s.name, range.why], files: 0 });
    return { detections: all, files: [] };
  }
  const files = await early.changedFiles(range);
  return { detections: detector.changes(files), files };
}

/** A tag push releases the service it names, which must be a deployable service of the config. */
function taggedService(config: Config, range: Extract<Range, { kind: 'tag' }>): Map<string, Detection> {
  const service = config.services.find((s) => s.name === range.service);
  if (!service || service.deploy === false) {
    throw new InputError(
      `the tag ${range.tag} names the service "${range.service}", which ${service ? 'is a library (deploy: false)' : 'is not in the config'}`,
      `push a tag for one of: ${config.services
        .filter((s) => s.deploy !== false)
        .map((s) => s.name)
        .join(', ')}`,
    );
  }
  return new Map([[service.name, { kind: 'tag', chain: [service.name, range.tag], files: 0 }]]);
}

/** What each service's version rises from: its newest tag, or what is live when that is newer. */
async function releasesOf(
  git: Git,
  config: Config,
  live: ReadonlyMap<string, LivePointer>,
): Promise<Releases> {
  const tags = await git.tags();
  return { live, tags: latestReleases(config.tag, tags), all: tags };
}

/** Each live service compared with its own release (see plan-since-release.ts); the event's detections
 * as they are when nothing is live. */
async function sinceReleases(
  deps: PlanDeps,
  detector: ChangeDetector,
  range: Range,
  live: ReadonlyMap<string, LivePointer>,
  detections: Map<string, Detection>,
): Promise<SinceRelease> {
  if (live.size === 0) return { detections, since: new Map() };
  return detectSinceReleases(deps, detector, range.head, live, detections);
}

/** The plan: the changed services and libraries in config order (services moved only as far as `after`
 * needs), each with its versions and reason. */
function planOf(
  config: Config,
  range: Range,
  files: readonly string[],
  live: ReadonlyMap<string, LivePointer>,
  { detections, since }: SinceRelease,
  versions: ReadonlyMap<string, ServiceVersion>,
): Plan {
  const planned = (service: ServiceConfig): PlannedService => {
    const detection = detections.get(service.name)!;
    const version = versions.get(service.name) ?? { version: '', previous: '' };
    const released = since.get(service.name);
    return {
      service: service.name,
      version: version.version,
      previousVersion: live.get(service.name)?.version ?? version.previous,
      kind: detection.kind,
      chain: detection.chain,
      reason:
        formatReason(detection, undefined, edgeSources(config)) +
        (released ? ` (since release ${released.version})` : ''),
    };
  };
  const changed = config.services.filter((s) => detections.has(s.name));
  return {
    range: {
      kind: range.kind,
      base: range.kind === 'diff' ? range.base : null,
      head: range.head,
      why: range.why,
    },
    changedFiles: files.length,
    services: inReleaseOrder(config.services, changed.filter((s) => s.deploy !== false).map(planned)),
    libraries: changed.filter((s) => s.deploy === false).map(planned),
  };
}
