/** A fleet whose rollback command can take its time (ROLLBACK_SECONDS) and says which process group it
 * runs in, so a test can lose the runner in the middle of it: the action and the command both SIGKILLed. */
import type { ChildProcess } from 'node:child_process';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFleet, waitForCall, type Fleet, type FleetOptions } from './fleet.js';

export const SLOW_ROLLBACK = `#!/usr/bin/env bash
cut -d' ' -f5 /proc/$$/stat > "$LEDGER.rollback-pgid"
echo "rollback $RELEASE_SERVICE to=$RELEASE_VERSION failed=$RELEASE_FAILED_VERSION $RELEASE_STAGE $RELEASE_PERCENT" >> "$LEDGER"
if [ -n "\${ROLLBACK_SECONDS:-}" ]; then sleep "$ROLLBACK_SECONDS"; fi
echo "rollback done $RELEASE_SERVICE to=$RELEASE_VERSION" >> "$LEDGER"
`;

/** A fleet (commands' timeout 60 s) with the slow rollback command, committed and pushed. */
export async function makeRollbackFleet(options: FleetOptions = {}): Promise<Fleet> {
  const fleet = await makeFleet({ timeout: '60s', ...options });
  await fleet.repo.write('scripts/rollback.sh', SLOW_ROLLBACK);
  await chmod(join(fleet.repo.dir, 'scripts/rollback.sh'), 0o755);
  fleet.sha = await fleet.repo.commit('chore: a rollback that takes its time');
  await fleet.repo.push();
  return fleet;
}

export const isRollback = (line: string) => line.startsWith('rollback api');

/** The process group of the rollback command that ran last. */
export async function rollbackGroup(fleet: Fleet): Promise<number> {
  return Number((await readFile(`${fleet.ledger}.rollback-pgid`, 'utf8')).trim());
}

/** True while a process of the group runs: the runner's own rule, in which a zombie (dead, waiting for an
 * init that reaps it late) does not count. */
export { groupAlive } from '../../src/adapters/runner.js';

/** An `onStart` that loses the runner once the rollback command runs: SIGKILL to the action and to the
 * command's process group (a lost machine takes both; no post step runs). */
export function loseRunnerDuringRollback(fleet: Fleet): (child: ChildProcess) => void {
  return (child) => {
    void waitForCall(fleet, isRollback).then(async () => {
      const pgid = await rollbackGroup(fleet);
      child.kill('SIGKILL');
      process.kill(-pgid, 'SIGKILL');
    });
  };
}
