import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeDetector, formatReason } from '../../src/core/detect.js';
import { compilePathIndex } from '../../src/core/path-index.js';
import type { Config, Detection, ServiceConfig } from '../../src/core/types.js';

interface Spec {
  paths: string[];
  dependsOn?: string[];
  library?: boolean;
}

function config(spec: Record<string, Spec>, shared: string[] = []): Pick<Config, 'services' | 'shared'> {
  const services = Object.entries(spec).map(([name, s]): ServiceConfig => ({
    name,
    paths: s.paths,
    dependsOn: s.dependsOn ?? [],
    deploy: s.library ? false : './deploy.sh',
    stages: [],
    timeoutMs: 60_000,
    passOidc: false,
  }));
  return { services, shared };
}

// api → common, web → ui → common, worker standalone, common is a library.
type Services = Pick<Config, 'services' | 'shared'>;
const detectChanges = (cfg: Services, files: string[]) => new ChangeDetector(cfg).changes(files);
const releasingRoots = (cfg: Services, services: string[]) =>
  new ChangeDetector(cfg).releasingRoots(services);

const repo = config(
  {
    api: { paths: ['services/api/**', '!**/*.md'], dependsOn: ['common'] },
    web: { paths: ['services/web/**'], dependsOn: ['ui'] },
    ui: { paths: ['libs/ui/**'], dependsOn: ['common'], library: true },
    worker: { paths: ['services/worker/**'] },
    common: { paths: ['libs/common/**'], library: true },
  },
  ['package-lock.json', '.github/workflows/**'],
);

