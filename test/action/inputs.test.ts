/** Boolean inputs read by the toolkit's rule, with the project's own error: the built bundle as the runner runs
 * it. A value that is no boolean is bad input, with its fix, and nothing runs. */
import { afterEach, describe, expect, it } from 'vitest';
import { makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

describe('boolean inputs', () => {
  it('refuses a `dry-run` that is no boolean, naming the fix, before any command runs', async () => {
    fleet = await makeFleet();
    const run = await fleet.action({ inputs: { 'dry-run': 'yes' } });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('the `dry-run` input is "yes", not a boolean');
    expect(run.stdout).toContain('Fix: set `dry-run` to true or false');
    expect(run.stdout).not.toContain('YAML 1.2');
    expect(await fleet.calls()).toEqual([]);
    expect(await fleet.records()).toEqual([]);
  });

  it('takes the spellings the toolkit accepts: `True` is a dry run', async () => {
    fleet = await makeFleet();
    const run = await fleet.action({ inputs: { 'dry-run': 'True' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.outcome).toBe('dry-run');
    expect(await fleet.calls()).toEqual([]);
  });
});
