/** The `stats` use case: delivery metrics from the audit log over a window. Only the records that started
 * in the window are read (a record's file name starts with its start time), all in one batch, and the
 * commit times of the released commits come from the checkout in one more. */
import type { AuditStore, Git } from '../core/ports.js';
import { compactTime } from '../core/record.js';
import { commitsToTime, computeStats, type DeliveryStats, type StatsRecord } from '../core/stats.js';
import { checkLogFilter, readAuditFile } from './audit-log.js';
import type { HistoryProblem } from './history.js';

export interface StatsRequest {
  service?: string;
  environment?: string;
  /** ISO 8601 UTC: the window's start (see parseSince). */
  since: string;
  now: Date;
}

export interface StatsReport {
  stats: DeliveryStats;
  /** Files of the window that could not be read (not JSON, or not of a record's shape). */
  problems: HistoryProblem[];
}

export async function readStats(
  deps: { audit: AuditStore; git: Pick<Git, 'commitTimes'> },
  request: StatsRequest,
): Promise<StatsReport> {
  checkLogFilter(request);
  const tree = await deps.audit.snapshot();
  const since = compactTime(request.since);
  const paths = (await tree.list(request.service ? `records/${request.service}` : 'records')).filter((path) =>
    startedSince(path, since),
  );
  // Asked for together, so the store reads them in one go.
  const reads = await Promise.all(paths.map((path) => readAuditFile(tree, path)));
  const problems: HistoryProblem[] = [];
  const records: StatsRecord[] = [];
  reads.forEach((read, i) => {
    if (read.problem !== null) problems.push({ path: paths[i]!, problem: read.problem });
    else if (read.value !== null) records.push(read.value as StatsRecord);
  });
  const selected = records.filter(
    (r) => request.environment === undefined || r.environment === request.environment,
  );
  const commitTimes = await deps.git.commitTimes(commitsToTime(selected));
  const window = { since: request.since, until: request.now.toISOString() };
  return { stats: computeStats(selected, commitTimes, window), problems };
}

/** `records/<service>/<yyyy-mm>/<started-at>-<id>.json`: the start time, compact as `20261129T133000Z`,
 * compares as text. A file named otherwise is read (and then reported if it is not a record). */
function startedSince(path: string, since: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const started = /^\d{8}T\d{6}Z/.exec(name)?.[0];
  return started === undefined || started >= since.slice(0, started.length);
}