describe('detectChanges', () => {
  const cases: Array<{ name: string; files: string[]; expected: Record<string, Detection> }> = [
    { name: 'no files', files: [], expected: {} },
    { name: 'a file under no service', files: ['docs/intro.md'], expected: {} },
    {
      name: 'own paths, counting files, first file in sorted order',
      files: ['services/api/z.ts', 'services/api/b.ts', 'services/api/a/c.ts'],
      expected: { api: { kind: 'paths', chain: ['api', 'services/api/a/c.ts'], files: 3 } },
    },
    { name: 'an excluded file changes nothing', files: ['services/api/README.md'], expected: {} },
    {
      name: 'a library propagates to its dependents, transitively',
      files: ['libs/common/x.ts'],
      expected: {
        api: { kind: 'dependency', chain: ['api', 'common', 'libs/common/x.ts'], files: 1 },
        web: { kind: 'dependency', chain: ['web', 'ui', 'common', 'libs/common/x.ts'], files: 1 },
        ui: { kind: 'dependency', chain: ['ui', 'common', 'libs/common/x.ts'], files: 1 },
        common: { kind: 'paths', chain: ['common', 'libs/common/x.ts'], files: 1 },
      },
    },
    {
      name: 'own paths win over a dependency',
      files: ['libs/common/x.ts', 'services/web/a.ts'],
      expected: {
        api: { kind: 'dependency', chain: ['api', 'common', 'libs/common/x.ts'], files: 1 },
        web: { kind: 'paths', chain: ['web', 'services/web/a.ts'], files: 1 },
        ui: { kind: 'dependency', chain: ['ui', 'common', 'libs/common/x.ts'], files: 1 },
        common: { kind: 'paths', chain: ['common', 'libs/common/x.ts'], files: 1 },
      },
    },
    {
      name: 'the shortest chain: a nearer changed dependency wins',
      files: ['libs/common/x.ts', 'libs/ui/b.ts', 'libs/ui/a.ts'],
      expected: {
        api: { kind: 'dependency', chain: ['api', 'common', 'libs/common/x.ts'], files: 1 },
        web: { kind: 'dependency', chain: ['web', 'ui', 'libs/ui/a.ts'], files: 2 },
        ui: { kind: 'paths', chain: ['ui', 'libs/ui/a.ts'], files: 2 },
        common: { kind: 'paths', chain: ['common', 'libs/common/x.ts'], files: 1 },
      },
    },
    {
      name: 'a shared file releases every service, own paths first',
      files: ['package-lock.json', 'services/worker/w.ts', '.github/workflows/ci.yml'],
      expected: {
        api: { kind: 'shared', chain: ['api', '.github/workflows/ci.yml'], files: 2 },
        web: { kind: 'shared', chain: ['web', '.github/workflows/ci.yml'], files: 2 },
        ui: { kind: 'shared', chain: ['ui', '.github/workflows/ci.yml'], files: 2 },
        worker: { kind: 'paths', chain: ['worker', 'services/worker/w.ts'], files: 1 },
        common: { kind: 'shared', chain: ['common', '.github/workflows/ci.yml'], files: 2 },
      },
    },
  ];
  it.each(cases)('$name', ({ files, expected }) => {
    expect(Object.fromEntries(detectChanges(repo, files))).toEqual(expected);
  });

  it('lists services in config order whatever the file order', () => {
    const files = ['services/worker/a.ts', 'libs/common/x.ts', 'services/api/a.ts'];
    expect([...detectChanges(repo, files).keys()]).toEqual(['api', 'web', 'ui', 'worker', 'common']);
    expect(detectChanges(repo, files)).toEqual(detectChanges(repo, [...files].reverse()));
  });

  it('follows a chain a → b → c', () => {
    const chain = config({
      a: { paths: ['a/**'], dependsOn: ['b'] },
      b: { paths: ['b/**'], dependsOn: ['c'] },
      c: { paths: ['c/**'] },
    });
    expect(detectChanges(chain, ['c/x']).get('a')).toEqual({
      kind: 'dependency',
      chain: ['a', 'b', 'c', 'c/x'],
      files: 1,
    });
  });

  it('resolves a diamond once, through the first listed dependency', () => {
    const diamond = config({
      top: { paths: ['top/**'], dependsOn: ['left', 'right'] },
      left: { paths: ['left/**'], dependsOn: ['base'] },
      right: { paths: ['right/**'], dependsOn: ['base'] },
      base: { paths: ['base/**'] },
    });
    const result = detectChanges(diamond, ['base/x']);
    expect(result.get('top')).toEqual({
      kind: 'dependency',
      chain: ['top', 'left', 'base', 'base/x'],
      files: 1,
    });
    expect(result.size).toBe(4);
  });

  it('prefers a shorter chain over the first listed dependency', () => {
    const graph = config({
      top: { paths: ['top/**'], dependsOn: ['far', 'base'] },
      far: { paths: ['far/**'], dependsOn: ['mid'] },
      mid: { paths: ['mid/**'], dependsOn: ['base'] },
      base: { paths: ['base/**'] },
    });
    expect(detectChanges(graph, ['base/x']).get('top')?.chain).toEqual(['top', 'base', 'base/x']);
  });

  it('does not release a dependency when only its dependent changed', () => {
    expect([...detectChanges(repo, ['services/web/a.ts']).keys()]).toEqual(['web']);
  });

  it('answers many questions as a fresh detector answers each', () => {
    const detector = new ChangeDetector(repo);
    for (const files of [['services/api/a.ts'], ['libs/common/x.ts'], ['package-lock.json'], []]) {
      expect(detector.changes(files)).toEqual(detectChanges(repo, files));
    }
  });
});

describe('formatReason', () => {
  const cases: Array<{ name: string; detection: Detection; extra?: number; reason: string }> = [
    {
      name: 'one file',
      detection: { kind: 'paths', chain: ['api', 'services/api/a.ts'], files: 1 },
      reason: 'api ← services/api/a.ts',
    },
    {
      name: 'more files',
      detection: { kind: 'paths', chain: ['api', 'services/api/a.ts'], files: 3 },
      reason: 'api ← services/api/a.ts (+2 more files)',
    },
    {
      name: 'one more file',
      detection: { kind: 'shared', chain: ['api', 'package-lock.json'], files: 2 },
      reason: 'api ← package-lock.json (+1 more file)',
    },
    {
      name: 'a dependency chain',
      detection: { kind: 'dependency', chain: ['web', 'common', 'libs/common/x.ts'], files: 1 },
      reason: 'web ← common ← libs/common/x.ts',
    },
    {
      name: 'an explicit extra count',
      detection: { kind: 'paths', chain: ['api', 'a.ts'], files: 1 },
      extra: 41,
      reason: 'api ← a.ts (+41 more files)',
    },
    {
      name: 'a tag',
      detection: { kind: 'tag', chain: ['api', 'api@v1.2.0'], files: 0 },
      reason: 'api ← api@v1.2.0',
    },
  ];
  it.each(cases)('$name', ({ detection, extra, reason }) => {
    expect(formatReason(detection, extra)).toBe(reason);
  });
});

