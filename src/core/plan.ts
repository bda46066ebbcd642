/** The plan: which services to release, at which version, and why — and its renderings. */
import { UserError } from './errors.js';
import { escapeMarkdown, markdownTable, showControls } from './markdown.js';
import { renderOrderGraph } from './release-order.js';
import type { ReasonKind } from './types.js';
import { pausedLines, renderRunnerTime, type RunnerTime } from './pause-summary.js';
import type { AuditRecord } from './record.js';

/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_MATRIX_JOBS = 256;

export interface PlanRange {
  kind: 'diff' | 'all' | 'tag';
  base: string | null;
  head: string;
  why: string;
}

export interface PlannedService {
  service: string;
  version: string;
  previousVersion: string;
  kind: ReasonKind;
  /** From the service to the cause, e.g. `['web', 'common', 'libs/common/x.ts']`. */
  chain: string[];
  /** The chain as one line, with a count of further files. */
  reason: string;
  /** The planned services it is released after (release-order.ts); absent: none. */
  after?: string[];
}

export interface Plan {
  range: PlanRange;
  changedFiles: number;
  /** Services to release, in config order, moved only as far as needed to come after those they wait for. */
  services: PlannedService[];
  /** Changed libraries (`deploy: false`): never released, listed because they release their dependents. */
  libraries: PlannedService[];
  /** Planned services whose newest release is paused: their release stops until a promote or an abort. */
  paused?: AuditRecord[];
  /** When the plan was made (the age of the paused releases is taken from it). */
  at?: Date;
  /** The runner time the planned releases hold in bakes. */
  runnerTime?: RunnerTime;
}

export interface MatrixEntry {
  service: string;
  version: string;
  'previous-version': string;
  reason: string;
  /** The services of this matrix it waits for (`after`, transitively reduced): they come earlier in it. */
  after: string[];
}

export class MatrixLimitError extends UserError {}

/** The `matrix` output. Over GitHub's limit it refuses rather than drop services silently. */
export function toMatrix(plan: Plan): { include: MatrixEntry[] } {
  if (plan.services.length > MAX_MATRIX_JOBS) {
    throw new MatrixLimitError(
      `${plan.services.length} services changed, more than the ${MAX_MATRIX_JOBS} jobs GitHub runs from one matrix`,
      'release them in batches: run `plan` with a narrower `base`/`head` range, or split the services over ' +
        'several config files (one plan job each, the `config` input)',
    );
  }
  return {
    include: plan.services.map((s) => ({
      service: s.service,
      version: s.version,
      'previous-version': s.previousVersion,
      reason: s.reason,
      after: s.after ?? [],
    })),
  };
}

/** The `plan` output: the whole plan as JSON-ready data. */
export function planToJson(plan: Plan): unknown {
  const entry = (s: PlannedService) => ({
    service: s.service,
    version: s.version,
    'previous-version': s.previousVersion,
    kind: s.kind,
    chain: s.chain,
    reason: s.reason,
    after: s.after ?? [],
  });
  return {
    range: plan.range,
    'changed-files': plan.changedFiles,
    services: plan.services.map(entry),
    libraries: plan.libraries.map(entry),
  };
}

function shortSha(sha: string | null): string {
  return sha ? sha.slice(0, 12) : '—';
}

function rangeLine(range: PlanRange): string {
  const span = range.base ? `${shortSha(range.base)}..${shortSha(range.head)}` : shortSha(range.head);
  return `${span}: ${range.why}`;
}

/** Finds the action's own comment on a pull request, to edit it in place. */
export const PLAN_COMMENT_MARKER = '<!-- monorepo-release:plan -->';

/** The pull-request comment: what a merge would release, and why. */
export function renderPlanComment(plan: Plan): string {
  return `${PLAN_COMMENT_MARKER}\n${renderPlanSummary(plan).replace('### monorepo-release plan', '### monorepo-release: what merging this would release')}`;
}

/** The job summary of a plan (markdown; every outside value escaped). */
export function renderPlanSummary(plan: Plan): string {
  const lines = [`### monorepo-release plan`, '', `**Range** ${escapeMarkdown(rangeLine(plan.range))}`, ''];
  if (plan.services.length === 0) {
    lines.push(`No service to release (${plan.changedFiles} changed file(s) matched no released service).`);
  } else {
    lines.push(
      markdownTable(
        ['Service', 'Version', 'Previous', 'Reason'],
        plan.services.map((s) => [
          escapeMarkdown(s.service),
          escapeMarkdown(s.version),
          escapeMarkdown(s.previousVersion || '—'),
          escapeMarkdown(s.reason),
        ]),
      ),
    );
  }
  if (plan.libraries.length > 0) {
    lines.push(
      '',
      `Changed libraries (not released themselves): ${plan.libraries.map((l) => escapeMarkdown(l.reason)).join('; ')}`,
    );
  }
  const order = orderPicture(plan);
  if (order) lines.push('', order);
  lines.push('', `${plan.changedFiles} changed file(s); ${plan.services.length} service(s) to release.`);
  if (plan.paused?.length) {
    lines.push(
      '',
      '**Paused** (their release stops before deploying until a `promote` or an `abort` ends the pause):',
    );
    for (const line of pausedLines(plan.paused, plan.at ?? new Date(0)))
      lines.push(`- ${escapeMarkdown(line)}`);
  }
  if (plan.runnerTime) {
    const runnerTime = renderRunnerTime(plan.runnerTime);
    if (runnerTime.length > 0) lines.push('', ...runnerTime);
  }
  return lines.join('\n') + '\n';
}

/** The release order as a picture, when some planned service waits for another (`after`). */
function orderPicture(plan: Plan): string | null {
  const graph = renderOrderGraph(
    plan.services.map((s) => s.service),
    new Map(plan.services.map((s) => [s.service, s.after ?? []])),
  );
  if (graph === null) return null;
  return `**Release order** (each arrow: the service on its right starts once the one on its left is live; services not drawn start at once)\n\n${graph}`;
}

/** The plan as a plain-text table for a terminal. */
export function renderPlanTable(plan: Plan): string {
  const header = ['SERVICE', 'VERSION', 'PREVIOUS', 'REASON'];
  const rows = plan.services.map((s) => [
    s.service,
    s.version,
    s.previousVersion || '-',
    showControls(s.reason),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [`Range ${showControls(rangeLine(plan.range))}`, ''];
  if (rows.length === 0) out.push('No service to release.');
  else out.push(format(header), ...rows.map(format));
  for (const lib of plan.libraries) out.push(`(library ${lib.service} changed: ${showControls(lib.reason)})`);
  for (const s of plan.services)
    if (s.after?.length)
      out.push(
        `(${s.service} starts once ${s.after.join(' and ')} ${s.after.length > 1 ? 'are' : 'is'} live)`,
      );
  out.push('', `${plan.changedFiles} changed file(s); ${plan.services.length} service(s) to release.`);
  return out.join('\n') + '\n';
}
