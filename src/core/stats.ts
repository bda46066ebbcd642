/** Delivery metrics (DESIGN.md "Delivery metrics"): the four DORA keys, the rollback success rate and the
 * days since the last drill, per service and environment, from the audit records of a window. Pure: the
 * records and the commit times come in, numbers and their renderings go out. */
import { InputError } from './errors.js';
import { escapeMarkdown, markdownTable } from './markdown.js';
import type { AuditRecord } from './record.js';

/** A record as stats reads it: any kind and outcome (drills, pauses… are other helpers' words, and a
 * newer version may write more), so a word stats does not know is simply not counted. */
export type StatsRecord = Omit<AuditRecord, 'kind' | 'outcome'> & { kind: string; outcome: string | null };

export interface StatsWindow {
  /** ISO 8601 UTC: records that started at or after it count. */
  since: string;
  /** ISO 8601 UTC: the moment the stats describe ("now"). */
  until: string;
}

export interface ServiceStats {
  service: string;
  environment: string;
  /** Releases that ended having deployed something: released, rolled-back or rollback-failed. A cancelled
   * release, or one stopped before any deploy, is neither a success nor a failed change. */
  releases: number;
  /** Releases that reached 100 % (deployment frequency counts these). */
  deployments: number;
  'deployments-per-week': number;
  'deployments-per-day': number;
  /** From the released commit's commit time to 100 %; `measured`: the deployments whose commit is in
   * the checkout (the others cannot be timed). */
  'lead-time-seconds': { median: number | null; p90: number | null; measured: number };
  /** Releases rolled back automatically (rolled-back, rollback-failed), or released and then taken out by a
   * manual rollback. */
  failures: number;
  'change-failure-rate': number | null;
  /** From a failure (the failed release's end, or the manual rollback's start) to the next good ending
   * of that service in that environment (a release at 100 % or a manual rollback that passed). */
  'time-to-restore-seconds': { median: number | null; restored: number; unrestored: number };
  /** Automatic and manual rollbacks with a recorded result. */
  rollbacks: { passed: number; failed: number };
  'rollback-success-rate': number | null;
  /** The end of the last successful drill (kind `drill`, outcome `drilled`) in the window. */
  'last-drill': string | null;
  'days-since-drill': number | null;
}

export interface WeekStats {
  /** The first day of the week (the weeks end at the window's end). */
  start: string;
  releases: number;
  failures: number;
}

export interface DeliveryStats {
  since: string;
  until: string;
  days: number;
  services: ServiceStats[];
  /** Every selected service together, oldest week first: the chart. */
  weeks: WeekStats[];
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Outcomes of a release that deployed something and ended. */
const ENDED_RELEASE = new Set(['released', 'rolled-back', 'rollback-failed']);
/** Outcomes of a release that failed in the field (its automatic rollback ran). */
const FAILED_RELEASE = new Set(['rolled-back', 'rollback-failed']);

/** `--since`: `90d` (days before now) or a date, `2026-09-01`. Default 90 days. */
export function parseSince(text: string | undefined, now: Date): string {
  const value = text?.trim() || '90d';
  const days = /^([1-9][0-9]{0,4})d$/.exec(value);
  if (days) return new Date(now.getTime() - Number(days[1]) * DAY_MS).toISOString();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (date <= now.getTime()) return new Date(date).toISOString();
  throw new InputError(
    `the stats window "${value}" is neither a number of days nor a date in the past`,
    'set the `since` input to a number of days such as `90d` (the last 90 days) or a date such as `2026-09-01`',
    'give --since a number of days such as 90d (the last 90 days) or a date such as 2026-09-01',
  );
}

/** The quantile `q` (0…1) of ascending numbers, interpolated linearly between the two nearest ranks (the
 * spreadsheet PERCENTILE.INC rule): the median of an even count is the mean of the middle two. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function ms(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** When a release reached 100 %: its passed 100 % stage's end, else the record's end. */
function fullTrafficAt(record: StatsRecord): string | null {
  const full = record.stages.find((s) => s.percent === 100 && s.result === 'passed');
  return full?.['finished-at'] ?? record['finished-at'];
}

function inWindow(record: StatsRecord, window: StatsWindow): boolean {
  const started = ms(record['started-at']);
  return started >= ms(window.since) && started <= ms(window.until);
}

/** The commits whose commit times lead time needs: those of the releases that reached 100 %. */
export function commitsToTime(records: readonly StatsRecord[]): string[] {
  return [...new Set(records.filter(isDeployment).map((r) => r.sha))];
}

function isRelease(record: StatsRecord): boolean {
  return record.kind === 'release';
}

function isDeployment(record: StatsRecord): boolean {
  return isRelease(record) && record.outcome === 'released';
}

function isManualRollback(record: StatsRecord): boolean {
  return (
    record.kind === 'rollback' && (record.outcome === 'rolled-back' || record.outcome === 'rollback-failed')
  );
}

/** A failure: when it became known, and the release it counts against. */
interface Failure {
  at: number;
  release: StatsRecord;
}

/** Failed releases, and released ones a manual rollback later took out (the latest release at 100 % of the
 * version it took out, before it started). */
function failuresOf(records: readonly StatsRecord[]): Failure[] {
  const failures: Failure[] = records
    .filter((r) => isRelease(r) && FAILED_RELEASE.has(r.outcome ?? ''))
    .map((r) => ({ at: ms(r['finished-at']), release: r }));
  for (const rollback of records.filter(isManualRollback)) {
    const started = ms(rollback['started-at']);
    const takenOut = records
      .filter((r) => isDeployment(r) && r.version === rollback['previous-version'])
      .filter((r) => ms(fullTrafficAt(r)) <= started)
      .sort((a, b) => ms(fullTrafficAt(b)) - ms(fullTrafficAt(a)))[0];
    if (takenOut && !failures.some((f) => f.release === takenOut))
      failures.push({ at: started, release: takenOut });
  }
  return failures;
}

/** The times the service was good again: releases at 100 % and manual rollbacks that passed. */
function goodEndings(records: readonly StatsRecord[]): number[] {
  return records
    .flatMap((r) => {
      if (isDeployment(r)) return [ms(fullTrafficAt(r))];
      if (r.kind === 'rollback' && r.outcome === 'rolled-back') return [ms(r['finished-at'])];
      return [];
    })
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b);
}

