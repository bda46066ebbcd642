/** The audit log as the use cases see it: records and pointers of one environment, read and written
 * through the AuditStore port (a git branch); the first write that claims a service (RecordWriter), and
 * the one way a failed write is handled once something is deployed (ProgressLog). */
import { AuditFileError, AuditRewrittenError, auditRulesetAdvice, InputError } from '../core/errors.js';
import { describeNameRule, isEnvironmentName, isServiceName } from '../core/names.js';
import type { AuditFileChange, AuditStore, AuditTree, Clock, Git, Logger } from '../core/ports.js';
import {
  latestPointerPath,
  livePointerPath,
  recordPath,
  serialize,
  versionClaim,
  versionClaimPath,
  type AuditRecord,
  type LatestPointer,
  type LivePointer,
  type VersionClaim,
} from '../core/record.js';
import { auditFileKind, auditFileProblems } from '../core/record-shape.js';
import type { Config } from '../core/types.js';
import { formatTag } from '../core/versions.js';

/** Another run took the service between our read and our write. */
export class LostRaceError extends Error {}

const DEFAULT_BRANCH = 'release-audit';

/** One file of the audit branch: its parsed content (null when there is no such file), or what is wrong
 * with it (not JSON, or not of the shape its place says: records/, current/, latest/). */
export type AuditFileRead = { value: unknown; problem: null } | { value: null; problem: string };

export async function readAuditFile(tree: AuditTree, path: string): Promise<AuditFileRead> {
  const text = await tree.read(path);
  if (text === null) return { value: null, problem: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { value: null, problem: `it is not JSON (${(error as Error).message})` };
  }
  const problems = auditFileProblems(path, value);
  return problems.length > 0 ? { value: null, problem: problems.join(', ') } : { value, problem: null };
}

/** The error for a file of the audit branch that cannot be used, naming it and how to restore it. */
export function invalidAuditFile(tree: AuditTree, path: string, problem: string): AuditFileError {
  const branch = tree.branch ?? DEFAULT_BRANCH;
  return new AuditFileError(
    `the audit ${auditFileKind(path) ?? 'file'} ${path} is not valid: ${problem}; nothing was run`,
    `restore it from the branch history (\`git fetch origin ${branch} && git log -p FETCH_HEAD -- ${path}\` shows its earlier content), push the fix to '${branch}', and run again`,
  );
}

/** A file of the audit branch, checked against the shape of its kind; AuditFileError when it is not
 * JSON or not of that shape, null when there is no such file. */
export async function readJson<T>(tree: AuditTree, path: string): Promise<T | null> {
  const read = await readAuditFile(tree, path);
  if (read.problem !== null) throw invalidAuditFile(tree, path, read.problem);
  return read.value as T | null;
}

export interface ServiceState {
  tree: AuditTree;
  live: LivePointer | null;
  latest: AuditRecord | null;
  latestPath: string | null;
}

/** What is live and the newest record of a service: two blob reads, whatever the size of the log. The
 * pointers must name records that are there: one that does not shows a rewritten branch. */
export async function readServiceState(
  tree: AuditTree,
  environment: string,
  service: string,
): Promise<ServiceState> {
  const live = await readJson<LivePointer>(tree, livePointerPath(environment, service));
  const pointerPath = latestPointerPath(environment, service);
  const pointer = await readJson<LatestPointer>(tree, pointerPath);
  const latest = pointer ? await readJson<AuditRecord>(tree, pointer.path) : null;
  if (pointer && latest?.id !== pointer.record)
    throw rewritten(
      tree,
      `${pointerPath} names the record ${pointer.record} at ${pointer.path}, ${latest ? `which holds the record ${latest.id}` : 'which is not on the branch'}`,
    );
  if (live && live.record !== latest?.id && !(await recordExists(tree, service, live)))
    throw rewritten(
      tree,
      `${livePointerPath(environment, service)} names the record ${live.record}, which is not on the branch`,
    );
  return { tree, live, latest, latestPath: pointer?.path ?? null };
}

