/** The settings `defaults` and each service may give: deploy and rollback commands, stages, the health
 * gate, the timeout. A service's key replaces the default's whole. */
import type { Position, StageConfig, VerifyConfig } from '../types.js';
import type { Reader, Value } from './reader.js';
import { DEFAULTS, DEFAULTS_KEYS, RESERVED_STAGE_NAME, STAGE_KEYS, VERIFY_KEYS } from './schema.js';
import { quote } from './value.js';

export interface Overrides {
  /** The keys given, valid or not. */
  given: ReadonlySet<string>;
  stages?: StageConfig[];
  deploy?: string | false;
  verify?: VerifyConfig;
  rollback?: string;
  timeoutMs?: number;
  passOidc?: boolean;
  notify?: string;
  waitMs?: number;
}

/** The field of Overrides that holds each key. Every key of DEFAULTS_KEYS must be here (the type says so),
 * so merging a discovered service with its listed entry cannot forget a new setting. */
export const OVERRIDE_FIELDS = {
  stages: 'stages',
  deploy: 'deploy',
  verify: 'verify',
  rollback: 'rollback',
  timeout: 'timeoutMs',
  'pass-oidc': 'passOidc',
  notify: 'notify',
  wait: 'waitMs',
} as const satisfies Record<(typeof DEFAULTS_KEYS)[number], Exclude<keyof Overrides, 'given'>>;

/** The keys of a service that sets none of the defaults' (most services): one set for all of them. */
export const NO_KEYS: ReadonlySet<string> = new Set();

export function readDefaults(r: Reader, v: Value): Overrides {
  const entries = r.mapping(v, DEFAULTS_KEYS);
  return entries ? readOverrides(r, entries) : { given: NO_KEYS };
}

export function readOverrides(r: Reader, entries: Map<string, Value>): Overrides {
  const given = DEFAULTS_KEYS.filter((key) => entries.has(key));
  const o: Overrides = { given: given.length === 0 ? NO_KEYS : new Set(given) };
  const get = (key: (typeof DEFAULTS_KEYS)[number]): Value | undefined => entries.get(key);
  if (get('stages')) o.stages = readStages(r, get('stages')!);
  if (get('deploy')) o.deploy = readDeploy(r, get('deploy')!);
  if (get('verify')) o.verify = readVerify(r, get('verify')!);
  if (get('rollback')) o.rollback = r.string(get('rollback')!, 'a command line, like ./scripts/rollback.sh');
  if (get('timeout')) o.timeoutMs = r.duration(get('timeout')!);
  if (get('pass-oidc')) o.passOidc = r.boolean(get('pass-oidc')!);
  if (get('notify')) o.notify = r.string(get('notify')!, 'a command line, like ./scripts/notify.sh');
  if (get('wait')) o.waitMs = r.duration(get('wait')!);
  return o;
}

function readDeploy(r: Reader, v: Value): string | false | undefined {
  if (v.value === false) return false;
  return r.string(
    v,
    'a command line, like ./scripts/deploy.sh, or false for a library that is never released',
  );
}

function readStages(r: Reader, v: Value): StageConfig[] | undefined {
  const expected =
    'a list of stages, like [{ name: canary, percent: 5, bake: 5m }, { name: full, percent: 100 }]';
  const items = r.list(v, expected);
  if (items === null) return undefined;
  if (items.length === 0) {
    r.error(v.pos, `${quote(v.label)} must list at least one stage, like [{ name: full, percent: 100 }]`);
    return undefined;
  }
  const stages = items.map((item) => readStage(r, item));
  checkStageNamesUnique(r, v, stages);
  checkPercentsRise(r, stages);
  checkNoPauseAtTheEnd(r, stages);
  return stages.every((s) => s.stage !== undefined) ? stages.map((s) => s.stage!) : undefined;
}

interface StageDraft {
  item: Value;
  name?: string;
  nameValue?: Value;
  percent?: number;
  percentValue?: Value;
  /** Where `pause: true` stands, when it does. */
  pauseValue?: Value;
  stage?: StageConfig;
}

function readStage(r: Reader, item: Value): StageDraft {
  const entries = r.mapping(item, STAGE_KEYS, 'a stage, like { name: canary, percent: 5, bake: 5m }');
  if (entries === null) return { item };
  const draft: StageDraft = { item, nameValue: entries.get('name'), percentValue: entries.get('percent') };
  if (draft.nameValue) draft.name = readStageName(r, draft.nameValue);
  else r.error(item.pos, `${quote(item.label)} has no "name"; add one, like name: canary`);
  if (draft.percentValue)
    draft.percent = r.integer(draft.percentValue, 1, 100, 'a whole number from 1 to 100');
  else
    r.error(
      item.pos,
      `${quote(item.label)} has no "percent"; add one, like percent: 5 (the last stage: 100)`,
    );
  const bake = entries.has('bake') ? r.duration(entries.get('bake')!) : undefined;
  const bakeBroken = entries.has('bake') && bake === undefined;
  const pause = entries.has('pause') ? r.boolean(entries.get('pause')!) : undefined;
  draft.pauseValue = pause ? entries.get('pause') : undefined;
  const pauseBroken = entries.has('pause') && pause === undefined;
  if (draft.name !== undefined && draft.percent !== undefined && !bakeBroken && !pauseBroken) {
    draft.stage = {
      name: draft.name,
      percent: draft.percent,
      ...(bake !== undefined ? { bakeMs: bake } : {}),
      ...(pause ? { pause: true } : {}),
    };
  }
  return draft;
}

