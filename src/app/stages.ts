/** Running a stage: the deploy command, then the health gate during the bake; and the rollback command.
 * Commands run through the CommandRunner port with the `RELEASE_*` environment and nothing else of ours. */
import { commandEnvironment, type ReleaseVars } from '../core/command-env.js';
import { describeEnding } from '../core/command-result.js';
import { gateFailed, rollbackAction } from '../core/decide.js';
import type { Clock, CommandResult, CommandRunner, HttpProbe, Logger } from '../core/ports.js';
import type { AuditRecord, StageError, StageRecord } from '../core/record.js';
import type { ServiceConfig, StageConfig, VerifyConfig } from '../core/types.js';

/** What running commands and health checks needs. */
export interface CommandDeps {
  runner: CommandRunner;
  probe: HttpProbe;
  clock: Clock;
  log: Logger;
  /** The step's environment, from which the commands' environment is derived. */
  env: Record<string, string | undefined>;
  /** Values no command may see (the token). */
  secrets: string[];
}

export type StageOutcome = Pick<StageRecord, 'result' | 'checks'> & { error?: StageError };

/** Deploy, then the health gate for the bake time. */
export async function runStage(
  deps: CommandDeps,
  service: ServiceConfig,
  stage: StageConfig,
  vars: ReleaseVars,
  signal: AbortSignal | undefined,
  progress: (checks: { passed: number; failed: number }) => Promise<void>,
): Promise<StageOutcome> {
  const checks = { passed: 0, failed: 0 };
  const deploy = await runCommand(
    deps,
    service.deploy as string,
    service,
    vars,
    service.timeoutMs,
    `deploy ${stage.name}`,
    signal,
  );
  if (deploy.cancelled) return { result: 'cancelled', checks };
  if (!succeeded(deploy))
    return {
      result: 'failed',
      checks,
      error: commandError(deploy.timedOut ? 'timeout' : 'deploy', deploy, 'deploy', service.timeoutMs),
    };
  if (!service.verify) return { result: 'passed', checks };
  return runGate(deps, service, service.verify, stage.bakeMs, vars, signal, progress);
}

/** The gate checked once more, with no deploy: a promote's look at a paused stage nobody watched. With no
 * `verify`, there is nothing to check and it passes. */
export async function recheckGate(
  deps: CommandDeps,
  service: ServiceConfig,
  vars: ReleaseVars,
  signal: AbortSignal | undefined,
): Promise<StageOutcome> {
  if (!service.verify) return { result: 'passed', checks: { passed: 0, failed: 0 } };
  return runGate(deps, service, service.verify, undefined, vars, signal, async () => undefined);
}

/** Health checks every interval during the bake (once without a bake); fails as soon as more checks
 * failed than tolerated. */
async function runGate(
  deps: CommandDeps,
  service: ServiceConfig,
  verify: VerifyConfig,
  bakeMs: number | undefined,
  vars: ReleaseVars,
  signal: AbortSignal | undefined,
  progress: (checks: { passed: number; failed: number }) => Promise<void>,
): Promise<StageOutcome> {
  const checks = { passed: 0, failed: 0 };
  const started = deps.clock.now().getTime();
  let lastError: StageError | undefined;
  let lastSaved = started;
  for (;;) {
    const check = await runCheck(deps, service, verify, vars, signal);
    if (check === 'cancelled') return { result: 'cancelled', checks };
    if (check.healthy) checks.passed++;
    else {
      checks.failed++;
      lastError = check.error;
      deps.log.warning(
        `${vars.service} ${vars.stage}: health check failed (${checks.failed} failed so far, ${verify.maxFailures} tolerated): ${check.error.message}`,
      );
    }
    if (gateFailed(checks, verify.maxFailures))
      return { result: 'failed', checks: { ...checks }, error: lastError };
    const elapsed = deps.clock.now().getTime() - started;
    if (bakeMs === undefined || elapsed + verify.intervalMs > bakeMs)
      return { result: 'passed', checks: { ...checks } };
    if (deps.clock.now().getTime() - lastSaved >= 60_000) {
      lastSaved = deps.clock.now().getTime();
      await progress({ ...checks });
    }
    await deps.clock.sleep(verify.intervalMs, signal);
    if (signal?.aborted) return { result: 'cancelled', checks };
  }
}

