/** `discover:` on real repositories with real manifests: the services each ecosystem's workspace gives,
 * their `depends-on` edges, what a commit that changes a member or a manifest releases, overrides under
 * `services:`, and each mistake at its file and line. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git.js';
import { commitConfigSource, workTreeConfigSource } from '../../src/adapters/workspace.js';
import { loadConfig } from '../../src/app/config.js';
import { planFromInputs } from '../../src/app/plan.js';
import { describeOrigins } from '../../src/core/discover/explain.js';
import { ConfigError } from '../../src/core/errors.js';
import type { Config, Diagnostic } from '../../src/core/types.js';
import { gitRunsDuring } from '../helpers/git-shim.js';
import { memoryLogger } from '../helpers/logger.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = '.github/monorepo-release.yml';

let repo: TestRepo;
beforeEach(async () => {
  repo = await makeRepo();
});
afterEach(async () => {
  await repo.cleanup();
});

async function writeConfig(lines: string[]): Promise<void> {
  await repo.write(CONFIG, `${['version: 1', 'defaults:', '  deploy: ./deploy.sh', ...lines].join('\n')}\n`);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A package.json of a workspace member. */
function pkg(name: string, deps: Record<string, string> = {}, field = 'dependencies'): string {
  return json({ name, version: '1.0.0', [field]: deps });
}

/** The config of a commit (HEAD by default), or the diagnostics that refused it. */
async function loadAt(rev = 'HEAD'): Promise<{ config?: Config; diagnostics: Diagnostic[]; log: string[] }> {
  const log = memoryLogger();
  try {
    const config = await loadConfig(
      { log, source: commitConfigSource(new CliGit({ root: repo.dir }), rev) },
      CONFIG,
    );
    return { config, diagnostics: [], log: log.lines };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { diagnostics: error.diagnostics, log: log.lines };
  }
}

/** Each service as `name: paths | depends-on | deploy`. */
function summary(config: Config): string[] {
  return config.services.map(
    (s) =>
      `${s.name}: ${s.paths.join(',')} | ${s.dependsOn.join(',')} | ${s.deploy === false ? 'library' : s.deploy}`,
  );
}

/** `file:line:col message`, for errors only. */
function errors(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
}

/** The services and libraries a plan from base to head releases, with their reasons. */
async function planBetween(base: string, head: string) {
  const git = new CliGit({ root: repo.dir });
  const { plan } = await planFromInputs(
    { git, log: memoryLogger(), source: commitConfigSource(git, head) },
    { configPath: CONFIG, eventName: 'local', payload: {}, base, head },
  );
  return {
    services: plan.services.map((s) => s.service),
    libraries: plan.libraries.map((s) => s.service),
    reasons: Object.fromEntries([...plan.services, ...plan.libraries].map((s) => [s.service, s.reason])),
  };
}

