/** Loads and validates `.github/monorepo-release.yml`. Every mistake becomes a positioned diagnostic and all
 * of them are reported in one pass, so a user fixes the file once instead of once per error. */
import {
  ALIAS_BOMB_MESSAGE,
  keyText,
  positionsOf,
  quote,
  type Report,
  type TreeNode,
} from './config-tree.js';
import type { YamlTree } from './config-yaml.js';
import { formatDuration, MAX_DURATION_MS, parseDuration } from './duration.js';
import { findCycle } from './graph.js';
import type { ConfigPaths } from './pattern-check.js';
import {
  describeNameRule,
  isEnvironmentName,
  isGitRefName,
  isServiceName,
  isStageName,
  type NameKind,
} from './names.js';
import { suggest } from './suggest.js';
import { readFastTree } from './yaml-fast.js';
import type {
  AuditConfig,
  Config,
  Diagnostic,
  Position,
  ServiceConfig,
  StageConfig,
  VerifyConfig,
  Versioning,
} from './types.js';

// The keys the file accepts. The JSON schema in schema/ is tested against these lists.
export const TOP_LEVEL_KEYS = [
  'version',
  'environment',
  'tag',
  'versioning',
  'shared',
  'defaults',
  'services',
  'audit',
] as const;
export const DEFAULTS_KEYS = ['stages', 'deploy', 'verify', 'rollback', 'timeout', 'pass-oidc'] as const;
export const SERVICE_KEYS = ['paths', 'depends-on', 'url', ...DEFAULTS_KEYS] as const;
export const STAGE_KEYS = ['name', 'percent', 'bake'] as const;
export const VERIFY_KEYS = ['command', 'http', 'interval', 'timeout', 'max-failures'] as const;
export const AUDIT_KEYS = ['branch', 'deployments', 'deployment-environment'] as const;
export const SUPPORTED_VERSIONS: readonly number[] = [1];
export const VERSIONING_MODES: readonly Versioning[] = ['conventional', 'sha'];

export const MAX_CONFIG_BYTES = 1024 * 1024;
/** RELEASE_STAGE holds this word during a rollback, so no stage may be called that. */
const RESERVED_STAGE_NAME = 'rollback';

export const DEFAULTS = {
  environment: 'production',
  tag: '{service}@v{version}',
  versioning: 'conventional' as Versioning,
  stages: [{ name: 'full', percent: 100 }] as readonly StageConfig[],
  timeoutMs: 15 * 60_000,
  passOidc: false,
  verifyIntervalMs: 30_000,
  verifyTimeoutMs: 30_000,
  maxFailures: 0,
  auditBranch: 'release-audit',
  deployments: false,
  deploymentEnvironment: '{environment}/{service}',
} as const;

const MINIMAL_CONFIG = [
  'version: 1',
  'services:',
  '  api:',
  '    paths: [services/api/**]',
  '    deploy: ./scripts/deploy.sh',
].join('\n');

/** The GitHub deployment environment of a service, from `audit.deployment-environment`. */
export function resolveDeploymentEnvironment(
  audit: AuditConfig,
  environment: string,
  service: string,
): string {
  return audit.deploymentEnvironment
    .replaceAll('{environment}', environment)
    .replaceAll('{service}', service);
}

export interface ParsedConfig {
  config: Config | null;
  diagnostics: Diagnostic[];
  /** What the path check can use: the config when it is valid; else the services and patterns that could
   * be read, so that `validate` reports dead paths with the other mistakes (null when nothing could be
   * read: not YAML, not a mapping, another config version). */
  paths: ConfigPaths | null;
}

/** A config as read: valid or null, and what the path check can use of it. */
interface ReadResult {
  config: Config | null;
  paths: ConfigPaths | null;
}

const NOTHING_READ: ReadResult = { config: null, paths: null };

/** Which YAML reader builds the tree the validator reads. `yaml`: the `yaml` package's Document API.
 * `fast`: the small reader of plain config YAML (see yaml-fast.ts), whenever it can build the tree;
 * its result is returned even with diagnostics. `auto` (the default): the fast tree for a file it can build
 * that is also free of diagnostics, else `yaml` — a file with problems is read again by `yaml`, so every
 * diagnostic comes from the reader the config tests pin down. */
export type ConfigEngine = 'auto' | 'yaml' | 'fast';

/** A ParsedConfig and the reader whose tree produced it. */
export interface TracedParse extends ParsedConfig {
  engine: 'yaml' | 'fast';
}

