import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../../src/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['1ms', 1],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['596h', 596 * 3_600_000],
    [`${MAX_DURATION_MS}ms`, MAX_DURATION_MS],
  ])('%j is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    '5 m', // space
    '500', // no unit
    '1d', // unknown unit
    '-1s', // sign
    '+1s',
    '0s', // not positive
    '0ms',
    '05s', // leading zero
    '1.5h', // fraction
    '1h30m', // one unit only
    '5M', // units are lowercase
    ' 5m',
    '5m ',
    '',
    's',
    '597h', // above 2^31-1 ms: Node's timers would fire at once
    `${MAX_DURATION_MS + 1}ms`,
    '99999999999999999999h',
  ])('%j is refused', (text) => expect(parseDuration(text)).toBeNull());
});

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [1_000, '1s'],
    [1_500, '1s500ms'],
    [90_000, '1m30s'],
    [300_000, '5m'],
    [3_600_000, '1h'],
    [3_605_000, '1h5s'],
    [0, '0s'],
    [-5, '0s'],
  ])('%d ms is %j', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('shows every positive whole duration as parts that parse back to the same total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_DURATION_MS }), (ms) => {
        const parts = formatDuration(ms).match(/\d+(?:ms|s|m|h)/g) ?? [];
        expect(parts.join('')).toBe(formatDuration(ms));
        expect(parts.reduce((sum, part) => sum + parseDuration(part)!, 0)).toBe(ms);
      }),
    );
  });
});
