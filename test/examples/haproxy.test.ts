/** examples/haproxy end to end, with real traffic: a real HAProxy on 127.0.0.1 in front of two HTTP servers
 * that answer with their version (1.0.0 and 2.0.0); the built action releases 2.0.0 through the example's
 * deploy / verify / rollback scripts, and during each stage's bake the test sends a burst of requests
 * through HAProxy's frontend and counts who answered.
 *
 * The tolerance: HAProxy's `balance roundrobin` with weights (100 - p, p) is a weighted round robin, not a
 * random draw. Every cycle of 100 picks gives exactly p to the canary, spread evenly, so a burst of n
 * consecutive picks is off by at most a couple of picks at its two ends (and by the picks of the previous
 * burst's unfinished cycle), whatever the concurrency. A random split would be binomial: for n = 400 at
 * 50 % its standard deviation is 10 requests (2.5 points), and a flake-free bound (4σ) would be ±10 points,
 * unable to tell 10 % from 20 %. TOLERANCE = 2 points (8 requests of 400) leaves room for the round robin's
 * edges and still fails for a weight that is off by 3 points or for a random balancer. */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFleet, type Fleet } from '../helpers/fleet.js';
import {
  burst,
  findHaproxy,
  HAPROXY_INSTALL,
  startBurstTrigger,
  startHaproxy,
  startVersionServer,
  type BurstCounts,
  type BurstTrigger,
  type Haproxy,
  type StageBurst,
  type VersionServer,
} from '../helpers/haproxy.js';
import { runExample } from './run-example.js';

const REQUESTS = 400;
const TOLERANCE = 2; // percentage points; see the header
const EXAMPLES = resolve(import.meta.dirname, '../../examples');

const CONFIG = `version: 1
defaults:
  stages:
    - { name: canary, percent: 10, bake: 1s }
    - { name: ramp, percent: 50, bake: 1s }
    - { name: full, percent: 100, bake: 1s }
  deploy: ./deploy/haproxy/deploy.sh
  verify: { command: ./scripts/burst-then-verify.sh, interval: 500ms, timeout: 30s }
  rollback: ./deploy/haproxy/rollback.sh
  timeout: 60s
services:
  api:
    paths: [services/api/**]
`;

// The gate's command: the test sends its burst through HAProxy (from the test's process), then the
// example's verify.sh judges HAProxy's counters, which that burst just moved.
const BURST_THEN_VERIFY = `#!/usr/bin/env bash
node --input-type=module -e '
const { RELEASE_STAGE: stage, RELEASE_PERCENT: percent, RELEASE_VERSION: version, BURST_URL } = process.env;
const answer = await fetch(BURST_URL, { method: "POST", body: new URLSearchParams({ stage, percent, version }) });
if (!answer.ok) throw new Error(await answer.text());
'
exec ./deploy/haproxy/verify.sh
`;