function leadTimes(deployments: readonly StatsRecord[], commitTimes: ReadonlyMap<string, string>): number[] {
  return deployments
    .flatMap((r) => {
      const committed = ms(commitTimes.get(r.sha));
      const live = ms(fullTrafficAt(r));
      // A commit dated after its own deploy (a skewed clock) took no time, not negative time.
      return Number.isNaN(committed) || Number.isNaN(live) ? [] : [Math.max(0, live - committed) / 1000];
    })
    .sort((a, b) => a - b);
}

function timesToRestore(
  failures: readonly Failure[],
  good: readonly number[],
): { restored: number[]; unrestored: number } {
  const restored: number[] = [];
  let unrestored = 0;
  for (const failure of failures) {
    const next = good.find((t) => t > failure.at);
    if (next === undefined || Number.isNaN(failure.at)) unrestored++;
    else restored.push((next - failure.at) / 1000);
  }
  return { restored: restored.sort((a, b) => a - b), unrestored };
}

function rollbackResults(records: readonly StatsRecord[]): { passed: number; failed: number } {
  const results = records.map((r) => r.rollback?.result);
  return {
    passed: results.filter((r) => r === 'passed').length,
    failed: results.filter((r) => r === 'failed').length,
  };
}

function lastDrill(records: readonly StatsRecord[]): string | null {
  const drills = records
    .filter((r) => r.kind === 'drill' && r.outcome === 'drilled' && r['finished-at'])
    .map((r) => r['finished-at']!)
    .sort();
  return drills[drills.length - 1] ?? null;
}

/** The metrics of one service in one environment, from its records of the window. */
export function serviceStats(
  records: readonly StatsRecord[],
  commitTimes: ReadonlyMap<string, string>,
  window: StatsWindow,
): Omit<ServiceStats, 'service' | 'environment'> {
  const days = Math.max(ms(window.until) - ms(window.since), 0) / DAY_MS;
  const releases = records.filter((r) => isRelease(r) && ENDED_RELEASE.has(r.outcome ?? ''));
  const deployments = records.filter(isDeployment);
  const leads = leadTimes(deployments, commitTimes);
  const failures = failuresOf(records);
  const restore = timesToRestore(failures, goodEndings(records));
  const rollbacks = rollbackResults(records);
  const drill = lastDrill(records);
  return {
    releases: releases.length,
    deployments: deployments.length,
    'deployments-per-week': days === 0 ? 0 : round((deployments.length / days) * 7, 2),
    'deployments-per-day': days === 0 ? 0 : round(deployments.length / days, 2),
    'lead-time-seconds': { median: quantile(leads, 0.5), p90: quantile(leads, 0.9), measured: leads.length },
    failures: failures.length,
    'change-failure-rate': ratio(failures.length, releases.length),
    'time-to-restore-seconds': {
      median: quantile(restore.restored, 0.5),
      restored: restore.restored.length,
      unrestored: restore.unrestored,
    },
    rollbacks,
    'rollback-success-rate': ratio(rollbacks.passed, rollbacks.passed + rollbacks.failed),
    'last-drill': drill,
    'days-since-drill': drill === null ? null : Math.floor((ms(window.until) - ms(drill)) / DAY_MS),
  };
}

/** Releases that ended, and those of them that failed (`failed`), per week, oldest first; the last week ends at the window's end. */
export function weeklyCounts(
  records: readonly StatsRecord[],
  failed: ReadonlySet<StatsRecord>,
  window: StatsWindow,
): WeekStats[] {
  const until = ms(window.until);
  const count = Math.max(1, Math.ceil((until - ms(window.since)) / WEEK_MS));
  const weeks: WeekStats[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(until - (count - i) * WEEK_MS).toISOString().slice(0, 10),
    releases: 0,
    failures: 0,
  }));
  for (const record of records) {
    if (!isRelease(record) || !ENDED_RELEASE.has(record.outcome ?? '')) continue;
    const weeksAgo = Math.floor((until - ms(record['started-at'])) / WEEK_MS);
    const week = weeks[count - 1 - weeksAgo];
    if (!week) continue;
    week.releases++;
    if (failed.has(record)) week.failures++;
  }
  return weeks;
}

