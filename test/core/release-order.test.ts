import { describe, expect, it } from 'vitest';
import { afterPath, releaseOrder, renderOrderGraph, waitsInPlan } from '../../src/core/release-order.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('waitsInPlan', () => {
  it('reduces transitively: c after a, b and b after a gives c [b]', () => {
    const waits = waitsInPlan(graph({ c: ['a', 'b'], b: ['a'] }), ['a', 'b', 'c']);
    expect(Object.fromEntries(waits)).toEqual({ a: [], b: ['a'], c: ['b'] });
  });

  it('passes the order on through a service that is not in the plan', () => {
    const waits = waitsInPlan(graph({ c: ['b'], b: ['a'] }), ['c', 'a']);
    expect(Object.fromEntries(waits)).toEqual({ c: ['a'], a: [] });
  });

  it('keeps only planned services', () => {
    expect(Object.fromEntries(waitsInPlan(graph({ web: ['api'] }), ['web']))).toEqual({ web: [] });
  });
});

describe('releaseOrder', () => {
  it('moves providers just before the first service that waits for them, and keeps the rest in order', () => {
    const planned = ['web', 'x', 'api', 'y', 'db'];
    const waits = waitsInPlan(graph({ web: ['api'], api: ['db'] }), planned);
    expect(releaseOrder(planned, waits)).toEqual(['db', 'api', 'web', 'x', 'y']);
  });

  it('is the given order when nothing waits', () => {
    expect(releaseOrder(['b', 'a'], new Map())).toEqual(['b', 'a']);
  });

  it('handles a 10,000-long chain without overflowing the stack', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `s${i}`);
    const waits = new Map(names.map((n, i) => [n, i + 1 < names.length ? [names[i + 1]!] : []]));
    expect(releaseOrder(names, waits)).toEqual([...names].reverse());
  });
});

describe('renderOrderGraph', () => {
  it('draws an arrow from each provider to its consumer, with index ids (mermaid words like end are names too)', () => {
    expect(renderOrderGraph(['end', 'web', 'x'], new Map([['web', ['end']]]))).toBe(
      ['```mermaid', 'graph LR', '  s0["end"]', '  s1["web"]', '  s0 --> s1', '```'].join('\n'),
    );
  });

  it('is null when nobody waits', () => {
    expect(renderOrderGraph(['a', 'b'], new Map([['a', []]]))).toBeNull();
  });
});

describe('waitsInPlan at scale', () => {
  it('plans a 2,000-long chain, all planned, each waiting for the next only', () => {
    const names = Array.from({ length: 2_000 }, (_, i) => `s${i}`);
    const chain = new Map(names.slice(0, -1).map((n, i) => [n, [names[i + 1]!]]));
    const waits = waitsInPlan(chain, names);
    expect(waits.get('s0')).toEqual(['s1']);
    expect(waits.get('s1999')).toEqual([]);
  });
});

describe('afterPath', () => {
  it('is the shortest way from a service to one it is after', () => {
    const g = graph({ c: ['b', 'x'], b: ['a'], x: ['y'] });
    expect(afterPath(g, 'c', 'a')).toEqual(['c', 'b', 'a']);
    expect(afterPath(g, 'c', 'b')).toEqual(['c', 'b']);
    expect(afterPath(g, 'b', 'y')).toEqual([]);
  });
});
