/** The action's entry: the only place that reads inputs and writes outputs. */
import * as core from '@actions/core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { GitAuditStore } from './adapters/audit-store.js';
import { systemClock } from './adapters/clock.js';
import { findRepoRoot, CliGit } from './adapters/git.js';
import { FetchProbe } from './adapters/http-probe.js';
import { ActionsLogger } from './adapters/actions-logger.js';
import { ShellRunner } from './adapters/runner.js';
import { GitTagPusher } from './adapters/tags.js';
import type { OctokitGitHub } from './adapters/github.js';
import { commitConfigSource } from './adapters/workspace.js';
import { skipOptimizingCompiler } from './adapters/engine.js';
import { loadConfig, resolveEnvironment } from './app/config.js';
import { describeOrigins } from './core/discover/explain.js';
import { planFromInputs } from './app/plan.js';
import { runPostStep } from './app/post.js';
import { runRelease, type PendingRollback, type ReleaseDeps, type ReleaseResult } from './app/release.js';
import { resultOf } from './app/release-result.js';
import { runManualRollback } from './app/rollback.js';
import { runDrill } from './app/drill.js';
import { notifyEnding } from './app/notify.js';
import { runAbort, runPromote } from './app/promote.js';
import { readStats } from './app/stats.js';
import { refuseUnsafeTrigger } from './core/decide.js';
import { InputError, UserError } from './core/errors.js';
import {
  PLAN_COMMENT_MARKER,
  planToJson,
  renderPlanComment,
  renderPlanSummary,
  toMatrix,
  type Plan,
} from './core/plan.js';
import type { AuditRecord, RunInfo } from './core/record.js';
import { renderReleaseSummary } from './core/release-summary.js';
import { parseSince, renderStatsSummary } from './core/stats.js';
import { escapeMarkdown } from './core/markdown.js';
import { factsWithoutRecord, renderWhatNow } from './core/what-now.js';
import type { Config } from './core/types.js';
import { versionGivenByHand } from './core/versions.js';

/** The commands that change what is live: each runs one use case over one service, and ends with an outcome. */
const RELEASE_COMMANDS = ['release', 'rollback', 'drill', 'promote', 'abort'] as const;
type ReleaseCommand = (typeof RELEASE_COMMANDS)[number];
const COMMANDS = ['plan', 'validate', 'stats', ...RELEASE_COMMANDS] as const;
type Command = (typeof COMMANDS)[number];

function optionalInput(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

/** A boolean input, read by the toolkit's rule; absent is false (the runner passes action.yml's default, other
 * callers may not), and a bad value is an input error with its fix instead of the toolkit's TypeError. */
function booleanInput(name: string): boolean {
  const value = core.getInput(name);
  if (value === '') return false;
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new InputError(
      `the \`${name}\` input is "${value}", not a boolean`,
      `set \`${name}\` to true or false`,
    );
  }
}

function commandInput(): Command {
  const value = core.getInput('command') || 'plan';
  if (!(COMMANDS as readonly string[]).includes(value)) {
    throw new InputError(
      `unknown command "${value}"`,
      `set the \`command\` input to one of: ${COMMANDS.join(', ')}`,
    );
  }
  return value as Command;
}

async function readEvent(): Promise<{ eventName: string; payload: unknown }> {
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return { eventName, payload: {} };
  try {
    return { eventName, payload: JSON.parse(await readFile(path, 'utf8')) as unknown };
  } catch (error) {
    throw new InputError(
      `cannot read the event payload at ${path}: ${(error as Error).message}`,
      'run the action from a GitHub workflow, or unset GITHUB_EVENT_PATH',
    );
  }
}

async function context() {
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const root = await findRepoRoot(process.env.GITHUB_WORKSPACE || process.cwd());
  const log = new ActionsLogger();
  const git = new CliGit({ root, token, warning: (message) => log.warning(message) });
  return {
    git,
    log,
    token,
    configPath: core.getInput('config') || '.github/monorepo-release.yml',
  };
}

/** The config of a commit, read through git, never from the work tree (a pull request may commit a symlink
 * there); its audit branch checked against the event's branches. */
function configAt(git: CliGit, rev: string, event: { payload: unknown }) {
  return commitConfigSource(git, rev, { ref: process.env.GITHUB_REF, payload: event.payload });
}

/** The full changed-file list goes to a file: it can be far larger than an output or env var may be. */
async function writeChangedFiles(files: string[]): Promise<string> {
  return writeRunnerTempFile('changed-files', '.json', JSON.stringify(files));
}