/** The complete reader (config-yaml.ts), passed in so that its `yaml` package loads only when needed. */
export type YamlReader = (text: string, report: Report) => YamlTree | null;

/** What the fast reader makes of the file, when `engine` (`auto` or `fast`) takes it; null when `yaml`
 * must read the file. `config.positions` maps JSON pointers to where a value stands: a scalar's own
 * position, and for a mapping or list the position of its key (a block collection starts on the next
 * line, the key is what a reader looks for). */
export function parseConfigFast(
  text: string,
  file: string,
  engine: 'auto' | 'fast' = 'auto',
): TracedParse | null {
  if (utf8Length(text) > MAX_CONFIG_BYTES) return null;
  const tree = readFastTree(text);
  if (tree === undefined) return null;
  const at = positionsOf(text);
  const fast = validateWith(file, (report) => validateTree(tree, at, undefined, text.length, file, report));
  return engine === 'fast' || fast.diagnostics.length === 0 ? { ...fast, engine: 'fast' } : null;
}

/** What the complete reader makes of the file: every YAML problem and every config mistake. */
export function parseConfigWith(readYaml: YamlReader, text: string, file: string): TracedParse {
  return { ...validateWith(file, (report) => loadConfig(readYaml, text, file, report)), engine: 'yaml' };
}

/** Whether the fast reader can build the tree of this text (parsing may still use `yaml`, for a file
 * with diagnostics). */
export function canUseFastPath(text: string): boolean {
  return utf8Length(text) <= MAX_CONFIG_BYTES && readFastTree(text) !== undefined;
}

function validateWith(file: string, load: (report: Report) => ReadResult): ParsedConfig {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], pos: Position, message: string): void => {
    diagnostics.push({ severity, file, line: pos.line, column: pos.column, message });
  };
  const { config, paths } = load(report);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const ordered = dedupe(diagnostics).sort((a, b) => a.line - b.line || a.column - b.column);
  return { config: hasError ? null : config, diagnostics: ordered, paths };
}

const START: Position = { line: 1, column: 1 };

function loadConfig(readYaml: YamlReader, text: string, file: string, report: Report): ReadResult {
  const bytes = utf8Length(text);
  if (bytes > MAX_CONFIG_BYTES) {
    report(
      'error',
      START,
      `the config file is ${(bytes / MAX_CONFIG_BYTES).toFixed(1)} MiB, over the limit of 1 MiB; ` +
        `check that the "config" input names the right file (a config is usually a few KiB)`,
    );
    return NOTHING_READ;
  }
  const tree = readYaml(text, report);
  if (tree === null) return NOTHING_READ;
  return validateTree(tree.contents, tree.at, tree.firstAlias, text.length, file, report);
}

function validateTree(
  contents: TreeNode | null,
  at: (offset: number) => Position,
  firstAlias: Position | undefined,
  textLength: number,
  file: string,
  report: Report,
): ReadResult {
  if (contents === null || isEmpty(contents)) {
    report('error', START, `the config file is empty; a minimal config is:\n${MINIMAL_CONFIG}`);
    return NOTHING_READ;
  }
  const reader = new Reader(at, textLength + 10_000, report);
  try {
    return readConfig(reader, contents, file);
  } catch (error) {
    if (!(error instanceof AliasExpansionError)) throw error;
    report('error', firstAlias ?? START, ALIAS_BOMB_MESSAGE);
    return NOTHING_READ;
  }
}

/** Number of UTF-8 bytes, without allocating an encoded copy. Nearly every config is ASCII, which one
 * native scan tells; only other text is counted character by character. */
