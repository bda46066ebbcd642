/** Loading the config on a real repository: which git processes check its path patterns, and what they
 * find. */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git.js';
import { commitConfigSource, workTreeConfigSource } from '../../src/adapters/workspace.js';
import { loadConfig } from '../../src/app/config.js';
import { ConfigError, InputError } from '../../src/core/errors.js';
import type { ConfigSource } from '../../src/core/ports.js';
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

describe('what loadConfig reads at the config path', () => {
  const SECRET = 'SECRET-abc123';

  /** Loads with this source; the lines logged and the error thrown. */
  async function loadFrom(source: ConfigSource) {
    const log = memoryLogger();
    const error = await loadConfig({ log, source }, CONFIG).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { lines: log.lines, error };
  }

  beforeEach(async () => {
    await writeFile(join(repo.dir, '..', 'runner-file'), `version: 1\n${SECRET}: x\n`);
  });

  it('refuses a committed symlink, a submodule and a directory, reading nothing of them', async () => {
    await writeConfig({ api: ['services/api/**'] });
    const good = await repo.commit('config');
    const git = new CliGit({ root: repo.dir });
    await repo.remove(CONFIG);
    await symlink(join(repo.dir, '..', 'runner-file'), join(repo.dir, CONFIG));
    const linked = await repo.commit('link');
    await repo.remove(CONFIG);
    await repo.write(`${CONFIG}/inside.yml`, 'x');
    const directory = await repo.commit('directory');
    await repo.remove(CONFIG);
    await repo.run(['rm', '-r', '-q', '--cached', CONFIG]);
    await repo.run(['update-index', '--add', '--cacheinfo', `160000,${good},${CONFIG}`]);
    await repo.run(['commit', '-q', '-m', 'submodule']);
    for (const [rev, found] of [
      [linked, 'is a symlink'],
      [directory, 'is a directory'],
      ['HEAD', 'is a submodule'],
    ] as const) {
      const { lines, error } = await loadFrom(commitConfigSource(git, rev));
      expect(error, rev).toBeInstanceOf(ConfigError);
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^error: ${CONFIG}:1:1: ${CONFIG} ${found}; `)),
      ]);
      expect(lines.join('\n')).not.toContain(SECRET);
      expect(lines.join('\n')).not.toContain('runner-file');
    }
    expect((await loadFrom(commitConfigSource(git, good))).error).toBeUndefined();
  });

  it('a commit with no config file is an InputError naming the path', async () => {
    await repo.commit('nothing yet');
    const { error } = await loadFrom(commitConfigSource(new CliGit({ root: repo.dir }), 'HEAD'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`no config file at ${CONFIG}`);
  });

  it('from the work tree: refuses a symlink and a FIFO (without waiting for a writer)', async () => {
    await repo.commit('files');
    const git = new CliGit({ root: repo.dir });
    await mkdir(join(repo.dir, '.github'), { recursive: true });
    await symlink(join(repo.dir, '..', 'runner-file'), join(repo.dir, CONFIG));
    const linked = await loadFrom(workTreeConfigSource(git));
    expect(linked.error).toBeInstanceOf(ConfigError);
    expect(linked.lines.join('\n')).toContain('is a symlink');
    expect(linked.lines.join('\n')).not.toContain(SECRET);
    await repo.remove(CONFIG);
    execFileSync('mkfifo', [join(repo.dir, CONFIG)]);
    expect((await loadFrom(workTreeConfigSource(git))).lines.join('\n')).toContain('is not a regular file');
  });
});

describe('every problem at once', () => {
  it('a deployable service with no live pattern is an error for a plan too; a library only warns', async () => {
    await repo.write(
      CONFIG,
      'version: 1\nservices:\n  api:\n    paths: [servcies/api/**]\n    deploy: ./d.sh\n' +
        '  lib:\n    paths: [libz/**]\n    deploy: false\n',
    );
    await repo.commit('typo');
    const { said, error } = await load();
    expect(error).toBeInstanceOf(ConfigError);
    expect(said).toEqual([
      expect.stringMatching(
        /^warning: .*:7:13: services\.lib\.paths\[0\] "libz\/\*\*" matches no tracked file/,
      ),
    ]);
    expect((error as ConfigError).diagnostics.map((d) => [d.severity, d.line, d.column])).toEqual([
      ['error', 4, 5],
      ['warning', 7, 13],
    ]);
  });

  it('for validate, the path problems of a config with schema errors, sorted by line with them', async () => {
    await repo.write(
      CONFIG,
      'version: 1\nservices:\n  api:\n    paths: [servcies/api/**]\n    deploy: ./d.sh\n' +
        '  web:\n    paths: [services/web/**, nope/**]\n    deploy: ./d.sh\n    colour: red\n',
    );
    await repo.commit('two kinds');
    const { error } = await load(true);
    expect(
      (error as ConfigError).diagnostics.map((d) => [d.severity, d.line, d.message.slice(0, 24)]),
    ).toEqual([
      ['error', 4, 'service "api" would neve'],
      ['error', 7, 'services.web.paths[1] "n'],
      ['error', 9, 'unknown key "colour" in '],
    ]);
  });
});
