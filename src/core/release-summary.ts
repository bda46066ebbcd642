/** Renderings of release records: the job summary's timeline and the `history` listing. */
import { formatDuration } from './duration.js';
import { escapeMarkdown, markdownTable, showControls } from './markdown.js';
import type { AuditRecord, LivePointer } from './record.js';

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
  if (undeployed.length > 0) {
    lines.push(
      '',
      `Also ships ${undeployed.length} commit(s) that were never deployed on their own (a failed or superseded release):`,
    );
    for (const c of undeployed)
      lines.push(`- \`${c.sha.slice(0, 12)}\` ${e(c.message.split('\n')[0] ?? '')}`);
  }
  lines.push('', `Audit record \`${record.id}\` · run attempt ${record['run-attempt']}`);
  return lines.join('\n') + '\n';
}

/** The audit log as a terminal table, newest first. */
export function renderHistory(
  records: readonly AuditRecord[],
  live: ReadonlyArray<{ service: string; environment: string; pointer: LivePointer }>,
): string {
  const out: string[] = [];
  if (live.length > 0) {
    out.push('LIVE NOW');
    for (const l of live)
      out.push(
        `  ${l.service} (${l.environment}): ${l.pointer.version} @ ${l.pointer.sha.slice(0, 12)} since ${l.pointer['updated-at']} (before: ${l.pointer['previous-version'] || '-'})`,
      );
    out.push('');
  }
  const rows = records.map((r) => [
    r['started-at'].replace('T', ' ').slice(0, 19),
    r.service,
    r.kind,
    r.version,
    r.sha.slice(0, 12),
    r.outcome ?? 'in progress',
    showControls(r['triggering-actor'] || r.actor),
    r.stages.map((s) => `${s.name}:${s.result ?? '…'}`).join(' ') +
      // A manual rollback's one stage already says it; a release's automatic rollback is told apart.
      (r.rollback && r.kind === 'release'
        ? ` rollback→${r.rollback['to-version'] || '∅'}:${r.rollback.result ?? '…'}`
        : ''),
  ]);
  const header = ['STARTED (UTC)', 'SERVICE', 'KIND', 'VERSION', 'COMMIT', 'OUTCOME', 'BY', 'STAGES'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  out.push(format(header), ...rows.map(format));
  if (rows.length === 0) out.push('(no records)');
  return out.join('\n') + '\n';
}
