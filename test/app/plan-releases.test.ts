/** `plan` with services released at many different commits, against a real repository: the shared
 * history walks must give what one git process per release gave. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git.js';
import { workTreeConfigSource } from '../../src/adapters/workspace.js';
import { planFromInputs } from '../../src/app/plan.js';
import type { AuditStore, AuditTree } from '../../src/core/ports.js';
import { livePointerPath, type LivePointer } from '../../src/core/record.js';
import { memoryLogger } from '../helpers/logger.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';
import { gitCommandLinesDuring, gitRunsDuring } from '../helpers/git-shim.js';

const SERVICES = 6;
const SERVICE_PAIR_CONFIG = [
  'version: 1',
  'defaults:',
  '  deploy: ./deploy.sh',
  'services:',
  '  api:',
  '    paths: [api/**]',
  '  web:',
  '    paths: [web/**]',
  '',
].join('\n');
let repo: TestRepo;

beforeEach(async () => {
  repo = await makeRepo();
});
afterEach(async () => {
  await repo.cleanup();
});

/** The audit log's view with a live pointer per service, as the store would read it from the branch. */
function auditWith(live: Map<string, LivePointer>): AuditStore {
  const tree: AuditTree = {
    head: 'audit-head',
    read: async (path) => {
      for (const [service, pointer] of live)
        if (path === livePointerPath('production', service)) return JSON.stringify(pointer);
      return null;
    },
    list: async () => [],
  };
  return { snapshot: async () => tree, write: async () => 'unused' };
}

/** A live pointer: `service` released as `version` at `sha`. */
function releasedAt(service: string, version: string, sha: string): LivePointer {
  return {
    version,
    sha,
    record: `records/${service}/r.json`,
    'previous-version': '',
    'previous-sha': '',
    'updated-at': '2026-01-01T00:00:00Z',
  };
}

/** A plan with these services live (no --base: each is compared with its own release), and the git
 * processes it ran. */
async function planCountingGit(live: Map<string, LivePointer>) {
  const git = new CliGit({ root: repo.dir });
  let result: Awaited<ReturnType<typeof planFromInputs>> | undefined;
  const runs = await gitRunsDuring(async () => {
    result = await planFromInputs(
      { git, log: memoryLogger(), source: workTreeConfigSource(git), auditFor: () => auditWith(live) },
      { configPath: '.github/monorepo-release.yml', eventName: 'workflow_dispatch', payload: {} },
    );
  });
  return { plan: result!.plan, runs };
}

describe('plan since each release, released at different commits', () => {
  it('gives each service the version its own commits since its release call for', async () => {
    const config = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
    for (let i = 0; i < SERVICES; i++) {
      config.push(`  s${i}:`, `    paths: [s${i}/**]`);
      await repo.write(`s${i}/a.txt`, 'v1');
    }
    await repo.write('.github/monorepo-release.yml', `${config.join('\n')}\n`);
    await repo.commit('chore: root');
    const live = new Map<string, LivePointer>();
    for (let i = 0; i < SERVICES; i++) {
      await repo.write(`s${i}/a.txt`, 'v2');
      live.set(`s${i}`, releasedAt(`s${i}`, '1.0.0', await repo.commit(`fix: s${i}`)));
    }
    // After s1 was released: a feature in s0 (released before it) and in s3 (released after it).
    await repo.write('s0/b.txt', 'b');
    await repo.write('s3/b.txt', 'b');
    await repo.commit('feat: s0 and s3');
    await repo.write('s5/c.txt', 'c');
    await repo.write('s1/c.txt', 'c');
    await repo.commit('fix: s5 and s1');
    await repo.write('s2/c.txt', 'c');
    await repo.commit('fix: s2');

    const { plan, runs } = await planCountingGit(live);
    expect(plan.services.map((s) => [s.service, s.version, s.previousVersion])).toEqual([
      ['s0', '1.1.0', '1.0.0'],
      ['s1', '1.0.1', '1.0.0'],
      ['s2', '1.0.1', '1.0.0'],
      ['s3', '1.1.0', '1.0.0'],
      ['s5', '1.0.1', '1.0.0'],
    ]);
    // Five releases to read commits since: one log of their shared history (`-c … log`), after one diff
    // batch (`-c … diff-tree`), not a log each.
    expect(runs.filter((r) => r === '-c')).toHaveLength(2);
    expect(runs.filter((r) => r === 'merge-base')).toHaveLength(6 + 5 + 1); // ancestry, twice; --octopus
  });
});

