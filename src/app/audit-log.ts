/** The audit log as the use cases see it: records and pointers of one environment, read and written
 * through the AuditStore port (a git branch). */
import type { AuditFileChange, AuditStore, AuditTree } from '../core/ports.js';
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

/** Another run took the service between our read and our write. */
export class LostRaceError extends Error {}

export async function readJson<T>(tree: AuditTree, path: string): Promise<T | null> {
  const text = await tree.read(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(
      `the audit branch holds invalid JSON at ${path}; restore the file from the branch history`,
    );
  }
}

export interface ServiceState {
  tree: AuditTree;
  live: LivePointer | null;
  latest: AuditRecord | null;
  latestPath: string | null;
}

/** What is live and the newest record of a service: two blob reads, whatever the size of the log. */
export async function readServiceState(
  tree: AuditTree,
  environment: string,
  service: string,
): Promise<ServiceState> {
  const live = await readJson<LivePointer>(tree, livePointerPath(environment, service));
  const pointer = await readJson<LatestPointer>(tree, latestPointerPath(environment, service));
  const latest = pointer ? await readJson<AuditRecord>(tree, pointer.path) : null;
  return { tree, live, latest, latestPath: pointer?.path ?? null };
}

/** Writes one run's record. The first write claims the service: it fails with LostRaceError when the
 * newest record changed since we decided, so two runs can never both start. With `claimVersion` (a
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

  /** For writes after the first deploy, which must never stop a rollout half-way: the error instead of
   * a throw (the caller stops the rollout and rolls back). */
  async trySave(
    record: AuditRecord,
    options: { live?: LivePointer; message?: string } = {},
  ): Promise<Error | null> {
    try {
      await this.save(record, options);
      return null;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
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
