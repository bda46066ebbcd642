/** docs/faults.md and the tests that cite it agree: each `faults.md #N` in a test names an entry whose "proved
 * by" column lists that test file, and every file an entry lists exists. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TESTS = join(ROOT, 'test');

/** Entry number → the test files (relative to test/) of its last column. */
function entries(): Map<number, string[]> {
  const table = new Map<number, string[]>();
  for (const line of readFileSync(join(ROOT, 'docs/faults.md'), 'utf8').split('\n')) {
    const row = /^\|\s*(\d+)\s*\|/.exec(line);
    if (!row) continue;
    const proof = line.split('|').at(-2) ?? '';
    table.set(
      Number(row[1]),
      [...proof.matchAll(/`([^`]+\.test\.ts)`/g)].map((m) => m[1]!),
    );
  }
  return table;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative(TESTS, join(entry.parentPath, entry.name)));
}

describe('docs/faults.md', () => {
  const table = entries();

  it('numbers its entries 1, 2, 3, … without a gap', () => {
    expect([...table.keys()]).toEqual(Array.from({ length: table.size }, (_, i) => i + 1));
    expect(table.size).toBeGreaterThan(20);
  });

  it('names only test files that exist', () => {
    const existing = new Set(testFiles(TESTS));
    for (const [number, files] of table) {
      expect(files.length, `entry #${number} names no test`).toBeGreaterThan(0);
      for (const file of files) expect(existing, `entry #${number}`).toContain(file);
    }
  });

  it('lists every test file under the entries it cites', () => {
    const cited: string[] = [];
    for (const file of testFiles(TESTS)) {
      const text = readFileSync(join(TESTS, file), 'utf8');
      for (const match of text.matchAll(/faults\.md((?:,? #\d+)+)/g)) {
        for (const number of match[1]!.matchAll(/#(\d+)/g)) {
          cited.push(`${file} #${number[1]}`);
          expect(table.get(Number(number[1])) ?? [], `${file} cites #${number[1]}`).toContain(file);
        }
      }
    }
    expect(cited.length).toBeGreaterThan(20);
  });
});
