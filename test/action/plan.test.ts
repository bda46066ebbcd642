/** `plan` end to end: the built bundle, run as the runner runs it, on real repositories. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, runCli, type ActionRun } from '../helpers/action.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = `version: 1
shared: [package-lock.json]
defaults:
  deploy: ./deploy.sh
services:
  api:
    paths: [services/api/**, "!services/api/**/*.md"]
    depends-on: [common]
  web:
    paths: [services/web/**]
  worker:
    paths: [services/worker/**]
    depends-on: [api]
  common:
    paths: [libs/common/**]
    deploy: false
`;

let repo: TestRepo;
let initial: string;

beforeEach(async () => {
  repo = await makeRepo();
  await repo.write('.github/monorepo-release.yml', CONFIG);
  for (const dir of ['services/api', 'services/web', 'services/worker', 'libs/common']) {
    await repo.write(`${dir}/index.ts`, `// ${dir}\n`);
  }
  await repo.write('services/api/README.md', 'docs\n');
  await repo.write('package-lock.json', '{}\n');
  initial = await repo.commit('chore: initial');
  await repo.push();
});

afterEach(async () => {
  await repo.cleanup();
});

function matrix(run: ActionRun): Array<Record<string, string>> {
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return (JSON.parse(run.outputs.matrix!) as { include: Array<Record<string, string>> }).include;
}

const services = (run: ActionRun) => matrix(run).map((e) => e.service);

function pushEvent(before: string, after: string, commits: string[] = [after]) {
  return {
    ref: 'refs/heads/main',
    before,
    after,
    commits: commits.map((id) => ({ id })),
    repository: { default_branch: 'main' },
  };
}

describe('plan on push', () => {
  it('releases the dependents of a changed library, transitively, with the reason chain, and not the others', async () => {
    await repo.write('libs/common/util.ts', 'export {};\n');
    const head = await repo.commit('feat(common): util');
    const runnerTemp = join(repo.dir, '..', 'runner-temp');
    const run = await runAction({
      workspace: repo.dir,
      inputs: { command: 'plan' },
      event: pushEvent(initial, head),
      env: { RUNNER_TEMP: runnerTemp },
    });
    expect(matrix(run)).toEqual([
      {
        service: 'api',
        version: '0.1.0',
        'previous-version': '',
        reason: 'api ← common ← libs/common/util.ts',
        after: [],
      },
      {
        service: 'worker',
        version: '0.1.0',
        'previous-version': '',
        reason: 'worker ← api ← common ← libs/common/util.ts',
        after: [],
      },
    ]);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.outputs.count).toBe('2');
    expect(JSON.parse(run.outputs.services!)).toEqual(['api', 'worker']);
    const plan = JSON.parse(run.outputs.plan!);
    expect(plan.range).toMatchObject({ kind: 'diff', base: initial, head });
    expect(plan.libraries.map((l: { service: string }) => l.service)).toEqual(['common']);
    expect(run.outputs['changed-files']!.startsWith(runnerTemp)).toBe(true);
    expect(JSON.parse(await readFile(run.outputs['changed-files']!, 'utf8'))).toEqual([
      'libs/common/util.ts',
    ]);
    expect(run.summary).toContain('| api | 0\\.1\\.0 | — | api ← common ← libs/common/util\\.ts |');
    expect(run.summary).toContain(initial.slice(0, 12));
  });

  it('covers every commit of a multi-commit push, not only the last one', async () => {
    await repo.write('services/web/a.ts', '1\n');
    const first = await repo.commit('fix(web): a');
    await repo.write('services/worker/b.ts', '1\n');
    const second = await repo.commit('fix(worker): b');
    const run = await runAction({ workspace: repo.dir, event: pushEvent(initial, second, [first, second]) });
    expect(services(run)).toEqual(['web', 'worker']);
  });

  it('gives an empty but valid matrix and has-changes false when only excluded files changed', async () => {
    await repo.write('services/api/README.md', 'more docs\n');
    const head = await repo.commit('docs(api): readme');
    const run = await runAction({ workspace: repo.dir, event: pushEvent(initial, head) });
    expect(run.outputs.matrix).toBe('{"include":[]}');
    expect(run.outputs['has-changes']).toBe('false');
    expect(run.outputs.count).toBe('0');
    expect(run.summary).toContain('No service to release');
  });

  it('releases every service when a shared file changes', async () => {
    await repo.write('package-lock.json', '{"v":2}\n');
    const head = await repo.commit('chore: lock');
    const run = await runAction({ workspace: repo.dir, event: pushEvent(initial, head) });
    expect(services(run)).toEqual(['api', 'web', 'worker']);
    expect(matrix(run)[1]!.reason).toBe('web ← package-lock.json');
  });

  it('counts a rename across services for both, and a deletion', async () => {
    await repo.run(['mv', 'services/web/index.ts', 'services/worker/moved.ts']);
    // web keeps a file: a deployable service with no file at all is a config error.
    await repo.write('services/web/keep.ts', 'keep');
    const renamed = await repo.commit('refactor: move');
    let run = await runAction({ workspace: repo.dir, event: pushEvent(initial, renamed) });
    expect(services(run)).toEqual(['web', 'worker']);
    await repo.remove('services/api/index.ts');
    const deleted = await repo.commit('fix(api): remove');
    run = await runAction({ workspace: repo.dir, event: pushEvent(renamed, deleted) });
    expect(services(run)).toEqual(['api', 'worker']);
  });

  it('handles file names with $(x), quotes, a newline and non-ASCII as data; outputs gain no extra keys', async () => {
    const evil = 'services/web/$(touch pwned)\n::set-output name=x::y"ä.ts';
    await repo.write(evil, 'x\n');
    const head = await repo.commit('feat(web): odd name');
    const run = await runAction({ workspace: repo.dir, event: pushEvent(initial, head) });
    expect(services(run)).toEqual(['web']);
    expect(Object.keys(run.outputs).sort()).toEqual([
      'changed-files',
      'count',
      'has-changes',
      'matrix',
      'plan',
      'services',
    ]);
    expect(run.stdout).not.toMatch(/^::set-output name=x/m);
    expect(run.summary).not.toContain('$(touch pwned)\n');
    expect(run.summary).toContain('\\$\\(touch pwned\\)\\\\n');
    await expect(readFile(`${repo.dir}/pwned`)).rejects.toThrow();
  });

  it('falls back to the parent of the first pushed commit on a force push whose before is gone', async () => {
    await repo.write('services/web/b.ts', 'b\n');
    const gone = await repo.commit('fix(web): b');
    await repo.push();
    await repo.run(['reset', '--hard', initial]);
    await repo.write('services/worker/c.ts', 'c\n');
    const head = await repo.commit('fix(worker): c');
    await repo.forcePush();
    for (const args of [
      ['reflog', 'expire', '--expire=now', '--all'],
      ['gc', '--prune=now', '--quiet'],
    ]) {
      await repo.run(args);
      await repo.runOrigin(args);
    }
    const run = await runAction({ workspace: repo.dir, event: { ...pushEvent(gone, head), forced: true } });
    expect(services(run)).toEqual(['worker']);
    expect(JSON.parse(run.outputs.plan!).range.why).toMatch(/unreachable/);
  });

  it('uses the parent of the first pushed commit for a new branch (zero before)', async () => {
    await repo.run(['checkout', '-q', '-b', 'feature']);
    await repo.write('services/web/f.ts', 'f\n');
    const head = await repo.commit('feat(web): f');
    const run = await runAction({
      workspace: repo.dir,
      event: { ...pushEvent('0'.repeat(40), head), ref: 'refs/heads/feature', created: true },
    });
    expect(services(run)).toEqual(['web']);
  });
});

describe('plan on other events', () => {
  it('releases exactly the tagged service at the tagged version on a tag push', async () => {
    await repo.tag('web@v1.0.0');
    await repo.write('services/api/x.ts', 'x\n');
    const head = await repo.commit('feat(api): x');
    await repo.tag('web@v1.4.0');
    const run = await runAction({
      workspace: repo.dir,
      event: { ref: 'refs/tags/web@v1.4.0', before: '0'.repeat(40), after: head, commits: [] },
    });
    expect(matrix(run)).toEqual([
      {
        service: 'web',
        version: '1.4.0',
        'previous-version': '1.0.0',
        reason: 'web ← web@v1.4.0',
        after: [],
      },
    ]);
  });

  it('previews a pull request from the merge-base', async () => {
    await repo.run(['checkout', '-q', '-b', 'pr']);
    await repo.write('services/web/p.ts', 'p\n');
    const head = await repo.commit('feat(web): p');
    await repo.run(['checkout', '-q', 'main']);
    await repo.write('services/api/m.ts', 'm\n');
    const main = await repo.commit('fix(api): m');
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: { pull_request: { base: { sha: main, ref: 'main' }, head: { sha: head, ref: 'pr' } } },
    });
    expect(services(run)).toEqual(['web']);
  });

  it('uses base_sha..head_sha for merge_group', async () => {
    await repo.write('services/worker/q.ts', 'q\n');
    const head = await repo.commit('fix(worker): q');
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'merge_group',
      event: { merge_group: { base_sha: initial, head_sha: head } },
    });
    expect(services(run)).toEqual(['worker']);
  });

  it('releases everything on workflow_dispatch without base, and says so', async () => {
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch', event: {} });
    expect(services(run)).toEqual(['api', 'web', 'worker']);
    expect(JSON.parse(run.outputs.plan!).range.kind).toBe('all');
    expect(run.summary).toMatch(/first release/);
  });

  it('lets base/head inputs override the event', async () => {
    await repo.write('services/web/o.ts', 'o\n');
    await repo.commit('fix(web): o');
    const run = await runAction({
      workspace: repo.dir,
      eventName: 'workflow_dispatch',
      inputs: { base: 'HEAD~1', head: 'HEAD' },
      event: {},
    });
    expect(services(run)).toEqual(['web']);
  });

  it('bumps the version from the conventional commits since the last tag that touch the service', async () => {
    await repo.tag('api@v1.2.3');
    await repo.write('services/web/w.ts', 'w\n');
    await repo.commit('feat(web)!: unrelated breaking change');
    await repo.write('services/api/f.ts', 'f\n');
    const head = await repo.commit('feat(api): a feature');
    const run = await runAction({
      workspace: repo.dir,
      inputs: { base: initial },
      event: pushEvent(initial, head),
    });
    expect(matrix(run).find((e) => e.service === 'api')).toMatchObject({
      version: '1.3.0',
      'previous-version': '1.2.3',
    });
    expect(matrix(run).find((e) => e.service === 'web')).toMatchObject({ version: '0.1.0' });
  });
});

describe('plan on bad input and special checkouts', () => {
  it('fetches the history of a shallow clone from origin', async () => {
    await repo.write('services/web/s1.ts', '1\n');
    await repo.commit('fix(web): 1');
    await repo.write('services/api/s2.ts', '2\n');
    const head = await repo.commit('fix(api): 2');
    await repo.push();
    const shallow = await repo.shallowClone(1);
    const run = await runAction({ workspace: shallow.dir, event: pushEvent(initial, head) });
    expect(services(run)).toEqual(['api', 'web', 'worker']);
  });

  it('fails with file:line:col annotations for every config error, and plans nothing', async () => {
    await repo.write(
      '.github/monorepo-release.yml',
      'version: 1\nservces: {}\nservices:\n  Api:\n    paths: [x/**]\n    deploy: ./d.sh\n',
    );
    await repo.commit('chore: break config');
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=\.github\/monorepo-release\.yml,line=2,col=1::.*servces.*did you mean "services"/,
    );
    expect(run.stdout).toMatch(/::error file=\.github\/monorepo-release\.yml,line=4,col=3::/);
    expect(run.outputs.matrix).toBeUndefined();
  });

  it('warns about a path glob that matches no tracked file, naming service and pattern', async () => {
    await repo.write(
      '.github/monorepo-release.yml',
      // Beside a live pattern: a service none of whose patterns matches is an error (config-paths.test.ts).
      CONFIG.replace('paths: [services/web/**]', 'paths: [services/web/**, servcies/web/**]'),
    );
    await repo.commit('chore: typo');
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning file=\.github\/monorepo-release\.yml,line=\d+,col=\d+::.*web.*servcies\/web\/\*\*/,
    );
    const validate = await runAction({ workspace: repo.dir, inputs: { command: 'validate' } });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/::error file=.*servcies/);
  });

  it('plans a 50,000-file change with outputs that carry services, not files (faults.md #13)', async () => {
    // One commit touching 50,000 files across three services, written with fast-import (seconds, not minutes).
    const blob = ['blob', 'mark :1', 'data 2', 'x', ''];
    const files: string[] = [];
    for (let i = 0; i < 50_000; i++)
      files.push(`M 100644 :1 services/${['api', 'web', 'worker'][i % 3]}/gen/f${i}.ts`);
    const stream = [
      ...blob,
      'commit refs/heads/main',
      'committer t <t@example.com> 1700000000 +0000',
      'data 11',
      'feat: huge',
      `from ${initial}`,
      ...files,
      '',
    ].join('\n');
    await new Promise<void>((resolve, reject) => {
      const child = spawn('git', ['fast-import', '--quiet'], {
        cwd: repo.dir,
        stdio: ['pipe', 'ignore', 'inherit'],
      });
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`))));
      child.stdin.end(stream);
    });
    await repo.run(['reset', '-q', '--hard', 'main']);
    const head = (await repo.run(['rev-parse', 'HEAD'])).trim();
    const run = await runAction({
      workspace: repo.dir,
      event: pushEvent(initial, head),
      env: { RUNNER_TEMP: join(repo.dir, '..', 'tmp') },
    });
    expect(services(run)).toEqual(['api', 'web', 'worker']);
    expect(JSON.parse(run.outputs.plan!)['changed-files']).toBe(50_000);
    const outputBytes = Object.values(run.outputs).reduce((n, v) => n + Buffer.byteLength(v), 0);
    expect(outputBytes).toBeLessThan(4096);
    expect(JSON.parse(await readFile(run.outputs['changed-files']!, 'utf8'))).toHaveLength(50_000);
    expect(matrix(run)[0]!.reason).toMatch(/^api ← services\/api\/gen\/f\d+\.ts \(\+16666 more files\)$/);
  });

  it('refuses more services than a matrix can run, saying what to do', async () => {
    const names = Array.from({ length: 257 }, (_, i) => `s${i}`);
    await repo.write(
      '.github/monorepo-release.yml',
      `version: 1\ndefaults: { deploy: ./d.sh }\nservices:\n${names.map((n) => `  ${n}: { paths: [many/${n}/**] }`).join('\n')}\n`,
    );
    for (const n of names) await repo.write(`many/${n}/f`, n);
    await repo.commit('feat: many');
    const run = await runAction({ workspace: repo.dir, eventName: 'workflow_dispatch' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/257 services changed, more than the 256 jobs/);
    expect(run.outputs.matrix).toBeUndefined();
  });
});

describe('the CLI', () => {
  it('prints the same plan as the action, as a table and as JSON', async () => {
    await repo.write('libs/common/c.ts', 'c\n');
    await repo.commit('feat(common): c');
    const table = await runCli(['plan', '--base', 'HEAD~1'], repo.dir);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^SERVICE\s+VERSION\s+PREVIOUS\s+REASON$/m);
    expect(table.stdout).toMatch(/^worker\s+0\.1\.0\s+-\s+worker ← api ← common ← libs\/common\/c\.ts$/m);
    const json = await runCli(['plan', '--base', 'HEAD~1', '--json'], repo.dir);
    expect(JSON.parse(json.stdout).services.map((s: { service: string }) => s.service)).toEqual([
      'api',
      'worker',
    ]);
    const action = await runAction({
      workspace: repo.dir,
      inputs: { base: 'HEAD~1' },
      eventName: 'workflow_dispatch',
    });
    expect(JSON.parse(action.outputs.plan!).services).toEqual(JSON.parse(json.stdout).services);
  });

  it('release --dry-run previews the stages and their environment, and runs nothing', async () => {
    await repo.write('deploy.sh', '#!/bin/sh\necho deployed > deployed.txt\n');
    const head = await repo.commit('chore: deploy script');
    const run = await runCli(['release', 'api', '--dry-run', '--version', '1.2.3'], repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Dry run: api 1\.2\.3 to production \(live now: nothing recorded\)/);
    expect(run.stdout).toMatch(/^ {2}stage full 100 %: \.\/deploy\.sh$/m);
    expect(run.stdout).toContain(`RELEASE_SHA=${head}`);
    expect(existsSync(join(repo.dir, 'deployed.txt'))).toBe(false);
  });

  it('validate exits 1 with file:line:col on a bad config', async () => {
    await repo.write('.github/monorepo-release.yml', 'version: 2\nservices: {}\n');
    const run = await runCli(['validate'], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.github\/monorepo-release\.yml:1:10: .*version/);
  });
});