/** A new file in the runner's temp directory (removed by the runner after the job); returns its path. */
async function writeRunnerTempFile(name: string, extension: string, content: string): Promise<string> {
  const dir = join(process.env.RUNNER_TEMP || tmpdir(), 'monorepo-release');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}-${randomUUID()}${extension}`);
  await writeFile(path, content);
  return path;
}

async function plan(): Promise<void> {
  const ctx = await context();
  const event = await readEvent();
  const { token } = ctx;
  const result = await planFromInputs(
    {
      ...ctx,
      source: configAt(ctx.git, optionalInput('head') ?? 'HEAD', event),
      auditFor: (branch) => new GitAuditStore({ root: ctx.git.root, branch, token }),
    },
    {
      configPath: ctx.configPath,
      environment: optionalInput('environment'),
      ...event,
      base: optionalInput('base'),
      head: optionalInput('head'),
    },
  );
  await core.summary.addRaw(renderPlanSummary(result.plan)).write();
  await commentOnPullRequest(event, token, ctx.log, result.plan);
  const matrix = toMatrix(result.plan);
  const services = result.plan.services.map((s) => s.service);
  core.setOutput('matrix', JSON.stringify(matrix));
  core.setOutput('services', JSON.stringify(services));
  core.setOutput('has-changes', services.length > 0 ? 'true' : 'false');
  core.setOutput('count', String(services.length));
  core.setOutput('plan', JSON.stringify(planToJson(result.plan)));
  core.setOutput('changed-files', await writeChangedFiles(result.changedFiles));
  core.info(`${services.length} service(s) to release: ${services.join(', ') || 'none'}`);
}

/** The REST client, when there is a token and a repository. Its module (Octokit and its HTTP stack, most of
 * the bundle) loads only then: a plan without a pull-request comment never needs it. */
async function gitHubClient(token: string | undefined, log: ActionsLogger): Promise<OctokitGitHub | null> {
  if (!token) return null;
  const { githubFromEnv } = await import('./adapters/github.js');
  return githubFromEnv(process.env, token, log);
}

/** `comment: true` on a pull request: one comment with the plan, edited in place. A fork's read-only
 * token cannot write it: that is a warning, never a failure. */
async function commentOnPullRequest(
  event: { eventName: string; payload: unknown },
  token: string | undefined,
  log: ActionsLogger,
  plan: Plan,
): Promise<void> {
  if (!booleanInput('comment')) return;
  const number = (event.payload as { pull_request?: { number?: unknown } }).pull_request?.number;
  if (!event.eventName.startsWith('pull_request') || typeof number !== 'number') {
    log.info('comment: true has effect on pull_request events only');
    return;
  }
  const github = await gitHubClient(token, log);
  if (!github) {
    log.warning('comment: true needs the token input and GITHUB_REPOSITORY; no comment was written');
    return;
  }
  const result = await github.upsertComment({
    issueNumber: number,
    marker: PLAN_COMMENT_MARKER,
    body: renderPlanComment(plan),
  });
  log.info(`Plan comment on #${number}: ${result}`);
}

async function validate(): Promise<void> {
  const ctx = await context();
  const source = configAt(ctx.git, 'HEAD', await readEvent());
  const config = await loadConfig({ log: ctx.log, source }, ctx.configPath, { strictPaths: true });
  core.info(`${config.file} is valid: ${config.services.length} service(s).`);
  if (config.origins) core.info(describeOrigins(config));
}

/** `stats`: delivery metrics from the audit branch the config names, as output `stats` and a summary. */
async function stats(): Promise<void> {
  const ctx = await context();
  const source = configAt(ctx.git, 'HEAD', await readEvent());
  const config = await loadConfig({ log: ctx.log, source }, ctx.configPath);
  const now = new Date();
  const report = await readStats(
    {
      audit: new GitAuditStore({ root: ctx.git.root, branch: config.audit.branch, token: ctx.token }),
      git: ctx.git,
    },
    {
      service: optionalInput('service'),
      environment: optionalInput('environment'),
      since: parseSince(optionalInput('since'), now),
      now,
    },
  );
  for (const { path, problem } of report.problems)
    ctx.log.warning(`audit file ${path} left out of the stats: ${problem}`);
  core.setOutput('stats', JSON.stringify(report.stats));
  await core.summary.addRaw(renderStatsSummary(report.stats)).write();
  core.info(`Delivery metrics of ${report.stats.services.length} service(s) and environment(s).`);
}

async function runMain(): Promise<void> {
  core.saveState('isPost', 'true');
  const command = commandInput();
  if (command === 'plan' || command === 'validate') skipOptimizingCompiler();
  switch (command) {
    case 'plan':
      return plan();
    case 'validate':
      return validate();
    case 'stats':
      return stats();
    case 'release':
    case 'rollback':
    case 'drill':
    case 'promote':
    case 'abort':
      return releaseOrRollback(command);
  }
}