interface Setup {
  fleet: Fleet;
  haproxy: Haproxy;
  trigger: BurstTrigger;
  v1: VersionServer;
  v2: VersionServer;
  env: Record<string, string>;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  // Reverse order: HAProxy stops (and proves its process and ports gone) before its servers close.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** HAProxy with stable and canary on 1.0.0's server, and a repository whose config uses a copy of
 * examples/haproxy (as a user would copy it); `faultAt`: 2.0.0 answers 503 from that stage's percent on. */
async function setup(faultAt?: number): Promise<Setup> {
  const v1 = await startVersionServer('1.0.0');
  cleanups.push(() => v1.close());
  const v2 = await startVersionServer('2.0.0');
  cleanups.push(() => v2.close());
  const haproxy = await startHaproxy({ backend: 'api', stable: v1.address, canary: v1.address });
  cleanups.push(() => haproxy.stop());
  const trigger = await startBurstTrigger(haproxy.url, REQUESTS, ({ version, percent }) => {
    if (faultAt !== undefined && version === '2.0.0' && percent >= faultAt) v2.faulty = true;
  });
  cleanups.push(() => trigger.close());
  const fleet = await makeFleet();
  cleanups.push(() => fleet.cleanup());
  await fleet.repo.write('.github/monorepo-release.yml', CONFIG);
  await fleet.repo.write('scripts/burst-then-verify.sh', BURST_THEN_VERIFY);
  await chmod(join(fleet.repo.dir, 'scripts/burst-then-verify.sh'), 0o755);
  for (const script of ['common.sh', 'deploy.sh', 'verify.sh', 'rollback.sh'])
    await copyScript(`haproxy/${script}`, fleet, `deploy/haproxy/${script}`);
  await copyScript('lib/release-env.sh', fleet, 'deploy/lib/release-env.sh');
  fleet.sha = await fleet.repo.commit('ci: release through HAProxy');
  await fleet.repo.push();
  const addresses = join(fleet.repo.dir, '..', 'addresses');
  await writeFile(addresses, `# service version address\napi 1.0.0 ${v1.address}\napi 2.0.0 ${v2.address}\n`);
  const env = { HAPROXY_ADMIN: haproxy.admin, HAPROXY_ADDRESSES: addresses, BURST_URL: trigger.url };
  return { fleet, haproxy, trigger, v1, v2, env };
}

async function copyScript(from: string, fleet: Fleet, to: string) {
  await fleet.repo.write(to, await readFile(join(EXAMPLES, from)));
  await chmod(join(fleet.repo.dir, to), 0o755);
}

const share = (counts: BurstCounts, version: string) =>
  (100 * (counts.byVersion[version] ?? 0)) / counts.total;

function describeBursts(bursts: StageBurst[]): string {
  return bursts
    .map(
      (b) =>
        `${b.stage} ${b.percent} %: ${share(b.counts, '2.0.0').toFixed(1)} % of ${b.counts.total} from 2.0.0`,
    )
    .join('; ');
}

/** The `show stat` line of a server: status, weight and address. */
async function serverState(haproxy: Haproxy, server: string) {
  const [header, ...lines] = (await haproxy.command('show stat api 4 -1')).trim().split('\n');
  const columns = header!.replace(/^# /, '').split(',');
  const row = lines.map((line) => line.split(',')).find((fields) => fields[1] === server)!;
  const field = (name: string) => row[columns.indexOf(name)];
  return { status: field('status'), weight: Number(field('weight')), address: field('addr') };
}

describe('examples/haproxy: a release of real requests through a real HAProxy', () => {
  it('sends 10 %, 50 % and 100 % of the requests to 2.0.0 at its three stages, then keeps 1.0.0 out', async () => {
    const { fleet, haproxy, trigger, v2, env } = await setup();
    const first = await fleet.action({ env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // 1.0.0 is on both servers: every stage of its release is served by 1.0.0 alone.
    expect(trigger.bursts.every((b) => b.counts.byVersion['1.0.0'] === REQUESTS)).toBe(true);
    trigger.bursts.length = 0;

    const run = await fleet.action({ env, inputs: { version: '2.0.0' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.outcome).toBe('released');
    const bursts = trigger.bursts;
    console.info(`HAProxy shares: ${describeBursts(bursts)} (tolerance ±${TOLERANCE} points)`);
    expect([...new Set(bursts.map((b) => b.percent))]).toEqual([10, 50, 100]);
    for (const b of bursts) {
      expect(b.counts.total).toBe(REQUESTS);
      expect(b.counts.errors).toBe(0);
      expect(Math.abs(share(b.counts, '2.0.0') - b.percent), describeBursts([b])).toBeLessThanOrEqual(
        TOLERANCE,
      );
    }
    // Released: both servers on 2.0.0's instance, the canary with weight 0 until the next release.
    expect(await serverState(haproxy, 'stable')).toEqual({ status: 'UP', weight: 100, address: v2.address });
    expect((await serverState(haproxy, 'canary')).weight).toBe(0);
    expect((await burst(haproxy.url, REQUESTS)).byVersion).toEqual({ '2.0.0': REQUESTS });
  });

  it('rolls back when 2.0.0 answers 503 at 50 %: the gate reads the 5xx in HAProxy, and 1.0.0 takes it all back', async () => {
    const { fleet, haproxy, trigger, v1, env } = await setup(50);
    expect((await fleet.action({ env })).code).toBe(0);
    trigger.bursts.length = 0;

    const run = await fleet.action({ env, inputs: { version: '2.0.0' } });
    console.info(`HAProxy shares with 2.0.0 failing at 50 %: ${describeBursts(trigger.bursts)}`);
    expect(run.code).not.toBe(0);
    expect(run.outputs.outcome).toBe('rolled-back');
    expect(run.outputs['failed-stage']).toBe('ramp');
    const canary = trigger.bursts.filter((b) => b.stage === 'canary');
    expect(canary.length).toBeGreaterThan(0);
    for (const b of canary) expect(Math.abs(share(b.counts, '2.0.0') - 10)).toBeLessThanOrEqual(TOLERANCE);
    // At 50 % the failing answers all came from 2.0.0, and the gate stopped the stage at its first check.
    const ramp = trigger.bursts.filter((b) => b.stage === 'ramp');
    expect(ramp).toHaveLength(1);
    expect(ramp[0]!.counts.errors).toBeGreaterThan(0);
    expect(ramp[0]!.counts.errors).toBe(ramp[0]!.counts.byVersion['2.0.0']);
    // Never more than its weight: its failing health checks may only take it out earlier.
    expect(share(ramp[0]!.counts, '2.0.0')).toBeLessThanOrEqual(50 + TOLERANCE);
    const [, record] = await fleet.records();
    expect(record!.stages.map((s) => [s.name, s.result])).toEqual([
      ['canary', 'passed'],
      ['ramp', 'failed'],
    ]);
    expect(record!.stages[1]!.error!.output).toMatch(/unhealthy: \d+ of \d+ answers were 5xx/);
    // The gate after the rollback, and the test after the action: every request served by 1.0.0.
    const after = trigger.bursts.filter((b) => b.stage === 'rollback');
    expect(after.map((b) => b.counts.byVersion)).toEqual([{ '1.0.0': REQUESTS }]);
    expect(await burst(haproxy.url, REQUESTS)).toEqual({
      total: REQUESTS,
      byVersion: { '1.0.0': REQUESTS },
      errors: 0,
    });
    expect(await serverState(haproxy, 'stable')).toEqual({ status: 'UP', weight: 100, address: v1.address });
    expect((await serverState(haproxy, 'canary')).weight).toBe(0);
  });

  it('refuses bad input before any runtime API command: a backend name carrying a second command, an unknown version', async () => {
    const { haproxy, env } = await setup();
    const servers = async () => [await serverState(haproxy, 'stable'), await serverState(haproxy, 'canary')];
    const before = await servers();
    const base = { ...env, RELEASE_SERVICE: 'api', RELEASE_PERCENT: '10', RELEASE_STAGE: 'canary' };
    const injected = await runExample('haproxy/deploy.sh', {
      ...base,
      RELEASE_VERSION: '2.0.0',
      HAPROXY_BACKEND: 'api/canary 100; set weight api',
    });
    expect(injected.code).toBe(2);
    expect(injected.stderr).toContain(
      "HAPROXY_BACKEND 'api/canary 100; set weight api' is not a HAProxy backend name",
    );
    const unknown = await runExample('haproxy/deploy.sh', { ...base, RELEASE_VERSION: '9.9.9' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("has no line 'api 9.9.9 <ip>:<port>'");
    expect(await servers()).toEqual(before);
  });

  it('says how to install HAProxy when it is missing (the test fails, it is never skipped)', () => {
    expect(() => findHaproxy('/nonexistent', [])).toThrow(HAPROXY_INSTALL);
  });
});
