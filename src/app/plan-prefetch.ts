/** What a plan starts before the step that needs it, so that git works while this process reads the config.
 * Each piece is awaited by the step that uses it, where a failure surfaces; a piece no step uses (a log of
 * a release that turned out unchanged) is dropped. Kept are only the early starts the plan benchmark shows
 * to be worth it. */
import { DEFAULTS } from '../core/config/schema.js';
import type { ConfigFile } from '../core/config/repository.js';
import { describeEvent } from '../core/event.js';
import type { AuditStore, ConfigSource, Git, Logger } from '../core/ports.js';
import type { CommitInfo, Config } from '../core/types.js';
import { checkConfigPath } from './config.js';
import { versionLogsToStart, type Releases, type VersionLogs } from './plan-versions.js';
import { resolveRange, type Range } from './range.js';

export interface PlanDeps {
  git: Git;
  log: Logger;
  /** Where the config is read from: the commit planned (the action), or the work tree. */
  source: ConfigSource;
  /** The audit log on a branch: each service is compared with its own last successful release. */
  auditFor?: (branch: string) => AuditStore;
}

export interface PlanInputs {
  configPath: string;
  eventName: string;
  payload: unknown;
  base?: string;
  head?: string;
  environment?: string;
}

export class PlanPrefetch {
  private constructor(
    private readonly git: Git,
    /** The config source, with the read of the config file under way. */
    readonly source: ConfigSource,
    /** The range, resolved before the config: any range but a tag push's, which needs the tag format. */
    readonly range: Range | null,
    private readonly diff: Promise<string[]> | null,
  ) {}

  /** Starts reading the config file, resolves the range meanwhile when it does not need the config, and
   * starts its diff, which git computes while the config is parsed. */
  static async start(deps: PlanDeps, inputs: PlanInputs): Promise<PlanPrefetch> {
    const source = readingFile(deps.source, checkConfigPath(inputs.configPath));
    const range = rangeNeedsConfig(inputs)
      ? null
      : await resolveRange(deps, describeEvent(inputs.eventName, inputs.payload, DEFAULTS.tag), inputs);
    const diff = range?.kind === 'diff' ? started(deps.git.changedFiles(range.base, range.head)) : null;
    return new PlanPrefetch(deps.git, source, range, diff);
  }

  /** The files the range changes. */
  changedFiles(range: Extract<Range, { kind: 'diff' }>): Promise<string[]> {
    if (range === this.range && this.diff) return this.diff;
    return this.git.changedFiles(range.base, range.head);
  }

  /** The `git log`s the versions step will read, started before the since-release step so that git runs
   * them meanwhile (see versionLogsToStart for which). */
  startVersionLogs(config: Config, range: Range, releases: Releases, changed: Iterable<string>): VersionLogs {
    const logs = new Map<string, Promise<CommitInfo[]>>();
    for (const since of versionLogsToStart(config, range, releases, changed)) {
      logs.set(since, started(this.git.log(since, range.head)));
    }
    return logs;
  }
}

/** A tag push is read with the config's tag format (without a base input: that one is the range). */
function rangeNeedsConfig(inputs: PlanInputs): boolean {
  const ref = (inputs.payload as { ref?: unknown } | null)?.ref;
  return !inputs.base && typeof ref === 'string' && ref.startsWith('refs/tags/');
}

/** The source, with the read of the file at `path` under way. */
function readingFile(source: ConfigSource, path: string): ConfigSource {
  const reading = started(source.read(path));
  return { ...source, read: (asked): Promise<ConfigFile> => (asked === path ? reading : source.read(asked)) };
}

/** Work under way that a later step awaits: its failure surfaces there, not as an unhandled rejection
 * now, and is dropped when no step needs it. */
function started<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
