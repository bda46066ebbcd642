/** A Logger that keeps its lines, for tests that assert what was said. */
import type { Logger } from '../../src/core/ports.js';

export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    group: (_name, fn) => fn(),
  };
}
