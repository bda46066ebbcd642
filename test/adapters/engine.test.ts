import { describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.hoisted(() => vi.fn());
vi.mock('node:v8', () => ({ setFlagsFromString }));

const { skipOptimizingCompiler } = await import('../../src/adapters/engine.js');

describe('skipOptimizingCompiler', () => {
  it('turns TurboFan off on the V8 of Node 20 to 24', () => {
    for (const version of ['11.3.244.8-node.33', '12.4.254.21-node.24', '13.6.233.10-node.18']) {
      setFlagsFromString.mockClear();
      skipOptimizingCompiler(version);
      expect(setFlagsFromString).toHaveBeenCalledWith('--no-turbofan');
    }
  });

  it('leaves a V8 it does not know alone (an unknown flag would print to stdout)', () => {
    setFlagsFromString.mockClear();
    skipOptimizingCompiler('99.0.1');
    skipOptimizingCompiler('10.2.154');
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
