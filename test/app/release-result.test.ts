import { describe, expect, it } from 'vitest';
import { rollbackMessage, type RollbackStory } from '../../src/app/release-result.js';

const failure = {
  kind: 'deploy' as const,
  'exit-code': 1,
  message: 'rollback exited with code 1',
  output: '',
};

describe('rollbackMessage: one wording for every rollback', () => {
  const automatic: RollbackStory = {
    subject: 'api 1.1.0',
    cause: 'stage ramp failed (health check exited with code 1)',
    from: '1.1.0',
    to: '1.0.0',
    environment: 'production',
  };

  it('after a failure: what failed, then that the known-good version is live', () => {
    expect(rollbackMessage(automatic, { passed: true })).toBe(
      'api 1.1.0: stage ramp failed (health check exited with code 1); rolled back: 1.0.0 is live.',
    );
    expect(rollbackMessage({ ...automatic, to: null }, { passed: true })).toMatch(
      /rolled back: no earlier version is known, so the service was taken to 0 %\.$/,
    );
  });

  it('a failed rollback after a failure says ROLLBACK FAILED too, what is needed and which versions may be live', () => {
    expect(rollbackMessage(automatic, { passed: false, error: failure })).toBe(
      'api 1.1.0: stage ramp failed (health check exited with code 1); the ROLLBACK FAILED too (rollback exited with code 1). Manual action is needed: the service may be partly on 1.1.0; the last known-good version is 1.0.0.',
    );
    expect(rollbackMessage({ ...automatic, to: null }, { passed: false })).toMatch(
      /ROLLBACK FAILED too \(unknown\).*last known-good version is none\.$/,
    );
  });

  it('a cancelled rollback is left to the post step', () => {
    expect(rollbackMessage(automatic, { passed: false, cancelled: true })).toBe(
      'api 1.1.0: stage ramp failed (health check exited with code 1); the rollback to 1.0.0 was cancelled while it ran; the post step finishes it.',
    );
  });

  it('a rollback by hand: from and to, and, when it fails, ROLLBACK FAILED (not "too") and what may still be live', () => {
    const manual: RollbackStory = { subject: 'api', from: '1.1.0', to: '1.0.0', environment: 'production' };
    expect(rollbackMessage(manual, { passed: true })).toBe(
      'api rolled back from 1.1.0 to 1.0.0 in production.',
    );
    expect(rollbackMessage(manual, { passed: false, error: failure })).toBe(
      'api: rolling back from 1.1.0 to 1.0.0 in production; the ROLLBACK FAILED (rollback exited with code 1). Manual action is needed: the service may be partly on 1.0.0; 1.1.0 may still be live.',
    );
  });
});