/** The metrics of every service and environment that has records in the window, sorted by name. */
export function computeStats(
  records: readonly StatsRecord[],
  commitTimes: ReadonlyMap<string, string>,
  window: StatsWindow,
): DeliveryStats {
  const selected = records.filter((r) => inWindow(r, window));
  const groups = new Map<string, StatsRecord[]>();
  for (const record of selected) {
    const key = `${record.service}\0${record.environment}`;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const services = [...groups.keys()].sort().map((key) => {
    const [service, environment] = key.split('\0') as [string, string];
    return { service, environment, ...serviceStats(groups.get(key)!, commitTimes, window) };
  });
  const failed = new Set([...groups.values()].flatMap((group) => failuresOf(group).map((f) => f.release)));
  return {
    since: window.since,
    until: window.until,
    days: round((ms(window.until) - ms(window.since)) / DAY_MS, 2),
    services,
    weeks: weeklyCounts(selected, failed, window),
  };
}

// --- Renderings ---

/** Seconds in words for a table: `45s`, `12m`, `3.5h`, `2.1d`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  if (seconds < 86_400) return `${round(seconds / 3600, 1)}h`;
  return `${round(seconds / 86_400, 1)}d`;
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${round(rate * 100, 1)} %`;
}

const TABLE_HEADER = [
  'Service',
  'Environment',
  'Deploys',
  'Per week',
  'Lead time (median / p90)',
  'Change failure rate',
  'Time to restore (median)',
  'Rollback success',
  'Days since drill',
];

function tableRow(s: ServiceStats, cell: (text: string) => string): string[] {
  const lead = s['lead-time-seconds'];
  return [
    cell(s.service),
    cell(s.environment),
    String(s.deployments),
    String(s['deployments-per-week']),
    `${formatSeconds(lead.median)} / ${formatSeconds(lead.p90)}`,
    `${percent(s['change-failure-rate'])} (${s.failures} of ${s.releases})`,
    formatSeconds(s['time-to-restore-seconds'].median),
    percent(s['rollback-success-rate']),
    s['days-since-drill'] === null ? 'never' : String(s['days-since-drill']),
  ];
}

/** The mermaid chart of releases (bars) and failures (line) per week. GitHub renders it in a job summary. */
export function renderWeeklyChart(weeks: readonly WeekStats[]): string {
  const top = Math.max(1, ...weeks.map((w) => w.releases));
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Releases (bars) and failures (line) per week"',
    `  x-axis [${weeks.map((w) => `"${w.start.slice(5)}"`).join(', ')}]`,
    `  y-axis "Releases" 0 --> ${top}`,
    `  bar [${weeks.map((w) => w.releases).join(', ')}]`,
    `  line [${weeks.map((w) => w.failures).join(', ')}]`,
    '```',
  ].join('\n');
}

/** The job summary of `stats`: the window, one row per service and environment, and the chart. */
export function renderStatsSummary(stats: DeliveryStats): string {
  const lines = [
    `### Delivery metrics: the last ${Math.round(stats.days)} days`,
    '',
    `From ${stats.since.slice(0, 10)} to ${stats.until.slice(0, 10)} (UTC), from the audit log.`,
    '',
  ];
  if (stats.services.length === 0) {
    lines.push('No releases, rollbacks or drills in this window.');
    return lines.join('\n') + '\n';
  }
  lines.push(
    markdownTable(
      TABLE_HEADER,
      stats.services.map((s) => tableRow(s, escapeMarkdown)),
    ),
    '',
  );
  lines.push(renderWeeklyChart(stats.weeks), '');
  lines.push(
    'Lead time runs from the released commit’s commit time to 100 %; a failure is a release rolled back (automatically or by hand); time to restore runs from a failure to the next release at 100 % or passed manual rollback.',
  );
  return lines.join('\n') + '\n';
}

/** The terminal rendering of `stats`, as the CLI prints it. Values from the branch are shown with their
 * control characters escaped by the caller's `cell`. */
export function renderStatsTable(stats: DeliveryStats, cell: (text: string) => string): string {
  const out = [`Delivery metrics from ${stats.since.slice(0, 10)} to ${stats.until.slice(0, 10)} (UTC)`, ''];
  if (stats.services.length === 0)
    return out.concat('(no releases, rollbacks or drills in this window)').join('\n') + '\n';
  const rows = stats.services.map((s) => tableRow(s, cell));
  const widths = TABLE_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  out.push(format(TABLE_HEADER.map((h) => h.toUpperCase())), ...rows.map(format));
  return out.join('\n') + '\n';
}