/** Whether the record that made a version live is on the branch. Its path holds its start time, which
 * the pointer does not: the month the pointer was written and the one before hold it but for a release
 * that ran longer than a month, and only then is the whole service listed. */
async function recordExists(tree: AuditTree, service: string, live: LivePointer): Promise<boolean> {
  const named = (path: string) => path.endsWith(`-${live.record}.json`);
  const updated = new Date(live['updated-at']);
  if (!Number.isNaN(updated.getTime())) {
    const month = updated.toISOString().slice(0, 7);
    updated.setUTCDate(1);
    updated.setUTCMonth(updated.getUTCMonth() - 1);
    const before = updated.toISOString().slice(0, 7);
    for (const dir of [month, before])
      if ((await tree.list(`records/${service}/${dir}`)).some(named)) return true;
  }
  return (await tree.list(`records/${service}`)).some(named);
}

/** The audit log disagrees with itself or with the release tags: its history was rewritten. */
function rewritten(tree: AuditTree, what: string): AuditRewrittenError {
  const branch = tree.branch ?? DEFAULT_BRANCH;
  return new AuditRewrittenError(
    `the audit branch '${branch}' was rewritten: ${what}; nothing was run`,
    `restore the lost commits (a clone or runner checkout that fetched '${branch}' before the rewrite has them, as refs/monorepo-release/audit/${branch}; the branch's activity on GitHub names the head before a force push) and push them back, then ${auditRulesetAdvice(branch)}`,
  );
}

/** The release tag of a version says it reached 100 % (the action pushes it then, on the released
 * commit): when it marks this very commit but the log knows of no release of the version, although it
 * knows the service, the log lost it. One ref lookup in the checkout (actions/checkout fetches the tags with
 * `fetch-depth: 0`); the run a tag push started is not asked (its tag comes before its release), nor is
 * `versioning: sha`, which pushes no tags. */
export async function assertTagAgreesWithLog(
  git: Pick<Git, 'resolveCommit'>,
  state: ServiceState,
  release: {
    config: Pick<Config, 'tag' | 'versioning'>;
    service: string;
    version: string;
    sha: string;
    ref: string;
  },
): Promise<void> {
  const { live, latest } = state;
  if (release.config.versioning !== 'conventional' || (!live && !latest)) return;
  const known = [live?.version, live?.['previous-version'], latest?.version, latest?.['previous-version']];
  if (known.includes(release.version)) return;
  const tag = formatTag(release.config.tag, release.service, release.version);
  if (release.ref === `refs/tags/${tag}`) return;
  if ((await git.resolveCommit(`refs/tags/${tag}`)) !== release.sha) return;
  throw rewritten(
    state.tree,
    `the tag ${tag} marks ${release.sha.slice(0, 12)} as released, but the log holds no release of ${release.service} ${release.version} (live: ${live?.version || 'nothing'})`,
  );
}

/** Writes one run's record. The first write (`claim`) claims the service: it fails with LostRaceError when
 * the newest record changed since we decided, so two runs can never both start. With `claimVersion` (a
 * release) it claims the record's version too, in the same commit: LostRaceError when another build
 * holds it, so the release decides its version again. */
export class RecordWriter {
  private claimed = false;

  constructor(
    private readonly store: AuditStore,
    private readonly expectedLatest: string | null,
    private readonly options: { claimVersion?: boolean } = {},
  ) {}

