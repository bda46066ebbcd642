/** Loading the config on a real repository: which git processes check its path patterns, and what they
 * find. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git.js';
import { commitConfigSource, workTreeConfigSource } from '../../src/adapters/workspace.js';
import { loadConfig } from '../../src/app/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { gitRunsDuring } from '../helpers/git-shim.js';
import { memoryLogger } from '../helpers/logger.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
beforeEach(async () => {
  repo = await makeRepo();
});
afterEach(async () => {
  await repo.cleanup();
});

const CONFIG = '.github/monorepo-release.yml';

/** A config with these services (name: paths) and `shared` patterns. */
async function writeConfig(services: Record<string, string[]>, shared: string[] = []): Promise<void> {
  const lines = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', `shared: ${JSON.stringify(shared)}`];
  lines.push('services:');
  for (const [name, paths] of Object.entries(services)) {
    lines.push(`  ${name}:`, `    paths: ${JSON.stringify(paths)}`);
  }
  await repo.write(CONFIG, `${lines.join('\n')}\n`);
}

/** Loads the config of the work tree; the warnings said and the git subcommands run. */
async function load(strictPaths = false) {
  const git = new CliGit({ root: repo.dir });
  const log = memoryLogger();
  let error: unknown;
  const runs = await gitRunsDuring(async () => {
    await loadConfig({ log, source: workTreeConfigSource(git) }, CONFIG, { strictPaths }).catch((e) => {
      error = e;
    });
  });
  const said = log.lines.filter((line) => line.includes('matches no tracked file'));
  // `symbolic-ref` reads origin/HEAD for the audit branch check; the runs counted here are the path check's.
  expect(runs.filter((run) => run === 'symbolic-ref')).toHaveLength(1);
  return { runs: runs.filter((run) => run !== 'symbolic-ref'), said, error };
}

beforeEach(async () => {
  await repo.write('services/api/src/main.ts', 'a');
  await repo.write('services/web/index.html', 'w');
  await repo.write('package.json', '{}');
  await repo.write('.github/workflows/ci.yml', 'on: push');
  await repo.write('libs/common/src/x.ts', 'x');
});

describe('the path pattern check of loadConfig', () => {
  it('proves the usual shapes from the entries of their directories, without listing every file', async () => {
    await writeConfig({ api: ['services/api/**', '!**/*.md'], web: ['services/web/**'] }, [
      'package.json',
      '.github/workflows/*.yml',
    ]);
    await repo.commit('services');
    const { runs, said, error } = await load();
    expect(error).toBeUndefined();
    expect(said).toEqual([]);
    expect(runs).toEqual(['--literal-pathspecs']); // one ls-tree, no ls-files
  });

  it('checks what the entries cannot prove against the tracked files, and warns for a typo', async () => {
    await writeConfig({ api: ['servcies/api/**', 'package.json'], common: ['libs/*/src/**'] });
    await repo.commit('services');
    const { runs, said } = await load();
    expect(runs).toEqual(['--literal-pathspecs', 'ls-files']);
    expect(said).toEqual([
      expect.stringContaining(
        'services.api.paths[0] "servcies/api/**" matches no tracked file; check the spelling (did you mean a directory like "services/api"?)',
      ),
    ]);
  });

  it('finds a directory added to the index and not committed yet', async () => {
    await writeConfig({ api: ['services/api/**'] });
    await repo.commit('services');
    await repo.write('services/new/a.ts', 'n');
    await writeConfig({ api: ['services/api/**'], new: ['services/new/**'] });
    await repo.run(['add', '--all']);
    const { runs, said } = await load();
    expect(said).toEqual([]);
    expect(runs).toEqual(['--literal-pathspecs', 'ls-files']);
  });

  it('with an unborn HEAD, checks every pattern against the tracked files', async () => {
    await writeConfig({ api: ['services/api/**'], gone: ['services/gone/**', 'package.json'] });
    await repo.run(['add', '--all']);
    const { runs, said } = await load();
    expect(runs).toEqual(['--literal-pathspecs', 'ls-files']);
    expect(said).toEqual([expect.stringContaining('services.gone.paths[0] "services/gone/**" matches no')]);
  });

  it('for `validate`, checks the tracked files alone: a directory staged for deletion is an error', async () => {
    await writeConfig({ api: ['services/api/**'], web: ['services/web/**', 'package.json'] });
    await repo.commit('services');
    await repo.run(['rm', '-r', '-q', '--cached', 'services/web']);
    const strict = await load(true);
    expect(strict.runs).toEqual(['ls-files']);
    expect(strict.error).toBeInstanceOf(ConfigError);
    expect(strict.said).toEqual([
      expect.stringContaining(
        'error: .github/monorepo-release.yml:9:13: services.web.paths[0] "services/web/**"',
      ),
    ]);
    // A plan's warning is satisfied by the commit's tree, which still has it.
    expect((await load(false)).said).toEqual([]);
  });

  it('checks a release config against the tree of its commit', async () => {
    await writeConfig({ api: ['services/api/**'], web: ['services/web/**', 'package.json'] });
    const sha = await repo.commit('services');
    await repo.remove('services/web');
    await repo.commit('no web');
    const git = new CliGit({ root: repo.dir });
    const warnings = async (rev: string) => {
      const log = memoryLogger();
      await loadConfig({ log, source: commitConfigSource(git, rev) }, CONFIG);
      return log.lines.filter((line) => line.includes('matches no tracked file'));
    };
    expect(await warnings(sha)).toEqual([]);
    expect(await warnings('HEAD')).toEqual([
      expect.stringContaining('services.web.paths[0] "services/web/**" matches no tracked file'),
    ]);
  });
});
