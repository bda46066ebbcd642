import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_KEYS,
  DEFAULTS_KEYS,
  resolveDeploymentEnvironment,
  SERVICE_KEYS,
  STAGE_KEYS,
  TOP_LEVEL_KEYS,
  VERIFY_KEYS,
} from '../../src/core/config/schema.js';
import { parseConfig } from '../../src/core/config/parse.js';
import {
  ENVIRONMENT_NAME,
  isEnvironmentName,
  isGitRefName,
  isServiceName,
  isStageName,
  SERVICE_NAME,
} from '../../src/core/names.js';
import { suggest } from '../../src/core/suggest.js';
import type { Config } from '../../src/core/types.js';

const FILE = '.github/monorepo-release.yml';
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8');
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The errors as `line:column message`, in file order. */
function errorsOf(text: string): string[] {
  return parseConfig(text, FILE)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.column} ${d.message}`);
}

/** Parses a config that must be valid. */
function valid(text: string): Config {
  const { config, diagnostics } = parseConfig(text, FILE);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(config).not.toBeNull();
  return config!;
}

/** Each expected error is `[line:column, a part of its message]`; no other error may appear. */
function expectErrors(text: string, expected: Array<[string, string]>): void {
  const errors = errorsOf(text);
  expect(errors.map((e) => e.split(' ')[0])).toEqual(expected.map(([pos]) => pos));
  expected.forEach(([, part], i) => expect(errors[i]).toContain(part));
  expect(parseConfig(text, FILE).config).toBeNull();
}

// A valid base the error cases below change one thing in (line numbers count from it).
const header = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];

describe('parseConfig: valid files', () => {
  it('parses the example config of DESIGN.md with no diagnostics', () => {
    const { config, diagnostics } = parseConfig(fixture('design-example.yml'), FILE);
    expect(diagnostics).toEqual([]);
    expect(config).not.toBeNull();
    const c = config!;
    expect(c.file).toBe(FILE);
    expect([c.version, c.environment, c.tag, c.versioning]).toEqual([
      1,
      'production',
      '{service}@v{version}',
      'conventional',
    ]);
    expect(c.shared).toEqual(['package-lock.json']);
    expect(c.services.map((s) => s.name)).toEqual(['api', 'web', 'common']);
    const [api, web, common] = c.services;
    expect(api).toEqual({
      name: 'api',
      paths: ['services/api/**', '!services/api/**/*.md'],
      dependsOn: ['common'],
      url: 'https://api.example.com',
      deploy: './scripts/deploy.sh',
      stages: [
        { name: 'canary', percent: 5, bakeMs: 300_000 },
        { name: 'ramp', percent: 50, bakeMs: 600_000 },
        { name: 'full', percent: 100 },
      ],
      verify: { command: './scripts/health.sh', intervalMs: 30_000, timeoutMs: 10_000, maxFailures: 0 },
      rollback: './scripts/rollback.sh',
      timeoutMs: 900_000,
      passOidc: false,
    });
    expect(web!.stages).toEqual([{ name: 'all', percent: 100 }]);
    expect(common!.deploy).toBe(false);
    expect(c.audit).toEqual({
      branch: 'release-audit',
      deployments: true,
      deploymentEnvironment: '{environment}/{service}',
    });
  });

  it('applies the documented defaults to a minimal file', () => {
    const c = valid(yaml('version: 1', 'services:', '  api:', '    paths: [a/**]', '    deploy: ./d.sh'));
    expect([c.environment, c.tag, c.versioning, c.shared]).toEqual([
      'production',
      '{service}@v{version}',
      'conventional',
      [],
    ]);
    expect(c.services).toEqual([
      {
        name: 'api',
        paths: ['a/**'],
        dependsOn: [],
        deploy: './d.sh',
        stages: [{ name: 'full', percent: 100 }],
        timeoutMs: 900_000,
        passOidc: false,
      },
    ]);
    expect(c.audit).toEqual({
      branch: 'release-audit',
      deployments: false,
      deploymentEnvironment: '{environment}/{service}',
    });
  });

  it('merges defaults: a service key replaces the default key whole, the others are inherited', () => {
    const c = valid(
      yaml(
        'version: 1',
        'defaults:',
        '  deploy: ./deploy.sh',
        '  rollback: ./rollback.sh',
        '  timeout: 5m',
        '  pass-oidc: true',
        '  stages: [{ name: canary, percent: 5, bake: 1m }, { name: full, percent: 100 }]',
        '  verify: { http: https://x.example/healthz, interval: 5s, max-failures: 2 }',
        'services:',
        '  a:',
        '    paths: [a/**]',
        '  b:',
        '    paths: [b/**]',
        '    deploy: ./b.sh',
        '    timeout: 90s',
        '    pass-oidc: false',
        '    stages: [{ name: all, percent: 100 }]',
        '    verify: { command: ./check.sh }',
      ),
    );
    const [a, b] = c.services;
    expect(a).toMatchObject({
      deploy: './deploy.sh',
      rollback: './rollback.sh',
      timeoutMs: 300_000,
      passOidc: true,
      stages: [
        { name: 'canary', percent: 5, bakeMs: 60_000 },
        { name: 'full', percent: 100 },
      ],
      verify: { http: 'https://x.example/healthz', intervalMs: 5_000, timeoutMs: 30_000, maxFailures: 2 },
    });
    expect(b).toMatchObject({
      deploy: './b.sh',
      rollback: './rollback.sh',
      timeoutMs: 90_000,
      passOidc: false,
    });
    expect(b!.stages).toEqual([{ name: 'all', percent: 100 }]);
    // The service's verify replaces the default one whole: no http, defaults for what it leaves out.
    expect(b!.verify).toEqual({
      command: './check.sh',
      intervalMs: 30_000,
      timeoutMs: 30_000,
      maxFailures: 0,
    });
  });

  it('keeps services in file order', () => {
    const c = valid(
      yaml(...header, '  zeta: { paths: [z] }', '  alpha: { paths: [a] }', '  mid: { paths: [m] }'),
    );
    expect(c.services.map((s) => s.name)).toEqual(['zeta', 'alpha', 'mid']);
  });

  it('accepts moderate use of anchors and aliases', () => {
    const c = valid(fixture('aliases.yml'));
    expect(c.services.map((s) => s.stages.map((x) => x.name))).toEqual([
      ['canary', 'full'],
      ['canary', 'full'],
      ['full'],
    ]);
  });

  it('records positions by JSON pointer for services, paths and shared entries', () => {
    const c = valid(
      yaml(
        'version: 1',
        'shared:',
        '  - package-lock.json',
        '  - "tsconfig.base.json"',
        'services:',
        '  api:',
        '    paths: [services/api/**, "!services/api/**/*.md"]',
        '    deploy: ./d.sh',
      ),
    );
    expect(c.positions.get('/shared/0')).toEqual({ line: 3, column: 5 });
    expect(c.positions.get('/shared/1')).toEqual({ line: 4, column: 5 });
    expect(c.positions.get('/services/api')).toEqual({ line: 6, column: 3 });
    expect(c.positions.get('/services/api/paths/0')).toEqual({ line: 7, column: 13 });
    expect(c.positions.get('/services/api/paths/1')).toEqual({ line: 7, column: 30 });
    expect(c.positions.get('/services/api/deploy')).toEqual({ line: 8, column: 13 });
  });

  it('returns warnings alongside a valid config', () => {
    const { config, diagnostics } = parseConfig(
      yaml(...header, '  a: { paths: [a] }', '  b: { paths: [b], depends-on: [a, a] }'),
      FILE,
    );
    expect(config).not.toBeNull();
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        file: FILE,
        line: 6,
        column: 36,
        message: '"a" is listed twice in "services.b.depends-on"; remove the second one',
      },
    ]);
    expect(config!.services[1]!.dependsOn).toEqual(['a']);
  });

  it('resolves the deployment environment template', () => {
    const audit = valid(yaml(...header, '  a: { paths: [a] }')).audit;
    expect(resolveDeploymentEnvironment(audit, 'staging', 'api')).toBe('staging/api');
  });
});

describe('parseConfig: errors, each at its line and column', () => {
  const cases: Array<{ name: string; text: string; errors: Array<[string, string]> }> = [
    // The file as a whole
    {
      name: 'empty file',
      text: '',
      errors: [['1:1', 'the config file is empty; a minimal config is:\nversion: 1\n']],
    },
    { name: 'blank lines only', text: '\n\n  \n', errors: [['1:1', 'the config file is empty']] },
    { name: 'comments only', text: '# nothing yet\n', errors: [['1:1', 'the config file is empty']] },
    {
      name: 'top level is a list',
      text: '- api\n',
      errors: [['1:1', 'must be a mapping of keys (version, services, …); got a list. A minimal config is:']],
    },
    { name: 'top level is a scalar', text: '\nhello\n', errors: [['2:1', 'got the string "hello"']] },
    {
      name: 'YAML syntax error',
      text: yaml('version: 1', 'services: [', ''),
      errors: [['4:1', 'invalid YAML: Flow sequence']],
    },
    {
      name: 'tab indentation',
      text: 'version: 1\nservices:\n\tapi: {}\n',
      errors: [['3:1', 'invalid YAML']],
    },
    {
      name: 'two documents',
      text: yaml('version: 1', '---', 'version: 1'),
      errors: [['2:1', 'invalid YAML: Source contains multiple documents']],
    },
    // version
    {
      name: 'version missing',
      text: yaml('services:', '  a: { paths: [a], deploy: d }'),
      errors: [['1:1', 'missing key "version"; add "version: 1" as the first line']],
    },
    {
      name: 'version unsupported (other keys not judged by version 1 rules)',
      text: yaml('version: 2', 'pipelines: {}'),
      errors: [['1:10', 'unsupported config version 2; this release of monorepo-release reads version 1']],
    },
    {
      name: 'version as a string',
      text: yaml('version: "1"', 'services:', '  a: { paths: [a], deploy: d }'),
      errors: [['1:10', '"version" must be the number 1 (write "version: 1"); got the string "1"']],
    },
    // unknown keys
    {
      name: 'unknown top-level key with did-you-mean',
      text: yaml('version: 1', 'servces:', '  a: { paths: [a], deploy: d }'),
      errors: [
        ['1:1', 'missing key "services"'],
        [
          '2:1',
          'unknown key "servces" at the top level; did you mean "services"? Allowed keys: version, environment, tag, versioning, shared, defaults, services, audit',
        ],
      ],
    },
    {
      name: 'unknown service key with did-you-mean',
      text: yaml(...header, '  a:', '    paths: [a]', '    depend-on: [b]'),
      errors: [
        [
          '7:5',
          'unknown key "depend-on" in "services.a"; did you mean "depends-on"? Allowed keys: paths, depends-on, url, stages',
        ],
      ],
    },
    {
      name: 'unknown key without a close match',
      text: yaml(...header, '  a: { paths: [a], colour: red }'),
      errors: [['5:20', 'unknown key "colour" in "services.a". Allowed keys:']],
    },
    {
      name: 'service-only key in defaults',
      text: yaml(...header, '  a: { paths: [a] }').replace('  deploy:', '  paths: [x]\n  deploy:'),
      errors: [
        [
          '3:3',
          'unknown key "paths" in "defaults". Allowed keys: stages, deploy, verify, rollback, timeout, pass-oidc',
        ],
      ],
    },
    // environment, tag, versioning, shared
    {
      name: 'environment with a space',
      text: yaml('environment: "prod east"', ...header, '  a: { paths: [a] }'),
      errors: [
        [
          '1:14',
          '"environment" must be a valid environment name; got "prod east": an environment name is 1 to 100 characters',
        ],
      ],
    },
    {
      name: 'environment as a path',
      text: yaml('environment: ../x', ...header, '  a: { paths: [a] }'),
      errors: [['1:14', 'must be a valid environment name']],
    },
    {
      name: 'environment as a number',
      text: yaml('environment: 3', ...header, '  a: { paths: [a] }'),
      errors: [['1:14', '"environment" must be an environment name; got the number 3']],
    },
    {
      name: 'tag without {version}',
      text: yaml('tag: "{service}-latest"', ...header, '  a: { paths: [a] }'),
      errors: [['1:6', '"tag" must contain {version} exactly once, like "{service}@v{version}"']],
    },
    {
      name: 'tag with {service} twice',
      text: yaml('tag: "{service}/{service}@{version}"', ...header, '  a: { paths: [a] }'),
      errors: [['1:6', 'must contain {service} exactly once']],
    },
    {
      name: 'tag with an unknown placeholder',
      text: yaml('tag: "{name}@{version}"', ...header, '  a: { paths: [a] }'),
      errors: [['1:6', 'unknown placeholder {name}']],
    },
    {
      name: 'tag with no separator',
      text: yaml('tag: "{service}{version}"', ...header, '  a: { paths: [a] }'),
      errors: [['1:6', 'must put a separator between {service} and {version}']],
    },
    {
      name: 'tag that is no git ref',
      text: yaml('tag: "{service} v{version}"', ...header, '  api: { paths: [a] }'),
      errors: [
        ['1:6', 'gives "api v1.2.3" for service "api" at version 1.2.3, which is not a valid git tag name'],
      ],
    },
    {
      name: 'tag ending in .lock',
      text: yaml('tag: "{service}/{version}.lock"', ...header, '  a: { paths: [a] }'),
      errors: [['1:6', 'not a valid git tag name']],
    },
    {
      name: 'versioning unknown',
      text: yaml('versioning: semvar', ...header, '  a: { paths: [a] }'),
      errors: [['1:13', '"versioning" must be one of conventional, sha']],
    },
    {
      name: 'shared as a string',
      text: yaml('shared: package-lock.json', ...header, '  a: { paths: [a] }'),
      errors: [
        [
          '1:9',
          '"shared" must be a list of path patterns, like [package-lock.json]; got the string "package-lock.json"',
        ],
      ],
    },
    {
      name: 'shared with an empty entry',
      text: yaml('shared: [a, "", b]', ...header, '  a: { paths: [a] }'),
      errors: [['1:13', '"shared[1]" must be a non-empty path pattern']],
    },
    // services and paths
    {
      name: 'services missing',
      text: yaml('version: 1'),
      errors: [['1:1', 'missing key "services"; add at least one service']],
    },
    {
      name: 'services empty',
      text: yaml('version: 1', 'services: {}'),
      errors: [['2:1', '"services" must name at least one service']],
    },
    {
      name: 'services as a list',
      text: yaml('version: 1', 'services:', '  - api'),
      errors: [['3:3', '"services" must be a mapping of service names to services']],
    },
    {
      name: 'services with no value',
      text: yaml('version: 1', 'services:'),
      errors: [
        [
          '2:1',
          '"services" must be a mapping of service names to services, like { api: { paths: [services/api/**] } }; got an empty value',
        ],
      ],
    },
    {
      name: 'paths missing',
      text: yaml(...header, '  api:', '    url: https://x.example'),
      errors: [
        [
          '5:3',
          'service "api" has no "paths"; add the files it is built from, like paths: [services/api/**]',
        ],
      ],
    },
    {
      name: 'paths empty',
      text: yaml(...header, '  api: { paths: [] }'),
      errors: [['5:17', '"services.api.paths" must list at least one path pattern']],
    },
    {
      name: 'paths as a string',
      text: yaml(...header, '  api:', '    paths: services/api/**'),
      errors: [
        [
          '6:12',
          '"services.api.paths" must be a list of path patterns, like [services/api/**]; got the string',
        ],
      ],
    },
    {
      name: 'paths with an empty entry',
      text: yaml(...header, '  api:', '    paths:', '      - a', '      -'),
      errors: [['8:8', '"services.api.paths[1]" must be a non-empty path pattern']],
    },
    {
      name: 'unquoted !pattern (read as a YAML tag)',
      text: yaml(...header, '  api:', '    paths:', '      - a/**', '      - !a/*.md'),
      errors: [
        [
          '8:9',
          'unknown YAML tag "!a/*.md": a value that starts with "!" (such as a negated path pattern) must be quoted, like "!a/*.md"',
        ],
      ],
    },
    {
      name: 'url not http',
      text: yaml(...header, '  api: { paths: [a], url: "ftp://x.example" }'),
      errors: [
        [
          '5:27',
          '"services.api.url" must be an http or https URL, like https://api.example.com; got "ftp://x.example"',
        ],
      ],
    },
    {
      name: 'a service that is not a mapping',
      text: yaml(...header, '  api: services/api/**'),
      errors: [['5:8', '"services.api" must be a service, like { paths: [services/api/**] }']],
    },
    // deploy
    {
      name: 'no deploy command anywhere',
      text: yaml('version: 1', 'services:', '  api: { paths: [a] }', '  lib: { paths: [l], deploy: false }'),
      errors: [
        [
          '3:3',
          'service "api" has no deploy command; add "deploy: <command>" under services.api, or under "defaults" to use one command for every service',
        ],
      ],
    },
    {
      name: 'deploy true',
      text: yaml(...header, '  api: { paths: [a], deploy: true }'),
      errors: [
        [
          '5:30',
          '"services.api.deploy" must be a command line, like ./scripts/deploy.sh, or false for a library that is never released; got true',
        ],
      ],
    },
    {
      name: 'deploy empty',
      text: yaml(...header, '  api: { paths: [a], deploy: "  " }'),
      errors: [['5:30', 'got an empty string']],
    },
    // stages
    {
      name: 'percents 5, 50, 50',
      text: yaml(
        ...header,
        '  a:',
        '    paths: [a]',
        '    stages:',
        '      - { name: s1, percent: 5 }',
        '      - { name: s2, percent: 50 }',
        '      - { name: s3, percent: 50 }',
      ),
      errors: [
        [
          '10:30',
          'stage "s3" has percent 50, not above the 50 of stage "s2" before it; percents must rise strictly to 100',
        ],
      ],
    },
    {
      name: 'percents 5, 100, 50',
      text: yaml(
        ...header,
        '  a:',
        '    paths: [a]',
        '    stages:',
        '      - { name: s1, percent: 5 }',
        '      - { name: s2, percent: 100 }',
        '      - { name: s3, percent: 50 }',
      ),
      errors: [['10:30', 'stage "s3" has percent 50, not above the 100 of stage "s2"']],
    },
    {
      name: 'percents 5, 50 (not ending at 100)',
      text: yaml(
        ...header,
        '  a:',
        '    paths: [a]',
        '    stages:',
        '      - { name: s1, percent: 5 }',
        '      - { name: s2, percent: 50 }',
      ),
      errors: [
        [
          '9:30',
          'the last stage "s2" has percent 50, but the last stage must be 100 so the release reaches everyone; add a final stage like { name: full, percent: 100 }',
        ],
      ],
    },
    {
      name: 'percent 0',
      text: yaml(...header, '  a: { paths: [a], stages: [{ name: s, percent: 0 }] }'),
      errors: [
        ['5:49', '"services.a.stages[0].percent" must be a whole number from 1 to 100; got the number 0'],
      ],
    },
    {
      name: 'percent 101',
      text: yaml(...header, '  a: { paths: [a], stages: [{ name: s, percent: 101 }] }'),
      errors: [['5:49', 'got the number 101']],
    },
    {
      name: 'percent 5.5',
      text: yaml(
        ...header,
        '  a: { paths: [a], stages: [{ name: s, percent: 5.5 }, { name: t, percent: 100 }] }',
      ),
      errors: [['5:49', 'got the number 5.5']],
    },
    {
      name: 'percent as a string',
      text: yaml(...header, '  a: { paths: [a], stages: [{ name: s, percent: "100" }] }'),
      errors: [['5:49', 'got the string "100"']],
    },
    {
      name: 'stage without name and percent',
      text: yaml(...header, '  a: { paths: [a], stages: [{ bake: 1m }] }'),
      errors: [
        ['5:29', 'has no "name"'],
        ['5:29', 'has no "percent"'],
      ],
    },
    {
      name: 'stages empty',
      text: yaml(...header, '  a: { paths: [a], stages: [] }'),
      errors: [['5:28', '"services.a.stages" must list at least one stage']],
    },
    {
      name: 'stage names repeated',
      text: yaml(
        ...header,
        '  a: { paths: [a], stages: [{ name: s, percent: 5 }, { name: s, percent: 100 }] }',
      ),
      errors: [['5:62', 'stage name "s" appears twice in "services.a.stages"']],
    },
    {
      name: 'stage named rollback',
      text: yaml(...header, '  a: { paths: [a], stages: [{ name: rollback, percent: 100 }] }'),
      errors: [['5:37', 'stage name "rollback" is reserved']],
    },
    {
      name: 'stage name with a space',
      text: yaml(...header, '  a: { paths: [a], stages: [{ name: "can ary", percent: 100 }] }'),
      errors: [['5:37', 'must be a valid stage name; got "can ary"']],
    },
    // verify
    {
      name: 'verify with command and http',
      text: yaml(
        ...header,
        '  a:',
        '    paths: [a]',
        '    verify:',
        '      command: ./h.sh',
        '      http: https://x.example',
      ),
      errors: [['9:7', '"services.a.verify" has both "command" and "http"; keep one of them']],
    },
    {
      name: 'verify with neither',
      text: yaml(...header, '  a:', '    paths: [a]', '    verify:', '      interval: 10s'),
      errors: [['7:5', '"services.a.verify" needs "command" (a health check script) or "http"']],
    },
    {
      name: 'verify http not a URL',
      text: yaml(...header, '  a: { paths: [a], verify: { http: localhost:8080 } }'),
      errors: [['5:36', 'must be an http or https URL']],
    },
    {
      name: 'verify max-failures negative',
      text: yaml(...header, '  a: { paths: [a], verify: { command: c, max-failures: -1 } }'),
      errors: [
        ['5:56', '"services.a.verify.max-failures" must be a whole number, 0 or more; got the number -1'],
      ],
    },
    {
      name: 'verify as a string',
      text: yaml(...header, '  a: { paths: [a], verify: ./h.sh }'),
      errors: [
        [
          '5:28',
          '"services.a.verify" must be a health gate, like { command: ./scripts/health.sh, interval: 30s }; got the string "./h.sh"',
        ],
      ],
    },
    // durations and booleans
    {
      name: 'timeout as a number',
      text: yaml(...header, '  a: { paths: [a], timeout: 30 }'),
      errors: [['5:29', '"services.a.timeout" must be a duration with a unit, like 30s; got the number 30']],
    },
    {
      name: 'pass-oidc as yes',
      text: yaml(...header, '  a: { paths: [a], pass-oidc: yes }'),
      errors: [['5:31', '"services.a.pass-oidc" must be true or false; got the string "yes"']],
    },
    // depends-on
    {
      name: 'depends-on an unknown service, with did-you-mean',
      text: yaml(...header, '  common: { paths: [c] }', '  api: { paths: [a], depends-on: [comon] }'),
      errors: [
        [
          '6:35',
          'service "api" depends on "comon", which is not a service in this file; did you mean "common"? Services: common, api',
        ],
      ],
    },
    {
      name: 'depends-on as a string',
      text: yaml(...header, '  common: { paths: [c] }', '  api: { paths: [a], depends-on: common }'),
      errors: [['6:34', '"services.api.depends-on" must be a list of service names, like [common]']],
    },
    {
      name: 'cycle a → b → a',
      text: yaml(...header, '  a: { paths: [a], depends-on: [b] }', '  b: { paths: [b], depends-on: [a] }'),
      errors: [['5:33', 'dependency cycle: a → b → a; a service cannot depend on itself']],
    },
    {
      name: 'cycle a → b → c → a, reported once at the first service',
      text: yaml(
        ...header,
        '  a:',
        '    paths: [a]',
        '    depends-on: [x, b]',
        '  b: { paths: [b], depends-on: [c] }',
        '  c: { paths: [c], depends-on: [a] }',
        '  x: { paths: [x] }',
      ),
      errors: [['7:21', 'dependency cycle: a → b → c → a']],
    },
    {
      name: 'a service that depends on itself',
      text: yaml(...header, '  a: { paths: [a], depends-on: [a] }'),
      errors: [['5:33', 'dependency cycle: a → a']],
    },
    // audit
    {
      name: 'audit branch not a git branch name',
      text: yaml(...header, '  a: { paths: [a] }', 'audit: { branch: "release audit" }'),
      errors: [
        ['6:18', '"audit.branch" must be a valid git branch name, like release-audit; got "release audit"'],
      ],
    },
    {
      name: 'audit branch starting with -',
      text: yaml(...header, '  a: { paths: [a] }', 'audit: { branch: -x }'),
      errors: [['6:18', 'must be a valid git branch name']],
    },
    {
      name: 'audit deployments as a string',
      text: yaml(...header, '  a: { paths: [a] }', 'audit: { deployments: "true" }'),
      errors: [['6:23', '"audit.deployments" must be true or false; got the string "true"']],
    },
    {
      name: 'audit deployment-environment placeholder',
      text: yaml(...header, '  a: { paths: [a] }', 'audit: { deployment-environment: "{env}-{service}" }'),
      errors: [['6:34', 'has an unknown placeholder {env}: only {environment} and {service} are filled in']],
    },
    {
      name: 'audit as a list',
      text: yaml(...header, '  a: { paths: [a] }', 'audit: [x]'),
      errors: [['6:8', '"audit" must be a mapping of keys; got a list']],
    },
    // aliases
    {
      name: 'alias to no anchor',
      text: yaml(...header, '  a: { paths: *p }'),
      errors: [['5:15', 'alias *p refers to no anchor; define &p before it']],
    },
  ];

  it.each(cases)('$name', ({ text, errors }) => expectErrors(text, errors));

  it.each([
    ['5 m', 'a whole number above 0 and a unit (ms, s, m or h) with no space'],
    ['500', 'got the string "500"'],
    ['1d', 'got the string "1d"'],
    ['-1s', 'got the string "-1s"'],
    ['0s', 'got the string "0s"'],
    ['1.5h', 'got the string "1.5h"'],
    ['999h', 'at most 596h'],
  ])('bad duration %j', (duration, part) => {
    expectErrors(yaml(...header, `  a: { paths: [a], timeout: "${duration}" }`), [['5:29', part]]);
  });

  it.each([
    ['Api', 'service name "Api" is not valid (did you mean "api"?)'],
    ['a;touch x', 'service name "a;touch x" is not valid: a service name is 1 to 100 characters'],
    ['$(id)', 'service name "$(id)" is not valid'],
    ['-x', 'service name "-x" is not valid'],
    ['a\\nb', 'service name "a\\nb" is not valid'],
    ['a..b', 'service name "a..b" is not valid'],
    ['x'.repeat(101), 'is not valid'],
  ])('bad service name %j', (name, part) => {
    expectErrors(yaml(...header, `  "${name}": { paths: [a] }`), [['5:3', part]]);
  });

  it('reports duplicate keys at the second occurrence', () => {
    expect(errorsOf(fixture('duplicate-keys.yml'))).toEqual([
      '6:5 duplicate key "paths"; a key may appear only once in a mapping: merge the two entries or remove one',
      '10:3 duplicate key "api"; a key may appear only once in a mapping: merge the two entries or remove one',
    ]);
  });

  it('reports every error of a file at once, in file order', () => {
    const errors = errorsOf(fixture('many-errors.yml'));
    expect(errors.map((e) => e.split(' ')[0])).toEqual([
      '2:1', // unknown key servces
      '3:14', // environment name
      '4:6', // tag placeholder
      '5:13', // versioning
      '6:13', // shared[1] empty
      '6:17', // shared[2] a number
      '9:41', // bake "5 m"
      '10:40', // bake 500
      '11:15', // stage name twice
      '11:32', // percent not rising
      '12:12', // timeout 30
      '13:25', // verify command and http
      '13:31', // verify http ftp
      '13:54', // max-failures -1
      '14:14', // pass-oidc yes
      '16:3', // service name Api
      '18:3', // api has no deploy
      '19:12', // paths a string
      '20:18', // depends-on comon
      '20:25', // cycle api → web → api
      '21:10', // url
      '25:13', // deploy ""
      '28:9', // unquoted !x/**
      '30:3', // nodeploy has no deploy
      '32:3', // service name a;touch x
      '35:11', // audit branch
      '36:16', // audit deployments
      '37:27', // deployment-environment placeholder
    ]);
  });

  it('refuses an alias bomb without expanding it', () => {
    const { config, diagnostics } = parseConfig(fixture('alias-bomb.yml'), FILE);
    expect(config).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line: 3, column: 8 });
    expect(diagnostics[0]!.message).toContain('expand to far more data than the file holds');
  });

  it("refuses aliases that fan out wide even when each anchor stays under yaml's per-anchor limit", () => {
    // 50 anchors of 400 paths, each used 50 times: 1,000,000 path entries from a 150 KB file.
    const paths = Array.from({ length: 400 }, (_, i) => `p${i}`).join(', ');
    const anchors = Array.from({ length: 50 }, (_, k) => `  a${k}: &a${k} { paths: [${paths}] }`);
    const services = Array.from({ length: 2500 }, (_, i) => `  s${i}: *a${i % 50}`);
    const text = yaml('version: 1', 'defaults: { deploy: d }', 'x:', ...anchors, 'services:', ...services);
    const { config, diagnostics } = parseConfig(text, FILE);
    expect(config).toBeNull();
    expect(diagnostics.filter((d) => d.message.includes('expand to far more data'))).toEqual([
      expect.objectContaining({ line: 55, column: 7 }),
    ]);
  });

  it('refuses a file over 1 MiB at 1:1, counting UTF-8 bytes', () => {
    const big = `version: 1\n# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    expect(errorsOf(big)).toEqual([
      '1:1 the config file is 2.0 MiB, over the limit of 1 MiB; check that the "config" input names the right file (a config is usually a few KiB)',
    ]);
    // 400,000 euro signs are 1.2 MB in UTF-8 though only 400,000 UTF-16 units.
    expect(errorsOf(`version: 1\n# ${'€'.repeat(400_000)}\n`)[0]).toMatch(/^1:1 the config file is 1\.1 MiB/);
  });
});

