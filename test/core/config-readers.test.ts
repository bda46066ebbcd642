import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { reportYamlProblems, valueOfDocument } from '../../src/core/config/document.js';
import { parseConfig } from '../../src/core/config/parse.js';
import { FilePositions } from '../../src/core/config/positions.js';
import { YAML_SCHEMA } from '../../src/core/config/read.js';
import { expandsWithin, type YamlValue } from '../../src/core/config/value.js';

/** The two YAML readers of the config: js-yaml reads every file; the `yaml` package reads a file js-yaml
 * refuses, to say why and to check the rest of it. Where both accept a file, they must give the same value,
 * so that a file's other mistakes are reported alike whichever read it. */

const FILE = '.github/monorepo-release.yml';
const FIXTURES = new URL('../fixtures/config/', import.meta.url);
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** Every text config.test.ts parses, recorded by a wrapper around parseConfig (see the last describe). */
const recorded = vi.hoisted(() => new Set<string>());
vi.mock('../../src/core/config/parse.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/config/parse.js')>();
  return {
    ...actual,
    parseConfig: (...args: Parameters<typeof actual.parseConfig>) => {
      recorded.add(args[0]);
      return actual.parseConfig(...args);
    },
  };
});

/** A value with its mappings as lists of entries, so that key order counts too; a value met again inside
 * itself (an alias inside its own anchor) is shown as such. */
function comparable(value: YamlValue, within: ReadonlySet<YamlValue> = new Set()): unknown {
  if (within.has(value)) return '<cycle>';
  const inner = new Set(within).add(value);
  if (Array.isArray(value)) return value.map((item) => comparable(item, inner));
  if (value instanceof Map)
    return [...value].map(([k, v]) => [comparable(k as YamlValue, inner), comparable(v, inner)]);
  return value;
}

/** What js-yaml gives, or undefined when it refuses the file. */
function readByJsYaml(text: string): YamlValue | undefined {
  try {
    return load(text, { schema: YAML_SCHEMA }) as YamlValue;
  } catch {
    return undefined;
  }
}

/** What yaml gives, or undefined when it finds any problem in the file. */
function readByYaml(text: string): YamlValue | undefined {
  const positions = new FilePositions(text);
  let problems = 0;
  const count = (): void => void problems++;
  if (!reportYamlProblems(positions, text, count)) return undefined;
  const value = valueOfDocument(positions, count);
  return problems === 0 ? value : undefined;
}

/** Both readers on one text: whether both accept it, and a description of how they differ when they do. A
 * file js-yaml refuses must never pass as a valid config. */
function differential(text: string): { bothAccept: boolean; mismatch: string | null } {
  const byJsYaml = readByJsYaml(text);
  // An alias bomb is refused whoever reads it; its value is never compared (it could not be written out).
  if (byJsYaml === undefined || !expandsWithin(byJsYaml, text.length + 10_000)) {
    const { config } = parseConfig(text, FILE);
    const mismatch = config === null ? null : `js-yaml refuses a file that parses as valid:\n${text}`;
    return { bothAccept: false, mismatch };
  }
  const byYaml = readByYaml(text);
  if (byYaml === undefined) return { bothAccept: false, mismatch: null };
  const [a, b] = [comparable(byJsYaml), comparable(byYaml)];
  try {
    expect(a).toEqual(b);
    return { bothAccept: true, mismatch: null };
  } catch {
    return {
      bothAccept: true,
      mismatch: `js-yaml and yaml read differently:\n${text}\n${JSON.stringify({ jsYaml: a, yaml: b })}`,
    };
  }
}

function expectSame(text: string): boolean {
  const { bothAccept, mismatch } = differential(text);
  expect(mismatch).toBeNull();
  return bothAccept;
}

const base = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];