function utf8Length(text: string): number {
  if (text.length > MAX_CONFIG_BYTES) return text.length; // at least one byte per UTF-16 unit: over already
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Thrown when reading through aliases visits more nodes than the file could hold without them. */
class AliasExpansionError extends Error {}

/** A value in the file: its node (aliases resolved), where it stands, and how messages name it. Its label
 * is worked out from its parent when a message asks: building a label and a JSON pointer for every value
 * of a 2,000-service config cost a plan ~13 ms. */
class Value {
  constructor(
    /** null when the entry has no value at all. */
    readonly node: TreeNode | null,
    /** The value's own position (the alias's, when reached through one). */
    readonly pos: Position,
    /** The entry's position: the key for a mapping entry, else the value. */
    readonly at: Position,
    private readonly parent: Value | null,
    /** The key (in a mapping) or index (in a list) that leads from the parent here. */
    private readonly step: string | number,
    /** Where RecordedPositions keeps it. */
    readonly recorded: number,
  ) {}

  /** `services.api.stages[0].percent`; empty for the top level. */
  get label(): string {
    if (this.parent === null) return '';
    if (typeof this.step === 'number') return `${this.parent.label}[${this.step}]`;
    const up = this.parent.label;
    return up ? `${up}.${this.step}` : this.step;
  }
}

/** JSON pointer → position of every value read, in the order read. Kept as links to the parent and steps
 * from it, not as pointers: the map is built on first use (most plans never ask; a warning about a path
 * pattern does), and nothing here holds on to the YAML tree. */
class RecordedPositions implements ReadonlyMap<string, Position> {
  /** Per value: the parent's index (-1 for the top level), the step from it, the position. One array of
   * triples, not three arrays: one push per value of a 10,000-service file. */
  private readonly recorded: Array<number | string | Position> = [];
  private built: Map<string, Position> | null = null;

  /** Records a value met by `step` from the one recorded at `parent` (-1 for the top level); returns
   * where it is kept. */
  record(parent: number, step: string | number, position: Position): number {
    this.recorded.push(parent, step, position);
    return this.recorded.length / 3 - 1;
  }

  private map(): Map<string, Position> {
    if (this.built) return this.built;
    const pointers: string[] = [];
    const map = new Map<string, Position>();
    const recorded = this.recorded;
    for (let i = 0; i < recorded.length / 3; i++) {
      const parent = recorded[3 * i] as number;
      const step = recorded[3 * i + 1] as string | number;
      const segment = typeof step === 'number' ? String(step) : escapePointer(step);
      pointers.push(parent < 0 ? '' : `${pointers[parent]}/${segment}`);
      map.set(pointers[i]!, recorded[3 * i + 2] as Position);
    }
    this.built = map;
    return map;
  }

  get size(): number {
    return this.map().size;
  }
  get(pointer: string): Position | undefined {
    return this.map().get(pointer);
  }
  has(pointer: string): boolean {
    return this.map().has(pointer);
  }
  forEach(fn: (position: Position, pointer: string, map: ReadonlyMap<string, Position>) => void): void {
    this.map().forEach((position, pointer) => fn(position, pointer, this));
  }
  entries(): MapIterator<[string, Position]> {
    return this.map().entries();
  }
  keys(): MapIterator<string> {
    return this.map().keys();
  }
  values(): MapIterator<Position> {
    return this.map().values();
  }
  [Symbol.iterator](): MapIterator<[string, Position]> {
    return this.map()[Symbol.iterator]();
  }
}

/** Reads typed values out of the YAML tree, reporting each mistake at its node. */
class Reader {
  readonly positions = new RecordedPositions();
  private visits = 0;

  constructor(
    private readonly at: (offset: number) => Position,
    private readonly visitBudget: number,
    private readonly report: Report,
  ) {}

  error(pos: Position, message: string): void {
    this.report('error', pos, message);
  }

  warning(pos: Position, message: string): void {
    this.report('warning', pos, message);
  }

  root(node: TreeNode): Value {
    return this.value(node, null, null, '');
  }

  /** Wraps a node met by `step` from `parent`, resolving an alias and recording it for its position. */
  value(raw: TreeNode | null, keyPos: Position | null, parent: Value | null, step: string | number): Value {
    if (++this.visits > this.visitBudget) throw new AliasExpansionError();
    const own = raw ? this.at(raw.start) : null;
    const node = raw?.kind === 'alias' ? raw.target : raw;
    const pos = own && !isEmpty(node) ? own : (keyPos ?? own ?? START);
    const at = keyPos ?? pos;
    // A collection is found by its key, a scalar at its own position.
    const position = node?.kind === 'map' || node?.kind === 'seq' ? at : pos;
    const recorded = this.positions.record(parent?.recorded ?? -1, step, position);
    return new Value(node, pos, at, parent, step, recorded);
  }

  /** The entries of a mapping, first occurrence of each key (reportDuplicateKeys reports the others). Keys
   * outside `allowed` are reported with a suggestion; pass null to accept any key. */
  mapping(
    v: Value,
    allowed: readonly string[] | null,
    expected = 'a mapping of keys',
  ): Map<string, Value> | null {
    if (v.node?.kind !== 'map') {
      this.typeError(v, expected);
      return null;
    }
    const entries = new Map<string, Value>();
    const items = v.node.items;
    // An indexed loop: `for...of` allocates per step in the short commands (see adapters/engine.ts).
    for (let i = 0; i < items.length; i++) {
      const pair = items[i]!;
      const keyPos = pair.key ? this.at(pair.key.start) : v.pos;
      const key = keyText(pair.key);
      if (key === null) {
        this.error(keyPos, `a key ${where(v)} must be a plain name, not ${describe(pair.key)}`);
        continue;
      }
      if (entries.has(key)) continue;
      if (allowed && !allowed.includes(key)) {
        this.unknownKey(key, keyPos, v, allowed);
        continue;
      }
      entries.set(key, this.value(pair.value, keyPos, v, key));
    }
    return entries;
  }

  private unknownKey(key: string, pos: Position, parent: Value, allowed: readonly string[]): void {
    const guess = suggest(key, allowed);
    const hint = guess ? `; did you mean ${quote(guess)}?` : '.';
    this.error(pos, `unknown key ${quote(key)} ${where(parent)}${hint} Allowed keys: ${allowed.join(', ')}`);
  }

  /** The items of a list, or null (reported) when the value is not one. */
  list(v: Value, expected: string): Value[] | null {
    if (v.node?.kind !== 'seq') {
      this.typeError(v, expected);
      return null;
    }
    return v.node.items.map((item, i) => this.value(item, null, v, i));
  }

  /** A non-blank string. */
  string(v: Value, expected: string): string | undefined {
    const value = scalarValue(v.node);
    if (typeof value === 'string' && value.trim() !== '' && !hasUnknownTag(v.node)) return value;
    this.typeError(v, expected);
    return undefined;
  }

  boolean(v: Value): boolean | undefined {
    const value = scalarValue(v.node);
    if (typeof value === 'boolean') return value;
    this.typeError(v, 'true or false');
    return undefined;
  }

  integer(v: Value, min: number, max: number, expected: string): number | undefined {
    const value = scalarValue(v.node);
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.typeError(v, expected);
    return undefined;
  }

  duration(v: Value): number | undefined {
    const value = scalarValue(v.node);
    if (typeof value === 'string') {
      const ms = parseDuration(value);
      if (ms !== null) return ms;
    }
    if (typeof value === 'number') {
      this.typeError(v, `a duration with a unit, like ${value}s`);
      return undefined;
    }
    this.typeError(
      v,
      'a duration: a whole number above 0 and a unit (ms, s, m or h) with no space, like 500ms, 30s, 5m or 1h, ' +
        `at most ${formatDuration(MAX_DURATION_MS - (MAX_DURATION_MS % 3_600_000))}`,
    );
    return undefined;
  }

  name(v: Value, kind: NameKind): string | undefined {
    const value = this.string(v, `${article(kind)} ${kind} name`);
    if (value === undefined) return undefined;
    if (isNameOf(kind, value)) return value;
    this.error(
      v.pos,
      `${quote(v.label)} must be a valid ${kind} name; got ${quote(value)}: ${describeNameRule(kind)}`,
    );
    return undefined;
  }

  oneOf<T extends string>(v: Value, choices: readonly T[]): T | undefined {
    const value = scalarValue(v.node);
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    const guess = typeof value === 'string' ? suggest(value, choices) : undefined;
    this.typeError(v, `one of ${choices.join(', ')}${guess ? ` (did you mean ${quote(guess)}?)` : ''}`);
    return undefined;
  }

  url(v: Value): string | undefined {
    const value = this.string(v, 'an http or https URL');
    if (value === undefined) return undefined;
    if (isHttpUrl(value)) return value;
    this.error(
      v.pos,
      `${quote(v.label)} must be an http or https URL, like https://api.example.com; got ${quote(value)}`,
    );
    return undefined;
  }

  typeError(v: Value, expected: string): void {
    if (hasUnknownTag(v.node)) return; // already reported by the parser pass
    this.error(v.pos, `${quote(v.label)} must be ${expected}; got ${describe(v.node)}`);
  }
}

/** The keys of a service that sets none of the defaults' (most services): one set for all of them. */
const NO_KEYS: ReadonlySet<string> = new Set();

// --- the sections of the file ---------------------------------------------------------------------------

/** What `defaults` and a service may set; a service's key replaces the default's whole. */
interface Overrides {
  given: ReadonlySet<string>;
  stages?: StageConfig[];
  deploy?: string | false;
  verify?: VerifyConfig;
  rollback?: string;
  timeoutMs?: number;
  passOidc?: boolean;
}

interface ServiceDraft {
  name: string;
  at: Position;
  /** False when its value is not a mapping (reported); it still counts as a name for `depends-on`. */
  isMapping: boolean;
  paths: string[];
  dependsOn: Array<{ name: string; pos: Position }>;
  url?: string;
  overrides: Overrides;
}

function readConfig(r: Reader, contents: TreeNode, file: string): ReadResult {
  const root = r.root(contents);
  if (root.node?.kind !== 'map') {
    r.error(
      root.pos,
      `the top level of the config file must be a mapping of keys (version, services, …); got ${describe(root.node)}. ` +
        `A minimal config is:\n${MINIMAL_CONFIG}`,
    );
    return NOTHING_READ;
  }
  // The version decides which keys exist, so it is checked before anything else.
  if (!readVersion(r, root, r.mapping(root, null)!.get('version'))) return NOTHING_READ;
  const top = r.mapping(root, TOP_LEVEL_KEYS)!;
  const environment = top.has('environment')
    ? r.name(top.get('environment')!, 'environment')
    : DEFAULTS.environment;
  const tag = top.has('tag') ? readTagTemplate(r, top.get('tag')!) : DEFAULTS.tag;
  const versioning = top.has('versioning')
    ? r.oneOf(top.get('versioning')!, VERSIONING_MODES)
    : DEFAULTS.versioning;
  const shared = top.has('shared') ? readPatterns(r, top.get('shared')!, false) : [];
  const defaults = top.has('defaults') ? readDefaults(r, top.get('defaults')!) : { given: new Set<string>() };
  const drafts = readServices(r, root, top.get('services'));
  const audit = readAudit(r, top.get('audit'));
  checkDependencies(r, drafts);
  if (tag !== undefined) checkTagNames(r, top.get('tag') ?? root, tag, drafts);
  const services = drafts.map((draft) => finishService(r, draft, defaults));
  if (
    environment === undefined ||
    tag === undefined ||
    versioning === undefined ||
    shared === undefined ||
    audit === undefined ||
    services.some((s) => s === undefined)
  ) {
    return { config: null, paths: pathsRead(r, file, shared, drafts, defaults) };
  }
  const config: Config = {
    version: 1,
    file,
    environment,
    tag,
    versioning,
    shared,
    services: services as ServiceConfig[],
    audit,
    positions: r.positions,
  };
  return { config, paths: config };
}

/** The services and patterns of a config with errors, as far as they could be read: a service whose
 * `paths` could not be read has none, and counts as deployable unless it says `deploy: false`. */
function pathsRead(
  r: Reader,
  file: string,
  shared: string[] | undefined,
  drafts: ServiceDraft[],
  defaults: Overrides,
): ConfigPaths {
  return {
    file,
    positions: r.positions,
    shared: shared ?? [],
    services: drafts.map((draft) => ({
      name: draft.name,
      paths: draft.paths,
      deploy: pick(draft.overrides, defaults, 'deploy', 'deploy') === false ? false : '',
    })),
  };
}

/** False when the version is one this release cannot read: the rest of the file may follow other rules. */
function readVersion(r: Reader, root: Value, v: Value | undefined): boolean {
  const supported = SUPPORTED_VERSIONS.join(', ');
  if (v === undefined) {
    r.error(root.at, `missing key "version"; add "version: 1" as the first line (supported: ${supported})`);
    return true;
  }
  const value = scalarValue(v.node);
  if (typeof value === 'number' && Number.isInteger(value) && !SUPPORTED_VERSIONS.includes(value)) {
    r.error(
      v.pos,
      `unsupported config version ${value}; this release of monorepo-release reads version ${supported}: ` +
        `set "version: 1" and follow its format, or use a release of the action that supports version ${value}`,
    );
    return false;
  }
  r.integer(v, 1, 1, `the number ${supported} (write "version: 1")`);
  return true;
}

function readTagTemplate(r: Reader, v: Value): string | undefined {
  const template = r.string(v, 'a tag format with {service} and {version}, like "{service}@v{version}"');
  if (template === undefined) return undefined;
  const problem = placeholderProblem(template, ['service', 'version'], ['service', 'version']);
  if (problem) {
    r.error(v.pos, `${quote(v.label)} ${problem}, like "{service}@v{version}"; got ${quote(template)}`);
    return undefined;
  }
  if (/\{service\}\{version\}|\{version\}\{service\}/.test(template)) {
    r.error(
      v.pos,
      `${quote(v.label)} must put a separator between {service} and {version}, like "{service}@v{version}", so a ` +
        `tag can be read back; got ${quote(template)}`,
    );
    return undefined;
  }
  return template;
}

/** Why a template's placeholders are wrong, or undefined. `required` must each appear exactly once. */
function placeholderProblem(template: string, allowed: string[], required: string[]): string | undefined {
  const found = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = found.find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    return `has an unknown placeholder {${unknown}}: only ${allowed.map((a) => `{${a}}`).join(' and ')} are filled in`;
  }
  const wrongCount = required.find((name) => found.filter((f) => f === name).length !== 1);
  if (wrongCount !== undefined) return `must contain {${wrongCount}} exactly once`;
  return undefined;
}

