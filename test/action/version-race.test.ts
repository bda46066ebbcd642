/** One version names one build (faults.md #20): two commits planned under one version while a release bakes.
 * The built bundle as the runner runs it, against a local bare origin: A (`feat:`) and B (`fix:`, a child
 * of A) are both planned as api 1.1.0 before either is released. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction, type ActionOptions, type ActionRun } from '../helpers/action.js';
import { makeFleet, type AuditRecordView, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;
let A: string;
let B: string;
let runs = 300;

afterEach(async () => {
  await fleet?.cleanup();
});

/** api 1.0.0 released at the first commit; then A and B pushed, each planned before anything else is
 * released (as two pushes while A's release bakes would plan them). */
async function setup(bMessage = 'fix(api): b'): Promise<void> {
  fleet = await makeFleet({
    verify: null,
    stages: '[{ name: canary, percent: 5 }, { name: full, percent: 100 }]',
  });
  expect((await fleet.action()).outputs.outcome).toBe('released');
  await fleet.repo.write('services/api/a.ts', 'a\n');
  A = await fleet.repo.commit('feat(api): a');
  await fleet.repo.write('services/api/b.ts', 'b\n');
  B = await fleet.repo.commit(bMessage);
  await fleet.repo.push();
  expect(await proposal(fleet.sha, A)).toBe('1.1.0');
  expect(await proposal(A, B)).toBe('1.1.0');
}

