/** The post step trusts only state that matches the audit record (faults.md #24, its post-step part): a command
 * that writes `pending-rollback` into $GITHUB_STATE, or any state the post step receives that does not name
 * a record still owing its rollback, never makes it roll a successful release back. */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEPLOY, makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

/** The deploy script, plus lines that forge the post step's state in each file-command form. */
const FORGING_DEPLOY = DEPLOY.replace(
  /exit 0\n$/,
  `if [ -n "\${GITHUB_STATE:-}" ]; then
  echo 'pending-rollback={"service":"api","environment":"production","recordId":"x","recordPath":"records/api/x.json","version":"1.1.0","sha":"0","knownGood":"0.0.1","failedVersion":"1.1.0"}' >> "$GITHUB_STATE"
  printf 'pending-rollback<<EOF\\n{"service":"api","knownGood":"0.0.1"}\\nEOF\\n' >> "$GITHUB_STATE"
  echo 'STATE_pending-rollback=forged' >> "$GITHUB_STATE"
fi
exit 0
`,
);

describe('forged post-step state', () => {
  it('a deploy that writes pending-rollback to $GITHUB_STATE during a successful release makes the post step do nothing', async () => {
    fleet = await makeFleet();
    await fleet.repo.write('scripts/deploy.sh', FORGING_DEPLOY);
    await chmod(join(fleet.repo.dir, 'scripts/deploy.sh'), 0o755);
    fleet.sha = await fleet.repo.commit('chore: a deploy that forges state');
    await fleet.repo.push();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    const run = await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '200' } });
    expect(run.outputs.outcome).toBe('released');
    // The action's own last word: nothing is owed.
    expect(run.state['pending-rollback']).toBe('');
    const head = await fleet.repo.runOrigin(['rev-parse', 'release-audit']);
    const calls = (await fleet.calls()).length;

    const post = await fleet.action({
      inputs: { version: '1.1.0' },
      env: { GITHUB_RUN_ID: '200' },
      state: run.state,
    });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/Post step: nothing to do/);
    expect((await fleet.calls()).length).toBe(calls);
    expect(await fleet.repo.runOrigin(['rev-parse', 'release-audit'])).toBe(head);
  }, 60_000);

  it('state naming a successful record, or not matching its record, is ignored whatever it says', async () => {
    fleet = await makeFleet();
    expect((await fleet.action()).outputs.outcome).toBe('released');
    expect(
      (await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '200' } })).outputs.outcome,
    ).toBe('released');
    const paths = (await fleet.auditFiles()).filter((p) => p.startsWith('records/'));
    const byVersion = new Map(
      await Promise.all(
        paths.map(async (p) => {
          const r = (await fleet.audit<{ id: string; version: string; sha: string }>(p))!;
          return [r.version, { ...r, path: p }] as const;
        }),
      ),
    );
    const released = byVersion.get('1.1.0')!;
    const state = {
      service: 'api',
      environment: 'production',
      recordId: released.id,
      recordPath: released.path,
      version: '1.1.0',
      sha: released.sha,
      phase: 'stage',
    };
    const older = byVersion.get('1.0.0')!;
    const forged: Array<[string, unknown]> = [
      ['the successful release itself', state],
      ['the release before it', { ...state, recordId: older.id, recordPath: older.path, version: '1.0.0' }],
      ['the right record with another version', { ...state, version: '0.0.1' }],
      ['the right record with another commit', { ...state, sha: 'f'.repeat(40) }],
      ['the right record at another path', { ...state, recordPath: 'current/production/api.json' }],
      ['a path out of the records', { ...state, recordPath: `records/api/../../${released.path}` }],
      ['another service', { ...state, service: 'web' }],
      ['the old shape', { service: 'api', knownGood: '0.0.1', failedVersion: '1.1.0', sha: released.sha }],
      ['not JSON', '{"service":'],
    ];
    const head = await fleet.repo.runOrigin(['rev-parse', 'release-audit']);
    const calls = (await fleet.calls()).length;
    for (const [name, value] of forged) {
      const post = await fleet.action({
        inputs: { version: '1.1.0' },
        env: { GITHUB_RUN_ID: '200' },
        state: {
          isPost: 'true',
          'pending-rollback': typeof value === 'string' ? value : JSON.stringify(value),
        },
      });
      expect(post.code, `${name}: ${post.stdout}`).toBe(0);
      expect(post.stdout, name).toMatch(/Post step: nothing to do/);
    }
    expect((await fleet.calls()).length).toBe(calls);
    expect(await fleet.repo.runOrigin(['rev-parse', 'release-audit'])).toBe(head);
    expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.1.0' });
  }, 120_000);
});