/** The tag format must give a valid git tag for every service. */
function checkTagNames(r: Reader, v: Value, template: string, drafts: ServiceDraft[]): void {
  const names = drafts.length > 0 ? drafts.map((d) => d.name) : ['api'];
  for (const name of names) {
    const tag = template.replaceAll('{service}', name).replaceAll('{version}', '1.2.3');
    if (!isGitRefName(tag)) {
      r.error(
        v.pos,
        `tag format ${quote(template)} gives ${quote(tag)} for service ${quote(name)} at version 1.2.3, which is not a ` +
          `valid git tag name (no spaces, "~^:?*[\\", "..", "@{", "//", leading "-" or "/", or trailing "." or ".lock")`,
      );
      return;
    }
  }
}

/** A list of glob patterns. `required`: at least one. */
function readPatterns(r: Reader, v: Value, required: boolean): string[] | undefined {
  const example = required ? 'like [services/api/**]' : 'like [package-lock.json]';
  const expected = `a list of path patterns, ${example}`;
  const items = r.list(v, expected);
  if (items === null) return undefined;
  if (required && items.length === 0) {
    r.error(v.pos, `${quote(v.label)} must list at least one path pattern, ${example}`);
    return undefined;
  }
  const patterns = items.map((item) =>
    r.string(item, 'a non-empty path pattern (quote one that starts with "!")'),
  );
  return patterns.every((p) => p !== undefined) ? (patterns as string[]) : undefined;
}

