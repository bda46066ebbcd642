/** Discovery on its own, from files in memory: how many reads it asks for, the go.mod grammar, and what
 * the config makes of what it finds (a cycle in the manifests, a glob that finds nothing). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import { discoverServices } from '../../src/core/discover/discover.js';
import { describeOrigins } from '../../src/core/discover/explain.js';
import { readDirectives } from '../../src/core/discover/go.js';
import type { DiscoverRule, RepositoryFiles } from '../../src/core/discover/model.js';

/** A repository of these files; `reads` records each batch asked for. */
function filesOf(files: Record<string, string>): RepositoryFiles & { reads: string[][] } {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1))
      dirs.add(path.slice(0, slash));
  }
  const reads: string[][] = [];
  return {
    reads,
    directories: async () => [...dirs],
    read: async (paths) => {
      reads.push([...paths]);
      return new Map(paths.map((path) => [path, files[path] ?? null]));
    },
  };
}

const pnpmRule: DiscoverRule = { index: 0, kind: 'workspaces', manager: 'pnpm', root: '' };

describe('discoverServices', () => {
  it('reads the root manifests in one batch and every member manifest in one more, however many', async () => {
    const files: Record<string, string> = { 'pnpm-workspace.yaml': 'packages: ["pkgs/*"]\n' };
    for (let i = 0; i < 300; i++) files[`pkgs/p${i}/package.json`] = JSON.stringify({ name: `p${i}` });
    const repo = filesOf(files);
    const found = await discoverServices([pnpmRule, { index: 1, kind: 'dirs', pattern: 'none/*' }], repo);
    expect(found.services).toHaveLength(300);
    expect(repo.reads.map((batch) => batch.length)).toEqual([1, 300]);
    expect(found.problems).toEqual([
      {
        severity: 'warning',
        rule: 1,
        message:
          'discover[1] (dirs: "none/*") matches no directory at this commit; check the pattern, like "services/*"',
      },
    ]);
  });

  it('warns of a member glob that finds no member, at its line in the root manifest', async () => {
    const repo = filesOf({
      'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "tools/*"\n',
      'apps/a/package.json': '{}',
    });
    const { services, problems } = await discoverServices([pnpmRule], repo);
    expect(services.map((s) => s.name)).toEqual(['a']); // no "name": the directory's
    expect(problems).toEqual([
      {
        severity: 'warning',
        rule: 0,
        at: { file: 'pnpm-workspace.yaml', line: 3, column: 5 },
        message: 'the member pattern "tools/*" matches no directory holding package.json; check the pattern',
      },
    ]);
  });
});

describe('directories whose names are glob syntax', () => {
  it('are refused: their paths would match other directories', async () => {
    const repo = filesOf({
      'package.json': JSON.stringify({ workspaces: ['apps/*'] }),
      'apps/[web]/package.json': JSON.stringify({ name: 'web' }),
      'apps/api/package.json': JSON.stringify({ name: 'api' }),
    });
    const rule: DiscoverRule = { index: 0, kind: 'workspaces', manager: 'npm', root: '' };
    const { services, problems } = await discoverServices([rule], repo);
    expect(services.map((s) => s.name)).toEqual(['api']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^discover\[0\] \(workspaces: npm\) finds "web" in the directory "apps\/\[web\]", whose name holds glob characters/,
      ),
    ]);
  });
});

describe('describeOrigins', () => {
  it('says so when the rules find nothing', () => {
    const parsed = parseConfig('version: 1\ndiscover:\n  - dirs: "x/*"\n', 'c.yml', {
      services: [],
      problems: [],
    });
    expect(describeOrigins(parsed.config!)).toBe('0 service(s) in c.yml:\n\n');
  });
});