/** The version `plan` proposes for api on a push of before..after. */
async function proposal(before: string, after: string): Promise<string> {
  const run = await runAction({
    workspace: fleet.repo.dir,
    event: { ref: 'refs/heads/main', before, after },
    env: { GITHUB_SHA: after },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const include = (
    JSON.parse(run.outputs.matrix!) as { include: Array<{ service: string; version: string }> }
  ).include;
  return include.find((entry) => entry.service === 'api')!.version;
}

function release(sha: string, version: string, options: Partial<ActionOptions> = {}): Promise<ActionRun> {
  return fleet.action({
    event: { ref: 'refs/heads/main', after: sha },
    ...options,
    inputs: { version, ...options.inputs },
    env: { GITHUB_SHA: sha, GITHUB_RUN_ID: String(runs++), ...options.env },
  });
}

/** The commit a tag names on origin, or null. */
async function tagged(version: string): Promise<string | null> {
  try {
    return (
      await fleet.repo.runOrigin(['rev-parse', '--verify', '--quiet', `refs/tags/api@v${version}^{commit}`])
    ).trim();
  } catch {
    return null;
  }
}

/** Versions the audit log gives to more than one commit (should be none). */
function versionsAtTwoCommits(records: AuditRecordView[]): string[] {
  const shas = new Map<string, Set<string>>();
  for (const r of records.filter((r) => r.kind === 'release')) {
    shas.set(r.version, (shas.get(r.version) ?? new Set()).add(r.sha));
  }
  return [...shas].filter(([, s]) => s.size > 1).map(([v]) => v);
}

/** Every release record of api, as version → commit. */
async function releasedVersions(): Promise<Record<string, string>> {
  const records = (await fleet.records()).filter((r) => r.kind === 'release' && r.outcome === 'released');
  return Object.fromEntries(records.map((r) => [r.version, r.sha]));
}

/** Holds the first two pushes to the audit branch until both have arrived, so that two releases read the
 * audit log before either writes it: a true race, resolved by compare-and-swap alone. */
async function raceTheFirstTwoAuditWrites(): Promise<void> {
  const barrier = join(fleet.repo.origin, 'barrier');
  await mkdir(barrier);
  const hook = join(fleet.repo.origin, 'hooks', 'pre-receive');
  await writeFile(
    hook,
    `#!/bin/sh
while read old new ref; do
  [ "$ref" = refs/heads/release-audit ] || continue
  touch '${barrier}'/$$
  i=0
  while [ "$(ls '${barrier}' | wc -l)" -lt 2 ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done
done
exit 0
`,
  );
  await chmod(hook, 0o755);
}

const short = (sha: string) => sha.slice(0, 12);

describe('two commits planned under one version (faults.md #20)', () => {
  it('A then B: A is 1.1.0, B takes 1.1.1 and says why; each tag names its own commit; a re-run of B is already released', async () => {
    await setup();
    const a = await release(A, '1.1.0');
    expect(a.outputs, a.stdout).toMatchObject({ outcome: 'released', version: '1.1.0' });
    const b = await release(B, '1.1.0');
    expect(b.code, b.stdout).toBe(0);
    expect(b.outputs).toMatchObject({ outcome: 'released', version: '1.1.1', 'previous-version': '1.1.0' });
    const note = `1.1.0 is taken by ${short(A)}`;
    expect(b.stdout).toContain(`${note} (record `);
    expect(b.stdout).toContain('releasing as 1.1.1');
    // The summary escapes markdown (`1\.1\.0`).
    const summary = b.summary.replace(/\\/g, '');
    expect(summary).toContain(note);
    expect(summary).toContain('releasing as 1.1.1');
    // The deploy commands were given the version the build is released under.
    expect((await fleet.calls()).filter((c) => c.startsWith('deploy api 1.1'))).toEqual([
      'deploy api 1.1.0 canary 5 prev=1.0.0',
      'deploy api 1.1.0 full 100 prev=1.0.0',
      'deploy api 1.1.1 canary 5 prev=1.1.0',
      'deploy api 1.1.1 full 100 prev=1.1.0',
    ]);
    expect(await tagged('1.1.0')).toBe(A);
    expect(await tagged('1.1.1')).toBe(B);
    expect(await releasedVersions()).toEqual({ '1.0.0': fleet.sha, '1.1.0': A, '1.1.1': B });
    expect(versionsAtTwoCommits(await fleet.records())).toEqual([]);
    expect(await fleet.audit('versions/api/1.1.0.json')).toMatchObject({ sha: A, environment: 'production' });
    expect(await fleet.audit('versions/api/1.1.1.json')).toMatchObject({ sha: B, record: b.outputs.record });

    // A re-run of B's job (the matrix still says 1.1.0): the build was released as 1.1.1, nothing to do.
    const calls = await fleet.calls();
    const runId = b.outputs.record!.split('-')[0]!;
    const rerun = await release(B, '1.1.0', { env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.outputs, rerun.stdout).toMatchObject({ outcome: 'already-released', version: '1.1.1' });
    // The same commit and version in a second environment is no conflict: staging gets A as 1.1.0.
    const staging = await release(A, '1.1.0', { inputs: { environment: 'staging' } });
    expect(staging.outputs, staging.stdout).toMatchObject({ outcome: 'released', version: '1.1.0' });
    expect((await fleet.calls()).slice(calls.length)).toEqual([
      'deploy api 1.1.0 canary 5 prev=',
      'deploy api 1.1.0 full 100 prev=',
    ]);
    expect(await fleet.audit('versions/api/1.1.0.json')).toMatchObject({ sha: A, environment: 'production' });
  });

  it('A then B with a `feat:`: B takes 1.2.0, the bump of the commits since A', async () => {
    await setup('feat(api): b');
    expect((await release(A, '1.1.0')).outputs.version).toBe('1.1.0');
    const b = await release(B, '1.1.0');
    expect(b.outputs, b.stdout).toMatchObject({ outcome: 'released', version: '1.2.0' });
    expect(await tagged('1.2.0')).toBe(B);
  });

  it('B then A: B is 1.1.0, and A, an older build that B already ships, never deploys', async () => {
    await setup();
    const b = await release(B, '1.1.0');
    expect(b.outputs).toMatchObject({ outcome: 'released', version: '1.1.0' });
    const calls = await fleet.calls();
    const a = await release(A, '1.1.0');
    expect(a.code).toBe(1);
    expect(a.outputs.outcome).toBe('failed');
    expect(a.stdout).toContain(`1.1.0 is taken by ${short(B)}`);
    expect(a.stdout).toMatch(/a later commit that already includes this one.*an older build never deploys/);
    expect(await fleet.calls()).toEqual(calls);
    expect((await fleet.records()).some((r) => r.sha === A)).toBe(false);
    expect(await tagged('1.1.0')).toBe(B);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.1.0', sha: B });
  });

  it('both at once: their leases serialize them, and no version names two builds', async () => {
    await setup();
    await raceTheFirstTwoAuditWrites();
    const [a, b] = await Promise.all([release(A, '1.1.0'), release(B, '1.1.0')]);
    const winner = a.outputs.version === '1.1.0' && a.outputs.outcome === 'released' ? 'A' : 'B';
    if (winner === 'A') {
      // B waited for A's lease, then took the next version.
      expect(b.outputs, b.stdout).toMatchObject({ outcome: 'released', version: '1.1.1' });
      expect(await tagged('1.1.1')).toBe(B);
    } else {
      expect(b.outputs, b.stdout).toMatchObject({ outcome: 'released', version: '1.1.0' });
      expect(a.outputs.outcome, a.stdout).toBe('failed');
      expect((await fleet.calls()).filter((c) => c.startsWith('deploy api 1.1.0'))).toHaveLength(2);
    }
    expect(await tagged('1.1.0')).toBe(winner === 'A' ? A : B);
    expect(versionsAtTwoCommits(await fleet.records())).toEqual([]);
  });

  it('both at once in two environments: only the version claim serializes them, and it does', async () => {
    await setup();
    await raceTheFirstTwoAuditWrites();
    const [a, b] = await Promise.all([
      release(A, '1.1.0', { inputs: { environment: 'staging' } }),
      release(B, '1.1.0'),
    ]);
    // Both read the log before either wrote it; one claim won the compare-and-swap, the other decided again.
    const records = await fleet.records();
    expect(versionsAtTwoCommits(records)).toEqual([]);
    if (a.outputs.version === '1.1.0' && a.outputs.outcome === 'released') {
      expect(b.outputs, b.stdout).toMatchObject({ outcome: 'released', version: '1.1.1' });
      expect(await tagged('1.1.1')).toBe(B);
    } else {
      expect(b.outputs, b.stdout).toMatchObject({ outcome: 'released', version: '1.1.0' });
      expect(a.outputs.outcome, a.stdout).toBe('failed');
      expect(records.some((r) => r.sha === A)).toBe(false);
    }
    const claim = await fleet.audit<{ sha: string }>('versions/api/1.1.0.json');
    expect(claim?.sha).toBe(await tagged('1.1.0'));
  });
});

describe('a version given by hand, and tags', () => {
  it('refuses a pushed tag whose version another build holds, with the reason and the fix, deploying nothing', async () => {
    await setup();
    expect((await release(A, '1.1.0')).outputs.version).toBe('1.1.0');
    // Someone deletes the release tag and pushes it on B.
    await fleet.repo.runOrigin(['tag', '-d', 'api@v1.1.0']);
    await fleet.repo.run(['push', '--quiet', 'origin', `${B}:refs/tags/api@v1.1.0`]);
    const calls = await fleet.calls();
    const records = (await fleet.records()).length;
    const run = await release(B, '1.1.0', {
      event: { ref: 'refs/tags/api@v1.1.0', before: '0'.repeat(40), after: B },
      env: { GITHUB_REF: 'refs/tags/api@v1.1.0' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toContain(`version 1.1.0 is taken by ${short(A)} (record `);
    expect(run.stdout).toMatch(
      /Fix: release this commit under a version no other build holds \(the next free one is 1\.2\.0\)/,
    );
    expect(await fleet.calls()).toEqual(calls);
    expect(await fleet.records()).toHaveLength(records);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.1.0', sha: A });
  });

  it('refuses a workflow_dispatch version that another build holds, deploying nothing', async () => {
    await setup();
    expect((await release(A, '1.1.0')).outputs.version).toBe('1.1.0');
    const calls = await fleet.calls();
    const run = await release(B, '1.1.0', {
      eventName: 'workflow_dispatch',
      event: { ref: 'refs/heads/main', inputs: { command: 'release', service: 'api', version: '1.1.0' } },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`version 1.1.0 is taken by ${short(A)}`);
    expect(await fleet.calls()).toEqual(calls);
  });

  it('a tag on another commit, pushed by hand with no record, makes the release take the next version', async () => {
    await setup();
    await fleet.repo.run(['push', '--quiet', 'origin', `${A}:refs/tags/api@v1.1.0`]);
    const b = await release(B, '1.1.0');
    expect(b.outputs, b.stdout).toMatchObject({ outcome: 'released', version: '1.1.1' });
    expect(b.stdout).toContain(`1.1.0 is taken by ${short(A)} (tag api@v1.1.0); releasing as 1.1.1`);
    expect(b.stdout).not.toMatch(/exists already/);
    expect(await tagged('1.1.0')).toBe(A);
    expect(await tagged('1.1.1')).toBe(B);
  });
});