function readStageName(r: Reader, v: Value): string | undefined {
  const name = r.name(v, 'stage');
  if (name === RESERVED_STAGE_NAME) {
    r.error(
      v.pos,
      `stage name "${RESERVED_STAGE_NAME}" is reserved (RELEASE_STAGE says "rollback" during a rollback); choose another name`,
    );
    return undefined;
  }
  return name;
}

function checkStageNamesUnique(r: Reader, list: Value, stages: StageDraft[]): void {
  const seen = new Set<string>();
  for (const stage of stages) {
    if (stage.name === undefined) continue;
    if (seen.has(stage.name)) {
      r.error(
        stage.nameValue!.pos,
        `stage name ${quote(stage.name)} appears twice in ${quote(list.label)}; give each stage its own name`,
      );
      stage.stage = undefined;
    }
    seen.add(stage.name);
  }
}

/** Percents must rise strictly and end at 100; say which stage breaks it. */
function checkPercentsRise(r: Reader, stages: StageDraft[]): void {
  let previous: StageDraft | undefined;
  let rising = true;
  for (const stage of stages) {
    if (stage.percent === undefined) continue;
    if (previous && stage.percent <= previous.percent!) {
      rising = false;
      r.error(
        stage.percentValue!.pos,
        `stage ${stageLabel(stage)} has percent ${stage.percent}, not above the ${previous.percent} of stage ` +
          `${stageLabel(previous)} before it; percents must rise strictly to 100, like 5, 50, 100`,
      );
    }
    previous = stage;
  }
  const last = stages[stages.length - 1]!;
  if (rising && last.percent !== undefined && last.percent !== 100) {
    r.error(
      last.percentValue!.pos,
      `the last stage ${stageLabel(last)} has percent ${last.percent}, but the last stage must be 100 so the release ` +
        `reaches everyone; add a final stage like { name: full, percent: 100 }`,
    );
  }
}

/** A pause waits for a promote to go on to the next stage: after the last stage there is none. */
function checkNoPauseAtTheEnd(r: Reader, stages: StageDraft[]): void {
  const last = stages[stages.length - 1]!;
  if (!last.pauseValue) return;
  r.error(
    last.pauseValue.pos,
    `the last stage ${stageLabel(last)} has pause: true, but after the last stage there is nothing to promote to; ` +
      'remove it, or put the pause on the stage before, like { name: canary, percent: 5, pause: true }',
  );
  last.stage = undefined;
}

function stageLabel(stage: StageDraft): string {
  return stage.name !== undefined ? quote(stage.name) : quote(stage.item.label);
}

function readVerify(r: Reader, v: Value): VerifyConfig | undefined {
  const entries = r.mapping(
    v,
    VERIFY_KEYS,
    'a health gate, like { command: ./scripts/health.sh, interval: 30s }',
  );
  if (entries === null) return undefined;
  const commandValue = entries.get('command');
  const httpValue = entries.get('http');
  if (commandValue && httpValue) {
    const second = isBefore(commandValue.at, httpValue.at) ? httpValue : commandValue;
    r.error(second.at, `${quote(v.label)} has both "command" and "http"; keep one of them`);
  } else if (!commandValue && !httpValue) {
    r.error(
      v.at,
      `${quote(v.label)} needs "command" (a health check script) or "http" (a URL that answers 2xx when healthy)`,
    );
  }
  const command = commandValue
    ? r.string(commandValue, 'a command line, like ./scripts/health.sh')
    : undefined;
  const http = httpValue ? r.url(httpValue) : undefined;
  const interval = entries.has('interval') ? r.duration(entries.get('interval')!) : DEFAULTS.verifyIntervalMs;
  const timeout = entries.has('timeout') ? r.duration(entries.get('timeout')!) : DEFAULTS.verifyTimeoutMs;
  const maxFailures = entries.has('max-failures')
    ? r.integer(entries.get('max-failures')!, 0, Number.MAX_SAFE_INTEGER, 'a whole number, 0 or more')
    : DEFAULTS.maxFailures;
  if ((command === undefined) === (http === undefined)) return undefined;
  if (interval === undefined || timeout === undefined || maxFailures === undefined) return undefined;
  return {
    ...(command !== undefined ? { command } : { http: http! }),
    intervalMs: interval,
    timeoutMs: timeout,
    maxFailures,
  };
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}