describe('js-yaml and yaml: same value where both accept a file', () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.yml')))('fixture %s', (name) => {
    expectSame(readFileSync(new URL(name, FIXTURES), 'utf8'));
  });

  // Plain scalars resolve by YAML 1.2 core rules in both: yes/on/True are strings, 0x10 is 16, ...
  it.each([
    '0x10',
    '0o17',
    '012',
    '1e3',
    '.5',
    '+1',
    '-0',
    '1_000',
    '0b101',
    '.inf',
    '-.Inf',
    '.NaN',
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    'true',
    'True',
    'TRUE',
    'tRUE',
    'yes',
    'on',
    'off',
    'no',
    'y',
    '"1"',
    "'true'",
    '"~"',
    '1.0',
    '12:30',
    '2024-01-02',
    '1.5h',
  ])('scalar %s in every typed place', (raw) => {
    const text = yaml(
      `version: ${raw}`,
      `environment: ${raw}`,
      'defaults:',
      `  deploy: ${raw}`,
      `  timeout: ${raw}`,
      `  pass-oidc: ${raw}`,
      `  stages: [{ name: ${raw}, percent: ${raw}, bake: ${raw} }]`,
      `  verify: { command: ${raw}, max-failures: ${raw} }`,
      'services:',
      `  ${raw}: { paths: [${raw}], depends-on: [${raw}] }`,
      `audit: { deployments: ${raw}, branch: ${raw} }`,
    );
    expectSame(text);
  });

  it.each([
    ['block literal', ['  api:', '    paths: [a]', '    deploy: |', '      ./a.sh', '      ./b.sh']],
    ['block strip', ['  api:', '    paths: [a]', '    deploy: |-', '      ./a.sh', '', '']],
    ['block keep', ['  api:', '    paths: [a]', '    deploy: |+', '      ./a.sh', '', '']],
    ['block folded', ['  api:', '    paths: [a]', '    deploy: >', '      ./a.sh', '      --fast', '']],
    ['block indent indicator', ['  api:', '    paths: [a]', '    deploy: |2', '       ./a.sh']],
    ['block then key', ['  api:', '    deploy: >-', '      x', '      y', '    paths: [a]']],
    ['empty block', ['  api:', '    deploy: |', '    paths: [a]']],
    ['comments everywhere', ['  # c', '  api: # c', '    # c', '    paths: # c', '      - a # c', '#']],
    ['blank values', ['  api:', '    paths:', '    deploy:', '  web:']],
    ['empty list item', ['  api:', '    paths:', '      -', '      - a']],
    ['compact nested list', ['  api:', '    paths:', '    - - a', '    - b']],
    ['block stages', ['  api:', '    paths: [a]', '    stages:', '      - name: a', '        percent: 100']],
    ['flow map service', ['  api: { paths: [a, "b"], deploy: "./x y" }']],
    ['flow empty values', ['  api: { paths: , deploy: }']],
    ['flow key without value', ['  api: { paths, deploy }']],
    ['flow pair in list', ['  api: { paths: [a: b] }']],
    ['multi-line flow', ['  api: { paths: [a,', '      b] }']],
    ['multi-line plain', ['  api:', '    paths: [a]', '    deploy: ./a.sh', '      --flag']],
    ['multi-line quoted', ['  api:', '    paths: [a]', '    deploy: "./a.sh', '      --flag"']],
    ['unicode', ['  api:', '    paths: [日本/**, "😀/**", ü]', '    url: https://ü.example.com/😀']],
    ['quoted keys', ['  "api": { "paths": [a] }', "  'web': { 'paths': [b] }"]],
    ['numeric keys', ['  1: { paths: [a] }', '  0x1: { paths: [a] }', '  true: { paths: [a] }']],
    ['null key', ['  ~: { paths: [a] }']],
    ['proto key', ['  __proto__: { paths: [a] }']],
    ['long key', [`  ${'a'.repeat(1100)}: { paths: [a] }`]],
    ['escapes', ["  api: { paths: [\"\\u00e9\\x41\\/\\t\", 'it''s'] }"]],
    [
      'every escape',
      [
        '  api:',
        '    paths: [a]',
        '    deploy: "\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\"\\/\\\\\\N\\_\\L\\P\\U0001F600"',
      ],
    ],
    ['unknown escape', ['  api: { paths: ["a\\q"] }']],
    ['surrogate escapes', ['  api: { paths: ["\\ud83d\\ude00"] }']],
    ['short hex escape', ['  api: { paths: ["\\x4"] }']],
    ['url in a flow map', ['  api: { paths: [a], url: https://x.example:8080/a?b=c:d }']],
    ['colon before a flow end', ['  api: { paths: [a:], deploy: d }']],
    [
      'folded, more indented',
      ['  api:', '    paths: [a]', '    deploy: >', '      a', '        b', '', '      c', '      d'],
    ],
    ['folded, blank lines', ['  api:', '    paths: [a]', '    deploy: >-', '', '      a', '', '', '      b']],
    ['keep, then a key', ['  api:', '    deploy: |+', '      a', '', '', '    paths: [a]']],
    [
      'literal in a list',
      [
        '  api:',
        '    paths: [a]',
        '    stages:',
        '      - name: a',
        '        percent: 100',
        '    verify:',
        '      command: |',
        '        ./check.sh',
        '        # a comment line of the script',
      ],
    ],
    [
      'compact map, deeper keys',
      ['  api:', '    paths: [a]', '    stages:', '      -   name: a', '          percent: 100'],
    ],
    [
      'compact map, misaligned key',
      ['  api:', '    paths: [a]', '    stages:', '      - name: a', '         percent: 100'],
    ],
    ['key with space before colon', ['  api :', '    paths: [a]']],
    ['value after a list item', ['  api:', '    paths:', '    - a', '    deploy: d']],
    ['document markers', ['  api: { paths: [a] }', '...']],
    ['second document', ['  api: { paths: [a] }', '---', 'version: 1']],
    [
      'plain with indicators',
      ['  api: { paths: [a#b, "c #d", e:f] }', '  web:', '    paths: [x]', '    deploy: a]b}c'],
    ],
    ['nested bad indent', ['  api:', '    paths: [a]', '   deploy: x']],
    ['anchor', ['  api: &x { paths: [a] }', '  web: *x']],
    ['tag', ['  api: { paths: [!a] }']],
    ['explicit key', ['  ? api', '  : { paths: [a] }']],
    ['alias without anchor', ['  api: *x']],
    ['duplicate key', ['  api: { paths: [a] }', '  api: { paths: [b] }']],
  ])('%s', (_name, lines) => {
    expectSame(yaml(...base, ...(lines as string[])));
    expectSame([...base, ...(lines as string[])].join('\n')); // no final newline
    expectSame(yaml(...base, ...(lines as string[])).replaceAll('\n', '\r\n'));
  });

  it.each([
    ['empty file', ''],
    ['comments only', '# nothing\n'],
    ['a scalar', 'hello\n'],
    ['a list', '- a\n- b\n'],
    ['leading document marker', '---\nversion: 1\nservices: { api: { paths: [a], deploy: d } }\n'],
    ['directive', '%YAML 1.1\n---\nversion: 1\nservices: { api: { paths: [a], deploy: yes } }\n'],
    ['BOM', '\uFEFFversion: 1\nservices: { api: { paths: [a], deploy: d } }\n'],
    ['tabs', 'version: 1\nservices:\n\tapi: { paths: [a], deploy: d }\n'],
    ['lone CR', 'version: 1\rservices: { api: { paths: [a], deploy: d } }\r'],
    ['flow root', '{ version: 1, services: { api: { paths: [a], deploy: d } } }\n'],
    ['indented root', '  version: 1\n  services: { api: { paths: [a], deploy: d } }\n'],
    ['document marker only', '---\n'],
    ['control character in a string', 'version: 1\nservices: { api: { paths: ["a\x01"], deploy: d } }\n'],
    ['control character in a comment', 'version: 1 # \x07\nservices: { api: { paths: [a], deploy: d } }\n'],
    ['escaped control character', 'version: 1\nservices: { api: { paths: ["a\\x01"], deploy: d } }\n'],
  ])('whole file: %s', (_name, text) => {
    expectSame(text);
  });
});

