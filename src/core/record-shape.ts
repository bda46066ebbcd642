/** The shape of the files on the audit branch (DESIGN.md "Audit log"): records, live pointers and latest
 * pointers. Anyone who can push to the branch can put anything there, so what is read is checked before
 * the code relies on it: a wrong type becomes a clear message naming the field, never a TypeError. Fields
 * the shape does not name are let through (a newer version may add some). */

type Check = (value: unknown) => string | null;

/** What a value is, in words, for "<field> is <what>". */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const string: Check = (v) => (typeof v === 'string' ? null : 'a string');
const number: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a number');
const nullable =
  (check: Check): Check =>
  (v) => {
    if (v === null) return null;
    const expected = check(v);
    return expected && `${expected} or null`;
  };
interface Field {
  check: Check | Shape;
  optional?: boolean;
}
type Shape = Record<string, Field>;

const required = (check: Check | Shape): Field => ({ check });
const optional = (check: Check | Shape): Field => ({ check, optional: true });

const STAGE_ERROR: Shape = {
  kind: required(string),
  'exit-code': required(nullable(number)),
  message: required(string),
  output: required(string),
};

const STAGE: Shape = {
  name: required(string),
  percent: required(number),
  'started-at': required(string),
  'finished-at': required(nullable(string)),
  result: required(nullable(string)),
  checks: required({ passed: required(number), failed: required(number) }),
  error: optional(STAGE_ERROR),
};

const ROLLBACK: Shape = {
  'to-version': required(string),
  result: required(nullable(string)),
  'started-at': optional(string),
  'finished-at': optional(nullable(string)),
  error: optional(STAGE_ERROR),
};

/** A run that went on from a pause (promote, abort): who owns the record from then on. */
const RESUME: Shape = {
  command: required(string),
  'run-id': required(string),
  'run-attempt': required(number),
  'run-url': required(string),
  at: required(string),
  stage: required(string),
};

const RECORD: Shape = {
  id: required(string),
  kind: required(string),
  service: required(string),
  environment: required(string),
  version: required(string),
  'previous-version': required(string),
  sha: required(string),
  ref: required(string),
  event: required(string),
  actor: required(string),
  'triggering-actor': required(string),
  'run-id': required(string),
  'run-attempt': required(number),
  'run-url': required(string),
  'started-at': required(string),
  'heartbeat-at': required(string),
  'finished-at': required(nullable(string)),
  outcome: required(nullable(string)),
  note: optional(string),
};

const LIVE_POINTER: Shape = {
  version: required(string),
  sha: required(string),
  record: required(string),
  'previous-version': required(string),
  'previous-sha': required(string),
  'updated-at': required(string),
};

/** Where a latest pointer may point: a record file, never outside `records/`. */
const recordFilePath: Check = (v) =>
  typeof v === 'string' && /^records\/[^/]+\/[^/]+\/[^/]+\.json$/.test(v) && !v.includes('..')
    ? null
    : 'a path records/<service>/<yyyy-mm>/<file>.json';

const LATEST_POINTER: Shape = {
  record: required(string),
  path: required(recordFilePath),
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemsOf(value: unknown, shape: Shape, at: string): string[] {
  if (!isObject(value)) return [`${at || 'the file'} is ${describe(value)} (expected an object)`];
  const problems: string[] = [];
  for (const [name, field] of Object.entries(shape)) {
    const fieldValue = value[name];
    const where = at ? `${at}.${name}` : name;
    if (fieldValue === undefined) {
      if (!field.optional) problems.push(`${where} is missing`);
      continue;
    }
    if (typeof field.check === 'function') {
      const expected = field.check(fieldValue);
      if (expected) problems.push(`${where} is ${describe(fieldValue)} (expected ${expected})`);
    } else problems.push(...problemsOf(fieldValue, field.check, where));
  }
  return problems;
}

/** What is wrong with an audit record; empty when nothing is. */
export function recordProblems(value: unknown): string[] {
  const problems = problemsOf(value, RECORD, '');
  if (!isObject(value)) return problems;
  const stages = value.stages;
  if (!Array.isArray(stages)) problems.push(`stages is ${describe(stages)} (expected a list)`);
  else stages.forEach((stage, i) => problems.push(...problemsOf(stage, STAGE, `stages[${i}]`)));
  if (value.rollback !== null) problems.push(...problemsOf(value.rollback, ROLLBACK, 'rollback'));
  const resumes = value.resumes;
  if (resumes !== undefined && !Array.isArray(resumes))
    problems.push(`resumes is ${describe(resumes)} (expected a list)`);
  else resumes?.forEach((entry, i) => problems.push(...problemsOf(entry, RESUME, `resumes[${i}]`)));
  return problems;
}

export function livePointerProblems(value: unknown): string[] {
  return problemsOf(value, LIVE_POINTER, '');
}

export function latestPointerProblems(value: unknown): string[] {
  return problemsOf(value, LATEST_POINTER, '');
}

export type AuditFileKind = 'record' | 'live pointer' | 'latest pointer';

/** The kind of an audit file, from where it lives (records/, current/, latest/); null for other files. */
export function auditFileKind(path: string): AuditFileKind | null {
  if (path.startsWith('records/')) return 'record';
  if (path.startsWith('current/')) return 'live pointer';
  if (path.startsWith('latest/')) return 'latest pointer';
  return null;
}

/** What is wrong with the parsed content of the audit file at `path`, by its kind; empty when nothing is
 * (or the file is of no known kind). */
export function auditFileProblems(path: string, value: unknown): string[] {
  switch (auditFileKind(path)) {
    case 'record':
      return recordProblems(value);
    case 'live pointer':
      return livePointerProblems(value);
    case 'latest pointer':
      return latestPointerProblems(value);
    case null:
      return [];
  }
}
