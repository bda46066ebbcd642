/** The environment of a user command (deploy, verify.command, rollback): the step's environment minus
 * what only the action may hold, plus the `RELEASE_*` variables that describe the release. */

/** What a command is told about the release it acts on. */
export interface ReleaseVars {
  service: string;
  version: string;
  /** Empty when there is none. */
  previousVersion: string;
  /** Stage name, or `rollback`. */
  stage: string;
  percent: number;
  environment: string;
  /** Full 40-character commit SHA. */
  sha: string;
  /** The audit record id. */
  id: string;
  /** The run attempt. */
  attempt: number;
  /** Only for a rollback: the version being taken out. */
  failedVersion?: string;
  /** Only for `notify`: how the run ended (`released`, `rolled-back`, `drilled`, …). */
  outcome?: string;
  /** Only for `notify`: the path of a file holding the run's markdown summary. */
  summary?: string;
}

export interface CommandEnvOptions {
  /** Let `ACTIONS_ID_TOKEN_REQUEST_*` through (input `pass-oidc`). */
  passOidc: boolean;
  /** Values no variable may carry, whatever its name (the token). */
  secrets?: readonly string[];
}

interface WithheldRule {
  /** A variable name, or a prefix ending in `*`. Matched case-insensitively (Windows runners). */
  name: string;
  reason: string;
  /** Passed through when `pass-oidc` is on. */
  oidc?: boolean;
}

/** The variables a command never sees, for the docs. Name matching is case-insensitive. */
export const WITHHELD_VARIABLES: readonly WithheldRule[] = [
  { name: 'INPUT_*', reason: "the action's inputs, the token among them" },
  { name: 'GITHUB_TOKEN', reason: 'the token' },
  { name: 'GH_TOKEN', reason: 'the token, as the gh CLI reads it' },
  { name: 'ACTIONS_RUNTIME_TOKEN', reason: "the runner's credential for the cache and artifact services" },
  // The runtime token's endpoints travel with it: toolkits (e.g. @actions/cache) treat a set URL as "the
  // service is available" and then fail on the missing token; without the URL they skip cleanly.
  { name: 'ACTIONS_RUNTIME_URL', reason: 'endpoint of ACTIONS_RUNTIME_TOKEN, useless without it' },
  { name: 'ACTIONS_RESULTS_URL', reason: 'endpoint of ACTIONS_RUNTIME_TOKEN, useless without it' },
  { name: 'ACTIONS_CACHE_URL', reason: 'endpoint of ACTIONS_RUNTIME_TOKEN, useless without it' },
  {
    name: 'ACTIONS_ID_TOKEN_REQUEST_*',
    reason: 'mints OIDC tokens; passed with pass-oidc: true',
    oidc: true,
  },
];

/** The runner's file commands: what a step appends to these files becomes the step's outputs, its post
 * step's state, later steps' environment and PATH, and the job summary. A command gets a fresh empty file
 * under each name instead (ShellRunner makes them, deleted afterwards): a script that appends to
 * `$GITHUB_OUTPUT` keeps working (an unset variable would fail it under `bash -e` or write to a file named
 * after nothing), and what it writes never reaches the runner, so it cannot forge the action's outputs, the
 * rollback its post step performs, or raw HTML in the summary. */
export const RUNNER_FILE_VARIABLES = [
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY',
] as const;

/** `env` with each runner file variable naming its scratch file, `fileIn(name)`. */
export function withScratchRunnerFiles(
  env: Record<string, string>,
  fileIn: (name: string) => string,
): Record<string, string> {
  const scratch = Object.fromEntries(RUNNER_FILE_VARIABLES.map((name) => [name, fileIn(name)]));
  return { ...env, ...scratch };
}

