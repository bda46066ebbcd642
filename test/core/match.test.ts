import fc from 'fast-check';
import micromatch from 'micromatch';
import { describe, expect, it } from 'vitest';
import { GLOB_OPTIONS } from '../../src/core/glob.js';
import { compilePathIndex } from '../../src/core/path-index.js';
import { PatternCheck } from '../../src/core/pattern-check.js';
import type { TreeEntry } from '../../src/core/ports.js';
import type { Config, Diagnostic, Position, ServiceConfig } from '../../src/core/types.js';

function service(name: string, paths: string[]): ServiceConfig {
  return {
    name,
    paths,
    dependsOn: [],
    deploy: './deploy.sh',
    stages: [],
    timeoutMs: 60_000,
    passOidc: false,
  };
}

function services(
  spec: Record<string, string[]>,
  shared: string[] = [],
): Pick<Config, 'services' | 'shared'> {
  return { services: Object.entries(spec).map(([name, paths]) => service(name, paths)), shared };
}

/** The definition the index must agree with: each pattern tested with micromatch; a `!` pattern (not a
 * `!(…)` extglob) excludes from the owner's includes wherever it stands. */
function naiveOwns(patterns: readonly string[], file: string): boolean {
  const negated = (p: string) => p.startsWith('!') && !p.startsWith('!(');
  const includes = patterns.filter((p) => !negated(p));
  const excludes = patterns.filter(negated).map((p) => p.slice(1));
  // micromatch throws on an empty pattern; the config parser refuses one, the index matches nothing.
  const hit = (p: string) => p !== '' && micromatch.isMatch(file, p, GLOB_OPTIONS);
  return includes.some(hit) && !excludes.some(hit);
}

function naiveMatch(config: Pick<Config, 'services' | 'shared'>, file: string) {
  return {
    services: config.services.filter((s) => naiveOwns(s.paths, file)).map((s) => s.name),
    shared: naiveOwns(config.shared, file),
  };
}