// --- generated configs -------------------------------------------------------------------------------

type GenNode =
  | { kind: 'scalar'; raw: string; block?: string }
  | { kind: 'seq'; flow: boolean; items: Array<GenNode | null> }
  | { kind: 'map'; flow: boolean; entries: Array<[string, GenNode | null]> };
type Entry = [string, GenNode | null];

const chars = [
  'a',
  'Z',
  '/',
  '*',
  '!',
  '#',
  ':',
  ' ',
  'é',
  '日',
  '😀',
  '"',
  "'",
  '\\',
  '\n',
  '{',
  ']',
  ',',
  '-',
  '?',
  '&',
  '.',
  '@',
  '%',
];
const anyText = fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 });

/** A string written plain when YAML reads it back as that string, else single- or double-quoted. */
function render(value: string, style: 'plain' | 'single' | 'double'): string {
  const plainSafe =
    /^[A-Za-z0-9./_~ü日😀][^,[\]{}#\n]*$/u.test(value) &&
    !/: |:$| $/.test(value) &&
    !/^(?:~|null|true|false|[-+]?[0-9][0-9._]*(?:e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+)$/i.test(value);
  if (style === 'plain' && plainSafe) return value;
  if (style === 'single' && !value.includes('\n')) return `'${value.replaceAll("'", "''")}'`;
  return JSON.stringify(value);
}
const quoting = fc.constantFrom('plain' as const, 'single' as const, 'double' as const);
const str = (value: fc.Arbitrary<string>): fc.Arbitrary<GenNode> =>
  fc.tuple(value, quoting).map(([v, q]) => ({ kind: 'scalar', raw: render(v, q) }));
const raw = (...tokens: string[]): fc.Arbitrary<GenNode> =>
  fc.constantFrom(...tokens).map((t) => ({ kind: 'scalar', raw: t }));

/** Any scalar at all, to break a config now and then: tricky plain tokens and random quoted text. */
const anyScalar: fc.Arbitrary<GenNode> = fc.oneof(
  raw(
    '0x10',
    '1e3',
    '.5',
    '~',
    'null',
    'True',
    'yes',
    'on',
    '-1',
    '0',
    '100',
    '5 m',
    'a#b',
    'x:y',
    '!x/**',
    '',
  ),
  str(anyText),
);
/** Mostly a good value, sometimes anything (an empty value, a wrong scalar, a list). */
const mostly = (good: fc.Arbitrary<GenNode | null>): fc.Arbitrary<GenNode | null> =>
  fc.oneof(
    { weight: 150, arbitrary: good },
    { weight: 1, arbitrary: anyScalar },
    { weight: 1, arbitrary: fc.constant(null) },
  );
const list = (item: fc.Arbitrary<GenNode>, minLength = 1): fc.Arbitrary<GenNode> =>
  fc.record({
    kind: fc.constant('seq' as const),
    flow: fc.boolean(),
    items: fc.array(mostly(item), { minLength, maxLength: 3 }),
  });
const map = (entries: fc.Arbitrary<Entry[]>): fc.Arbitrary<GenNode> =>
  fc.record({ kind: fc.constant('map' as const), flow: fc.boolean(), entries });
/** Optional entries, in the given order. */
const entries = (fields: Record<string, fc.Arbitrary<GenNode | null | undefined>>): fc.Arbitrary<Entry[]> =>
  fc
    .record(fields, { requiredKeys: [] })
    .map((r) => Object.entries(r).filter((e): e is Entry => e[1] !== undefined));

const path = str(
  fc.constantFrom('services/api/**', 'libs/ü/日本/**', 'a b/*.ts', '!**/*.md', 'docs/😀/**', '**'),
);
const duration = str(fc.constantFrom('30s', '5m', '500ms', '1h', '10s'));
const command = fc.oneof(
  {
    weight: 3,
    arbitrary: str(fc.constantFrom('./deploy.sh', './scripts/d.sh --fast', 'echo "ü 😀"', 'make -C x')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('|', '|-', '|+', '>', '>-'),
        fc.array(fc.constantFrom('./a.sh', 'echo "x: y" # not a comment', '  --more', ''), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([header, lines]): GenNode => ({
        kind: 'scalar',
        raw: header,
        block: ['./first.sh', ...lines].join('\n'),
      })),
  },
);
const stages: fc.Arbitrary<GenNode> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 2 }), fc.boolean())
  .chain(([percents, flow]) => {
    const rising = [...percents.sort((x, y) => x - y), 100];
    const stage = (percent: number, i: number): fc.Arbitrary<GenNode> =>
      map(
        fc
          .tuple(
            str(fc.constant(['canary', 'ramp', 'full'][i]!)),
            mostly(raw(String(percent))),
            fc.option(duration, { nil: undefined }),
          )
          .map(([name, pct, bake]): Entry[] => [
            ['name', name],
            ['percent', pct],
            ...(bake ? [['bake', bake] as Entry] : []),
          ]),
      );
    return fc.tuple(...rising.map(stage)).map((items): GenNode => ({ kind: 'seq', flow, items }));
  });