async function runCheck(
  deps: CommandDeps,
  service: ServiceConfig,
  verify: VerifyConfig,
  vars: ReleaseVars,
  signal: AbortSignal | undefined,
): Promise<{ healthy: true } | { healthy: false; error: StageError } | 'cancelled'> {
  if (verify.http) {
    const answer = await deps.probe.check(verify.http, verify.timeoutMs);
    if (signal?.aborted) return 'cancelled';
    return answer.healthy
      ? { healthy: true }
      : {
          healthy: false,
          error: {
            kind: 'gate',
            'exit-code': null,
            message: `health check ${verify.http}: ${answer.detail}`,
            output: answer.detail,
          },
        };
  }
  const result = await runCommand(
    deps,
    verify.command!,
    service,
    vars,
    verify.timeoutMs,
    `verify ${vars.stage}`,
    signal,
  );
  if (result.cancelled) return 'cancelled';
  if (succeeded(result)) return { healthy: true };
  return { healthy: false, error: commandError('gate', result, 'health check', verify.timeoutMs) };
}

function runCommand(
  deps: CommandDeps,
  command: string,
  service: ServiceConfig,
  vars: ReleaseVars,
  timeoutMs: number,
  label: string,
  signal: AbortSignal | undefined,
): Promise<CommandResult> {
  const env = commandEnvironment(deps.env, vars, { passOidc: service.passOidc, secrets: deps.secrets });
  return deps.runner.run(command, { env, timeoutMs, label, signal });
}

function succeeded(result: CommandResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.cancelled;
}

function commandError(
  kind: StageError['kind'],
  result: CommandResult,
  what: string,
  timeoutMs: number,
): StageError {
  return {
    kind,
    'exit-code': result.exitCode,
    message: `${what} ${describeEnding(result, timeoutMs)}`,
    output: result.outputTail,
  };
}

/** How a rollback ended; `cancelled`: a cancel stopped it before it ended (the post step runs it again). */
export interface RollbackOutcome {
  passed: boolean;
  cancelled?: boolean;
  error?: StageError;
  /** The health checks of the gate after it, when one ran. */
  checks?: { passed: number; failed: number };
}

/** Run the rollback command (or deploy) once, then, towards a known-good version, the health gate once.
 * A cancel stops the command's process group at once: the runner kills the step a few seconds after its
 * first signal, so a long rollback is left to the post step rather than killed half-way unrecorded. */
export async function performRollback(
  deps: CommandDeps,
  rollback: {
    service: ServiceConfig;
    /** The record whose version is left (its id, version and commit reach the command). */
    failed: Pick<AuditRecord, 'id' | 'version' | 'sha' | 'service'>;
    /** The version to go back to; null when none is known (the failed version is taken to 0 %). */
    knownGood: string | null;
    environment: string;
    attempt: number;
    signal?: AbortSignal;
  },
): Promise<RollbackOutcome> {
  const { service, failed, knownGood, environment, attempt, signal } = rollback;
  const action = rollbackAction(service, knownGood, failed.version);
  const vars: ReleaseVars = {
    service: service.name,
    version: action.version,
    previousVersion: failed.version,
    stage: 'rollback',
    percent: action.percent,
    environment,
    sha: failed.sha,
    id: failed.id,
    attempt,
    failedVersion: failed.version,
  };
  const result = await runCommand(deps, action.command, service, vars, service.timeoutMs, 'rollback', signal);
  if (result.cancelled) return { passed: false, cancelled: true };
  if (!succeeded(result))
    return {
      passed: false,
      error: commandError(
        result.timedOut ? 'timeout' : 'deploy',
        result,
        action.via === 'rollback' ? 'rollback' : 'deploy (rollback)',
        service.timeoutMs,
      ),
    };
  if (!service.verify || !knownGood) return { passed: true };
  const gate = await runGate(deps, service, service.verify, undefined, vars, signal, async () => undefined);
  if (gate.result === 'cancelled') return { passed: false, cancelled: true };
  return gate.result === 'passed'
    ? { passed: true, checks: gate.checks }
    : { passed: false, error: gate.error, checks: gate.checks };
}