describe('plan since a few releases', () => {
  /** `git` whose calls to these port methods are listed in `calls`, in the order they were made. */
  function recording(git: CliGit, calls: string[], methods: readonly string[]): CliGit {
    return new Proxy(git, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || !methods.includes(String(property))) return value;
        return (...args: unknown[]) => {
          calls.push(String(property));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  it('starts the log since the release before the since-release diffs, and reads it once', async () => {
    await repo.write('.github/monorepo-release.yml', SERVICE_PAIR_CONFIG);
    await repo.write('api/a.txt', 'v1');
    await repo.write('web/w.txt', 'v1');
    const released = await repo.commit('chore: root');
    await repo.write('api/a.txt', 'v2');
    await repo.commit('feat: api');
    await repo.write('web/w.txt', 'v2');
    await repo.commit('fix: web');
    const live = new Map([
      ['api', releasedAt('api', '1.0.0', released)],
      ['web', releasedAt('web', '2.0.0', released)],
    ]);

    const calls: string[] = [];
    const git = recording(new CliGit({ root: repo.dir }), calls, [
      'log',
      'ancestorsAmong',
      'changedSinceEach',
    ]);
    let result: Awaited<ReturnType<typeof planFromInputs>> | undefined;
    const lines = await gitCommandLinesDuring(async () => {
      result = await planFromInputs(
        { git, log: memoryLogger(), source: workTreeConfigSource(git), auditFor: () => auditWith(live) },
        { configPath: '.github/monorepo-release.yml', eventName: 'workflow_dispatch', payload: {} },
      );
    });

    expect(result!.plan.services.map((s) => [s.service, s.version, s.previousVersion])).toEqual([
      ['api', '1.1.0', '1.0.0'],
      ['web', '2.0.1', '2.0.0'],
    ]);
    // Asked for first, so git runs it while the diffs run; both services share the one release commit.
    expect(calls).toEqual(['log', 'ancestorsAmong', 'changedSinceEach']);
    expect(lines.filter((line) => / log /.test(line))).toHaveLength(1);
  });
});

describe('plan since releases that head does not descend from', () => {
  it('compares those services over the event range, whether git has the release commit or not', async () => {
    const config = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
    for (const name of ['on', 'side', 'gone']) {
      config.push(`  ${name}:`, `    paths: [${name}/**]`);
      await repo.write(`${name}/a.txt`, 'v1');
    }
    await repo.write('.github/monorepo-release.yml', `${config.join('\n')}\n`);
    const root = await repo.commit('chore: root');
    await repo.run(['checkout', '-q', '-b', 'side']);
    await repo.write('side/a.txt', 'side');
    const side = await repo.commit('fix: side only');
    await repo.run(['checkout', '-q', 'main']);
    await repo.write('on/a.txt', 'v2');
    await repo.commit('fix: on');
    const live = new Map([
      ['on', releasedAt('on', '1.0.0', root)],
      ['side', releasedAt('side', '2.0.0', side)],
      // A release commit this clone does not have: git cannot diff from it at all.
      ['gone', releasedAt('gone', '3.0.0', 'f'.repeat(40))],
    ]);
    const git = new CliGit({ root: repo.dir });
    const log = memoryLogger();
    const { plan } = await planFromInputs(
      { git, log, source: workTreeConfigSource(git), auditFor: () => auditWith(live) },
      { configPath: '.github/monorepo-release.yml', eventName: 'workflow_dispatch', payload: {} },
    );
    // `on` changed since its release; the others fall back to the event (a first release: everything).
    expect(plan.services.map((s) => [s.service, s.version, s.reason])).toEqual([
      ['on', '1.0.1', expect.stringContaining('(since release 1.0.0)')],
      ['side', '2.0.1', expect.not.stringContaining('since release')],
      ['gone', '3.0.1', expect.not.stringContaining('since release')],
    ]);
    expect(log.lines.filter((line) => line.includes('is not an ancestor'))).toEqual([
      expect.stringContaining(`side: the live release ${side.slice(0, 12)} is not an ancestor`),
      expect.stringContaining('gone: the live release ffffffffffff is not an ancestor'),
    ]);
    // `side` is bumped from its release although no commit since touches it: 2.0.0 names another build.
    // `gone` counts the commits of the event's range (all of them: a dispatch with no base).
    expect(log.lines.filter((line) => line.includes('is not in this repository'))).toEqual([
      expect.stringContaining('gone: the commit of release 3.0.0 (ffffffffffff) is not in this repository'),
    ]);
  });
});

describe('plan reads the audit branch the config names', () => {
  /** One service, released at the root commit and changed since. */
  async function oneServiceRepo(auditBranchLine: string): Promise<string> {
    await repo.write('api/a.txt', 'v1');
    await repo.write(
      '.github/monorepo-release.yml',
      [
        'version: 1',
        auditBranchLine,
        'defaults:',
        '  deploy: ./deploy.sh',
        'services:',
        '  api:',
        '    paths: [api/**]',
        '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    const root = await repo.commit('chore: root');
    await repo.write('api/a.txt', 'v2');
    await repo.commit('fix: api');
    return root;
  }

  /** Stores by branch; each snapshot is logged in `events`, next to when the config file was read. */
  function storesFor(branches: Record<string, LivePointer | Error>, events: string[]) {
    return (branch: string): AuditStore => ({
      snapshot: async () => {
        events.push(`snapshot ${branch}`);
        const live = branches[branch];
        if (live === undefined || live instanceof Error) throw live ?? new Error(`no branch ${branch}`);
        return auditWith(new Map([['api', live]])).snapshot();
      },
      write: async () => 'unused',
    });
  }

  async function planWith(auditFor: (branch: string) => AuditStore, events: string[]) {
    const git = new CliGit({ root: repo.dir });
    const source = workTreeConfigSource(git);
    const log = memoryLogger();
    const result = await planFromInputs(
      {
        git,
        log,
        source: {
          ...source,
          read: async (path) => {
            events.push('read config');
            return source.read(path);
          },
        },
        auditFor,
      },
      { configPath: '.github/monorepo-release.yml', eventName: 'workflow_dispatch', payload: {} },
    );
    return { result, log };
  }

  it('reads the default branch when the config names none', async () => {
    const root = await oneServiceRepo('');
    const events: string[] = [];
    const { result } = await planWith(
      storesFor({ 'release-audit': releasedAt('api', '1.2.0', root) }, events),
      events,
    );
    expect(events).toEqual(['read config', 'snapshot release-audit']);
    expect(result.plan.services.map((s) => [s.service, s.version, s.previousVersion])).toEqual([
      ['api', '1.2.1', '1.2.0'],
    ]);
  });

  it('reads the branch the config names, not the default one', async () => {
    const root = await oneServiceRepo('audit:\n  branch: deploys');
    const events: string[] = [];
    const { result, log } = await planWith(
      storesFor(
        {
          'release-audit': new Error('the default branch cannot be read'),
          deploys: releasedAt('api', '3.0.0', root),
        },
        events,
      ),
      events,
    );
    expect(events).toEqual(['read config', 'snapshot deploys']);
    expect(result.plan.services.map((s) => [s.service, s.version, s.previousVersion])).toEqual([
      ['api', '3.0.1', '3.0.0'],
    ]);
    expect(log.lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('warns, and plans from the event, when the audit branch cannot be read', async () => {
    await oneServiceRepo('');
    const events: string[] = [];
    const { result, log } = await planWith(
      storesFor({ 'release-audit': new Error('no route to origin') }, events),
      events,
    );
    expect(events).toEqual(['read config', 'snapshot release-audit']);
    expect(log.lines.filter((l) => l.startsWith('warning'))).toEqual([
      expect.stringContaining('could not read the audit branch release-audit (no route to origin)'),
    ]);
    expect(result.plan.services.map((s) => [s.service, s.version])).toEqual([['api', '0.1.0']]);
  });
});

describe('plan with services released at a commit the repository does not have', () => {
  it('reads the log of the event once, however many services were released there', async () => {
    const names = ['a', 'b', 'c'];
    const config = ['version: 1', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
    for (const name of names) {
      config.push(`  ${name}:`, `    paths: [${name}/**]`);
      await repo.write(`${name}/x.txt`, 'v1');
    }
    await repo.write('.github/monorepo-release.yml', `${config.join('\n')}\n`);
    await repo.commit('chore: root');
    for (const name of names) await repo.write(`${name}/x.txt`, 'v2');
    await repo.commit('feat: all three');
    const gone = 'e'.repeat(40);
    const live = new Map(names.map((name) => [name, releasedAt(name, '1.0.0', gone)]));
    const git = new CliGit({ root: repo.dir });
    const log = memoryLogger();
    let result: Awaited<ReturnType<typeof planFromInputs>> | undefined;
    const lines = await gitCommandLinesDuring(async () => {
      result = await planFromInputs(
        { git, log, source: workTreeConfigSource(git), auditFor: () => auditWith(live) },
        { configPath: '.github/monorepo-release.yml', eventName: 'workflow_dispatch', payload: {} },
      );
    });

    expect(result!.plan.services.map((s) => [s.service, s.version])).toEqual([
      ['a', '1.1.0'],
      ['b', '1.1.0'],
      ['c', '1.1.0'],
    ]);
    expect(log.lines.filter((line) => line.includes('is not in this repository'))).toHaveLength(3);
    // The log since the missing commit (which fails), then one log of the event's range for all three.
    expect(lines.filter((line) => / log /.test(line))).toHaveLength(2);
  });
});

describe('plan since each release, with more release commits than one diff batch takes', () => {
  it('finds what changed since each release: directly, through a dependency, or by appearing', async () => {
    const count = 70; // over the 64 releases one diff-tree batch takes, so the object comparison runs
    const config = ['version: 1', 'shared: [shared.txt]', 'defaults:', '  deploy: ./deploy.sh', 'services:'];
    // Nested paths: a file under both counts once.
    config.push('  lib:', '    paths: [lib/**, lib/extra/**]', '    deploy: false');
    for (let i = 0; i < count; i++) {
      // s69's directory goes away below; its notes keep it a service with files (one with none is an error).
      config.push(`  s${i}:`, `    paths: [s${i}/**, "!**/*.md"${i === 69 ? ', notes/s69.txt' : ''}]`);
      if (i === 1 || i === 40) config.push('    depends-on: [lib]');
      // s68 has no files until after its release.
      if (i !== 68) await repo.write(`s${i}/a.txt`, 'v1');
    }
    await repo.write('.github/monorepo-release.yml', `${config.join('\n')}\n`);
    await repo.write('lib/x.txt', 'v1');
    await repo.write('lib/extra/y.txt', 'v1');
    await repo.write('shared.txt', 'v1');
    await repo.write('notes/s69.txt', 's69');
    await repo.commit('chore: root');
    const live = new Map<string, LivePointer>();
    for (let i = 0; i < count; i++) {
      if (i === 31) {
        await repo.write('lib/x.txt', 'v2'); // after s1's release, before s40's
        await repo.write('lib/extra/y.txt', 'v2');
        await repo.commit('feat: lib');
      }
      await repo.write(i === 68 ? `notes/${i}.txt` : `s${i}/a.txt`, 'v2');
      live.set(`s${i}`, releasedAt(`s${i}`, '1.0.0', await repo.commit(`fix: s${i}`)));
    }
    await repo.write('s3/a.txt', 'v3');
    await repo.write('s7/README.md', 'docs only: excluded by "!**/*.md"');
    await repo.commit('fix: s3');
    await repo.write('s5/a.txt', 'v3');
    await repo.commit('fix: s5');
    await repo.write('s5/a.txt', 'v2');
    await repo.commit('revert: s5, back as released');
    await repo.write('s68/a.txt', 'v1');
    await repo.commit('feat: s68 gets its files');
    await repo.remove('s69');
    await repo.commit('fix: s69 goes away');

    const { plan, runs } = await planCountingGit(live);
    expect(plan.services.map((s) => [s.service, s.version, s.reason])).toEqual([
      ['s1', '1.1.0', 's1 ← lib ← lib/extra/y.txt (+1 more file) (since release 1.0.0)'],
      ['s3', '1.0.1', 's3 ← s3/a.txt (since release 1.0.0)'],
      ['s68', '1.1.0', 's68 ← s68/a.txt (since release 1.0.0)'],
      ['s69', '1.0.1', 's69 ← s69/a.txt (since release 1.0.0)'],
    ]);
    // The 70 releases were compared by object: at release in one `cat-file` (next to the range's lookup),
    // at head from one `ls-tree` of the roots' directories, and s69's directory, which it does not show,
    // in one more `cat-file`. The trees that changed since the releases of s1 (lib), s3 and s7 (a file its
    // paths exclude) were diffed in one `git -c … diff-tree`; s68's release, where its directory did not
    // exist yet, and s69's, gone at head, in another, from the commits. Then `git -c … log` since each of
    // the four releases planned.
    expect(runs.filter((r) => r === 'cat-file')).toHaveLength(3);
    expect(runs.filter((r) => r === '--literal-pathspecs')).toHaveLength(2); // the pattern check too
    expect(runs.filter((r) => r === '-c')).toHaveLength(1 + 1 + 4);
  });
});