describe('pnpm workspaces', () => {
  beforeEach(async () => {
    await repo.write(
      'pnpm-workspace.yaml',
      'packages:\n  - "apps/*"\n  - "packages/*"\n  - "!packages/legacy"\n',
    );
    await repo.write('package.json', json({ name: 'root', private: true }));
    await repo.write(
      'apps/web/package.json',
      pkg('@acme/web', { '@acme/ui-kit': 'workspace:*', react: '^18' }),
    );
    await repo.write('apps/web/src/main.ts', 'web');
    await repo.write(
      'apps/admin/package.json',
      pkg('@acme/admin', { '@acme/ui-kit': 'workspace:^' }, 'devDependencies'),
    );
    await repo.write('packages/ui-kit/package.json', pkg('@acme/ui-kit'));
    await repo.write('packages/ui-kit/src/button.ts', 'b');
    await repo.write('packages/legacy/package.json', pkg('@acme/legacy'));
    await repo.write('packages/no-manifest/README.md', 'not a package');
  });

  it('makes a service of each member, named without its scope, with its edges to other members', async () => {
    await writeConfig(['discover:', '  - workspaces: pnpm']);
    await repo.commit('feat: init');
    const { config, diagnostics } = await loadAt();
    expect(errors(diagnostics)).toEqual([]);
    expect(summary(config!)).toEqual([
      'admin: apps/admin/** | ui-kit | ./deploy.sh',
      'web: apps/web/** | ui-kit | ./deploy.sh',
      'ui-kit: packages/ui-kit/** |  | ./deploy.sh',
    ]);
  });

  it('reads the commit in three git processes: the listing, the root manifest, every member manifest', async () => {
    await writeConfig(['discover:', '  - workspaces: pnpm']);
    const sha = await repo.commit('feat: init');
    const git = new CliGit({ root: repo.dir });
    const runs = await gitRunsDuring(async () => {
      await loadConfig({ log: memoryLogger(), source: commitConfigSource(git, sha) }, CONFIG);
    });
    // The config's own read (its directory's entries, its blob), origin/HEAD for the audit branch check,
    // then discovery; the found directories prove the services' paths, so no listing follows for them.
    expect(runs.sort()).toEqual([
      '--literal-pathspecs',
      'cat-file',
      'cat-file',
      'cat-file',
      'ls-tree',
      'symbolic-ref',
    ]);
  });

  it('states once which members are libraries: a rule of packages/* with deploy: false', async () => {
    await writeConfig([
      'discover:',
      '  - { workspaces: pnpm, dirs: "apps/*" }',
      '  - { workspaces: pnpm, dirs: "packages/*", with: { deploy: false } }',
    ]);
    await repo.commit('feat: init');
    const { config } = await loadAt();
    expect(summary(config!)).toEqual([
      'admin: apps/admin/** | ui-kit | ./deploy.sh',
      'web: apps/web/** | ui-kit | ./deploy.sh',
      'ui-kit: packages/ui-kit/** |  | library',
    ]);
    expect(describeOrigins(config!)).toBe(
      [
        '3 service(s) in .github/monorepo-release.yml:',
        'admin   discover[0] (workspaces: pnpm, dirs: "apps/*"), line 5: apps/admin/package.json',
        '        depends on ui-kit (apps/admin/package.json)',
        'web     discover[0] (workspaces: pnpm, dirs: "apps/*"), line 5: apps/web/package.json',
        '        depends on ui-kit (apps/web/package.json)',
        'ui-kit  discover[1] (workspaces: pnpm, dirs: "packages/*"), line 6: packages/ui-kit/package.json (library)',
        '',
      ].join('\n'),
    );
  });

  it("releases a library's dependents, and the reason names the manifest of the edge", async () => {
    await writeConfig([
      'discover:',
      '  - { workspaces: pnpm, dirs: "apps/*" }',
      '  - { workspaces: pnpm, dirs: "packages/*", with: { deploy: false } }',
    ]);
    const base = await repo.commit('feat: init');
    await repo.write('packages/ui-kit/src/button.ts', 'b2');
    const head = await repo.commit('fix: button');
    const plan = await planBetween(base, head);
    expect(plan.services).toEqual(['admin', 'web']);
    expect(plan.libraries).toEqual(['ui-kit']);
    expect(plan.reasons.web).toBe('web ← ui-kit (package.json) ← packages/ui-kit/src/button.ts');
  });
});

describe('npm and yarn workspaces', () => {
  it('npm: the package.json "workspaces" list; every kind of dependency is an edge, whatever its range', async () => {
    await repo.write('package.json', json({ name: 'root', workspaces: ['services/*', 'libs/log'] }));
    await repo.write('services/api/package.json', json({ name: 'api', peerDependencies: { log: '*' } }));
    await repo.write(
      'services/jobs/package.json',
      json({ name: 'jobs', optionalDependencies: { '@x/db': '^2.0.0' } }),
    );
    await repo.write(
      'services/web/package.json',
      json({ name: 'web', dependencies: { api: '1.0.0', lodash: '4' } }),
    );
    await repo.write('libs/log/package.json', json({ name: 'log' }));
    await repo.write('libs/db/package.json', json({ name: '@x/db' })); // not a member: not listed
    await writeConfig(['discover:', '  - workspaces: npm']);
    await repo.commit('feat: init');
    const { config } = await loadAt();
    expect(summary(config!)).toEqual([
      'log: libs/log/** |  | ./deploy.sh',
      'api: services/api/** | log | ./deploy.sh',
      'jobs: services/jobs/** |  | ./deploy.sh',
      'web: services/web/** | api | ./deploy.sh',
    ]);
  });

  it('yarn: "workspaces": { "packages": [...] }, under a root that is not the repository root', async () => {
    await repo.write(
      'frontend/package.json',
      json({ private: true, workspaces: { packages: ['packages/*'] } }),
    );
    await repo.write(
      'frontend/packages/app/package.json',
      json({ name: '@shop/app', dependencies: { '@shop/theme': 'workspace:*' } }),
    );
    await repo.write('frontend/packages/theme/package.json', json({ name: '@shop/theme' }));
    await writeConfig(['discover:', '  - { workspaces: yarn, root: frontend }']);
    await repo.commit('feat: init');
    const { config } = await loadAt();
    expect(summary(config!)).toEqual([
      'app: frontend/packages/app/** | theme | ./deploy.sh',
      'theme: frontend/packages/theme/** |  | ./deploy.sh',
    ]);
  });
});