const verify = fc
  .tuple(
    fc.oneof(
      command.map((c): Entry => ['command', c]),
      str(fc.constantFrom('https://api.example.com/healthz', 'http://ü.example.com/😀')).map((h): Entry => [
        'http',
        h,
      ]),
    ),
    entries({ interval: mostly(duration), timeout: mostly(duration), 'max-failures': mostly(raw('0', '3')) }),
    fc.boolean(),
  )
  .map(([check, rest, flow]): GenNode => ({ kind: 'map', flow, entries: [check, ...rest] }));
const overrides = {
  stages: mostly(stages),
  deploy: mostly(fc.oneof(command, raw('false'))),
  verify: mostly(verify),
  rollback: mostly(command),
  timeout: mostly(duration),
  'pass-oidc': mostly(raw('true', 'false')),
};
/** Most configs set a default deploy command, as real ones do, so that services may leave it out. */
function withDefaultDeploy(node: GenNode): GenNode {
  if (node.kind !== 'map' || node.entries.some(([k]) => k === 'deploy')) return node;
  return { ...node, entries: [['deploy', { kind: 'scalar', raw: './deploy.sh' }], ...node.entries] };
}
const NAMES = ['api', 'web', 'common', 'db', 'worker-1', 'svc.x'];
const service = (earlier: string[]): fc.Arbitrary<GenNode> =>
  map(
    fc
      .tuple(
        mostly(list(path)),
        entries({
          'depends-on':
            earlier.length > 0
              ? mostly(
                  fc
                    .tuple(fc.subarray(earlier, { minLength: 1 }), quoting, fc.boolean())
                    .map(([names, q, flow]): GenNode => ({
                      kind: 'seq',
                      flow,
                      items: names.map((n) => ({ kind: 'scalar', raw: render(n, q) })),
                    })),
                )
              : fc.constant(undefined),
          url: mostly(str(fc.constantFrom('https://api.example.com', 'https://日本.example/x?y=1'))),
          ...overrides,
        }),
      )
      .map(([paths, rest]): Entry[] => [['paths', paths], ...rest]),
  );
