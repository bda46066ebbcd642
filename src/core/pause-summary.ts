/** What the summaries say of paused releases: how a paused one goes on (the job summary), how long the
 * paused ones have waited (`history`, the plan summary), and the runner time a plan's releases hold. */
import { formatDuration } from './duration.js';
import { escapeMarkdown, markdownTable } from './markdown.js';
import { pausedSince, pausedStage, type AuditRecord } from './record.js';
import type { ServiceConfig } from './types.js';

/** The job summary's paragraph of a paused release: what is live at what share, since when, and exactly
 * how to go on. */
export function pausedGuide(record: AuditRecord): string[] {
  const e = escapeMarkdown;
  const stage = pausedStage(record);
  const share = stage ? `${stage.percent} %` : 'part';
  const rest = record['previous-version']
    ? `${e(record['previous-version'])} serves the rest`
    : 'nothing else is live';
  return [
    `**Paused** after ${e(stage?.name ?? '?')} since ${e(pausedSince(record))}: ${e(record.version)} serves ${share} of ${e(record.environment)}, ${rest}. ` +
      `It keeps ${e(record.service)} (another release of it stops before deploying) and holds no runner.`,
    '',
    `Nobody checks it while it is paused: \`promote\` checks the gate of ${e(stage?.name ?? 'the paused stage')} once more first, and rolls back if it fails. How to go on or take it back to ${e(record['previous-version'] || '(no known-good version)')}: *What now*, below.`,
  ];
}

/** The runs that went on from a pause, one line each: who, when, and the re-check of the paused stage. */
export function resumeLines(record: AuditRecord): string[] {
  const e = escapeMarkdown;
  return (record.resumes ?? []).map((r) => {
    const who = r['triggering-actor'] || r.actor || 'someone';
    const what =
      r.command === 'promote'
        ? `promoted after ${e(r.stage)}; its gate checked again: ${r.recheck ? `${r.recheck.checks.passed} passed, ${r.recheck.checks.failed} failed → ${r.recheck.result}` : 'no check'}`
        : r.command === 'abort'
          ? `aborted while paused after ${e(r.stage)}`
          : `resumed an interrupted promote at ${e(r.stage)}`;
    return `- ${e(r.at)}: ${e(who)} (run ${e(r['run-id'])} attempt ${r['run-attempt']}) ${what}`;
  });
}

/** How long ago `since` was, for a listing: `3h 5m`, `2d 4h`. */
export function age(since: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(since));
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** One line per paused release: service, version, stage and share, since when and for how long. */
export function pausedLines(records: readonly AuditRecord[], now: Date): string[] {
  return records.map((r) => {
    const stage = pausedStage(r);
    return `${r.service} ${r.version} (${r.environment}): paused after ${stage?.name ?? '?'} at ${stage?.percent ?? '?'} % since ${pausedSince(r)} (${age(pausedSince(r), now)} ago), record ${r.id}`;
  });
}

/** The runner time a service's release holds: the bakes of its stages up to and including the first
 * pause (a paused stage ends the job), and the bakes a promote holds after it. */
export interface RunnerTime {
  /** Per stage name, in the order first seen: the services whose release job bakes it, and the time. */
  stages: Array<{ name: string; services: number; ms: number }>;
  releaseMs: number;
  /** The bakes after the first pause, held by the promote jobs (once approved). */
  promoteMs: number;
}

export function estimateRunnerTime(services: readonly Pick<ServiceConfig, 'stages'>[]): RunnerTime {
  const stages = new Map<string, { services: number; ms: number }>();
  let releaseMs = 0;
  let promoteMs = 0;
  for (const service of services) {
    const pause = service.stages.findIndex((s) => s.pause);
    service.stages.forEach((stage, i) => {
      const bake = stage.bakeMs ?? 0;
      if (pause !== -1 && i > pause) {
        promoteMs += bake;
        return;
      }
      const entry = stages.get(stage.name) ?? { services: 0, ms: 0 };
      stages.set(stage.name, { services: entry.services + 1, ms: entry.ms + bake });
      releaseMs += bake;
    });
  }
  return {
    stages: [...stages].map(([name, v]) => ({ name, ...v })),
    releaseMs,
    promoteMs,
  };
}

/** The plan summary's paragraph of runner time (bakes only: deploys and checks add their own). */
export function renderRunnerTime(estimate: RunnerTime): string[] {
  if (estimate.releaseMs === 0 && estimate.promoteMs === 0) return [];
  const time = (ms: number) => formatDuration(ms >= 1000 ? Math.round(ms / 1000) * 1000 : ms);
  const lines = [
    `**Runner time** the release jobs hold in bakes: about ${time(estimate.releaseMs)} in all (bake × services, per stage; a stage with \`pause: true\` ends its job).`,
    '',
    markdownTable(
      ['Stage', 'Services', 'Runner time'],
      estimate.stages.map((s) => [escapeMarkdown(s.name), String(s.services), time(s.ms)]),
    ),
  ];
  if (estimate.promoteMs > 0)
    lines.push(
      '',
      `After their pauses, the promote jobs hold about ${time(estimate.promoteMs)} more; the wait for approval holds none.`,
    );
  return lines;
}
