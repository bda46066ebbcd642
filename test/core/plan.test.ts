import { describe, expect, it } from 'vitest';
import { escapeMarkdown, showControls } from '../../src/core/markdown.js';
import {
  MatrixLimitError,
  PLAN_COMMENT_MARKER,
  renderPlanComment,
  renderPlanSummary,
  renderPlanTable,
  toMatrix,
  type Plan,
  type PlannedService,
} from '../../src/core/plan.js';

function planned(service: string, reason = `${service} ← services/${service}/x.ts`): PlannedService {
  return { service, version: '1.0.0', previousVersion: '', kind: 'paths', chain: [service], reason };
}

function plan(services: PlannedService[]): Plan {
  return {
    range: { kind: 'diff', base: 'a'.repeat(40), head: 'b'.repeat(40), why: 'push' },
    changedFiles: 3,
    services,
    libraries: [],
  };
}

describe('toMatrix', () => {
  it('is an empty include list when nothing changed', () => {
    expect(JSON.stringify(toMatrix(plan([])))).toBe('{"include":[]}');
  });
  it('carries service, version, previous-version, reason and after, nothing else', () => {
    expect(toMatrix(plan([planned('api')])).include).toEqual([
      {
        service: 'api',
        version: '1.0.0',
        'previous-version': '',
        reason: 'api ← services/api/x.ts',
        after: [],
      },
    ]);
  });
  it('takes 256 services and refuses 257 with what to do', () => {
    const names = Array.from({ length: 257 }, (_, i) => planned(`s${i}`));
    expect(toMatrix(plan(names.slice(0, 256))).include).toHaveLength(256);
    expect(() => toMatrix(plan(names))).toThrow(MatrixLimitError);
    expect(() => toMatrix(plan(names))).toThrow(/257 services changed/);
  });
});

describe('renderings', () => {
  const hostile = planned('web', 'web ← services/web/<script>alert(1)</script>|`x`$(id)\n# heading.ts');

  it('escapes outside values in the summary and the comment: no HTML, no table break, one line', () => {
    for (const text of [renderPlanSummary(plan([hostile])), renderPlanComment(plan([hostile]))]) {
      expect(text).not.toContain('<script>');
      expect(text).toContain('&lt;script&gt;');
      expect(text).toContain('\\|');
      expect(text).not.toMatch(/\n# heading/);
    }
    expect(renderPlanComment(plan([hostile])).startsWith(PLAN_COMMENT_MARKER)).toBe(true);
  });

  it('prints a terminal table with control characters made visible', () => {
    const table = renderPlanTable(plan([hostile, planned('api')]));
    expect(table).toMatch(/^SERVICE\s+VERSION\s+PREVIOUS\s+REASON$/m);
    expect(table).toContain('$(id)\\n# heading.ts');
    expect(table).toMatch(/^api\s+1\.0\.0\s+-\s+api ← services\/api\/x\.ts$/m);
  });

  it.each([
    ['a*b_c', 'a\\*b\\_c'],
    ['<b>&', '&lt;b&gt;&amp;'],
    ['$x$', '\\$x\\$'],
    ['line\nbreak\ttab', 'line\\\\nbreak\\\\ttab'],
  ])('escapeMarkdown(%j)', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('showControls keeps text on one line', () => {
    expect(showControls('a\nb\u0007c')).toBe('a\\nb\\u0007c');
  });
});
