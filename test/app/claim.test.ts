import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { untilClaimed } from '../../src/app/claim.js';

describe('untilClaimed: reading the log again after a lost race is bounded', () => {
  it('returns what the first round that is not lost returns', async () => {
    let rounds = 0;
    const claimed = await untilClaimed('api', async () => (++rounds < 3 ? null : 'claimed'));
    expect(claimed).toBe('claimed');
    expect(rounds).toBe(3);
  });

  it('gives up with an error naming the service and how to queue runs, after a bounded number of rounds', async () => {
    let rounds = 0;
    const forever = untilClaimed<string>('api', async () => {
      rounds++;
      return null;
    });
    await expect(forever).rejects.toThrow(UserError);
    await expect(forever).rejects.toThrow(
      /^api: other runs changed its audit record \d+ times .*nothing was deployed/,
    );
    expect(rounds).toBeGreaterThan(1);
    expect(rounds).toBeLessThanOrEqual(50);
    const error = (await forever.catch((e: unknown) => e)) as UserError;
    expect(error.describe()).toMatch(/concurrency: \{ group: release-<service>/);
  });
});
