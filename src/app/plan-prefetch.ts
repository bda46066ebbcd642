/** What a plan starts before the step that needs it, so that git and origin work while this process reads
 * the config. Each piece is awaited by the step that uses it, where a failure surfaces; a piece no step
 * uses (an audit branch guessed wrong, a log of a release that turned out unchanged) is dropped. */
import { DEFAULTS } from '../core/config.js';
import { describeEvent } from '../core/event.js';
import type { AuditStore, AuditTree, ConfigSource, Git, Logger } from '../core/ports.js';
import type { CommitInfo, Config } from '../core/types.js';
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

type Tags = Array<{ name: string; sha: string }>;

export class PlanPrefetch {
  private constructor(
    private readonly deps: PlanDeps,
    /** The range, resolved before the config: any range but a tag push's, which needs the tag format. */
    readonly range: Range | null,
    private readonly diff: Promise<string[]> | null,
    private readonly tagList: Promise<Tags>,
    /** The audit log of the default branch, which nearly every config keeps. */
    private readonly guessedAudit: Promise<AuditTree> | null,
    /** No audit log with an explicit base: it is the whole range, and origin is not asked. */
    private readonly auditFor: ((branch: string) => AuditStore) | undefined,
  ) {}

  /** Resolves the range when it does not need the config, and starts its diff, the tags and the audit
   * log's fetch from origin. */
  static async start(deps: PlanDeps, inputs: PlanInputs): Promise<PlanPrefetch> {
    const range = rangeNeedsConfig(inputs)
      ? null
      : await resolveRange(deps, describeEvent(inputs.eventName, inputs.payload, DEFAULTS.tag), inputs);
    const diff = range?.kind === 'diff' ? started(deps.git.changedFiles(range.base, range.head)) : null;
    const auditFor = inputs.base ? undefined : deps.auditFor;
    const guessedAudit = range && auditFor ? started(auditFor(DEFAULTS.auditBranch).snapshot()) : null;
    return new PlanPrefetch(deps, range, diff, started(deps.git.tags()), guessedAudit, auditFor);
  }

  /** The files the range changes. */
  changedFiles(range: Extract<Range, { kind: 'diff' }>): Promise<string[]> {
    if (range === this.range && this.diff) return this.diff;
    return this.deps.git.changedFiles(range.base, range.head);
  }

  tags(): Promise<Tags> {
    return this.tagList;
  }

  /** The audit log's view of the branch, fetched from origin; null when no audit log is read. */
  auditSnapshot(branch: string): Promise<AuditTree> | null {
    if (!this.auditFor) return null;
    if (branch === DEFAULTS.auditBranch && this.guessedAudit) return this.guessedAudit;
    return this.auditFor(branch).snapshot();
  }

  /** The `git log`s the versions step will read, started before the since-release step so that git runs
   * them meanwhile (see versionLogsToStart for which). */
  startVersionLogs(config: Config, range: Range, releases: Releases, changed: Iterable<string>): VersionLogs {
    const logs = new Map<string, Promise<CommitInfo[]>>();
    for (const since of versionLogsToStart(config, range, releases, changed)) {
      logs.set(since, started(this.deps.git.log(since, range.head)));
    }
    return logs;
  }
}

/** A tag push is read with the config's tag format (without a base input: that one is the range). */
function rangeNeedsConfig(inputs: PlanInputs): boolean {
  const ref = (inputs.payload as { ref?: unknown } | null)?.ref;
  return !inputs.base && typeof ref === 'string' && ref.startsWith('refs/tags/');
}

/** Work under way that a later step awaits: its failure surfaces there, not as an unhandled rejection
 * now, and is dropped when no step needs it. */
function started<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
