/** The `history` use case: what the audit log says, newest first. It never stops at a bad file: what can
 * be read is listed, and each file that cannot is named with what is wrong with it. */
import type { AuditStore } from '../core/ports.js';
import { isPaused, type AuditRecord, type LatestPointer, type LivePointer } from '../core/record.js';
import { checkLogFilter, readAuditFile } from './audit-log.js';

export interface HistoryProblem {
  path: string;
  problem: string;
}

export interface History {
  records: AuditRecord[];
  live: Array<{ service: string; environment: string; pointer: LivePointer }>;
  /** Files of the log that could not be read (not JSON, or not of their kind's shape). */
  problems: HistoryProblem[];
  /** The releases paused now (each the newest record of its service), whatever `limit` says. */
  paused: AuditRecord[];
}

/** `current/<environment>/<service>.json`, the only place a live pointer may be. */
const LIVE_POINTER_PATH = /^current\/([^/]+)\/([^/]+)\.json$/;

export async function readHistory(
  audit: AuditStore,
  options: { service?: string; limit: number },
): Promise<History> {
  checkLogFilter({ service: options.service });
  const tree = await audit.snapshot();
  const problems: HistoryProblem[] = [];
  const paths = (await tree.list(options.service ? `records/${options.service}` : 'records'))
    // File names start with the start time, so the name orders the records in time across services.
    .sort((a, b) => (a.slice(a.lastIndexOf('/')) < b.slice(b.lastIndexOf('/')) ? 1 : -1))
    .slice(0, options.limit);
  const records: AuditRecord[] = [];
  for (const [i, read] of (await Promise.all(paths.map((p) => readAuditFile(tree, p)))).entries()) {
    if (read.problem !== null) problems.push({ path: paths[i]!, problem: read.problem });
    else if (read.value !== null) records.push(read.value as AuditRecord);
  }
  const pointers = (await tree.list('current')).flatMap((path) => {
    const [, environment, service] = LIVE_POINTER_PATH.exec(path) ?? [];
    if (!environment || !service) {
      problems.push({ path, problem: 'it is not at current/<environment>/<service>.json' });
      return [];
    }
    return options.service && service !== options.service ? [] : [{ path, service, environment }];
  });
  // Read together, so the store can read them in one go.
  const read = await Promise.all(pointers.map((p) => readAuditFile(tree, p.path)));
  const live = pointers.flatMap(({ path, service, environment }, i) => {
    const { value, problem } = read[i]!;
    if (problem !== null) problems.push({ path, problem });
    return value === null ? [] : [{ service, environment, pointer: value as LivePointer }];
  });
  const paused = await pausedReleases(tree, options.service, problems);
  return { records, live, problems, paused };
}

/** The newest record of each service (its `latest/` pointer), when it is paused: one pointer and one record
 * read per service, however long the log. */
async function pausedReleases(
  tree: Awaited<ReturnType<AuditStore['snapshot']>>,
  service: string | undefined,
  problems: HistoryProblem[],
): Promise<AuditRecord[]> {
  const paths = (await tree.list('latest')).filter((path) => !service || path.endsWith(`/${service}.json`));
  const pointers = await Promise.all(paths.map((path) => readAuditFile(tree, path)));
  const recordPaths = pointers.flatMap((read, i) => {
    if (read.problem !== null) problems.push({ path: paths[i]!, problem: read.problem });
    return read.value ? [(read.value as LatestPointer).path] : [];
  });
  const records = await Promise.all(recordPaths.map((path) => readAuditFile(tree, path)));
  return records.flatMap((read) => {
    const record = read.value as AuditRecord | null;
    return record && isPaused(record) ? [record] : [];
  });
}