/** Names of the variables this module sets; a stale one in the step's environment never leaks through. */
const RELEASE_NAMES = [
  'RELEASE_SERVICE',
  'RELEASE_VERSION',
  'RELEASE_PREVIOUS_VERSION',
  'RELEASE_STAGE',
  'RELEASE_PERCENT',
  'RELEASE_ENVIRONMENT',
  'RELEASE_SHA',
  'RELEASE_ID',
  'RELEASE_ATTEMPT',
  'RELEASE_FAILED_VERSION',
  'RELEASE_OUTCOME',
  'RELEASE_SUMMARY',
] as const;

/** Shorter secrets are only matched whole: a substring test would strip unrelated variables. */
const MIN_SUBSTRING_SECRET = 8;

/** The `RELEASE_*` variables for one command. */
export function releaseVariables(vars: ReleaseVars): Record<string, string> {
  const env: Record<string, string> = {
    RELEASE_SERVICE: vars.service,
    RELEASE_VERSION: vars.version,
    RELEASE_PREVIOUS_VERSION: vars.previousVersion,
    RELEASE_STAGE: vars.stage,
    RELEASE_PERCENT: String(vars.percent),
    RELEASE_ENVIRONMENT: vars.environment,
    RELEASE_SHA: vars.sha,
    RELEASE_ID: vars.id,
    RELEASE_ATTEMPT: String(vars.attempt),
  };
  if (vars.failedVersion !== undefined) env.RELEASE_FAILED_VERSION = vars.failedVersion;
  if (vars.outcome !== undefined) env.RELEASE_OUTCOME = vars.outcome;
  if (vars.summary !== undefined) env.RELEASE_SUMMARY = vars.summary;
  return env;
}

/** The full environment of a user command: `base` (the step's environment) without the withheld
 * variables, then the `RELEASE_*` variables. */
export function commandEnvironment(
  base: Record<string, string | undefined>,
  vars: ReleaseVars,
  options: CommandEnvOptions,
): Record<string, string> {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || isReleaseName(name)) continue;
    if (isWithheldName(name, options.passOidc) || carriesSecret(value, secrets)) continue;
    env[name] = value;
  }
  return { ...withoutGitExtraHeaders(env), ...releaseVariables(vars) };
}

function isReleaseName(name: string): boolean {
  return (RELEASE_NAMES as readonly string[]).includes(name.toUpperCase());
}

function isWithheldName(name: string, passOidc: boolean): boolean {
  const upper = name.toUpperCase();
  return WITHHELD_VARIABLES.some((rule) => {
    if (rule.oidc && passOidc) return false;
    return rule.name.endsWith('*') ? upper.startsWith(rule.name.slice(0, -1)) : upper === rule.name;
  });
}

function carriesSecret(value: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => value === s || (s.length >= MIN_SUBSTRING_SECRET && value.includes(s)));
}

/** Drop the `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` pairs that set an `http.*extraheader` (how the
 * action hands git its token) and renumber the rest: git refuses a gap in the numbering. */
export function withoutGitExtraHeaders(env: Record<string, string>): Record<string, string> {
  if (env.GIT_CONFIG_COUNT === undefined) return env;
  const count = Number.parseInt(env.GIT_CONFIG_COUNT, 10);
  const kept: Array<[string, string]> = [];
  for (let i = 0; i < (Number.isSafeInteger(count) ? count : 0); i++) {
    const key = env[`GIT_CONFIG_KEY_${i}`];
    const value = env[`GIT_CONFIG_VALUE_${i}`];
    if (key === undefined || value === undefined || isExtraHeaderKey(key)) continue;
    kept.push([key, value]);
  }
  const rest = Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+)$/.test(name)),
  );
  if (kept.length === 0) return rest;
  rest.GIT_CONFIG_COUNT = String(kept.length);
  kept.forEach(([key, value], i) => {
    rest[`GIT_CONFIG_KEY_${i}`] = key;
    rest[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return rest;
}

/** `http.extraheader` and its per-URL form `http.<url>.extraheader`; git keys are case-insensitive. */
function isExtraHeaderKey(key: string): boolean {
  const lower = key.trim().toLowerCase();
  return lower.startsWith('http.') && lower.endsWith('.extraheader');
}
