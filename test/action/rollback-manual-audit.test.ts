/** A manual rollback whose audit write fails after its command ran is handled as a release's is (one
 * way for every write made once something is deployed): the step fails and says so, the record is printed
 * as it should read, and the post step is told which record to finish. */
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { waitForCall, type Fleet } from '../helpers/fleet.js';
import { isRollback, makeRollbackFleet } from '../helpers/rollback-fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

/** From now on origin refuses every push; returns how to lift that. */
async function refusePushes(): Promise<() => Promise<void>> {
  const hook = join(fleet.repo.origin, 'hooks', 'pre-receive');
  await writeFile(hook, `#!/bin/sh\necho 'denied by policy' >&2\nexit 1\n`);
  await chmod(hook, 0o755);
  return () => rm(hook);
}

it('a manual rollback whose result cannot be written fails, prints the record, and its post step records it', async () => {
  fleet = await makeRollbackFleet();
  expect((await fleet.action()).outputs.outcome).toBe('released');
  const second = await fleet.action({ inputs: { version: '1.1.0' }, env: { GITHUB_RUN_ID: '300' } });
  expect(second.outputs.outcome).toBe('released');

  let allow: (() => Promise<void>) | undefined;
  const manual = { eventName: 'workflow_dispatch', inputs: { command: 'rollback', version: '' } };
  const run = await fleet.action({
    ...manual,
    env: { GITHUB_RUN_ID: '301', ROLLBACK_SECONDS: '2' },
    onStart: () => {
      void waitForCall(fleet, isRollback).then(async () => (allow = await refusePushes()));
    },
  });
  expect(run.code).toBe(1);
  expect(run.outputs.outcome).toBe('rolled-back');
  expect(run.stdout).toMatch(/could not write the audit record 301-1-[0-9a-f]+: .*denied by policy/);
  expect(run.stdout).toMatch(/audit record 301-1-[0-9a-f]+ as it should read: \{.*"outcome":"rolled-back"/);
  expect(run.stdout).toMatch(
    /::error::api rolled back from 1\.1\.0 to 1\.0\.0 in production\. The audit record could not be written/,
  );
  expect(JSON.parse(run.state['pending-rollback']!)).toMatchObject({
    version: '1.0.0',
    recordId: run.outputs.record,
    phase: 'rollback',
  });
  // Origin still holds the rollback's record as it was claimed: under way, and the pointer unmoved.
  const open = (await fleet.records()).find((r) => r.kind === 'rollback')!;
  expect(open.outcome).toBeNull();
  expect(open.rollback).toMatchObject({ 'to-version': '1.0.0', result: null });
  expect(await fleet.audit('current/production/api.json')).toMatchObject({ version: '1.1.0' });

  await allow!();
  const post = await fleet.action({ ...manual, env: { GITHUB_RUN_ID: '301' }, state: run.state });
  expect(post.code, post.stdout).toBe(0);
  const closed = (await fleet.records()).find((r) => r.kind === 'rollback')!;
  expect(closed.outcome).toBe('rolled-back');
  expect(closed.rollback).toMatchObject({ 'to-version': '1.0.0', result: 'passed' });
  expect(await fleet.audit('current/production/api.json')).toMatchObject({
    version: '1.0.0',
    'previous-version': '1.1.0',
  });
}, 90_000);