describe('schema/monorepo-release.schema.json', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../../schema/monorepo-release.schema.json', import.meta.url), 'utf8'),
  );
  const keys = (node: { properties: object }): string[] => Object.keys(node.properties).sort();

  it('is draft 2020-12 JSON with the same keys as parseConfig accepts, at every level', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(keys(schema)).toEqual([...TOP_LEVEL_KEYS].sort());
    expect(keys(schema.properties.defaults)).toEqual([...DEFAULTS_KEYS].sort());
    expect(keys(schema.$defs.service)).toEqual([...SERVICE_KEYS].sort());
    expect(keys(schema.$defs.stage)).toEqual([...STAGE_KEYS].sort());
    expect(keys(schema.$defs.verify)).toEqual([...VERIFY_KEYS].sort());
    expect(keys(schema.properties.audit)).toEqual([...AUDIT_KEYS].sort());
  });

  it('uses the name patterns of src/core/names.ts', () => {
    expect(schema.$defs.serviceName.pattern).toBe(SERVICE_NAME.source);
    expect(schema.$defs.environmentName.pattern).toBe(ENVIRONMENT_NAME.source);
  });
});

describe('names', () => {
  it.each([
    ['api', true],
    ['api-v2.web_1', true],
    ['9lives', true],
    ['Api', false],
    ['', false],
    ['.', false],
    ['..', false],
    ['a..b', false],
    ['a.', false],
    ['-x', false],
    ['a b', false],
    ['a/b', false],
    ['a\nb', false],
    ['$(id)', false],
    ['x'.repeat(100), true],
    ['x'.repeat(101), false],
  ])('isServiceName(%j) is %s (and isStageName agrees)', (name, expected) => {
    expect(isServiceName(name)).toBe(expected);
    expect(isStageName(name)).toBe(expected);
  });

  it.each([
    ['production', true],
    ['Prod-EU.1', true],
    ['..', false],
    ['prod/eu', false],
    ['_x', false],
  ])('isEnvironmentName(%j) is %s', (name, expected) => expect(isEnvironmentName(name)).toBe(expected));

  it.each([
    ['api@v1.2.3', true],
    ['release-audit', true],
    ['a/b', true],
    ['a b', false],
    ['a..b', false],
    ['a@{b', false],
    ['a.lock', false],
    ['a/.b', false],
    ['a//b', false],
    ['a/', false],
    ['-a', false],
    ['a:b', false],
    ['HEAD', false],
    ['@', false],
  ])('isGitRefName(%j) is %s', (name, expected) => expect(isGitRefName(name)).toBe(expected));
});

describe('suggest', () => {
  const keys = ['version', 'environment', 'services', 'shared', 'depends-on'];
  it.each([
    ['servces', 'services'],
    ['servcies', 'services'],
    ['Services', 'services'],
    ['depend-on', 'depends-on'],
    ['enviroment', 'environment'],
    ['colour', undefined],
    ['x', undefined],
  ])('suggest(%j) is %j', (word, expected) => expect(suggest(word, keys)).toBe(expected));
});
