/** `notify:`, run by the built bundle as the runner runs it: once after each release, rollback and drill
 * ending, with the RELEASE_* environment, RELEASE_OUTCOME and RELEASE_SUMMARY; whatever it does (fail, hang,
 * flood the log, print workflow commands) the outcome and the record stay as they were. */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FLEET_TOKEN,
  fleetConfig,
  makeFleet,
  waitForCall,
  type Fleet,
  type FleetOptions,
} from '../helpers/fleet.js';

const NOTIFY = `#!/usr/bin/env bash
printf 'notify %s %s %s prev=%s stage=%s percent=%s env=%s id=%s sha=%s attempt=%s token=%s input=%s\\n' \\
  "$RELEASE_SERVICE" "$RELEASE_OUTCOME" "$RELEASE_VERSION" "$RELEASE_PREVIOUS_VERSION" "$RELEASE_STAGE" \\
  "$RELEASE_PERCENT" "$RELEASE_ENVIRONMENT" "$RELEASE_ID" "$RELEASE_SHA" "$RELEASE_ATTEMPT" \\
  "\${GITHUB_TOKEN:-none}" "\${INPUT_TOKEN:-none}" >> "$LEDGER"
echo "summary $(head -n 1 "$RELEASE_SUMMARY")" >> "$LEDGER"
if [ -n "\${ORIGIN_GIT:-}" ]; then
  latest=$(git --git-dir "$ORIGIN_GIT" show "release-audit:latest/$RELEASE_ENVIRONMENT/$RELEASE_SERVICE.json" | jq -r .path)
  echo "recorded $(git --git-dir "$ORIGIN_GIT" show "release-audit:$latest" | jq -r '.id + " " + .outcome')" >> "$LEDGER"
fi
case "\${NOTIFY_MODE:-}" in
  fail) echo "webhook said 500" >&2; exit 7 ;;
  hang) sleep 3600 ;;
  flood) echo "::error::forged by notify"; yes 'chat chat chat chat chat chat chat chat' | head -n 200000 ;;
esac
`;

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

/** A fleet whose defaults say `notify: ./scripts/notify.sh`, committed and pushed. */
async function notifyFleet(options: FleetOptions = {}): Promise<Fleet> {
  const config = fleetConfig({ stages: '[{ name: full, percent: 100 }]', ...options }).replace(
    '  timeout:',
    '  notify: ./scripts/notify.sh\n  timeout:',
  );
  const made = await makeFleet();
  await made.repo.write('.github/monorepo-release.yml', config);
  await made.repo.write('scripts/notify.sh', NOTIFY);
  await chmod(join(made.repo.dir, 'scripts/notify.sh'), 0o755);
  made.sha = await made.repo.commit('chore: notify');
  await made.repo.push();
  return made;
}

const notifications = async () => (await fleet.calls()).filter((l) => l.startsWith('notify '));