describe('Go workspaces', () => {
  it('go.work `use` modules; go.mod requires (block and line, comments) and local replaces are edges', async () => {
    await repo.write(
      'go.work',
      [
        'go 1.22',
        '',
        'use (',
        '\t./services/api // the API',
        '\t./services/worker',
        '\t"./libs/log"',
        ')',
        'use ./libs/db',
        '',
      ].join('\n'),
    );
    await repo.write(
      'services/api/go.mod',
      [
        'module example.com/acme/services/api/v2',
        '',
        'go 1.22',
        '',
        'require (',
        '\texample.com/acme/libs/log v0.0.0 // indirect',
        '\tgithub.com/google/uuid v1.6.0',
        ')',
        '',
        'require example.com/acme/db v0.0.0',
        'replace example.com/acme/db => ../../libs/db',
        '',
      ].join('\n'),
    );
    await repo.write('services/worker/go.mod', 'module example.com/acme/services/worker\n\ngo 1.22\n');
    await repo.write('libs/log/go.mod', 'module example.com/acme/libs/log\n');
    await repo.write('libs/db/go.mod', 'module example.com/other/database // named unlike its directory\n');
    await writeConfig(['discover:', '  - workspaces: go']);
    await repo.commit('feat: init');
    const { config, diagnostics } = await loadAt();
    expect(errors(diagnostics)).toEqual([]);
    expect(summary(config!)).toEqual([
      'database: libs/db/** |  | ./deploy.sh',
      'log: libs/log/** |  | ./deploy.sh',
      'api: services/api/** | log,database | ./deploy.sh',
      'worker: services/worker/** |  | ./deploy.sh',
    ]);
  });
});

describe('Go workspace members between commits', () => {
  it('a module added to go.work is a service from that commit; removed without go.work knowing, an error there', async () => {
    await repo.write('go.work', 'go 1.22\n\nuse ./api\n');
    await repo.write('api/go.mod', 'module example.com/api\n');
    await writeConfig(['discover:', '  - workspaces: go']);
    const first = await repo.commit('feat: api');
    await repo.write('go.work', 'go 1.22\n\nuse (\n\t./api\n\t./billing\n)\n');
    await repo.write('billing/go.mod', 'module example.com/billing\n\nrequire example.com/api v0.0.0\n');
    const added = await repo.commit('feat: billing');
    expect(summary((await loadAt(added)).config!)).toEqual([
      'api: api/** |  | ./deploy.sh',
      'billing: billing/** | api | ./deploy.sh',
    ]);
    expect((await planBetween(first, added)).services).toEqual(['billing']);
    await repo.remove('billing');
    const removed = await repo.commit('feat: no billing');
    expect(errors((await loadAt(removed)).diagnostics)).toEqual([
      'go.work:5:2 the member "./billing" names billing, which is not a directory of the repository at this commit; commit it, or remove the member from the list',
    ]);
  });
});