const services: fc.Arbitrary<GenNode> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name, i) =>
        fc
          .tuple(fc.constantFrom(name, name, `"${name}"`), service(names.slice(0, i)))
          .map(([key, node]): Entry => [key, node]),
      ),
    ),
  )
  .map((es): GenNode => ({ kind: 'map', flow: false, entries: es }));
const config: fc.Arbitrary<GenNode> = fc
  .tuple(
    mostly(raw('1')),
    entries({
      environment: mostly(str(fc.constantFrom('production', 'staging', 'eu-west'))),
      tag: mostly(str(fc.constantFrom('{service}@v{version}', 'v{version}-{service}'))),
      versioning: mostly(str(fc.constantFrom('sha', 'conventional'))),
      shared: mostly(list(path, 0)),
      defaults: mostly(map(entries(overrides)).map(withDefaultDeploy)),
    }),
    services,
    entries({
      audit: mostly(
        map(
          entries({
            branch: mostly(str(fc.constantFrom('release-audit', 'audit/ü'))),
            deployments: mostly(raw('true', 'false')),
            'deployment-environment': mostly(str(fc.constant('{environment}/{service}'))),
          }),
        ),
      ),
    }),
  )
  .map(([version, top, svc, audit]): GenNode => ({
    kind: 'map',
    flow: false,
    entries: [['version', version], ...top, ['services', svc], ...audit],
  }));

interface Style {
  indent: number;
  comments: boolean[];
}