describe('compilePathIndex', () => {
  const cases: Array<{
    name: string;
    spec: Record<string, string[]>;
    shared?: string[];
    file: string;
    services: string[];
    isShared?: boolean;
  }> = [
    {
      name: 'a file under a service',
      spec: { api: ['services/api/**'] },
      file: 'services/api/src/a.ts',
      services: ['api'],
    },
    {
      name: 'a sibling directory with a longer name',
      spec: { api: ['services/api/**'] },
      file: 'services/api2/a.ts',
      services: [],
    },
    {
      name: 'a negation after the include',
      spec: { api: ['services/api/**', '!services/api/**/*.md'] },
      file: 'services/api/README.md',
      services: [],
    },
    {
      name: 'a negation before the include',
      spec: { api: ['!services/api/**/*.md', 'services/api/**'] },
      file: 'services/api/docs/x.md',
      services: [],
    },
    {
      name: 'a negation between includes',
      spec: { api: ['a/**', '!**/*.md', 'b/**'] },
      file: 'b/x.md',
      services: [],
    },
    {
      name: 'a negation leaves other files',
      spec: { api: ['!**/*.md', 'services/api/**'] },
      file: 'services/api/x.ts',
      services: ['api'],
    },
    {
      name: 'only negations match nothing',
      spec: { api: ['!**/*.md'] },
      file: 'services/api/x.ts',
      services: [],
    },
    {
      name: 'a negation only excludes from its own service',
      spec: { api: ['lib/**', '!lib/**/*.md'], docs: ['lib/**/*.md'] },
      file: 'lib/x.md',
      services: ['docs'],
    },
    {
      name: 'dot files under **',
      spec: { api: ['services/api/**'] },
      file: 'services/api/.env',
      services: ['api'],
    },
    {
      name: 'dot directories under **',
      spec: { ci: ['**/*.yml'] },
      file: '.github/workflows/ci.yml',
      services: ['ci'],
    },
    {
      name: 'a dot directory as the base',
      spec: { ci: ['.github/**'] },
      file: '.github/dependabot.yml',
      services: ['ci'],
    },
    {
      name: '** at the root matches everything',
      spec: { all: ['**'] },
      file: 'deep/down/.hidden/x',
      services: ['all'],
    },
    {
      name: 'a pattern with no base',
      spec: { docs: ['**/*.md'] },
      file: 'services/api/README.md',
      services: ['docs'],
    },
    {
      name: 'a pattern with no base, at the root',
      spec: { docs: ['**/*.md'] },
      file: 'README.md',
      services: ['docs'],
    },
    {
      name: 'a file name anywhere',
      spec: { docker: ['**/Dockerfile'] },
      file: 'services/api/Dockerfile',
      services: ['docker'],
    },
    {
      name: 'a file name anywhere, not a suffix',
      spec: { docker: ['**/Dockerfile'] },
      file: 'services/api/my-Dockerfile',
      services: [],
    },
    {
      name: 'braces',
      spec: { apps: ['services/{api,web}/**'] },
      file: 'services/web/index.ts',
      services: ['apps'],
    },
    {
      name: 'braces miss other names',
      spec: { apps: ['services/{api,web}/**'] },
      file: 'services/worker/index.ts',
      services: [],
    },
    {
      name: 'brace extensions',
      spec: { ts: ['src/**/*.{ts,tsx}'] },
      file: 'src/ui/App.tsx',
      services: ['ts'],
    },
    { name: 'a literal file', spec: { root: ['package.json'] }, file: 'package.json', services: ['root'] },
    {
      name: 'a literal directory does not match its files',
      spec: { api: ['services/api'] },
      file: 'services/api/a.ts',
      services: [],
    },
    {
      name: 'a leading ./',
      spec: { api: ['./services/api/**'] },
      file: 'services/api/a.ts',
      services: ['api'],
    },
    {
      name: 'a file in two services, in config order',
      spec: { web: ['libs/**'], api: ['libs/ui/**'] },
      file: 'libs/ui/button.ts',
      services: ['web', 'api'],
    },
    {
      name: 'two patterns of one service count once',
      spec: { api: ['services/api/**', '**/*.ts'] },
      file: 'services/api/a.ts',
      services: ['api'],
    },
    {
      name: 'a newline in a file name',
      spec: { api: ['services/api/**'] },
      file: 'services/api/a\nb.ts',
      services: ['api'],
    },
    {
      name: 'shell syntax and non-ASCII in a file name',
      spec: { api: ['services/api/**'] },
      file: 'services/api/$(id)/ä.ts',
      services: ['api'],
    },
    {
      name: 'a shared file',
      spec: { api: ['services/api/**'] },
      shared: ['package-lock.json'],
      file: 'package-lock.json',
      services: [],
      isShared: true,
    },
    {
      name: 'shared with a negation',
      spec: {},
      shared: ['config/**', '!config/**/*.md'],
      file: 'config/README.md',
      services: [],
      isShared: false,
    },
    {
      name: 'a file both shared and in a service',
      spec: { api: ['**/*.json'] },
      shared: ['package-lock.json'],
      file: 'package-lock.json',
      services: ['api'],
      isShared: true,
    },
  ];
  it.each(cases)('$name', ({ spec, shared, file, services: expected, isShared }) => {
    const config = services(spec, shared);
    const result = compilePathIndex(config).match(file);
    expect(result).toEqual({ services: expected, shared: isShared ?? false });
    expect(result).toEqual(naiveMatch(config, file));
  });

  it('answers each file independently when called many times', () => {
    const index = compilePathIndex(services({ api: ['services/api/**', '!**/*.md'], docs: ['**/*.md'] }));
    const files = ['services/api/a.ts', 'services/api/a.md', 'services/api/a.ts', 'x.md'];
    expect(files.map((f) => index.match(f).services)).toEqual([['api'], ['docs'], ['api'], ['docs']]);
  });

  // Paths as git writes them (no empty, `.` or `..` segment), with segments chosen to collide with the
  // pattern pieces below: dot files, shell syntax, non-ASCII, a newline, glob characters.
  const segment = fc.constantFrom(
    'a',
    'b',
    'src',
    'lib',
    'x.md',
    'y.ts',
    'Dockerfile',
    '.github',
    '.env',
    '.md',
    'a.',
    '..md',
    'ä',
    '$(x)',
    'sp ace',
    'a\nb',
    'b+c',
    '@x',
    'a|b',
    '*',
    '[ab]',
    '{a,b}',
  );
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
  const patternSegment = fc.constantFrom(
    'a',
    'b',
    'src',
    'lib',
    '.github',
    'x.md',
    'Dockerfile',
    'ä',
    '$(x)',
    'sp ace',
    'b+c',
    'a|b',
    '*',
    '**',
    '*.md',
    '*.{ts,md}',
    '{a,b}',
    '[ab]',
    '?',
    '+(a|b)',
    '@(a)',
    '.*',
    'a*',
    '*.',
    '.',
  );
  const pattern = fc.oneof(
    fc.array(patternSegment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
    path.map((p) => `${p}/**`),
    path.map((p) => `${p}/**/*.md`),
    fc.constantFrom('**/*.md', '**/Dockerfile', '**/*.', '**', './a/**', 'a/**/', '!(a)/**'),
    path,
  );
  const ownerPatterns = fc.array(
    fc.tuple(fc.boolean(), pattern).map(([negate, p]) => (negate && !p.startsWith('!') ? `!${p}` : p)),
    { minLength: 0, maxLength: 4 },
  );
  const config = fc
    .tuple(fc.array(ownerPatterns, { minLength: 1, maxLength: 6 }), ownerPatterns)
    .map(([owners, shared]) => ({ services: owners.map((paths, i) => service(`s${i}`, paths)), shared }));

  it('match and matchOwners give exactly the answer of every pattern tested with micromatch (property)', () => {
    fc.assert(
      fc.property(config, fc.array(path, { minLength: 1, maxLength: 20 }), (cfg, files) => {
        const index = compilePathIndex(cfg);
        for (const file of files) {
          const expected = naiveMatch(cfg, file);
          expect(index.match(file)).toEqual(expected);
          const positions = expected.services.map((name) => cfg.services.findIndex((s) => s.name === name));
          const count = index.matchOwners(file);
          expect([...index.owners.subarray(0, count)]).toEqual(
            expected.shared ? [...positions, cfg.services.length] : positions,
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  /** The labels of the include patterns micromatch matches with none of the files; a (deployable) service
   * none of whose include patterns matches is one error instead, after the warnings. */
  function expectedWarnings(cfg: Pick<Config, 'services' | 'shared'>, tracked: readonly string[]): string[] {
    const dead = (patterns: string[], label: string) =>
      patterns.flatMap((p, i) => {
        const include = !(p.startsWith('!') && !p.startsWith('!('));
        const live = tracked.some((f) => p !== '' && micromatch.isMatch(f, p, GLOB_OPTIONS));
        return include && !live ? [`${label}[${i}] ${JSON.stringify(p)}`] : [];
      });
    const warnings: string[] = [];
    const errors: string[] = [];
    for (const s of cfg.services) {
      const found = dead(s.paths, `services.${s.name}.paths`);
      const includes = s.paths.filter((p) => !(p.startsWith('!') && !p.startsWith('!('))).length;
      if (found.length > 0 && found.length === includes) errors.push(`service ${JSON.stringify(s.name)}`);
      else warnings.push(...found);
    }
    warnings.push(...dead(cfg.shared, 'shared'));
    return [...warnings, ...errors];
  }
  const labels = (diagnostics: Diagnostic[]) =>
    diagnostics.map((d) =>
      d.severity === 'error'
        ? d.message.slice(0, d.message.indexOf(' would never'))
        : d.message.slice(0, d.message.indexOf(' matches no')),
    );

  it('warns for exactly the include patterns micromatch matches with no tracked file (property)', () => {
    fc.assert(
      fc.property(config, fc.array(path, { maxLength: 20 }), (cfg, tracked) => {
        const full = { ...cfg, file: 'c.yml', positions: new Map<string, Position>() };
        const warned = (files: string[]) => labels(new PatternCheck(full).unmatched(files));
        const expected = expectedWarnings(cfg, tracked);
        // Sorted as git lists them, and in any order.
        expect(warned([...tracked].sort())).toEqual(expected);
        expect(warned(tracked)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('warns for the same patterns when directory entries prove some first (property)', () => {
    fc.assert(
      fc.property(config, fc.array(path, { maxLength: 20 }), fc.boolean(), (cfg, paths, replaced) => {
        // As git tracks them: no path is both a file and the directory of another.
        const tracked = paths.filter((p) => !paths.some((other) => other.startsWith(`${p}/`)));
        const full = { ...cfg, file: 'c.yml', positions: new Map<string, Position>() };
        const check = new PatternCheck(full);
        const dirs = check.directoriesToList(Infinity)!;
        check.proveWith(lsTree(tracked, dirs, replaced));
        expect(labels(check.unmatched([...tracked].sort()))).toEqual(expectedWarnings(cfg, tracked));
      }),
      { numRuns: 500 },
    );
  });
});

/** What `git ls-tree` lists of the directories: what is directly in each. When `replaced`, a tree that is
 * itself asked for is given as its entries only, as git does. */
function lsTree(
  tracked: readonly string[],
  dirs: readonly string[],
  replaced: boolean,
): Array<Pick<TreeEntry, 'path' | 'type'>> {
  const entries = new Map<string, string>();
  for (const file of tracked) {
    for (const dir of dirs) {
      if (dir !== '' && !file.startsWith(`${dir}/`)) continue;
      const rest = dir === '' ? file : file.slice(dir.length + 1);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      const path = dir === '' ? name : `${dir}/${name}`;
      if (slash !== -1 && replaced && dirs.includes(path)) continue;
      entries.set(path, slash === -1 ? 'blob' : 'tree');
    }
  }
  return [...entries].map(([path, type]) => ({ path, type }));
}

describe('PatternCheck', () => {
  const config = (spec: Record<string, string[]>, shared: string[] = []) => ({
    ...services(spec, shared),
    file: '.github/monorepo-release.yml',
    positions: new Map<string, Position>(),
  });

  it('asks for the directories that hold a tree, a literal path, or files one level below a base', () => {
    const check = new PatternCheck(
      config({ api: ['services/api/**', '!**/*.md'], web: ['services/web/**', 'services/web/Dockerfile'] }, [
        'package.json',
        '.github/*.yml',
        '**/*.md',
        'libs/*/src/**',
        'tsconfig*.json',
      ]),
    );
    expect(check.directoriesToList(10)).toEqual(['', '.github', 'services', 'services/web']);
    expect(check.directoriesToList(3)).toBeNull();
  });

  const proofCases: Array<{
    name: string;
    pattern: string;
    entries: Array<Pick<TreeEntry, 'path' | 'type'>>;
    proven: boolean;
  }> = [
    {
      name: 'a tree proves dir/**',
      pattern: 'a/b/**',
      entries: [{ path: 'a/b', type: 'tree' }],
      proven: true,
    },
    {
      name: 'an entry under it proves dir/** (the tree given as its entries)',
      pattern: 'a/**',
      entries: [{ path: 'a/b/c', type: 'tree' }],
      proven: true,
    },
    {
      name: 'a blob proves a literal',
      pattern: 'a/x.json',
      entries: [{ path: 'a/x.json', type: 'blob' }],
      proven: true,
    },
    {
      name: 'a submodule proves a literal',
      pattern: 'a/sub',
      entries: [{ path: 'a/sub', type: 'commit' }],
      proven: true,
    },
    {
      name: 'a tree does not prove a literal',
      pattern: 'a/x',
      entries: [{ path: 'a/x', type: 'tree' }],
      proven: false,
    },
    {
      name: 'a sibling does not prove dir/**',
      pattern: 'a/b/**',
      entries: [{ path: 'a/bc', type: 'tree' }],
      proven: false,
    },
    {
      name: 'a file one level down proves a glob',
      pattern: '.github/*.yml',
      entries: [{ path: '.github/ci.yml', type: 'blob' }],
      proven: true,
    },
    {
      name: 'a tree does not prove a glob of files',
      pattern: '.github/*.yml',
      entries: [{ path: '.github/x.yml', type: 'tree' }],
      proven: false,
    },
    {
      name: 'nor does a file the glob does not match',
      pattern: 'tsconfig*.json',
      entries: [{ path: 'package.json', type: 'blob' }],
      proven: false,
    },
    {
      name: 'a deeper glob is left to the listing',
      pattern: '**/*.md',
      entries: [{ path: 'README.md', type: 'blob' }],
      proven: false,
    },
  ];
  it.each(proofCases)('$name', ({ pattern, entries, proven }) => {
    const check = new PatternCheck(config({ api: [pattern] }));
    check.proveWith(entries);
    expect(check.allProven).toBe(proven);
    // With nothing tracked in the listing, only what the entries proved goes unwarned.
    expect(check.unmatched([])).toHaveLength(proven ? 0 : 1);
  });
});

describe('unmatched', () => {
  const unmatched = (cfg: ConstructorParameters<typeof PatternCheck>[0], files: readonly string[]) =>
    new PatternCheck(cfg).unmatched(files);
  const tracked = [
    'services/api/src/main.ts',
    'services/web/index.html',
    'libs/common/x.ts',
    'package-lock.json',
    'README.md',
  ];
  const positions = new Map<string, Position>([
    ['/services/api/paths', { line: 7, column: 5 }],
    ['/services/api/paths/0', { line: 7, column: 13 }],
    ['/shared/1', { line: 3, column: 28 }],
  ]);
  const config = (spec: Record<string, string[]>, shared: string[] = []) => ({
    ...services(spec, shared),
    file: '.github/monorepo-release.yml',
    positions,
  });

  const cases: Array<{
    name: string;
    spec: Record<string, string[]>;
    shared?: string[];
    messages: string[];
  }> = [
    {
      name: 'every pattern matches',
      spec: { api: ['services/api/**'], web: ['services/web/**'] },
      shared: ['package-lock.json'],
      messages: [],
    },
    {
      name: 'a misspelt directory gets a suggestion',
      spec: { api: ['servcies/api/**', 'README.md'] },
      messages: [
        'services.api.paths[0] "servcies/api/**" matches no tracked file; check the spelling (did you mean a directory like "services/api"?)',
      ],
    },
    {
      name: 'a misspelt deeper directory',
      spec: { api: ['services/apj/**', 'README.md'] },
      messages: [
        'services.api.paths[0] "services/apj/**" matches no tracked file; check the spelling (did you mean a directory like "services/api"?)',
      ],
    },
    {
      name: 'a misspelt file',
      spec: {},
      shared: ['README.md', 'package-lok.json'],
      messages: [
        'shared[1] "package-lok.json" matches no tracked file; check the spelling (did you mean a file like "package-lock.json"?)',
      ],
    },
    {
      name: 'a literal directory',
      spec: { api: ['services/api', 'README.md'] },
      messages: [
        'services.api.paths[0] "services/api" matches no tracked file; "services/api" is a directory: write "services/api/**" to match the files in it',
      ],
    },
    {
      name: 'nothing close to suggest',
      spec: { api: ['zzz/**', 'README.md'] },
      messages: ['services.api.paths[0] "zzz/**" matches no tracked file; check the spelling'],
    },
    { name: 'negations are not checked', spec: { api: ['services/api/**', '!nothing/**'] }, messages: [] },
    {
      name: 'a pattern with no base that matches nothing',
      spec: { docs: ['**/*.rst', 'README.md'] },
      messages: ['services.docs.paths[0] "**/*.rst" matches no tracked file; check the spelling'],
    },
  ];
  it.each(cases)('$name', ({ spec, shared, messages }) => {
    expect(unmatched(config(spec, shared), tracked).map((d) => d.message)).toEqual(messages);
  });

  it('places each warning at its pattern, falling back to 1:1', () => {
    const result = unmatched(
      config({ api: ['servcies/api/**', 'nope/**', 'README.md'] }, ['x', 'package-lok.json']),
      tracked,
    );
    expect(result.map(({ severity, file, line, column }) => ({ severity, file, line, column }))).toEqual([
      { severity: 'warning', file: '.github/monorepo-release.yml', line: 7, column: 13 },
      { severity: 'warning', file: '.github/monorepo-release.yml', line: 1, column: 1 },
      { severity: 'warning', file: '.github/monorepo-release.yml', line: 1, column: 1 },
      { severity: 'warning', file: '.github/monorepo-release.yml', line: 3, column: 28 },
    ]);
  });

  const neverReleased: Array<{ name: string; spec: Record<string, string[]>; message: string }> = [
    {
      name: 'a typo with a close directory: the corrected pattern',
      spec: { api: ['servcies/api/**'] },
      message:
        'service "api" would never be released: none of its paths matches a tracked file; fix the typo: no tracked file matches "servcies/api/**"; did you mean "services/api/**"?',
    },
    {
      name: 'a typo in a deeper segment, a glob after the base kept',
      spec: { web: ['services/wbe/**/*.html'] },
      message:
        'service "web" would never be released: none of its paths matches a tracked file; fix the typo: no tracked file matches "services/wbe/**/*.html"; did you mean "services/web/**/*.html"?',
    },
    {
      name: 'a literal directory',
      spec: { api: ['services/api'] },
      message:
        'service "api" would never be released: none of its paths matches a tracked file; no tracked file is "services/api", a directory: write "services/api/**" to match the files in it',
    },
    {
      name: 'nothing close, and every dead pattern named',
      spec: { api: ['zzz/**', '**/*.rst', '!zzz/x/**'] },
      message:
        'service "api" would never be released: none of its paths matches a tracked file; no tracked file matches "zzz/**"; check the path; and no tracked file matches "**/*.rst"; check the path',
    },
  ];
  it.each(neverReleased)(
    'a deployable service with no live pattern is one error at its paths: $name',
    ({ spec, message }) => {
      const result = unmatched(config(spec), tracked);
      expect(result.map((d) => d.message)).toEqual([message]);
      expect(result[0]!.severity).toBe('error');
    },
  );

  it("places that error at the service's `paths`", () => {
    const [error] = unmatched(config({ api: ['servcies/api/**'] }), tracked);
    expect(error).toMatchObject({ severity: 'error', line: 7, column: 5 });
  });

  it('leaves a library (deploy: false) with no live pattern to warnings, and `shared` too', () => {
    const cfg = config({ api: ['services/api/**'] }, ['nope.lock']);
    const library = {
      ...cfg,
      services: [...cfg.services, { ...service('lib', ['libz/**']), deploy: false as const }],
    };
    const result = unmatched(library, tracked);
    expect(result.map((d) => [d.severity, d.message.slice(0, d.message.indexOf(' matches no'))])).toEqual([
      ['warning', 'services.lib.paths[0] "libz/**"'],
      ['warning', 'shared[0] "nope.lock"'],
    ]);
  });

  it('takes a service with no include pattern as no error (nothing to match)', () => {
    expect(unmatched(config({ api: ['!services/api/**'] }), tracked)).toEqual([]);
  });

  it('warns for every pattern when nothing is tracked', () => {
    expect(unmatched(config({ api: ['services/api/**'] }, ['package-lock.json']), [])).toHaveLength(2);
  });
});