describe('Cargo workspaces', () => {
  it('[workspace] members and exclude; path, dev, build, target and workspace = true dependencies', async () => {
    await repo.write(
      'Cargo.toml',
      [
        '[workspace]',
        'members = ["crates/*", "tools/gen"]',
        'exclude = ["crates/scratch"]',
        '',
        '[workspace.dependencies]',
        'core = { path = "crates/core" }',
        'serde = "1"',
        '',
      ].join('\n'),
    );
    await repo.write('crates/core/Cargo.toml', '[package]\nname = "core"\nversion = "0.1.0"\n');
    await repo.write(
      'crates/server/Cargo.toml',
      [
        '[package]',
        'name = "server"',
        '',
        '[dependencies]',
        'core = { workspace = true }',
        'serde = { workspace = true }',
        '',
        '[build-dependencies]',
        "gen = { path = '../../tools/gen' }",
      ].join('\n'),
    );
    await repo.write(
      'crates/cli/Cargo.toml',
      '[package]\nname = "cli"\n\n[target.\'cfg(unix)\'.dependencies]\nserver = { path = "../server" }\n',
    );
    await repo.write('crates/scratch/Cargo.toml', '[package]\nname = "scratch"\n');
    await repo.write(
      'tools/gen/Cargo.toml',
      '[package]\nname = "gen"\n\n[dev-dependencies]\ncore.path = "../../crates/core"\n',
    );
    await writeConfig(['discover:', '  - workspaces: cargo']);
    await repo.commit('feat: init');
    const { config, diagnostics } = await loadAt();
    expect(errors(diagnostics)).toEqual([]);
    expect(summary(config!)).toEqual([
      'cli: crates/cli/** | server | ./deploy.sh',
      'core: crates/core/** |  | ./deploy.sh',
      'server: crates/server/** | core,gen | ./deploy.sh',
      'gen: tools/gen/** | core | ./deploy.sh',
    ]);
  });
});

describe('dirs', () => {
  it('makes a service of each matching directory, named after it', async () => {
    await repo.write('services/billing/main.py', 'x');
    await repo.write('services/search/main.py', 'x');
    await repo.write('services/README.md', 'not a directory');
    await writeConfig(['discover:', '  - dirs: "services/*"']);
    await repo.commit('feat: init');
    const { config } = await loadAt();
    expect(summary(config!)).toEqual([
      'billing: services/billing/** |  | ./deploy.sh',
      'search: services/search/** |  | ./deploy.sh',
    ]);
    expect(config!.origins!.get('billing')).toMatchObject({
      rule: 'discover[0] (dirs: "services/*")',
      manifest: null,
    });
  });
});

describe('members between commits', () => {
  beforeEach(async () => {
    await repo.write('pnpm-workspace.yaml', 'packages: ["apps/*"]\n');
    await repo.write('apps/web/package.json', pkg('web'));
    await repo.write('apps/api/package.json', pkg('api'));
    await writeConfig(['discover:', '  - workspaces: pnpm']);
  });

  it('a member added, renamed and removed: each commit has the members of its own tree', async () => {
    const first = await repo.commit('feat: init');
    await repo.write('apps/docs/package.json', pkg('docs'));
    const added = await repo.commit('feat: docs');
    await repo.run(['mv', 'apps/web', 'apps/site']);
    await repo.write('apps/site/package.json', pkg('site'));
    const renamed = await repo.commit('feat: web is site');
    await repo.remove('apps/api');
    const removed = await repo.commit('feat: no api');
    const names = async (rev: string) => (await loadAt(rev)).config!.services.map((s) => s.name);
    expect(await names(first)).toEqual(['api', 'web']);
    expect(await names(added)).toEqual(['api', 'docs', 'web']);
    expect(await names(renamed)).toEqual(['api', 'docs', 'site']);
    expect(await names(removed)).toEqual(['docs', 'site']);
    // Read from git at the commit, not from the work tree: a member only in the work tree is not found.
    await repo.write('apps/draft/package.json', pkg('draft'));
    expect(await names(removed)).toEqual(['docs', 'site']);
    expect((await planBetween(first, added)).services).toEqual(['docs']);
    expect((await planBetween(added, renamed)).services).toEqual(['site']);
  });

  it('validate reads the index: a member staged for the next commit is found, one only in the work tree is not', async () => {
    await repo.commit('feat: init');
    await repo.write('apps/staged/package.json', pkg('staged', { web: 'workspace:*' }));
    await repo.run(['add', 'apps/staged']);
    await repo.write('apps/unstaged/package.json', pkg('unstaged'));
    const git = new CliGit({ root: repo.dir });
    const config = await loadConfig({ log: memoryLogger(), source: workTreeConfigSource(git) }, CONFIG);
    expect(summary(config)).toEqual([
      'api: apps/api/** |  | ./deploy.sh',
      'staged: apps/staged/** | web | ./deploy.sh',
      'web: apps/web/** |  | ./deploy.sh',
    ]);
    expect((await loadAt('HEAD')).config!.services.map((s) => s.name)).toEqual(['api', 'web']);
  });

  it('a dependency edge added in a manifest releases the consumer, and from then on its changes do', async () => {
    const first = await repo.commit('feat: init');
    await repo.write('apps/web/package.json', pkg('web', { api: 'workspace:*' }));
    const edge = await repo.commit('feat: web uses api');
    expect((await planBetween(first, edge)).services).toEqual(['web']);
    await repo.write('apps/api/index.js', 'v2');
    const change = await repo.commit('fix: api');
    const plan = await planBetween(edge, change);
    expect(plan.services).toEqual(['api', 'web']);
    expect(plan.reasons.web).toBe('web ← api (package.json) ← apps/api/index.js');
    // Before the edge, the same change released api alone.
    expect((await loadAt(first)).config!.services.find((s) => s.name === 'web')!.dependsOn).toEqual([]);
  });
});