function readDefaults(r: Reader, v: Value): Overrides {
  const entries = r.mapping(v, DEFAULTS_KEYS);
  return entries ? readOverrides(r, entries) : { given: new Set() };
}

function readOverrides(r: Reader, entries: Map<string, Value>): Overrides {
  const given = DEFAULTS_KEYS.filter((key) => entries.has(key));
  const o: Overrides = { given: given.length === 0 ? NO_KEYS : new Set(given) };
  const get = (key: (typeof DEFAULTS_KEYS)[number]): Value | undefined => entries.get(key);
  if (get('stages')) o.stages = readStages(r, get('stages')!);
  if (get('deploy')) o.deploy = readDeploy(r, get('deploy')!);
  if (get('verify')) o.verify = readVerify(r, get('verify')!);
  if (get('rollback')) o.rollback = r.string(get('rollback')!, 'a command line, like ./scripts/rollback.sh');
  if (get('timeout')) o.timeoutMs = r.duration(get('timeout')!);
  if (get('pass-oidc')) o.passOidc = r.boolean(get('pass-oidc')!);
  return o;
}

function readDeploy(r: Reader, v: Value): string | false | undefined {
  if (scalarValue(v.node) === false) return false;
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
  return stages.every((s) => s.stage !== undefined) ? stages.map((s) => s.stage!) : undefined;
}