describe('touchesService', () => {
  let commits = 0;
  const commit = (files: string[]) => ({ sha: `c${commits++}`, files });
  const cases: Array<{ name: string; service: string; files: string[]; touched: boolean }> = [
    { name: 'own paths', service: 'api', files: ['services/api/a.ts'], touched: true },
    { name: 'an excluded file', service: 'api', files: ['services/api/a.md'], touched: false },
    { name: 'a direct dependency', service: 'api', files: ['libs/common/x.ts'], touched: true },
    { name: 'a transitive dependency', service: 'web', files: ['libs/common/x.ts'], touched: true },
    { name: 'shared', service: 'worker', files: ['package-lock.json'], touched: true },
    {
      name: 'another service',
      service: 'worker',
      files: ['services/api/a.ts', 'libs/ui/b.ts'],
      touched: false,
    },
    {
      name: 'a dependent is not a dependency',
      service: 'common',
      files: ['services/api/a.ts'],
      touched: false,
    },
    { name: 'no files', service: 'api', files: [], touched: false },
  ];
  it.each(cases)('$name', ({ service, files, touched }) => {
    expect(new ChangeDetector(repo).touchesService(service, commit(files))).toBe(touched);
  });

  it('answers each service for the same file list', () => {
    const detector = new ChangeDetector(repo);
    const one = commit(['libs/ui/a.ts']);
    const touched = repo.services.map((s) => detector.touchesService(s.name, one));
    expect(touched).toEqual([false, true, true, false, false]);
  });
});

describe('releasingRoots', () => {
  it('names the literal bases of the services, their dependencies (transitively) and shared', () => {
    expect(releasingRoots(repo, ['web'])!.sort()).toEqual(
      ['.github/workflows', 'libs/common', 'libs/ui', 'package-lock.json', 'services/web'].sort(),
    );
    // A `!` pattern only excludes: it adds no root.
    expect(releasingRoots(repo, ['api', 'worker'])!.sort()).toEqual(
      ['.github/workflows', 'libs/common', 'package-lock.json', 'services/api', 'services/worker'].sort(),
    );
  });

  it('leaves out a root under another, so a file lies under one root at most', () => {
    const nested = config(
      {
        lib: { paths: ['lib/**', 'lib/extra/**', 'lib-x/**'], library: true },
        api: { paths: ['services/api/**', 'services/api/gen/**'], dependsOn: ['lib'] },
      },
      ['lib/extra/shared.json'],
    );
    expect(releasingRoots(nested, ['api'])).toEqual(['lib-x', 'lib', 'services/api']);
  });

  it('is null when a pattern has no literal base, since a file anywhere could match it', () => {
    const anywhere = config({ docs: { paths: ['**/*.md'] }, api: { paths: ['services/api/**'] } });
    expect(releasingRoots(anywhere, ['docs'])).toBeNull();
    expect(releasingRoots(anywhere, ['api'])).toEqual(['services/api']);
    expect(releasingRoots(config({ api: { paths: ['services/api/**'] } }, ['*.json']), ['api'])).toBeNull();
  });

  it('detects its services from the files under its roots exactly as from all the files', () => {
    const files = [
      'services/api/src/a.ts',
      'services/api/README.md',
      'services/web/x.ts',
      'libs/common/y.ts',
      'libs/ui/z.ts',
      'services/worker/w.ts',
      'package-lock.json',
      'unrelated/file.txt',
    ];
    const detector = new ChangeDetector(repo);
    for (const services of [['api'], ['web'], ['worker'], ['web', 'worker'], ['ui']]) {
      const roots = releasingRoots(repo, services)!;
      const under = (file: string) => roots.some((root) => file === root || file.startsWith(`${root}/`));
      for (let drop = 0; drop <= files.length; drop++) {
        // Every subset shape that matters: without one file at a time, and all of them.
        const changed = files.filter((_, i) => i !== drop);
        const all = detector.changes(changed);
        const limited = detector.changes(changed.filter(under));
        for (const service of services) expect(limited.get(service)).toEqual(all.get(service));
      }
    }
  });
});

