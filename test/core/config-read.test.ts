/** Reading the config's YAML: js-yaml reads the file; the `yaml` package reads it again only for a
 * message that needs a line and column, or to explain a file js-yaml refuses. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';

const documentsRead = vi.hoisted(() => ({ count: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      documentsRead.count++;
      return actual.parseDocument(...args);
    },
  };
});

const FILE = '.github/monorepo-release.yml';
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;
const header = ['version: 1', 'defaults: { deploy: ./deploy.sh }', 'services:'];

/** Every diagnostic as `severity line:column message`. */
function diagnosticsOf(text: string): string[] {
  return parseConfig(text, FILE).diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
}

beforeEach(() => {
  documentsRead.count = 0;
});

describe('when the yaml package reads the file', () => {
  it('never, for a valid file with nothing to report', () => {
    const { config } = parseConfig(
      yaml(...header, '  api: { paths: [a/**] }', '  web: { paths: [w/**] }'),
      FILE,
    );
    expect(config?.services.map((s) => s.name)).toEqual(['api', 'web']);
    expect(documentsRead.count).toBe(0);
  });

  it('once, for a file with mistakes, however many there are', () => {
    const text = yaml(...header, '  api: { paths: [a], timeout: 5 }', '  web: { paths: [w], timeout: 6 }');
    expect(diagnosticsOf(text).map((d) => d.split(' ')[1])).toEqual(['4:31', '5:31']);
    expect(documentsRead.count).toBe(1);
  });

  it('when a position of a valid config is asked for, and then once', () => {
    const { config } = parseConfig(yaml(...header, '  api:', '    paths: [a, b]'), FILE);
    expect(documentsRead.count).toBe(0);
    expect(config!.positions.get('/services/api/paths/1')).toEqual({ line: 5, column: 16 });
    expect(config!.positions.get('/services/api')).toEqual({ line: 4, column: 3 });
    expect(config!.positions.get('/services/nope')).toBeUndefined();
    expect(documentsRead.count).toBe(1);
  });
});

describe('files only js-yaml refuses', () => {
  it('reports its reason at its line and column: a control character in a quoted string', () => {
    expect(diagnosticsOf(yaml(...header, '  api: { paths: ["a\x01"] }'))).toEqual([
      'error 4:20 invalid YAML: expected valid JSON character; fix the syntax here (indentation, quotes, colons)',
    ]);
  });

  it('reports its reason at its line and column: nesting over 100 deep', () => {
    const deep = `x: ${'['.repeat(120)}${']'.repeat(120)}`;
    expect(diagnosticsOf(yaml(...header, '  api: { paths: [a] }', deep))).toEqual([
      'error 5:103 invalid YAML: nesting exceeded maxDepth (100); fix the syntax here (indentation, quotes, colons)',
    ]);
  });
});

describe('keys', () => {
  it('keep their file order, numbers too', () => {
    const { config } = parseConfig(yaml(...header, '  "2": { paths: [b] }', '  1: { paths: [a] }'), FILE);
    expect(config?.services.map((s) => s.name)).toEqual(['2', '1']);
  });

  it('may not name one thing twice: 1 and "1" are two YAML keys but one service name', () => {
    expect(diagnosticsOf(yaml(...header, '  1: { paths: [a] }', '  "1": { paths: [b] }'))).toEqual([
      'error 5:3 duplicate key "1"; a key may appear only once in a mapping: merge the two entries or remove one',
    ]);
  });

  it('must be plain names, reported where the key stands', () => {
    expect(
      diagnosticsOf(yaml(...header, '  ? [a, b]', '  : { paths: [a] }', '  api: { paths: [a] }')),
    ).toEqual(['error 4:5 a key in "services" must be a plain name, not a list']);
    expect(diagnosticsOf(yaml(...header, '  ~: { paths: [a] }', '  api: { paths: [a] }'))).toEqual([
      'error 4:3 a key in "services" must be a plain name, not an empty value',
    ]);
  });
});

describe('YAML rules', () => {
  it('are YAML 1.2 core rules, even under a %YAML 1.1 directive', () => {
    const text = `%YAML 1.1\n---\n${yaml(...header, '  api: { paths: [a], deploy: yes, pass-oidc: yes }')}`;
    expect(diagnosticsOf(text)).toEqual([
      'error 6:46 "services.api.pass-oidc" must be true or false; got the string "yes"',
    ]);
  });

  it('refuse an alias inside its own anchor (a value without end), at the alias', () => {
    const [only, ...rest] = diagnosticsOf(yaml(...header, '  api: { paths: &p [a, *p] }'));
    expect(rest).toEqual([]);
    expect(only).toMatch(/^error 4:24 the YAML aliases \(\*name\) in this file expand to far more data/);
  });

  it('read merge keys (<<) as plain keys, as the config format has none', () => {
    expect(diagnosticsOf(yaml(...header, '  x: &x { paths: [a] }', '  api: { <<: *x }'))).toEqual([
      'error 5:3 service "api" has no "paths"; add the files it is built from, like paths: [services/api/**]',
      'error 5:10 unknown key "<<" in "services.api". Allowed keys: paths, depends-on, url, stages, deploy, verify, rollback, timeout, pass-oidc, notify, wait, after',
    ]);
  });
});
