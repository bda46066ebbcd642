/** Where a paused release shows (DESIGN.md "Pause and promote"): the plan summary (with the runner time the
 * planned releases hold), `history`, and the CLI's `promote` / `abort --dry-run`, which run nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import { runAction, runCli } from '../helpers/action.js';
import { fleetConfig, makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

const STAGES = `[{ name: canary, percent: 5, bake: 2m, pause: true }, { name: ramp, percent: 50, bake: 10m }, { name: full, percent: 100 }]`;

/** A fleet whose api 1.0.0 is paused after its canary. */
async function pausedFleet(): Promise<Fleet> {
  fleet = await makeFleet({
    stages: `[{ name: canary, percent: 5, pause: true }, { name: ramp, percent: 50 }, { name: full, percent: 100 }]`,
  });
  const paused = await fleet.action({ env: { GITHUB_RUN_ID: '100' } });
  expect(paused.outputs.outcome, paused.stdout).toBe('paused');
  return fleet;
}

describe('a paused release in the listings', () => {
  it('the plan summary lists the paused release of a planned service with its age, and the runner time of the bakes', async () => {
    await pausedFleet();
    const before = fleet.sha;
    // Real bakes in the config of the planned commit: the estimate reads them, nothing waits for them.
    await fleet.repo.write('.github/monorepo-release.yml', fleetConfig({ stages: STAGES }));
    await fleet.repo.write('services/api/main.ts', 'api 2\n');
    await fleet.repo.write('services/web/main.ts', 'web 2\n');
    const head = await fleet.repo.commit('feat: api and web');
    await fleet.repo.push();
    const plan = await runAction({
      workspace: fleet.repo.dir,
      inputs: { command: 'plan' },
      event: {
        ref: 'refs/heads/main',
        before,
        after: head,
        commits: [{ id: head }],
        repository: { default_branch: 'main' },
      },
      env: { GITHUB_SHA: head, GITHUB_REF: 'refs/heads/main' },
    });
    expect(plan.code, plan.stdout).toBe(0);
    const summary = plan.summary.replace(/\\/g, '');
    expect(summary).toMatch(/\*\*Paused\*\*/);
    expect(summary).toMatch(
      /- api 1\.0\.0 \(production\): paused after canary at 5 % since 20\d\d-[^ ]+ \(\d+m ago\)/,
    );
    expect(summary).not.toMatch(/- web .*paused/);
    // Two services bake 2m in their release jobs (canary), then the promotes hold 10m each.
    expect(summary).toMatch(/about 4m in all/);
    expect(summary).toMatch(/\| canary \| 2 \| 4m \|/);
    expect(summary).toMatch(/promote jobs hold about 20m more/);
  }, 90_000);

  it('history lists the paused release and its age; promote/abort --dry-run say what they would do and run nothing', async () => {
    await pausedFleet();
    const calls = (await fleet.calls()).length;
    const history = await runCli(['history'], fleet.repo.dir);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(
      /PAUSED[^\n]*\n {2}api 1\.0\.0 \(production\): paused after canary at 5 % since 20\d\d-\S+ \(\d+m ago\)/,
    );
    expect(history.stdout).toMatch(/api\s+release\s+1\.0\.0\s+\w+\s+paused/);

    const promote = await runCli(['promote', 'api', '--dry-run'], fleet.repo.dir);
    expect(promote.code, promote.stderr).toBe(0);
    expect(promote.stdout).toMatch(
      /would promote api 1\.0\.0 .*check the gate of canary \(5 %\) once, then ramp 50 %, full 100 %, then reach 100 %/,
    );
    const abort = await runCli(['abort', 'api', '--dry-run'], fleet.repo.dir);
    expect(abort.code, abort.stderr).toBe(0);
    expect(abort.stdout).toMatch(/would abort api 1\.0\.0 .*roll it back to \(no known-good version/);
    const real = await runCli(['promote', 'api'], fleet.repo.dir);
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/only previews promote/);
    expect((await fleet.calls()).length).toBe(calls);
    expect((await fleet.records())[0]!.outcome).toBe('paused');
  }, 90_000);
});
