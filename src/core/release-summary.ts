/** Renderings of release records: the job summary's timeline and the `history` listing. */
import { formatDuration } from './duration.js';
import { escapeMarkdown, markdownTable, showControls } from './markdown.js';
import { pausedGuide, pausedLines, resumeLines } from './pause-summary.js';
import { isPaused, stoppedStage, type AuditRecord, type LivePointer } from './record.js';
import { renderWhatNow, type WhatNowFacts } from './what-now.js';

function duration(start: string, end: string | null): string {
  if (!end) return '—';
  const ms = Math.max(0, Date.parse(end) - Date.parse(start));
  // Tenths of a second read better in a timeline than `1s150ms`.
  return ms < 1000
    ? `${ms}ms`
    : ms < 120_000
      ? `${(ms / 1000).toFixed(1)}s`
      : formatDuration(Math.round(ms / 1000) * 1000);
}

function time(iso: string): string {
  return iso.slice(11, 19);
}

/** The job summary of a release or rollback: one row per stage, the rollback, the record id. */
export function renderReleaseSummary(
  record: AuditRecord,
  headline: string,
  start: string,
  undeployed: ReadonlyArray<{ sha: string; message: string }> = [],
): string {
  const e = escapeMarkdown;
  const lines = [
    `### ${e(record.service)} ${e(record.version)} → ${e(record.environment)}: ${e(record.outcome ?? 'in progress')}`,
    '',
    e(headline),
    '',
    `Commit \`${record.sha.slice(0, 12)}\` · previous version ${e(record['previous-version'] || '—')} · ${e(start)}`,
    '',
  ];
  if (record.stages.length > 0) {
    lines.push(
      markdownTable(
        ['Stage', 'Traffic', 'Started (UTC)', 'Duration', 'Checks passed', 'Checks failed', 'Result'],
        record.stages.map((s) => [
          e(s.name),
          `${s.percent} %`,
          time(s['started-at']),
          duration(s['started-at'], s['finished-at']),
          String(s.checks.passed),
          String(s.checks.failed),
          e(s.result ?? 'running') + (s.error ? `: ${e(s.error.message)}` : ''),
        ]),
      ),
    );
  }
  const failing = record.stages.find((s) => s.error);
  if (failing?.error?.output) {
    lines.push(
      '',
      `<details><summary>Output of the failing ${e(failing.error.kind)} (${e(failing.name)})</summary>`,
      '',
      '```text',
      failing.error.output.replace(/```/g, '`\u200b``'),
      '```',
      '</details>',
    );
  }
  if (record.rollback) {
    lines.push(
      '',
      `**Rollback** to ${e(record.rollback['to-version'] || '(no known-good version)')}: ${e(record.rollback.result ?? 'pending')}`,
    );
  }
  if (record.resumes?.length) lines.push('', '**After the pause**', '', ...resumeLines(record));
  if (isPaused(record)) lines.push('', ...pausedGuide(record));
  if (undeployed.length > 0) {
    lines.push(
      '',
      `Also ships ${undeployed.length} commit(s) that were never deployed on their own (a failed or superseded release):`,
    );
    for (const c of undeployed)
      lines.push(`- \`${c.sha.slice(0, 12)}\` ${e(c.message.split('\n')[0] ?? '')}`);
  }
  const timeline = renderFailureTimeline(record);
  if (timeline) lines.push('', timeline);
  lines.push('', `Audit record \`${record.id}\` · run attempt ${record['run-attempt']}`);
  const whatNow = renderWhatNow(whatNowFacts(record));
  if (whatNow) lines.push('', whatNow);
  return lines.join('\n') + '\n';
}

/** What the "What now" section needs to know of a record. */
export function whatNowFacts(record: AuditRecord): WhatNowFacts {
  return {
    outcome: record.outcome ?? '',
    kind: record.kind,
    service: record.service,
    environment: record.environment,
    version: record.version,
    previousVersion: record['previous-version'],
    firstStage: record.stages[0]?.name ?? null,
    stoppedStage: stoppedStage(record)?.name ?? null,
    rollbackTo: record.rollback ? record.rollback['to-version'] : null,
  };
}

/** Text of the record inside a mermaid gantt line, where `:`, `#`, `;` and line breaks are syntax. */
function ganttText(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._@%()>-]/g, '_');
}

