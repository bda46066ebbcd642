/** Shared data shapes of the pure core. Durations are milliseconds. */

/** 1-based line and column in a source file. */
export interface Position {
  line: number;
  column: number;
}

/** Where the values of a config file stand, by JSON pointer: a scalar at its own position, a mapping or list
 * at its key. Undefined for a pointer to nothing in the file. */
export interface PositionLookup {
  get(pointer: string): Position | undefined;
}

/** A problem found in user input, positioned in a repo-relative file. The message says what was
 * expected and how to fix it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface StageConfig {
  name: string;
  percent: number;
  /** Bake time; undefined: the gate runs once. */
  bakeMs?: number;
  /** After this stage passes, the release stops `paused` until `promote` or `abort` (never on the last stage). */
  pause?: boolean;
}

export interface VerifyConfig {
  /** Exactly one of command and http is set. */
  command?: string;
  http?: string;
  intervalMs: number;
  timeoutMs: number;
  maxFailures: number;
}

/** A service with the defaults already applied. */
export interface ServiceConfig {
  name: string;
  /** Glob patterns as written, `!` patterns included, in order. */
  paths: string[];
  dependsOn: string[];
  url?: string;
  /** The deploy command line, or false for a library that is never released itself. */
  deploy: string | false;
  stages: StageConfig[];
  verify?: VerifyConfig;
  rollback?: string;
  timeoutMs: number;
  passOidc: boolean;
  /** Run once after each release, rollback or drill ends (`notify:`); absent: nothing is run. */
  notify?: string;
  /** Services it is released after when they are in one plan (`after`); absent: none. Orders releases only. */
  after?: string[];
  /** How long a release waits for the services it is after (`wait`); absent: DEFAULTS.waitMs. */
  waitMs?: number;
}

export interface AuditConfig {
  branch: string;
  deployments: boolean;
  deploymentEnvironment: string;
}

/** `drill:` at the top level. */
export interface DrillConfig {
  /** `allow-production`: a drill may run against `production`. */
  allowProduction: boolean;
}

export type Versioning = 'conventional' | 'sha';

export interface Config {
  version: 1;
  /** Repo-relative path of the file the config came from. */
  file: string;
  environment: string;
  tag: string;
  versioning: Versioning;
  shared: string[];
  /** In file order. */
  services: ServiceConfig[];
  audit: AuditConfig;
  /** Absent: the defaults (no drill against production). */
  drill?: DrillConfig;
  /** Where each value stands in the file, keyed by JSON pointer (`/services/api/paths/0`). */
  positions: PositionLookup;
  /** The services `discover:` found, by name, and where from; absent when the file has no `discover:`. */
  origins?: ReadonlyMap<string, ServiceOrigin>;
}

/** Where a discovered service came from: the rule, its directory and manifest, and the `depends-on` edges
 * the manifest declares. */
export interface ServiceOrigin {
  /** `discover[0] (workspaces: pnpm)`. */
  rule: string;
  /** The rule's line in the config file. */
  ruleLine: number;
  dir: string;
  /** Null for a `dirs` rule. */
  manifest: string | null;
  edges: Array<{ name: string; manifest: string }>;
  /** The keys its entry under `services:` gives, which replace what was found. */
  overriddenBy: string[];
}

/** Why a service is in the plan. */
export type ReasonKind = 'paths' | 'shared' | 'dependency' | 'tag' | 'all';

export interface Detection {
  kind: ReasonKind;
  /** From the service to the cause: `['web', 'common', 'libs/common/src/x.ts']`. */
  chain: string[];
  /** How many changed files matched the service's own paths (or shared, for kind shared). */
  files: number;
}

/** A commit as the version rules see it. */
export interface CommitInfo {
  sha: string;
  message: string;
  files: string[];
}

export type Bump = 'major' | 'minor' | 'patch';