describe('the go.mod grammar', () => {
  it('reads blocks, comments, quoted and raw strings, and => with or without spaces', () => {
    const text = [
      'module "example.com/m" // quoted',
      'require (',
      '  // a comment line inside the block',
      '  example.com/a v1.0.0 // indirect',
      '  `example.com/b` v2.0.0',
      ')',
      'replace example.com/a=>../a',
      'exclude example.com/c v1.0.0',
      '',
    ].join('\n');
    expect(readDirectives(text, 'go.mod')).toEqual([
      { verb: 'module', args: ['example.com/m'], pos: { line: 1, column: 1 } },
      { verb: 'require', args: ['example.com/a', 'v1.0.0'], pos: { line: 4, column: 3 } },
      { verb: 'require', args: ['example.com/b', 'v2.0.0'], pos: { line: 5, column: 3 } },
      { verb: 'replace', args: ['example.com/a', '=>', '../a'], pos: { line: 7, column: 1 } },
      { verb: 'exclude', args: ['example.com/c', 'v1.0.0'], pos: { line: 8, column: 1 } },
    ]);
  });

  it('counts the lines of a raw string that spans them', () => {
    const directives = readDirectives('module `a\nb`\nrequire x v1\n', 'go.mod');
    expect(directives[1]).toEqual({ verb: 'require', args: ['x', 'v1'], pos: { line: 3, column: 1 } });
  });

  it('refuses an unclosed string or block, and a parenthesis where none belongs', () => {
    expect(() => readDirectives('module "x\n', 'go.mod')).toThrow('a string is not closed; close it');
    expect(() => readDirectives('require (\n a v1\n', 'go.mod')).toThrow(
      'the "require (" block is not closed',
    );
    expect(() => readDirectives('require a ) v1\n', 'go.mod')).toThrow('unexpected ")"');
  });
});

describe('the config with what discovery found', () => {
  const config = (lines: string[]) => ['version: 1', 'defaults: { deploy: ./d.sh }', ...lines].join('\n');

  it('a dependency cycle between manifests names the manifest and the way out', async () => {
    const repo = filesOf({
      'package.json': JSON.stringify({ workspaces: ['a', 'b'] }),
      'a/package.json': JSON.stringify({ name: 'a', devDependencies: { b: '*' } }),
      'b/package.json': JSON.stringify({ name: 'b', dependencies: { a: '*' } }),
    });
    const rule: DiscoverRule = { index: 0, kind: 'workspaces', manager: 'npm', root: '' };
    const discovery = await discoverServices([rule], repo);
    const parsed = parseConfig(config(['discover:', '  - workspaces: npm']), 'c.yml', discovery);
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '4:5 dependency cycle: a → b → a; a service cannot depend on itself, even through others: a/package.json declares "a" → "b": list services.a.depends-on without it (a listed depends-on replaces the discovered one), or remove the dependency from the manifest',
    ]);
    const fixed = parseConfig(
      config(['discover:', '  - workspaces: npm', 'services:', '  a: { depends-on: [] }']),
      'c.yml',
      discovery,
    );
    expect(fixed.config!.services.map((s) => [s.name, s.dependsOn])).toEqual([
      ['a', []],
      ['b', ['a']],
    ]);
  });

  it('with: depends-on adds to each found service (never itself), and may name a listed service', async () => {
    const repo = filesOf({ 'services/a/x': '', 'services/proto/x': '' });
    const discovery = await discoverServices([{ index: 0, kind: 'dirs', pattern: 'services/*' }], repo);
    const parsed = parseConfig(
      config([
        'discover:',
        '  - { dirs: "services/*", with: { depends-on: [proto, shared] } }',
        'services:',
        '  shared: { paths: [lib/**], deploy: false }',
      ]),
      'c.yml',
      discovery,
    );
    expect(parsed.config!.services.map((s) => [s.name, s.dependsOn])).toEqual([
      ['a', ['proto', 'shared']],
      ['proto', ['shared']],
      ['shared', []],
    ]);
  });

  it('without discovery (no repository asked), a file with discover: and no services is valid and empty', () => {
    const parsed = parseConfig(config(['discover:', '  - dirs: "services/*"']), 'c.yml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.config!.services).toEqual([]);
  });
});
