/** The "What now" section that ends every release, rollback (and promote, abort, drill) summary: what a
 * re-run from the Actions UI will do, the **Run workflow** inputs for what a person may want next, and the
 * `history` line to look further. One table entry per outcome word (DESIGN.md), so a new outcome is one more
 * entry. The words are GitHub's own: **Re-run failed jobs** (the run page's "Re-run jobs" menu) and
 * **Run workflow** (the workflow's page, for `workflow_dispatch`). */
import { escapeMarkdown } from './markdown.js';

export interface WhatNowFacts {
  outcome: string;
  /** The record's kind: `release`, `rollback` (a manual one), `drill`. */
  kind: string;
  service: string;
  environment: string;
  /** The record's version: released, rolled back to, or drilled. */
  version: string;
  /** What was live before it. */
  previousVersion: string;
  /** The first stage of the release, where a re-run starts over. */
  firstStage: string | null;
  /** The stage that failed or was cancelled. */
  stoppedStage: string | null;
  /** Where an automatic rollback went (empty: no known-good version). */
  rollbackTo: string | null;
}

interface Advice {
  /** What **Re-run failed jobs** would do now. */
  rerun: string;
  /** Other things to do, each a sentence. */
  next: string[];
}

type Inputs = Record<string, string>;

/** The dispatch inputs of the quick start's workflow, as a person types them in **Run workflow**. */
function runWorkflow(purpose: string, inputs: Inputs): string {
  const fields = Object.entries(inputs)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `\`${name}: ${escapeMarkdown(value)}\``)
    .join(', ');
  return `${purpose}: **Run workflow** (Actions tab → this workflow) with ${fields}.`;
}

function rollBack(f: WhatNowFacts, version = '', purpose = 'To roll back by hand'): string {
  const to = version ? ` to ${escapeMarkdown(version)}` : ' to the version live before it';
  return runWorkflow(`${purpose}${to}`, { command: 'rollback', service: f.service, version });
}

const from = (f: WhatNowFacts) => (f.firstStage ? ` (\`${escapeMarkdown(f.firstStage)}\`)` : '');
const v = (text: string) => escapeMarkdown(text || 'nothing');

/** One entry per outcome word. */
const ADVICE: Record<string, (f: WhatNowFacts) => Advice> = {
  released: (f) => ({
    rerun: 'nothing to do: a re-run ends `already-released` and deploys nothing.',
    next: [rollBack(f)],
  }),
  'already-released': (f) => ({
    rerun: 'nothing to do: this version is live, and a re-run deploys nothing.',
    next: [rollBack(f)],
  }),
  'rolled-back': (f) =>
    f.kind === 'rollback'
      ? {
          rerun: 'nothing to re-run: the rollback passed.',
          next: [
            `${v(f.version)} is live. Fix what made you roll back, then push: the next release goes forward again.`,
          ],
        }
      : {
          rerun: `starts over from the first stage${from(f)}; the failed attempt stays in the audit log.`,
          next: [
            `${v(f.rollbackTo ?? f.previousVersion)} is live again. Fix the cause and push, or re-run if the failure was transient (a flaky check).`,
          ],
        },
  'rollback-failed': (f) =>
    f.kind === 'rollback'
      ? {
          rerun: `runs the rollback to ${v(f.version)} again.`,
          next: ['Check the service now: the rollback did not pass, so what is live is unknown.'],
        }
      : {
          rerun: `starts over from the first stage${from(f)}, once the service is healthy again.`,
          next: [
            `Act now: the rollback failed, so ${escapeMarkdown(f.version)} may still take traffic.`,
            rollBack(f, f.rollbackTo ?? f.previousVersion),
          ],
        },
  cancelled: (f) => ({
    rerun: `starts over from the first stage${from(f)}: a cancelled release is rolled back by this job's post step (see its log), never resumed.`,
    next: [
      rollBack(
        f,
        f.previousVersion,
        'If the post step could not roll back (its log says so), roll back by hand',
      ),
    ],
  }),
  failed: (f) => ({
    rerun: 'runs it again from the start once the cause above is fixed; nothing was deployed.',
    next: [
      f.kind === 'rollback'
        ? 'Nothing changed: what was live is still live.'
        : `Nothing changed: ${escapeMarkdown(f.service)} stays pending for the next run.`,
    ],
  }),
  paused: (f) => ({
    rerun: 'not needed: a release of this service stops while this one is paused.',
    next: [
      'To go on when the workflow has a `promote` job behind an environment (such as `production-promote`): approve it (this run → **Review deployments**).',
      runWorkflow('Or, to go on from the next stage', {
        command: 'promote',
        service: f.service,
        version: f.version,
      }),
      runWorkflow('To roll it back instead', { command: 'abort', service: f.service }),
    ],
  }),
  blocked: (f) => ({
    rerun:
      'waits again for the services it releases after, up to `defaults.wait`, then releases from the first stage.',
    next: [`Nothing was deployed: ${escapeMarkdown(f.service)} stays pending for the next run.`],
  }),
  drilled: () => ({
    rerun: 'runs the drill again: back to the version before, and forward again.',
    next: ['Nothing to do: the rollback path works.'],
  }),
  'drill-failed': (f) => ({
    rerun: 'runs the drill again from the start.',
    next: [
      'Check which version is live (the summary above and `history` name it): the rollback path did not work.',
      runWorkflow(`To put ${v(f.version)} live again`, {
        command: 'rollback',
        service: f.service,
        version: f.version,
      }),
    ],
  }),
};

/** The `history` line that shows the service's records and what is live. */
function historyLine(f: Pick<WhatNowFacts, 'service' | 'environment'>): string {
  const args = [f.service, ...(f.environment ? ['--environment', f.environment] : [])].filter(Boolean);
  return `To look further: \`${escapeCode(['monorepo-release history', ...args].join(' '))}\`.`;
}

/** Inside a code span only a backtick is syntax; the names here are checked names, but the span stays one. */
function escapeCode(text: string): string {
  return text.replace(/[`\r\n]/g, ' ');
}

/** The facts of a run that ended without a record (it stopped before writing one). */
export function factsWithoutRecord(run: {
  outcome: string;
  kind: string;
  service: string;
  environment: string;
  version: string;
}): WhatNowFacts {
  return {
    outcome: run.outcome,
    kind: run.kind,
    service: run.service,
    environment: run.environment,
    version: run.version,
    previousVersion: '',
    firstStage: null,
    stoppedStage: null,
    rollbackTo: null,
  };
}

/** The section, or nothing for an outcome with no advice (a run still under way, a dry run). */
export function renderWhatNow(facts: WhatNowFacts): string {
  const advice = ADVICE[facts.outcome]?.(facts);
  if (!advice) return '';
  return [
    '#### What now',
    '',
    `- **Re-run failed jobs**: ${advice.rerun}`,
    ...advice.next.map((line) => `- ${line}`),
    `- ${historyLine(facts)}`,
    '',
  ].join('\n');
}
