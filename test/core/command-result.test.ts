import { describe, expect, it } from 'vitest';
import { describeEnding } from '../../src/core/command-result.js';
import type { CommandResult } from '../../src/core/ports.js';

describe('describeEnding', () => {
  const base: CommandResult = {
    exitCode: 0,
    signal: null,
    timedOut: false,
    cancelled: false,
    outputTail: '',
    durationMs: 1,
  };
  const cases: Array<{ result: Partial<CommandResult>; timeoutMs?: number; text: string }> = [
    { result: { exitCode: 3 }, text: 'exited with code 3' },
    { result: { exitCode: null, signal: 'SIGKILL' }, text: 'was killed by SIGKILL' },
    {
      result: { exitCode: null, signal: 'SIGTERM', timedOut: true },
      timeoutMs: 2000,
      text: 'timed out after 2s',
    },
    { result: { exitCode: null, signal: 'SIGTERM', timedOut: true }, text: 'timed out' },
    { result: { exitCode: null, signal: 'SIGTERM', cancelled: true }, text: 'was cancelled' },
  ];
  for (const c of cases) {
    it(c.text, () => expect(describeEnding({ ...base, ...c.result }, c.timeoutMs)).toBe(c.text));
  }
});