describe('services: extends or overrides what is discovered', () => {
  it('a listed key wins, the others are kept; a listed service that is not found is a service as ever', async () => {
    await repo.write('pnpm-workspace.yaml', 'packages: ["apps/*"]\n');
    await repo.write('apps/web/package.json', pkg('web', { api: '*' }));
    await repo.write('apps/api/package.json', pkg('api'));
    await repo.write('infra/terraform/main.tf', 'x');
    await writeConfig([
      'discover:',
      '  - workspaces: pnpm',
      'services:',
      '  web:',
      '    deploy: ./deploy-web.sh',
      '    url: https://web.example.com',
      '  api:',
      '    paths: [apps/api/**, proto/**]',
      '    depends-on: []',
      '  infra:',
      '    paths: [infra/**]',
    ]);
    await repo.write('proto/api.proto', 'x');
    await repo.commit('feat: init');
    const { config, diagnostics } = await loadAt();
    expect(errors(diagnostics)).toEqual([]);
    expect(summary(config!)).toEqual([
      'api: apps/api/**,proto/** |  | ./deploy.sh',
      'web: apps/web/** | api | ./deploy-web.sh',
      'infra: infra/** |  | ./deploy.sh',
    ]);
    expect(config!.services.find((s) => s.name === 'web')!.url).toBe('https://web.example.com');
    expect(config!.origins!.get('web')!.overriddenBy).toEqual(['url', 'deploy']);
    expect(describeOrigins(config!)).toContain('infra  services.infra, line 13');
  });

  it('a listed service that is not discovered still needs paths', async () => {
    await repo.write('services/a/x', 'x');
    await writeConfig(['discover:', '  - dirs: "services/*"', 'services:', '  ghost:', '    deploy: ./x.sh']);
    await repo.commit('feat: init');
    expect(errors((await loadAt()).diagnostics)).toEqual([
      `${CONFIG}:7:3 service "ghost" has no "paths"; add the files it is built from, like paths: [services/ghost/**]`,
    ]);
  });
});

