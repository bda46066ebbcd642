import { describe, expect, it } from 'vitest';
import { inert } from '../../src/adapters/actions-logger.js';

describe('inert', () => {
  it.each([
    ['::set-output name=x::y', '\u200b::set-output name=x::y'],
    ['branch\n::error::boom', 'branch\n\u200b::error::boom'],
    ['  ::warning::indented', '  \u200b::warning::indented'],
    ['a :: b', 'a :: b'],
  ])('%j cannot start a workflow command', (input, expected) => {
    expect(inert(input)).toBe(expected);
    expect(
      inert(input)
        .split('\n')
        .some((line) => line.trim().startsWith('::')),
    ).toBe(false);
  });
});
