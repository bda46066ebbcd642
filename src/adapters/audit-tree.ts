/** The audit branch as read at one fetched commit: blob reads by path (batched through `cat-file
 * --batch`) and directory listings (`ls-tree`). Reads only; the store (audit-store.ts) writes. */
import type { AuditTree } from '../core/ports.js';
import { execGit, execGitBytes } from './exec-git.js';
import { batchedPerTick } from './tick-batch.js';

/** Throws unless `path` is a plain relative path inside the audit tree. */
export function assertAuditPath(path: string): void {
  const segments = path.split('/');
  const bad =
    path === '' ||
    /[\0\n\r\\]/.test(path) ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git');
  if (bad) {
    throw new Error(
      `invalid audit path ${JSON.stringify(path)}: expected a relative, normalized path without '..'`,
    );
  }
}

/** A read view at one fetched commit; every read names that commit, so later fetches do not move it. */
export class GitAuditTree implements AuditTree {
  /** Reads asked for together (a plan's live pointer of every service) share one `cat-file --batch`,
   * instead of one git process per read, which a plan of thousands of released services cannot afford. */
  private readonly readTogether = batchedPerTick((paths: string[]) =>
    paths.length > DIRECT_READS ? this.readListed(paths) : this.readByPath(paths),
  );

  constructor(
    private readonly root: string,
    readonly head: string | null,
    readonly branch: string,
  ) {}

  read(path: string): Promise<string | null> {
    assertAuditPath(path);
    if (this.head === null) return Promise.resolve(null);
    return this.readTogether(path);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir.replace(/\/+$/, '');
    if (prefix !== '' && prefix !== '.') assertAuditPath(prefix);
    if (this.head === null) return [];
    const scope = prefix === '' || prefix === '.' ? [] : ['--', `${prefix}/`];
    const run = await execGit(['ls-tree', '-r', '-z', '--full-tree', '--name-only', this.head, ...scope], {
      cwd: this.root,
    });
    if (run.code !== 0) throw new Error(`git ls-tree failed: ${run.stderr.trim()}`);
    return run.stdout
      .split('\0')
      .filter((p) => p !== '')
      .sort();
  }

  /** `<commit>:<path>` per line: git walks the path's trees for each line. `cat-file --batch` answers
   * "missing" instead of failing, so errors stay errors. */
  private readByPath(paths: string[]): Promise<Array<string | null>> {
    return this.catBlobs(paths.map((path) => `${this.head}:${path}`));
  }

  /** For many reads: git would re-read a directory's tree for every path in it (thousands of pointers
   * share one directory), so the directories are listed once and the blobs read by object name. */
  private async readListed(paths: string[]): Promise<Array<string | null>> {
    const dirs = [...new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/') + 1)))];
    // A file at the top means the whole tree: a pathspec cannot name the top level alone.
    const scope = dirs.includes('') ? [] : ['--', ...dirs];
    const run = await execGit(['ls-tree', '-r', '-z', '--full-tree', this.head!, ...scope], {
      cwd: this.root,
    });
    if (run.code !== 0) throw new Error(`git ls-tree failed: ${run.stderr.trim()}`);
    const blobOf = blobNames(run.stdout);
    const listed = paths.filter((path) => blobOf.has(path));
    const texts = await this.catBlobs(listed.map((path) => blobOf.get(path)!));
    const byPath = new Map(listed.map((path, i) => [path, texts[i] ?? null]));
    return paths.map((path) => byPath.get(path) ?? null);
  }

  private async catBlobs(names: string[]): Promise<Array<string | null>> {
    if (names.length === 0) return [];
    const input = names.map((name) => `${name}\n`).join('');
    // --buffer: without it git flushes after every object, a write and a wake-up of this process each.
    const run = await execGitBytes(['cat-file', '--batch', '--buffer'], { cwd: this.root, input });
    if (run.code !== 0) throw new Error(`git cat-file failed: ${run.stderr.trim()}`);
    return parseCatFileBatch(run.stdout, names.length);
  }
}

/** Up to this many reads at once go by path (one git process); more are listed first (two). */
const DIRECT_READS = 8;

/** The blobs of `ls-tree -r -z` output: `<mode> SP <type> SP <object> TAB <path> NUL` per entry. */
function blobNames(listing: string): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    const [, type, name] = entry.slice(0, tab).split(' ');
    if (tab !== -1 && type === 'blob' && name) blobs.set(entry.slice(tab + 1), name);
  }
  return blobs;
}

const FOUND_OBJECT = /^[0-9a-f]{40,64} ([a-z]+) (\d+)$/;

/** The answers of `cat-file --batch`, one per input line: each is `<name> <type> <size>`, a newline, the
 * content (`size` bytes, so it may hold any byte) and a newline; or `<input> missing` (or `ambiguous`).
 * The text of each blob; null for a missing object, or one that is not a blob. */
export function parseCatFileBatch(output: Buffer, count: number): Array<string | null> {
  const blobs: Array<string | null> = [];
  let at = 0;
  while (blobs.length < count) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd === -1)
      throw new Error(`git cat-file --batch ended after ${blobs.length} of ${count} answers`);
    const found = FOUND_OBJECT.exec(output.toString('utf8', at, lineEnd));
    if (!found) {
      blobs.push(null); // `<input> missing`
      at = lineEnd + 1;
      continue;
    }
    const size = Number(found[2]);
    const start = lineEnd + 1;
    blobs.push(found[1] === 'blob' ? output.toString('utf8', start, start + size) : null);
    at = start + size + 1;
  }
  return blobs;
}