interface StageDraft {
  item: Value;
  name?: string;
  nameValue?: Value;
  percent?: number;
  percentValue?: Value;
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
  if (draft.name !== undefined && draft.percent !== undefined && !bakeBroken) {
    draft.stage = {
      name: draft.name,
      percent: draft.percent,
      ...(bake !== undefined ? { bakeMs: bake } : {}),
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

function readServices(r: Reader, root: Value, v: Value | undefined): ServiceDraft[] {
  if (v === undefined) {
    r.error(
      root.at,
      `missing key "services"; add at least one service, like:\n${MINIMAL_CONFIG.split('\n').slice(1).join('\n')}`,
    );
    return [];
  }
  const entries = r.mapping(
    v,
    null,
    'a mapping of service names to services, like { api: { paths: [services/api/**] } }',
  );
  if (entries === null) return [];
  if (entries.size === 0 && v.node?.kind === 'map' && v.node.items.length === 0) {
    r.error(
      v.at,
      `${quote(v.label)} must name at least one service, like { api: { paths: [services/api/**] } }`,
    );
  }
  const drafts: ServiceDraft[] = [];
  entries.forEach((value, name) => {
    if (isServiceName(name)) drafts.push(readService(r, name, value));
    else reportBadServiceName(r, value.at, name);
  });
  return drafts;
}

function reportBadServiceName(r: Reader, pos: Position, name: string): void {
  const lower = name.toLowerCase();
  const hint = lower !== name && isServiceName(lower) ? ` (did you mean ${quote(lower)}?)` : '';
  r.error(
    pos,
    `service name ${quote(name)} is not valid${hint}: ${describeNameRule('service')} ` +
      `(the name goes into tags, file paths and environment variables)`,
  );
}

/** Always returns a draft, so that other services' `depends-on` can still name a broken service. */
function readService(r: Reader, name: string, v: Value): ServiceDraft {
  const draft: ServiceDraft = {
    name,
    at: v.at,
    isMapping: false,
    paths: [],
    dependsOn: [],
    overrides: { given: NO_KEYS },
  };
  const entries = r.mapping(v, SERVICE_KEYS, `a service, like { paths: [services/${name}/**] }`);
  if (entries === null) return draft;
  draft.isMapping = true;
  const pathsValue = entries.get('paths');
  if (!pathsValue)
    r.error(
      v.at,
      `service ${quote(name)} has no "paths"; add the files it is built from, like paths: [services/${name}/**]`,
    );
  const paths = pathsValue ? readPatterns(r, pathsValue, true) : undefined;
  if (entries.has('depends-on')) draft.dependsOn = readDependsOn(r, entries.get('depends-on')!);
  const url = entries.has('url') ? r.url(entries.get('url')!) : undefined;
  if (url !== undefined) draft.url = url;
  draft.overrides = readOverrides(r, entries);
  draft.paths = paths ?? [];
  return draft;
}

function readDependsOn(r: Reader, v: Value): ServiceDraft['dependsOn'] {
  const items = r.list(v, 'a list of service names, like [common]');
  if (items === null) return [];
  const deps: ServiceDraft['dependsOn'] = [];
  for (const item of items) {
    const dep = r.string(item, 'a service name');
    if (dep === undefined) continue;
    if (deps.some((d) => d.name === dep)) {
      r.warning(item.pos, `${quote(dep)} is listed twice in ${quote(v.label)}; remove the second one`);
      continue;
    }
    deps.push({ name: dep, pos: item.pos });
  }
  return deps;
}

/** Every `depends-on` names a service of this file, and the graph has no cycle. */
function checkDependencies(r: Reader, drafts: ServiceDraft[]): void {
  const names = drafts.map((d) => d.name);
  const known = new Set(names);
  for (const draft of drafts) {
    for (const dep of draft.dependsOn) {
      if (known.has(dep.name)) continue;
      const guess = suggest(dep.name, names);
      r.error(
        dep.pos,
        `service ${quote(draft.name)} depends on ${quote(dep.name)}, which is not a service in this file` +
          `${guess ? `; did you mean ${quote(guess)}?` : '.'} Services: ${listSome(names)}`,
      );
    }
  }
  // Only a service with a dependency can be on a cycle.
  const graph = new Map(
    drafts
      .filter((d) => d.dependsOn.length > 0)
      .map((d) => [d.name, d.dependsOn.map((dep) => dep.name).filter((n) => known.has(n))]),
  );
  const cycle = findCycle(graph);
  if (cycle === null) return;
  const first = drafts.find((d) => d.name === cycle[0])!;
  const link = first.dependsOn.find((dep) => dep.name === cycle[1])!;
  r.error(
    link.pos,
    `dependency cycle: ${cycle.join(' → ')}; a service cannot depend on itself, even through others: ` +
      `remove one of these "depends-on" entries`,
  );
}

/** Applies the defaults; undefined when a value was invalid (already reported). */
function finishService(r: Reader, draft: ServiceDraft, defaults: Overrides): ServiceConfig | undefined {
  const own = draft.overrides;
  const deploy = pick(own, defaults, 'deploy', 'deploy');
  if (deploy === undefined && draft.isMapping) {
    r.error(
      draft.at,
      `service ${quote(draft.name)} has no deploy command; add "deploy: <command>" under services.${draft.name}, ` +
        `or under "defaults" to use one command for every service ("deploy: false" marks a library that is never released)`,
    );
    return undefined;
  }
  const stages = pick(own, defaults, 'stages', 'stages');
  const verify = pick(own, defaults, 'verify', 'verify');
  const rollback = pick(own, defaults, 'rollback', 'rollback');
  const timeoutMs = pick(own, defaults, 'timeoutMs', 'timeout');
  const passOidc = pick(own, defaults, 'passOidc', 'pass-oidc');
  if (
    deploy === null ||
    stages === null ||
    verify === null ||
    rollback === null ||
    timeoutMs === null ||
    passOidc === null
  ) {
    return undefined;
  }
  // Built field by field, in this order, rather than with conditional spreads: 10,000 services each
  // allocated a handful of throwaway objects.
  const service = { name: draft.name, paths: draft.paths } as ServiceConfig;
  service.dependsOn = draft.dependsOn.map((d) => d.name);
  if (draft.url !== undefined) service.url = draft.url;
  service.deploy = deploy as string | false;
  service.stages = (stages ?? DEFAULTS.stages).map((stage) => ({ ...stage }));
  if (verify) service.verify = { ...verify };
  if (rollback) service.rollback = rollback;
  service.timeoutMs = timeoutMs ?? DEFAULTS.timeoutMs;
  service.passOidc = passOidc ?? DEFAULTS.passOidc;
  return service;
}

/** A setting of a service: its own when it gives the key, else the default's; null when the value given
 * was invalid (already reported), undefined when neither gives it. */
function pick<K extends keyof Omit<Overrides, 'given'>>(
  own: Overrides,
  defaults: Overrides,
  key: K,
  yamlKey: string,
): Overrides[K] | null {
  if (own.given.has(yamlKey)) return own[key] ?? null;
  return defaults.given.has(yamlKey) ? (defaults[key] ?? null) : undefined;
}

function readAudit(r: Reader, v: Value | undefined): AuditConfig | undefined {
  const audit: AuditConfig = {
    branch: DEFAULTS.auditBranch,
    deployments: DEFAULTS.deployments,
    deploymentEnvironment: DEFAULTS.deploymentEnvironment,
  };
  if (v === undefined) return audit;
  const entries = r.mapping(v, AUDIT_KEYS);
  if (entries === null) return undefined;
  let valid = true;
  const branchValue = entries.get('branch');
  if (branchValue) {
    const branch = r.string(branchValue, 'a git branch name, like release-audit');
    if (branch !== undefined && !isGitRefName(branch)) {
      r.error(
        branchValue.pos,
        `${quote(branchValue.label)} must be a valid git branch name, like release-audit; got ${quote(branch)} ` +
          `(no spaces, "~^:?*[\\", "..", "@{", "//", leading "-" or "/", or trailing "." or ".lock")`,
      );
      valid = false;
    } else if (branch === undefined) valid = false;
    else audit.branch = branch;
  }
  const deploymentsValue = entries.get('deployments');
  if (deploymentsValue) {
    const deployments = r.boolean(deploymentsValue);
    if (deployments === undefined) valid = false;
    else audit.deployments = deployments;
  }
  const environmentValue = entries.get('deployment-environment');
  if (environmentValue) {
    const template = readDeploymentEnvironment(r, environmentValue);
    if (template === undefined) valid = false;
    else audit.deploymentEnvironment = template;
  }
  return valid ? audit : undefined;
}

function readDeploymentEnvironment(r: Reader, v: Value): string | undefined {
  const template = r.string(v, 'a GitHub environment name, like "{environment}/{service}"');
  if (template === undefined) return undefined;
  const problem = placeholderProblem(template, ['environment', 'service'], []);
  if (problem) {
    r.error(v.pos, `${quote(v.label)} ${problem}, like "{environment}/{service}"; got ${quote(template)}`);
    return undefined;
  }
  return template;
}

// --- small helpers --------------------------------------------------------------------------------------

function isEmpty(node: TreeNode | null): boolean {
  return node === null || (node.kind === 'scalar' && node.value === null);
}

function scalarValue(node: TreeNode | null): unknown {
  return node?.kind === 'scalar' ? node.value : undefined;
}

/** A tag yaml could not resolve (`!services/api/**` unquoted); the parser pass already reported it. */
function hasUnknownTag(node: TreeNode | null): boolean {
  return node?.kind === 'scalar' && node.unknownTag === true;
}

function isNameOf(kind: NameKind, value: string): boolean {
  if (kind === 'service') return isServiceName(value);
  if (kind === 'environment') return isEnvironmentName(value);
  return isStageName(value);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A list for a message, shortened when long. */
function listSome(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function where(parent: Value): string {
  return parent.label ? `in ${quote(parent.label)}` : 'at the top level';
}

function describe(node: TreeNode | null): string {
  if (node?.kind === 'alias') return 'an alias';
  if (node === null || isEmpty(node)) return 'an empty value';
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const value = scalarValue(node);
  if (typeof value === 'string')
    return value.trim() === '' ? 'an empty string' : `the string ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return 'an unsupported value';
}

function escapePointer(segment: string): string {
  // Most keys need no escaping; skipping the two copies matters with 10,000 services.
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** An alias shared by two places can make the same node report twice; keep one. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.severity}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