  async save(record: AuditRecord, options: { live?: LivePointer; message?: string } = {}): Promise<void> {
    const path = recordPath(record);
    const files: AuditFileChange[] = [{ path, content: serialize(record) }];
    if (options.live)
      files.push({
        path: livePointerPath(record.environment, record.service),
        content: serialize(options.live),
      });
    const message = options.message ?? `${record.service} ${record.version}: ${describeProgress(record)}`;
    await this.store.write(message, async (tree) => {
      if (!this.claimed) {
        const pointer = await readJson<LatestPointer>(
          tree,
          latestPointerPath(record.environment, record.service),
        );
        if ((pointer?.path ?? null) !== this.expectedLatest && pointer?.path !== path)
          throw new LostRaceError();
        const latest: LatestPointer = { record: record.id, path };
        return [
          ...files,
          { path: latestPointerPath(record.environment, record.service), content: serialize(latest) },
          ...(this.options.claimVersion ? await claimVersionOf(tree, record) : []),
        ];
      }
      return files;
    });
    this.claimed = true;
  }

  /** The first write, which claims the service (and the version): false when another run wrote first,
   * and the caller reads the log again and decides again. */
  async claim(record: AuditRecord): Promise<boolean> {
    try {
      await this.save(record);
      return true;
    } catch (error) {
      if (error instanceof LostRaceError) return false;
      throw error;
    }
  }
}

/** The claim file of the record's version, unless its build holds it already (the same commit in another
 * environment, or a resumed release). */
async function claimVersionOf(tree: AuditTree, record: AuditRecord): Promise<AuditFileChange[]> {
  const path = versionClaimPath(record.service, record.version);
  const held = await readJson<VersionClaim>(tree, path);
  if (held && held.sha !== record.sha) throw new LostRaceError();
  return held ? [] : [{ path, content: serialize(versionClaim(record)) }];
}

function describeProgress(record: AuditRecord): string {
  if (record.outcome) return record.outcome;
  const stage = record.stages[record.stages.length - 1];
  if (!stage) return `${record.kind} started`;
  return `${stage.name} ${stage.result ?? 'running'}`;
}

/** The time as records store it. */
export function recordTime(clock: Clock): string {
  return clock.now().toISOString();
}

/** The audit writes made once something may be deployed: the one way a failed write is handled there.
 * It is reported, never thrown, so the caller still reaches a safe end (it stops the rollout and rolls
 * back, or ends with what it already ran); the result then fails, says so, and the record is printed as it
 * should read, so nothing is lost. (Before anything is deployed a failed write is thrown: nothing runs.) */
export class ProgressLog {
  failure: Error | null = null;
  private latest: AuditRecord | null = null;

  constructor(
    private readonly log: Logger,
    private readonly write: (record: AuditRecord, options: { live?: LivePointer }) => Promise<unknown>,
  ) {}

  /** True when the record was written. */
  async save(record: AuditRecord, options: { live?: LivePointer } = {}): Promise<boolean> {
    this.latest = record;
    try {
      await this.write(record, options);
      return true;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.failure ??= failure;
      this.log.error(`could not write the audit record ${record.id}: ${failure.message}`);
      return false;
    }
  }

  /** A result whose record could not be written fails, says so, and prints the record. */
  annotate<T extends { message: string; auditError?: string }>(result: T): T {
    if (!this.failure) return result;
    this.log.error(`audit record ${this.latest?.id} as it should read: ${JSON.stringify(this.latest)}`);
    return {
      ...result,
      auditError: this.failure.message,
      message: `${result.message} The audit record could not be written (${this.failure.message}); it is printed in the log above.`,
    };
  }
}

/** A service or environment named to narrow a reading of the log (`history`, `stats`) becomes a path on the
 * audit branch: `../../etc` is no service. */
export function checkLogFilter(filter: { service?: string; environment?: string }): void {
  if (filter.service !== undefined && !isServiceName(filter.service))
    throw new InputError(
      `"${filter.service}" is not a service name`,
      `give the name of a service in the config: ${describeNameRule('service')}`,
    );
  if (filter.environment !== undefined && !isEnvironmentName(filter.environment))
    throw new InputError(
      `"${filter.environment}" is not an environment name`,
      `give an environment name: ${describeNameRule('environment')}`,
    );
}