/** One gantt task from ISO times (milliseconds, `dateFormat x`); none when a time is missing. */
function ganttTask(
  name: string,
  tags: string,
  start: string | null | undefined,
  end: string | null | undefined,
): string[] {
  const from = Date.parse(start ?? '');
  const to = Date.parse(end ?? '');
  if (Number.isNaN(from) || Number.isNaN(to)) return [];
  return [`  ${ganttText(name)} :${tags}${from}, ${Math.max(from, to)}`];
}

/** A failed release's timeline as a mermaid gantt (GitHub draws it in the summary): its stages, the
 * moment its check failed, and the rollback. Empty for any other record. */
export function renderFailureTimeline(record: AuditRecord): string {
  if (record.kind !== 'release' || (record.outcome !== 'rolled-back' && record.outcome !== 'rollback-failed'))
    return '';
  const failing = stoppedStage(record);
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${ganttText(`${record.service} ${record.version} to ${record.environment} (${record.outcome})`)}`,
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    '  section Stages',
    ...record.stages.flatMap((s) =>
      ganttTask(
        `${s.name} ${s.percent}% ${s.result ?? 'running'}`,
        s.result === 'passed' ? 'done, ' : 'crit, ',
        s['started-at'],
        s['finished-at'],
      ),
    ),
  ];
  if (failing) {
    const what = failing.error
      ? `${failing.error.kind} failed${failing.error['exit-code'] === null ? '' : ` (exit ${failing.error['exit-code']})`}`
      : (failing.result ?? 'stopped');
    lines.push(
      '  section Failing check',
      ...ganttTask(
        `${failing.name} ${what}`,
        'crit, milestone, ',
        failing['finished-at'],
        failing['finished-at'],
      ),
    );
  }
  if (record.rollback) {
    const result = record.rollback.result ?? 'under way';
    lines.push(
      '  section Rollback',
      ...ganttTask(
        `to ${record.rollback['to-version'] || 'no known-good version'} ${result}`,
        result === 'passed' ? 'active, ' : 'crit, ',
        record.rollback['started-at'],
        record.rollback['finished-at'],
      ),
    );
  }
  lines.push('```');
  return lines.join('\n');
}

/** The audit log as a terminal table, newest first, then the files that could not be read. Every value
 * comes from the branch, which anyone who can push may have written: its control characters are shown as
 * escapes, never sent to the terminal. */
export function renderHistory(
  records: readonly AuditRecord[],
  live: ReadonlyArray<{ service: string; environment: string; pointer: LivePointer }>,
  problems: ReadonlyArray<{ path: string; problem: string }> = [],
  paused: { records: readonly AuditRecord[]; now: Date } = { records: [], now: new Date(0) },
): string {
  const c = showControls;
  const out: string[] = [];
  if (paused.records.length > 0) {
    out.push('PAUSED (promote or abort each)');
    for (const line of pausedLines(paused.records, paused.now)) out.push(`  ${c(line)}`);
    out.push('');
  }
  if (live.length > 0) {
    out.push('LIVE NOW');
    for (const l of live)
      out.push(
        `  ${c(l.service)} (${c(l.environment)}): ${c(l.pointer.version)} @ ${c(l.pointer.sha.slice(0, 12))} since ${c(l.pointer['updated-at'])} (before: ${c(l.pointer['previous-version'] || '-')})`,
      );
    out.push('');
  }
  const rows = records.map((r) => [
    c(r['started-at'].replace('T', ' ').slice(0, 19)),
    c(r.service),
    c(r.kind),
    c(r.version),
    c(r.sha.slice(0, 12)),
    c(r.outcome ?? 'in progress'),
    c(r['triggering-actor'] || r.actor),
    c(
      r.stages.map((s) => `${s.name}:${s.result ?? '…'}`).join(' ') +
        // A manual rollback's one stage already says it; a release's automatic rollback is told apart.
        (r.rollback && r.kind === 'release'
          ? ` rollback→${r.rollback['to-version'] || '∅'}:${r.rollback.result ?? '…'}`
          : ''),
    ),
  ]);
  const header = ['STARTED (UTC)', 'SERVICE', 'KIND', 'VERSION', 'COMMIT', 'OUTCOME', 'BY', 'STAGES'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  out.push(format(header), ...rows.map(format));
  if (rows.length === 0) out.push('(no records)');
  if (problems.length > 0) {
    out.push('', `NOT READABLE (${problems.length}): restore each from the branch history (git log -p)`);
    for (const p of problems) out.push(`  ${c(p.path)}: ${c(p.problem)}`);
  }
  return out.join('\n') + '\n';
}
