/** `discover:` on real repositories with real manifests: the services each ecosystem's workspace gives,
 * their `depends-on` edges, what a commit that changes a member or a manifest releases, overrides under
 * `services:`, and each mistake at its file and line. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git.js';
import { commitConfigSource } from '../../src/adapters/workspace.js';
import { loadConfig } from '../../src/app/config.js';
import { planFromInputs } from '../../src/app/plan.js';
import { ConfigError } from '../../src/core/errors.js';
import type { Config, Diagnostic } from '../../src/core/types.js';
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
export async function planBetween(base: string, head: string) {
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
    await repo.write('pnpm-workspace.yaml', 'packages:\n  - "apps/*"\n  - "packages/*"\n');
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
    await writeConfig(['discover:', '  - workspaces: pnpm']);
  });

  it('makes a service of each member, named without its scope, with its edges to other members', async () => {
    await repo.commit('feat: init');
    const { config, diagnostics } = await loadAt();
    expect(errors(diagnostics)).toEqual([]);
    expect(summary(config!)).toEqual([
      'admin: apps/admin/** | ui-kit | ./deploy.sh',
      'web: apps/web/** | ui-kit | ./deploy.sh',
      'ui-kit: packages/ui-kit/** |  | ./deploy.sh',
    ]);
  });
});
