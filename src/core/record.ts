/** The audit record: its shape (DESIGN.md "Audit log"), where it lives on the audit branch, and the
 * pure transitions a release makes on it. Every transition returns a new record. */

export type Outcome =
  | 'released'
  | 'rolled-back'
  | 'rollback-failed'
  | 'cancelled'
  | 'failed'
  /** A drill (`command: drill`): back to the version before and forward again, both gates passed. */
  | 'drilled'
  /** A drill that stopped: its record's stages say which direction failed. */
  | 'drill-failed'
  /** A stage with `pause: true` passed: the release waits for `promote` or `abort`, keeping the service. */
  | 'paused';
export type StageResult = 'passed' | 'failed' | 'cancelled';
export type FailureKind = 'deploy' | 'gate' | 'timeout';

export interface StageError {
  /** What failed. */
  kind: FailureKind;
  /** Exit code of the failing command (null when it was stopped by a signal or the check was HTTP). */
  'exit-code': number | null;
  message: string;
  /** The tail of the failing command's output. */
  output: string;
}

export interface StageRecord {
  name: string;
  percent: number;
  'started-at': string;
  'finished-at': string | null;
  result: StageResult | null;
  checks: { passed: number; failed: number };
  error?: StageError;
}

export interface RollbackRecord {
  'to-version': string;
  result: 'passed' | 'failed' | null;
  'started-at'?: string;
  'finished-at'?: string | null;
  error?: StageError;
}

/** A run that took a paused release over: a `promote` (its re-check of the paused stage's gate), the
 * re-run of an interrupted promote (`resume`), or an `abort`. From then on that run owns the record. */
export interface ResumeRecord {
  command: 'promote' | 'resume' | 'abort';
  'run-id': string;
  'run-attempt': number;
  'run-url': string;
  actor: string;
  'triggering-actor': string;
  at: string;
  /** promote: the paused stage whose gate was checked again; resume: the stage it goes on at. */
  stage: string;
  /** promote: the re-check of the paused stage's gate (its checks, and `failed` with its error). */
  recheck?: { result: 'passed' | 'failed'; checks: { passed: number; failed: number }; error?: StageError };
}

export interface AuditRecord {
  id: string;
  kind: 'release' | 'rollback' | 'drill';
  service: string;
  environment: string;
  version: string;
  'previous-version': string;
  sha: string;
  ref: string;
  event: string;
  actor: string;
  'triggering-actor': string;
  'run-id': string;
  'run-attempt': number;
  'run-url': string;
  'started-at': string;
  'heartbeat-at': string;
  'finished-at': string | null;
  stages: StageRecord[];
  outcome: Outcome | null;
  rollback: RollbackRecord | null;
  /** Free text: why a record was closed by someone else (reconciled after its runner was lost), etc. */
  note?: string;
  /** The runs that went on from a pause (promote, abort), in order; absent when it never paused. */
  resumes?: ResumeRecord[];
}

/** `current/<environment>/<service>.json`: what is live. */
export interface LivePointer {
  version: string;
  sha: string;
  record: string;
  'previous-version': string;
  'previous-sha': string;
  'updated-at': string;
}

/** `latest/<environment>/<service>.json`: the newest record of a service, so finding an unfinished or
 * re-run release is one blob read, whatever the number of records. */
export interface LatestPointer {
  record: string;
  path: string;
}

export interface RunInfo {
  event: string;
  ref: string;
  actor: string;
  triggeringActor: string;
  runId: string;
  runAttempt: number;
  runUrl: string;
}