/** The run as the audit record tells it. */
function runInfo(env: NodeJS.ProcessEnv, eventName: string): RunInfo {
  const runId = env.GITHUB_RUN_ID ?? 'local';
  const attempt = Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '1', 10) || 1;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    event: eventName,
    ref: env.GITHUB_REF ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR ?? env.GITHUB_ACTOR ?? '',
    runId,
    runAttempt: attempt,
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${runId}/attempts/${attempt}`
        : '',
  };
}

/** The post step's state: written to $GITHUB_STATE at once, so it outlives a main step the runner kills.
 * It only names a record; the post step trusts the record (see app/post.ts). */
const POST_STATE = 'pending-rollback';

function savePostState(pending: PendingRollback | null): void {
  core.saveState(POST_STATE, pending ? JSON.stringify(pending) : '');
}

async function releaseDeps(
  ctx: Awaited<ReturnType<typeof context>>,
  config: Config,
  options: { mainStep: boolean; signal?: AbortSignal },
): Promise<ReleaseDeps> {
  const { token } = ctx;
  const github = await gitHubClient(token, ctx.log);
  return {
    git: ctx.git,
    log: ctx.log,
    audit: new GitAuditStore({
      root: ctx.git.root,
      branch: config.audit.branch,
      token,
      signal: options.signal,
    }),
    runner: new ShellRunner({
      cwd: ctx.git.root,
      write: (text) => process.stdout.write(text),
      secrets: token ? [token] : [],
    }),
    probe: new FetchProbe(),
    clock: systemClock,
    tags: new GitTagPusher({ root: ctx.git.root, token }),
    randomId: () => randomBytes(4).toString('hex'),
    env: process.env,
    secrets: token ? [token] : [],
    github,
    runStatus: github ? (runId) => github.runActive(runId) : undefined,
    ...(options.mainStep ? { postState: savePostState } : {}),
  };
}

/** The config of the commit being released, never of another checkout. */
async function releaseConfig(
  ctx: Awaited<ReturnType<typeof context>>,
  sha: string,
  event: { payload: unknown },
): Promise<Config> {
  return loadConfig({ log: ctx.log, source: configAt(ctx.git, sha, event) }, ctx.configPath);
}

async function releaseSha(ctx: Awaited<ReturnType<typeof context>>): Promise<string> {
  const rev = process.env.GITHUB_SHA || 'HEAD';
  const sha = await ctx.git.resolveCommit(rev);
  if (!sha)
    throw new InputError(
      `the commit ${rev} is not in the checkout`,
      'check out the commit being released (actions/checkout with `fetch-depth: 0`)',
    );
  return sha;
}

async function releaseOrRollback(command: ReleaseCommand): Promise<void> {
  const event = await readEvent();
  refuseUnsafeTrigger(event.eventName, event.payload);
  const ctx = await context();
  const sha = await releaseSha(ctx);
  const config = await releaseConfig(ctx, sha, event);
  const controller = new AbortController();
  const deps = await releaseDeps(ctx, config, { mainStep: true, signal: controller.signal });
  const cancel = (signal: string) => {
    core.warning(`Received ${signal}: stopping; if anything was deployed, the post step rolls it back.`);
    controller.abort();
  };
  process.once('SIGINT', () => cancel('SIGINT'));
  process.once('SIGTERM', () => cancel('SIGTERM'));
  const service = core.getInput('service');
  const version = core.getInput('version');
  const request = {
    config,
    service,
    version,
    versionByHand: versionGivenByHand(
      { name: event.eventName, ref: process.env.GITHUB_REF ?? '', payload: event.payload },
      config.tag,
      service,
      version,
    ),
    sha,
    environment: resolveEnvironment(config, optionalInput('environment')),
    run: runInfo(process.env, event.eventName),
    dryRun: booleanInput('dry-run'),
    signal: controller.signal,
  };
  const result = await useCase(command)(deps, request);
  // After a normal ending the post step has nothing to do; otherwise it settles the record named here.
  savePostState(result.pendingRollback ?? null);
  const summary = await reportRelease(result, { kind: command, environment: request.environment });
  await notifyEnding(notifyDeps(ctx, deps), result, summary, serviceOf(config, service), {
    environment: request.environment,
    sha: request.sha,
    attempt: request.run.runAttempt,
  });
}

const USE_CASES = {
  release: runRelease,
  rollback: runManualRollback,
  drill: runDrill,
  promote: runPromote,
  abort: runAbort,
} satisfies Record<ReleaseCommand, unknown>;

function useCase(command: ReleaseCommand) {
  return USE_CASES[command];
}

function serviceOf(config: Config, name: string) {
  return config.services.find((s) => s.name === name);
}

/** The notify command runs as the deploy does, with its output cut short past 64 KiB: a flood of it
 * would bury the run's log. */
function notifyDeps(ctx: Awaited<ReturnType<typeof context>>, deps: ReleaseDeps) {
  return {
    ...deps,
    runner: new ShellRunner({
      cwd: ctx.git.root,
      write: (text) => process.stdout.write(text),
      secrets: deps.secrets,
      outputLimit: 64 * 1024,
    }),
    writeSummary: (markdown: string) => writeRunnerTempFile('summary', '.md', markdown),
  };
}

/** The outputs, the job summary and the step's ending; returns the summary (for `notify`). */
async function reportRelease(
  result: ReleaseResult,
  run: { kind: ReleaseCommand; environment: string },
): Promise<string> {
  core.setOutput('outcome', result.outcome);
  core.setOutput('version', result.version);
  core.setOutput('previous-version', result.previousVersion);
  core.setOutput('failed-stage', result.failedStage);
  core.setOutput('record', result.record?.id ?? '');
  if (result.outcome === 'paused') {
    core.setOutput('paused-stage', result.pausedStage ?? '');
    core.setOutput('next-stage', result.nextStage ?? '');
  }
  const summary = result.record
    ? renderReleaseSummary(result.record, result.message, result.start, result.undeployed)
    : `${result.message}\n\n${renderWhatNow(factsWithoutRecord({ ...run, ...result }))}`;
  await core.summary.addRaw(summary).write();
  if (result.auditError) {
    core.setFailed(result.message);
  } else if (
    ['released', 'already-released', 'dry-run', 'drilled', 'paused'].includes(result.outcome) ||
    result.noOp ||
    (result.outcome === 'rolled-back' && result.record?.kind === 'rollback') ||
    // An abort asked for this rollback: it is the success of the step.
    (result.outcome === 'rolled-back' && result.record?.resumes?.at(-1)?.command === 'abort')
  ) {
    core.info(result.message);
  } else {
    core.setFailed(result.message);
  }
  return summary;
}

/** The `post:` step: settle the record the main step left open (after a cancel, a kill during a
 * rollback, a rollback that could not be recorded); otherwise nothing. */
async function runPost(): Promise<void> {
  const saved = core.getState(POST_STATE);
  if (!saved) {
    core.info('Post step: nothing to do (the main step ended normally, or never started a release).');
    return;
  }
  const ctx = await context();
  const config = await releaseConfig(ctx, await releaseSha(ctx), await readEvent());
  const deps = await releaseDeps(ctx, config, { mainStep: false });
  const run = runInfo(process.env, process.env.GITHUB_EVENT_NAME ?? '');
  const result = await runPostStep(deps, config, {
    service: core.getInput('service'),
    runId: run.runId,
    runAttempt: run.runAttempt,
    saved,
  });
  if (result.result === 'rollback-failed' || result.result === 'unrecorded') core.setFailed(result.message);
  else core.info(result.message);
  if (result.record) await tellPostEnding(ctx, deps, config, result.record, result.message);
}

/** A release the post step ended (a cancel's rollback, a record it closed) ends here, not in the main step:
 * its summary says how, and `notify` hears of it once, as after any other ending. */
async function tellPostEnding(
  ctx: Awaited<ReturnType<typeof context>>,
  deps: ReleaseDeps,
  config: Config,
  record: AuditRecord,
  message: string,
): Promise<void> {
  const ended = resultOf(record, {
    outcome: record.outcome ?? 'cancelled',
    message,
    start: 'ended by the post step',
  });
  const summary = renderReleaseSummary(record, message, ended.start);
  await core.summary
    .addRaw(summary)
    .write()
    .catch(() => undefined);
  await notifyEnding(notifyDeps(ctx, deps), ended, summary, serviceOf(config, record.service), {
    environment: record.environment,
    sha: record.sha,
    attempt: record['run-attempt'],
  });
}

/** A release or rollback that stopped before any deploy still ends its summary with what to do now. */
async function summarizeFailure(error: unknown): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY || core.getState('isPost') === 'true') return;
  const message = error instanceof UserError ? error.describe() : String((error as Error)?.message ?? error);
  const facts = factsWithoutRecord({
    outcome: 'failed',
    kind: core.getInput('command'),
    service: core.getInput('service'),
    environment: core.getInput('environment'),
    version: core.getInput('version'),
  });
  const text = message.split('\n').map(escapeMarkdown).join('\n\n');
  // The summary is help, never a second failure: the step already fails with the message.
  await core.summary
    .addRaw(`**Stopped before any deploy.**\n\n${text}\n\n${renderWhatNow(facts)}`)
    .write()
    .catch(() => undefined);
}

export async function run(): Promise<void> {
  try {
    if (core.getState('isPost') === 'true') await runPost();
    else await runMain();
  } catch (error) {
    // release/rollback stopped before any deploy (bad input, preflight, audit log not writable).
    if ((RELEASE_COMMANDS as readonly string[]).includes(core.getInput('command'))) {
      core.setOutput('outcome', 'failed');
      await summarizeFailure(error);
    }
    if (error instanceof UserError) core.setFailed(error.describe());
    else core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