describe('mistakes, at the file and line that hold them', () => {
  it('two rules that find the same name: at the second rule', async () => {
    await repo.write('pnpm-workspace.yaml', 'packages: ["apps/*"]\n');
    await repo.write('apps/web/package.json', pkg('@acme/web'));
    await repo.write('services/web/main.go', 'x');
    await writeConfig(['discover:', '  - workspaces: pnpm', '  - dirs: "services/*"']);
    await repo.commit('feat: init');
    expect(errors((await loadAt()).diagnostics)).toEqual([
      `${CONFIG}:6:5 two services are named "web": apps/web/package.json (discover[0] (workspaces: pnpm)) and services/web (discover[1] (dirs: "services/*")); a name must be found once: rename one, or narrow a rule (its pattern, the workspace's member list) so that only one finds it`,
    ]);
  });

  it('two members whose names differ only by scope: at the second manifest\'s "name"', async () => {
    await repo.write('package.json', json({ workspaces: ['a', 'b'] }));
    await repo.write('a/package.json', pkg('@one/kit'));
    await repo.write('b/package.json', pkg('@two/kit'));
    await writeConfig(['discover:', '  - workspaces: npm']);
    await repo.commit('feat: init');
    expect(errors((await loadAt()).diagnostics)[0]).toMatch(
      /^b\/package\.json:2:3 two services are named "kit"/,
    );
  });

  it('a manifest that does not parse: package.json, Cargo.toml, go.mod, pnpm-workspace.yaml', async () => {
    await repo.write('package.json', json({ workspaces: ['js/*'] }));
    await repo.write('js/a/package.json', '{\n  "name": "a",\n  "dependencies": { "b": "1" },,\n}\n');
    await repo.write('pnpm-workspace.yaml', 'packages:\n  - "x\n');
    await repo.write('Cargo.toml', '[workspace]\nmembers = ["rs/*"]\n');
    await repo.write('rs/a/Cargo.toml', '[package]\nname = "ra"\nversion = 1.0.0\n');
    await repo.write('go.work', 'use ./go/a\n');
    await repo.write('go/a/go.mod', 'module example.com/ga\n\nrequire (\n\texample.com/x v1\n');
    await writeConfig([
      'discover:',
      '  - workspaces: npm',
      '  - workspaces: pnpm',
      '  - workspaces: cargo',
      '  - workspaces: go',
    ]);
    await repo.commit('feat: init');
    const found = errors((await loadAt()).diagnostics);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^js\/a\/package\.json:3:32 not valid JSON \(/),
        expect.stringMatching(/^pnpm-workspace\.yaml:3:1 invalid YAML/),
        expect.stringMatching(/^rs\/a\/Cargo\.toml:3:\d+ not valid TOML/),
        'go/a/go.mod:3:1 the "require (" block is not closed; add ")"',
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('a member listed by name that does not exist, or has no manifest', async () => {
    await repo.write('go.work', 'go 1.22\n\nuse (\n\t./api\n\t./gone\n\t./docs\n)\n');
    await repo.write('api/go.mod', 'module example.com/api\n');
    await repo.write('docs/README.md', 'no go.mod here');
    await writeConfig(['discover:', '  - workspaces: go']);
    await repo.commit('feat: init');
    expect(errors((await loadAt()).diagnostics)).toEqual([
      'go.work:5:2 the member "./gone" names gone, which is not a directory of the repository at this commit; commit it, or remove the member from the list',
      'go.work:6:2 the member "./docs" has no docs/go.mod at this commit; commit it, or remove the member from the list',
    ]);
  });

  it('a workspace whose root manifest is missing: at the rule', async () => {
    await repo.write('x/y', 'z');
    await writeConfig(['discover:', '  - { workspaces: cargo, root: backend }']);
    await repo.commit('feat: init');
    expect(errors((await loadAt()).diagnostics)).toEqual([
      `${CONFIG}:5:5 discover[0] (workspaces: cargo, root: backend) needs backend/Cargo.toml, which is not in the repository at this commit; commit it, or set "root" to the directory that holds it`,
    ]);
  });

  it('a discovered name that is not a valid service name: at the manifest\'s "name"', async () => {
    await repo.write('package.json', json({ workspaces: ['apps/*'] }));
    await repo.write('apps/web/package.json', pkg('@acme/Web'));
    await repo.write('services/My Service/x', 'x');
    await writeConfig(['discover:', '  - workspaces: npm', '  - dirs: "services/*"']);
    await repo.commit('feat: init');
    const found = errors((await loadAt()).diagnostics);
    expect(found[1]).toMatch(
      /^\.github\/monorepo-release\.yml:6:5 discover\[1\] \(dirs: "services\/\*"\) finds the service name "My Service" in the directory services\/My Service, which is not a valid service name/,
    );
    expect(found[0]).toMatch(
      /^apps\/web\/package\.json:2:3 discover\[0\] \(workspaces: npm\) finds the service name "Web" in apps\/web\/package\.json \(its "name", less the @scope\), which is not a valid service name/,
    );
  });

  it('rules themselves: neither dirs nor workspaces, an unknown manager, root on a dirs rule, a bad with: key', async () => {
    await repo.write('x/y', 'z');
    await writeConfig([
      'discover:',
      '  - { with: { deploy: false } }',
      '  - workspaces: bun',
      '  - { dirs: "x/*", root: x }',
      '  - { dirs: "x/*", with: { paths: [a] } }',
    ]);
    await repo.commit('feat: init');
    const found = errors((await loadAt()).diagnostics);
    expect(found).toEqual([
      `${CONFIG}:5:5 "discover[0]" must give "dirs" or "workspaces", like { dirs: "services/*" } or { workspaces: pnpm }`,
      expect.stringMatching(
        /:6:17 "discover\[1\]\.workspaces" must be one of npm, pnpm, yarn, go, cargo; got the string "bun"$/,
      ),
      `${CONFIG}:7:20 "discover[2].root" is for a "workspaces" rule; a "dirs" pattern starts at the repository root`,
      expect.stringMatching(
        /:8:28 unknown key "paths" in "discover\[3\]\.with"\. Allowed keys: depends-on, stages, deploy/,
      ),
    ]);
  });
});

describe('the same repository configured by hand', () => {
  it('plans the same services, libraries, versions and chains', async () => {
    await repo.write('pnpm-workspace.yaml', 'packages: ["apps/*", "packages/*"]\n');
    await repo.write('apps/web/package.json', pkg('@acme/web', { '@acme/ui-kit': 'workspace:*' }));
    await repo.write('apps/api/package.json', pkg('@acme/api', { '@acme/db': 'workspace:*' }));
    await repo.write('packages/ui-kit/package.json', pkg('@acme/ui-kit', { '@acme/tokens': 'workspace:*' }));
    await repo.write('packages/tokens/package.json', pkg('@acme/tokens'));
    await repo.write('packages/db/package.json', pkg('@acme/db'));
    const discovered = [
      'discover:',
      '  - { workspaces: pnpm, dirs: "apps/*" }',
      '  - { workspaces: pnpm, dirs: "packages/*", with: { deploy: false } }',
    ];
    const byHand = [
      'services:',
      '  api: { paths: [apps/api/**], depends-on: [db] }',
      '  web: { paths: [apps/web/**], depends-on: [ui-kit] }',
      '  db: { paths: [packages/db/**], deploy: false }',
      '  tokens: { paths: [packages/tokens/**], deploy: false }',
      '  ui-kit: { paths: [packages/ui-kit/**], depends-on: [tokens], deploy: false }',
    ];
    await writeConfig(discovered);
    const base = await repo.commit('feat: init');
    await repo.write('packages/tokens/colors.css', 'red');
    await repo.write('packages/db/schema.sql', 'x');
    await repo.write('apps/web/x.ts', 'x');
    await repo.commit('feat: colors, schema');
    await repo.write('apps/api/y.ts', 'y');
    const head = await repo.commit('fix: api');
    const git = new CliGit({ root: repo.dir });
    const planOf = async () => {
      const { plan } = await planFromInputs(
        { git, log: memoryLogger(), source: workTreeConfigSource(git) },
        { configPath: CONFIG, eventName: 'local', payload: {}, base, head },
      );
      const strip = (s: (typeof plan.services)[number]) => [
        s.service,
        s.version,
        s.kind,
        s.chain.join(' ← '),
      ];
      return { services: plan.services.map(strip), libraries: plan.libraries.map(strip) };
    };
    const fromDiscovery = await planOf();
    await writeConfig(byHand);
    const fromHand = await planOf();
    expect(fromDiscovery).toEqual(fromHand);
    expect(fromDiscovery.services).toEqual([
      ['api', '0.1.0', 'paths', 'api ← apps/api/y.ts'],
      ['web', '0.1.0', 'paths', 'web ← apps/web/x.ts'],
    ]);
  });
});