describe('notify', () => {
  it('runs once after each release, rollback and drill ending, with the documented environment', async () => {
    fleet = await notifyFleet();
    const sha = fleet.sha;
    const released = await fleet.action({
      env: { GITHUB_TOKEN: FLEET_TOKEN, ORIGIN_GIT: fleet.repo.origin },
    });
    expect(released.outputs.outcome).toBe('released');
    // It ran once the record was on origin, closed.
    expect((await fleet.calls()).filter((l) => l.startsWith('recorded '))).toEqual([
      `recorded ${released.outputs.record} released`,
    ]);
    expect(await notifications()).toEqual([
      `notify api released 1.0.0 prev= stage=notify percent=100 env=production id=${released.outputs.record} sha=${sha} attempt=1 token=none input=none`,
    ]);
    // RELEASE_SUMMARY is a file holding the job summary the run wrote.
    expect(released.summary.split('\n')[0]).toBe('### api 1\\.0\\.0 → production: released');
    expect((await fleet.calls()).filter((l) => l.startsWith('summary '))).toEqual([
      'summary ### api 1\\.0\\.0 → production: released',
    ]);

    // Nothing run, nobody told: a re-run of what is live, a dry run.
    expect((await fleet.action()).outputs.outcome).toBe('already-released');
    expect((await fleet.action({ inputs: { version: '1.1.0', 'dry-run': 'true' } })).outputs.outcome).toBe(
      'dry-run',
    );
    expect(await notifications()).toHaveLength(1);

    const failed = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '101', FAIL_DEPLOY_STAGE: 'full' },
    });
    expect(failed.outputs.outcome).toBe('rolled-back');
    const second = await fleet.action({ inputs: { version: '1.2.0' }, env: { GITHUB_RUN_ID: '102' } });
    expect(second.outputs.outcome).toBe('released');
    const manual = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: { command: 'rollback', version: '' },
      env: { GITHUB_RUN_ID: '103' },
    });
    expect(manual.outputs.outcome).toBe('rolled-back');
    await fleet.repo.write(
      '.github/monorepo-release.yml',
      (await fleet.repo.run(['show', 'HEAD:.github/monorepo-release.yml'])) +
        '\ndrill:\n  allow-production: true\n',
    );
    fleet.sha = await fleet.repo.commit('chore: drills in production');
    await fleet.repo.push();
    // After the manual rollback 1.0.0 is live and 1.2.0 before it: the drill goes to 1.2.0 and back.
    const drill = await fleet.action({
      eventName: 'workflow_dispatch',
      inputs: { command: 'drill', version: '' },
      env: { GITHUB_RUN_ID: '104' },
    });
    expect(drill.outputs.outcome, drill.stdout).toBe('drilled');

    const lines = await notifications();
    expect(lines.map((l) => l.split(' ').slice(1, 6).join(' '))).toEqual([
      'api released 1.0.0 prev= stage=notify',
      'api rolled-back 1.1.0 prev=1.0.0 stage=notify',
      'api released 1.2.0 prev=1.0.0 stage=notify',
      'api rolled-back 1.0.0 prev=1.2.0 stage=notify',
      'api drilled 1.0.0 prev=1.2.0 stage=notify',
    ]);
    const ids = [failed, second, manual, drill].map((run) => `id=${run.outputs.record}`);
    expect(lines.slice(1).map((l) => l.split(' ').find((w) => w.startsWith('id=')))).toEqual(ids);
    expect((await fleet.calls()).filter((l) => l.startsWith('summary ')).at(-1)).toBe(
      'summary ### api 1\\.0\\.0 → production: drilled',
    );
  }, 120_000);

  it('a failing notify is a warning: the outcome and the record stay', async () => {
    fleet = await notifyFleet();
    const run = await fleet.action({ env: { NOTIFY_MODE: 'fail' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.outcome).toBe('released');
    expect(run.stdout).toMatch(
      /::warning::api: the notify command exited with code 7 \(its limit is 10s\); the outcome stays released\./,
    );
    expect(await notifications()).toHaveLength(1);
    expect((await fleet.records()).map((r) => r.outcome)).toEqual(['released']);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.0.0' });
  }, 60_000);

  it('a hanging notify is stopped at its timeout (the service timeout, when under 1m): a warning, nothing lost', async () => {
    fleet = await notifyFleet({ timeout: '2s' });
    const failing = await fleet.action({ env: { NOTIFY_MODE: 'hang', FAIL_DEPLOY_STAGE: 'full' } });
    expect(failing.code).toBe(1);
    expect(failing.outputs.outcome).toBe('rolled-back');
    expect(failing.stdout).toMatch(
      /::warning::api: the notify command timed out after 2s \(its limit is 2s\); the outcome stays rolled-back\./,
    );
    const record = (await fleet.records())[0]!;
    expect(record.outcome).toBe('rolled-back');
    expect(record.rollback).toMatchObject({ result: 'passed' });
    expect(await notifications()).toHaveLength(1);
  }, 60_000);

  it('a flooding notify that prints workflow commands: its output is cut short and inert, the outcome stays', async () => {
    fleet = await notifyFleet();
    const run = await fleet.action({ env: { NOTIFY_MODE: 'flood' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs.outcome).toBe('released');
    expect(run.stdout).toContain('[output past 65536 characters not shown]');
    expect(run.stdout.length).toBeLessThan(200_000);
    // The forged command is printed only inside a ::stop-commands:: block, so the runner does not act on it.
    const forged = run.stdout.indexOf('::error::forged by notify');
    expect(forged).toBeGreaterThan(-1);
    const opened = [...run.stdout.slice(0, forged).matchAll(/::stop-commands::([0-9a-f]+)/g)].at(-1)!;
    expect(opened).toBeDefined();
    expect(run.stdout.slice(opened.index, forged)).not.toContain(`::${opened[1]}::`);
    expect(run.stdout.slice(forged)).toContain(`::${opened[1]}::`);
    expect((await fleet.records()).map((r) => r.outcome)).toEqual(['released']);
  }, 60_000);
  it('a blocked release (no record: a provider was not live in time) is told too, with RELEASE_ID empty', async () => {
    fleet = await notifyFleet({ stages: '[{ name: full, percent: 100 }]' });
    const config = fleetConfig({ stages: '[{ name: full, percent: 100 }]' })
      .replace('  timeout:', '  notify: ./scripts/notify.sh\n  timeout:')
      .replace(
        '    paths: [services/web/**]\n',
        '    paths: [services/web/**]\n    after: [api]\n    wait: 1s\n',
      );
    await fleet.repo.write('.github/monorepo-release.yml', config);
    await fleet.repo.write('services/api/a.ts', 'api\n');
    await fleet.repo.write('services/web/w.ts', 'web\n');
    fleet.sha = await fleet.repo.commit('feat: web after api');
    await fleet.repo.push();
    const blocked = await fleet.action({
      inputs: { service: 'web' },
      env: { MONOREPO_RELEASE_WAIT_POLL: '200ms' },
    });
    expect(blocked.outputs.outcome).toBe('blocked');
    expect(await fleet.auditFiles()).toEqual([]);
    expect(await notifications()).toEqual([
      `notify web blocked 1.0.0 prev= stage=notify percent=0 env=production id= sha=${fleet.sha} attempt=1 token=none input=none`,
    ]);
  });
  it('a cancelled release is told once, by the post step that rolls it back, with its summary', async () => {
    fleet = await notifyFleet({
      stages: '[{ name: canary, percent: 5, bake: 300ms }, { name: full, percent: 100 }]',
    });
    expect((await fleet.action()).outputs.outcome).toBe('released');
    const run = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '101', HANG_DEPLOY_STAGE: 'full' },
      onStart: (child) => {
        void waitForCall(fleet, (line) => line.startsWith('deploy api 1.1.0 full')).then(() =>
          child.kill('SIGINT'),
        );
      },
    });
    expect(run.outputs.outcome).toBe('cancelled');
    // The main step owes the rollback to its post step: nobody is told yet.
    expect((await notifications()).filter((l) => l.includes(' 1.1.0 '))).toEqual([]);
    const post = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '101' },
      state: run.state,
    });
    expect(post.code, post.stdout).toBe(0);
    const told = (await notifications()).filter((l) => l.includes(' 1.1.0 '));
    expect(told).toEqual([
      expect.stringMatching(
        new RegExp(
          `^notify api cancelled 1\\.1\\.0 prev=1\\.0\\.0 stage=notify percent=100 env=production id=${run.outputs.record} `,
        ),
      ),
    ]);
    expect(post.summary).toContain('**Rollback** to 1\\.0\\.0: passed');
    expect((await fleet.calls()).filter((l) => l.startsWith('summary ')).at(-1)).toBe(
      'summary ### api 1\\.1\\.0 → production: cancelled',
    );
    // A second post step (the runner never runs one twice, but a re-run might) tells nobody again.
    await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '101' }, state: run.state });
    expect((await notifications()).filter((l) => l.includes(' 1.1.0 '))).toHaveLength(1);
  }, 60_000);
});