/** `20261129T133000Z`: safe in a file name on every file system. */
export function compactTime(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

export function recordPath(record: Pick<AuditRecord, 'service' | 'started-at' | 'id'>): string {
  const started = record['started-at'];
  return `records/${record.service}/${started.slice(0, 7)}/${compactTime(started)}-${record.id}.json`;
}

export function livePointerPath(environment: string, service: string): string {
  return `current/${environment}/${service}.json`;
}

export function latestPointerPath(environment: string, service: string): string {
  return `latest/${environment}/${service}.json`;
}

// Version claims: one version names one build (h2-versions).

/** `versions/<service>/<version>.json`: the build that holds a version of a service, whatever the
 * environment. Written in the same compare-and-swap commit as the release's first record, so two releases
 * can never both claim one version; never rewritten (the same build in another environment reuses it). */
export interface VersionClaim {
  sha: string;
  /** The record that claimed it. */
  record: string;
  environment: string;
  at: string;
}

export function versionClaimsDir(service: string): string {
  return `versions/${service}`;
}

export function versionClaimPath(service: string, version: string): string {
  return `${versionClaimsDir(service)}/${version}.json`;
}

/** The version a path under versionClaimsDir(service) names, or null for another file. */
export function claimedVersionOf(service: string, path: string): string | null {
  const prefix = `${versionClaimsDir(service)}/`;
  if (!path.startsWith(prefix) || !path.endsWith('.json')) return null;
  const version = path.slice(prefix.length, -'.json'.length);
  return version.includes('/') ? null : version;
}

/** The claim a release's record makes on its version. */
export function versionClaim(record: AuditRecord): VersionClaim {
  return {
    sha: record.sha,
    record: record.id,
    environment: record.environment,
    at: record['heartbeat-at'],
  };
}

/** A record id: the run and attempt it came from, plus randomness so that two records never share one. */
export function recordId(run: Pick<RunInfo, 'runId' | 'runAttempt'>, random: string): string {
  const runPart = /^\d+$/.test(run.runId) ? `${run.runId}-${run.runAttempt}-` : '';
  return `${runPart}${random}`;
}

export function newRecord(fields: {
  id: string;
  kind: AuditRecord['kind'];
  service: string;
  environment: string;
  version: string;
  previousVersion: string;
  sha: string;
  run: RunInfo;
  now: string;
}): AuditRecord {
  const { run } = fields;
  return {
    id: fields.id,
    kind: fields.kind,
    service: fields.service,
    environment: fields.environment,
    version: fields.version,
    'previous-version': fields.previousVersion,
    sha: fields.sha,
    ref: run.ref,
    event: run.event,
    actor: run.actor,
    'triggering-actor': run.triggeringActor,
    'run-id': run.runId,
    'run-attempt': run.runAttempt,
    'run-url': run.runUrl,
    'started-at': fields.now,
    'heartbeat-at': fields.now,
    'finished-at': null,
    stages: [],
    outcome: null,
    rollback: null,
  };
}

export function heartbeat(record: AuditRecord, now: string): AuditRecord {
  return { ...record, 'heartbeat-at': now };
}

/** Open a stage; a stage replayed after an interruption replaces its unfinished entry. */
export function startStage(
  record: AuditRecord,
  stage: { name: string; percent: number },
  now: string,
): AuditRecord {
  const stages = record.stages.filter((s) => !(s.name === stage.name && s.result === null));
  stages.push({
    name: stage.name,
    percent: stage.percent,
    'started-at': now,
    'finished-at': null,
    result: null,
    checks: { passed: 0, failed: 0 },
  });
  return { ...record, stages, 'heartbeat-at': now };
}

/** Update the open (last) stage. */
export function updateStage(
  record: AuditRecord,
  change: Partial<Pick<StageRecord, 'result' | 'checks' | 'error' | 'finished-at'>>,
  now: string,
): AuditRecord {
  const stages = record.stages.slice();
  const last = stages[stages.length - 1];
  if (!last) return { ...record, 'heartbeat-at': now };
  stages[stages.length - 1] = { ...last, ...change };
  return { ...record, stages, 'heartbeat-at': now };
}

export function finishRecord(record: AuditRecord, outcome: Outcome, now: string, note?: string): AuditRecord {
  return { ...record, outcome, 'finished-at': now, 'heartbeat-at': now, ...(note ? { note } : {}) };
}

export function withRollback(record: AuditRecord, rollback: RollbackRecord, now: string): AuditRecord {
  return { ...record, rollback, 'heartbeat-at': now };
}

/** A manual rollback's record, once created: its one stage, `rollback` at 100 %, open, and its rollback
 * to the record's own version under way. */
export function startManualRollback(record: AuditRecord, now: string): AuditRecord {
  const started = withRollback(record, { 'to-version': record.version, result: null }, now);
  return startStage(started, { name: 'rollback', percent: 100 }, now);
}

/** A manual rollback ended: its stage and its rollback say how, and the record is closed `rolled-back`
 * or `rollback-failed`. */
export function endManualRollback(
  record: AuditRecord,
  ending: { passed: boolean; error?: StageError },
  now: string,
): AuditRecord {
  const result = ending.passed ? 'passed' : 'failed';
  const error = ending.error ? { error: ending.error } : {};
  const staged = updateStage(record, { result, 'finished-at': now, ...error }, now);
  const rolledBack = withRollback(staged, { ...staged.rollback!, result }, now);
  return finishRecord(rolledBack, ending.passed ? 'rolled-back' : 'rollback-failed', now);
}

/** The stage to resume an interrupted release at: the first one that has not passed. */
export function resumeIndex(record: AuditRecord, stageNames: readonly string[]): number {
  const passed = new Set(record.stages.filter((s) => s.result === 'passed').map((s) => s.name));
  const index = stageNames.findIndex((name) => !passed.has(name));
  return index === -1 ? stageNames.length : index;
}

export function newPointer(record: AuditRecord, previous: LivePointer | null, now: string): LivePointer {
  return {
    version: record.version,
    sha: record.sha,
    record: record.id,
    'previous-version': previous?.version ?? '',
    'previous-sha': previous?.sha ?? '',
    'updated-at': now,
  };
}

/** JSON as stored: stable key order, two-space indent, final newline (reviewable diffs on the branch). */
export function serialize(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

// --- A rollback, once started, is finished or reported: the record's side of it. ---

/** The rollback was started and its result is not recorded (its runner was lost, cancelled, or could not
 * write the result). */
export function rollbackUnderWay(record: Pick<AuditRecord, 'rollback'>): boolean {
  return record.rollback !== null && record.rollback.result === null;
}

export function rollbackRecorded(record: Pick<AuditRecord, 'rollback'>): boolean {
  return record.rollback?.result === 'passed' || record.rollback?.result === 'failed';
}

/** The stage that stopped the release (failed, or cancelled): nothing past it is ever deployed forward. */
export function stoppedStage(record: Pick<AuditRecord, 'stages'>): StageRecord | null {
  return record.stages.find((s) => s.result === 'failed' || s.result === 'cancelled') ?? null;
}

/** The run that wrote this record left it owing something: it is unfinished, or it was cancelled and its
 * rollback is not recorded. */
export function leftOpen(record: Pick<AuditRecord, 'outcome' | 'rollback'>): boolean {
  return record.outcome === null || (record.outcome === 'cancelled' && !rollbackRecorded(record));
}

/** Start (or take over) the rollback: its target and no result yet. A rollback already under way keeps its
 * target and start time; a stage still open is closed as cancelled (nothing runs in it any more). */
export function startRollback(record: AuditRecord, toVersion: string | null, now: string): AuditRecord {
  const { stages } = closeOpenStages(record, now);
  const rollback: RollbackRecord = rollbackUnderWay(record)
    ? record.rollback!
    : { 'to-version': toVersion ?? '', result: null, 'started-at': now, 'finished-at': null };
  return { ...record, stages, rollback, 'heartbeat-at': now };
}

/** Record the rollback's result and close the record: `rolled-back` or `rollback-failed`; a cancelled
 * record stays `cancelled` (the cancel is what ended it), its rollback saying how that went. */
export function endRollback(
  record: AuditRecord,
  result: { passed: boolean; error?: StageError },
  now: string,
  note?: string,
): AuditRecord {
  const rollback: RollbackRecord = {
    ...(record.rollback ?? { 'to-version': '' }),
    result: result.passed ? 'passed' : 'failed',
    'finished-at': now,
    ...(result.error ? { error: result.error } : {}),
  };
  const outcome: Outcome =
    record.outcome === 'cancelled'
      ? 'cancelled'
      : record.kind === 'drill'
        ? 'drill-failed' // a drill whose run ended early failed as a drill, however its settling went
        : result.passed
          ? 'rolled-back'
          : 'rollback-failed';
  return finishRecord({ ...record, rollback }, outcome, now, note);
}

/** Stages still open are closed as cancelled: nothing runs in them any more. */
export function closeOpenStages(record: AuditRecord, now: string): AuditRecord {
  const stages = record.stages.map((s) =>
    s.result === null ? { ...s, result: 'cancelled' as const, 'finished-at': now } : s,
  );
  return { ...record, stages };
}

// --- Pause and promote: a paused record keeps the service, with no run alive. ---

/** A paused release: it keeps the service's lease until a promote or an abort takes it over. It is not
 * left open (see `leftOpen`): no heartbeat makes it stale, and nobody settles it behind the user's back. */
export function isPaused(record: Pick<AuditRecord, 'outcome'> | null): boolean {
  return record?.outcome === 'paused';
}

/** Stop the release after `stage` passed: `paused`, not finished. */
export function pauseRecord(record: AuditRecord, now: string): AuditRecord {
  return { ...record, outcome: 'paused', 'heartbeat-at': now };
}

/** The stage a paused record stopped after: the last one that passed. */
export function pausedStage(record: Pick<AuditRecord, 'stages'>): StageRecord | null {
  return record.stages.filter((s) => s.result === 'passed').at(-1) ?? null;
}

/** Since when a paused record waits: the end of its paused stage. */
export function pausedSince(record: AuditRecord): string {
  return pausedStage(record)?.['finished-at'] ?? record['heartbeat-at'];
}

/** A paused record, taken over by a run (promote, abort, or the re-run of an interrupted promote): open
 * again, owned by that run. */
export function resumeRecord(
  record: AuditRecord,
  by: Omit<ResumeRecord, 'run-id' | 'run-attempt' | 'run-url' | 'actor' | 'triggering-actor'> & {
    run: RunInfo;
  },
): AuditRecord {
  const { run, ...rest } = by;
  const entry: ResumeRecord = {
    command: rest.command,
    'run-id': run.runId,
    'run-attempt': run.runAttempt,
    'run-url': run.runUrl,
    actor: run.actor,
    'triggering-actor': run.triggeringActor,
    at: rest.at,
    stage: rest.stage,
    ...(rest.recheck ? { recheck: rest.recheck } : {}),
  };
  return {
    ...record,
    outcome: null,
    'heartbeat-at': rest.at,
    resumes: [...(record.resumes ?? []), entry],
  };
}

/** The run that owns a record now: the last one that took it over after a pause, else the one that
 * started it. Liveness, the post step and "who is releasing" all ask this. */
export function owningRun(record: Pick<AuditRecord, 'run-id' | 'run-attempt' | 'run-url' | 'resumes'>): {
  runId: string;
  runAttempt: number;
  runUrl: string;
} {
  const last = record.resumes?.at(-1);
  const from = last ?? record;
  return { runId: from['run-id'], runAttempt: from['run-attempt'], runUrl: from['run-url'] };
}
