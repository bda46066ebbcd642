import { describe, expect, it } from 'vitest';
import { parseNameStatusZ } from '../../src/adapters/git-output.js';

/** git's `--name-status -z` framing: every field ends with NUL. */
const z = (...fields: string[]) => fields.map((f) => `${f}\0`).join('');

describe('parseNameStatusZ', () => {
  const cases: Array<{ name: string; raw: string; paths: string[] }> = [
    { name: 'empty output', raw: '', paths: [] },
    {
      name: 'modified, added, deleted',
      raw: z('M', 'a.ts', 'A', 'b/c.ts', 'D', 'gone.txt'),
      paths: ['a.ts', 'b/c.ts', 'gone.txt'],
    },
    {
      name: 'type change and unmerged',
      raw: z('T', 'link', 'U', 'conflict.txt'),
      paths: ['link', 'conflict.txt'],
    },
    {
      name: 'a space in a name',
      raw: z('M', 'dir with space/file name.ts'),
      paths: ['dir with space/file name.ts'],
    },
    {
      name: 'shell syntax in a name',
      raw: z('A', 'services/api/$(touch x);`id`.ts'),
      paths: ['services/api/$(touch x);`id`.ts'],
    },
    { name: 'non-ASCII names', raw: z('M', 'ä/ö.txt', 'A', '日本/😀.md'), paths: ['ä/ö.txt', '日本/😀.md'] },
    { name: 'a newline in a name', raw: z('M', 'a\nb.txt', 'M', 'c.txt'), paths: ['a\nb.txt', 'c.txt'] },
    { name: 'quotes and backslashes', raw: z('M', `q"uo'te\\.txt`), paths: [`q"uo'te\\.txt`] },
    { name: 'a name that looks like a status', raw: z('M', 'M', 'D', 'R100'), paths: ['M', 'R100'] },
    {
      name: 'rename: both paths',
      raw: z('R100', 'old/name.ts', 'new/name.ts', 'M', 'x.ts'),
      paths: ['old/name.ts', 'new/name.ts', 'x.ts'],
    },
    { name: 'copy: both paths', raw: z('C075', 'src/a.ts', 'src/b.ts'), paths: ['src/a.ts', 'src/b.ts'] },
    {
      name: 'duplicates kept once, first position',
      raw: z('M', 'a', 'R100', 'b', 'a', 'D', 'b'),
      paths: ['a', 'b'],
    },
    { name: 'output without the final NUL', raw: 'M\0a.ts\0D\0b.ts', paths: ['a.ts', 'b.ts'] },
    { name: 'a truncated rename keeps its one path', raw: 'R100\0only-old.ts\0', paths: ['only-old.ts'] },
  ];
  it.each(cases)('$name', ({ raw, paths }) => {
    expect(parseNameStatusZ(raw)).toEqual(paths);
  });
});