/** Writes a generated tree as YAML. Block scalars and empty values only where YAML allows them. */
function emit(node: GenNode, style: Style): string {
  let n = 0;
  const comment = (): string => (style.comments[n++ % style.comments.length] ? ' # note' : '');
  const flow = (v: GenNode | null): string => {
    if (v === null) return '~';
    if (v.kind === 'scalar') return v.block !== undefined ? JSON.stringify(v.block) : v.raw;
    if (v.kind === 'seq') return `[${v.items.map(flow).join(', ')}]`;
    return `{ ${v.entries.map(([k, e]) => `${k}: ${flow(e)}`).join(', ')} }`;
  };
  const block = (v: GenNode, pad: string): string[] => {
    if (v.kind === 'seq') {
      return v.items.flatMap((item) => {
        if (item === null) return [`${pad}-${comment()}`];
        if (item.kind === 'scalar' || item.flow || isEmptyCollection(item))
          return inline(`${pad}- `, item, pad);
        const inner = block(item, `${pad}  `);
        return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
      });
    }
    if (v.kind === 'map')
      return v.entries.flatMap(([k, e]) => inline(`${pad}${k}:${e === null ? '' : ' '}`, e, pad));
    return [`${pad}${v.raw}`];
  };
  const inline = (prefix: string, v: GenNode | null, pad: string): string[] => {
    const deeper = pad + ' '.repeat(style.indent);
    if (v === null) return [`${prefix.trimEnd()}${comment()}`];
    if (v.kind === 'scalar' && v.block !== undefined) {
      return [
        `${prefix}${v.raw}${comment()}`,
        ...v.block.split('\n').map((l) => (l === '' ? '' : deeper + l)),
      ];
    }
    if (v.kind === 'scalar' || v.flow || isEmptyCollection(v)) return [`${prefix}${flow(v)}${comment()}`];
    return [`${prefix.trimEnd()}${comment()}`, ...block(v, deeper)];
  };
  return `${block(node, '').join('\n')}\n`;
}

function isEmptyCollection(v: GenNode): boolean {
  return (v.kind === 'seq' && v.items.length === 0) || (v.kind === 'map' && v.entries.length === 0);
}

describe('js-yaml and yaml: generated configs', () => {
  const style = fc.record({
    indent: fc.constantFrom(2, 4),
    comments: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  });

  it('read the same value from every config both accept', () => {
    let compared = 0;
    let valid = 0;
    fc.assert(
      fc.property(config, style, fc.constantFrom('\n', '\r\n'), (tree, s, eol) => {
        const text = emit(tree, s).replaceAll('\n', eol);
        const { bothAccept, mismatch } = differential(text);
        if (mismatch !== null) throw new Error(mismatch);
        if (bothAccept) compared++;
        if (parseConfig(text, FILE).config !== null) valid++;
      }),
      { numRuns: 400 },
    );
    // The generator must give files both readers accept, valid configs and broken ones among them.
    expect(compared).toBeGreaterThan(300);
    expect(valid).toBeGreaterThan(100);
    expect(compared - valid).toBeGreaterThan(100);
  });

  it('read the same value from valid generated configs of many services', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ flow: fc.boolean(), deploy: fc.boolean(), quote: fc.constantFrom('', '"', "'") }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        style,
        (specs, s) => {
          const lines = ['version: 1', 'defaults: { deploy: ./deploy.sh }', 'services:'];
          specs.forEach(({ flow, deploy, quote }, i) => {
            const p = `${quote}services/s${i}/**${quote}`;
            const ind = ' '.repeat(s.indent);
            if (flow)
              lines.push(`${ind}s${i}: { paths: [${p}, "!**/*.md"]${deploy ? ', deploy: ./d.sh' : ''} }`);
            else
              lines.push(
                `${ind}s${i}:`,
                `${ind}${ind}paths:`,
                `${ind}${ind}${ind}- ${p}`,
                ...(deploy ? [`${ind}${ind}deploy: |`, `${ind}${ind}${ind}./d.sh`] : []),
              );
          });
          const out = yaml(...lines);
          const { bothAccept, mismatch } = differential(out);
          expect(mismatch).toBeNull();
          expect(bothAccept).toBe(true);
          expect(parseConfig(out, FILE).config?.services).toHaveLength(specs.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// --- every text of config.test.ts ---------------------------------------------------------------------

describe('config.test.ts, run again with its texts recorded', async () => {
  await import('./config.test.js');
});

describe('js-yaml and yaml: same value for every text of config.test.ts', () => {
  it('agrees on all of them', () => {
    expect(recorded.size).toBeGreaterThan(100);
    const mismatches = [...recorded].map((t) => differential(t).mismatch).filter((m) => m !== null);
    expect(mismatches).toEqual([]);
  });
});