/** detectChanges worked out the slow, plain way: every service looked at, distances found by scanning
 * the services level by level, each chain through the first `depends-on` entry one step nearer. */
function plainDetect(cfg: Pick<Config, 'services' | 'shared'>, files: string[]): Array<[string, Detection]> {
  const index = compilePathIndex(cfg);
  const tallies = new Map<number, { count: number; first: string }>();
  for (const file of files) {
    const owned = index.matchOwners(file);
    for (let i = 0; i < owned; i++) {
      const slot = index.owners[i]!;
      const tally = tallies.get(slot);
      if (!tally) tallies.set(slot, { count: 1, first: file });
      else tallies.set(slot, { count: tally.count + 1, first: file < tally.first ? file : tally.first });
    }
  }
  const shared = tallies.get(cfg.services.length);
  const own = (i: number) => tallies.get(i);
  const distance = new Map<string, number>();
  cfg.services.forEach((s, i) => {
    if (own(i)) distance.set(s.name, 0);
  });
  for (let level = 0; ; level++) {
    let grew = false;
    for (const s of cfg.services) {
      if (!distance.has(s.name) && s.dependsOn.some((d) => distance.get(d) === level)) {
        distance.set(s.name, level + 1);
        grew = true;
      }
    }
    if (!grew) break;
  }
  const byName = new Map(cfg.services.map((s, i) => [s.name, i]));
  const chain = (name: string): Detection => {
    const tally = own(byName.get(name)!);
    if (tally) return { kind: 'paths', chain: [name, tally.first], files: tally.count };
    const service = cfg.services[byName.get(name)!]!;
    const next = service.dependsOn.find((d) => distance.get(d) === distance.get(name)! - 1)!;
    const via = chain(next);
    return { kind: 'dependency', chain: [name, ...via.chain], files: via.files };
  };
  const result: Array<[string, Detection]> = [];
  cfg.services.forEach((s, i) => {
    const tally = own(i);
    if (tally) result.push([s.name, { kind: 'paths', chain: [s.name, tally.first], files: tally.count }]);
    else if (shared)
      result.push([s.name, { kind: 'shared', chain: [s.name, shared.first], files: shared.count }]);
    else if (!shared && tallies.size > 0 && distance.has(s.name)) result.push([s.name, chain(s.name)]);
  });
  return result;
}

describe('detectChanges against a plain reading of the rules', () => {
  it('agrees on random services, dependencies, shared paths and changed files', () => {
    const services = fc
      .array(fc.tuple(fc.boolean(), fc.array(fc.nat(), { maxLength: 3 })), { minLength: 1, maxLength: 10 })
      .map((list) =>
        list.map(([markdown, picks], i): Spec => ({
          paths: [`s${i}/**`, ...(markdown ? ['!**/*.md'] : [])],
          // Only earlier services: the config refuses a cycle.
          dependsOn: i === 0 ? [] : [...new Set(picks.map((p) => `s${p % i}`))],
        })),
      );
    const files = fc.array(
      fc.oneof(
        fc.tuple(fc.nat(12), fc.constantFrom('a.ts', 'b.md', 'c/d.ts')).map(([i, f]) => `s${i}/${f}`),
        fc.constantFrom('shared/x.json', 'other/y.ts', 'README.md'),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(services, fc.boolean(), files, (specs, withShared, changed) => {
        const cfg = config(
          Object.fromEntries(specs.map((spec, i) => [`s${i}`, spec])),
          withShared ? ['shared/**'] : [],
        );
        // Twice from one detector: the second call reads the graph worked out once.
        const detector = new ChangeDetector(cfg);
        expect([...detector.changes(changed)]).toEqual(plainDetect(cfg, changed));
        expect([...detector.changes(changed)]).toEqual(plainDetect(cfg, changed));
      }),
      { numRuns: 400 },
    );
  });
});
