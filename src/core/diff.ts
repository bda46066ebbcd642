/** Parsing of `git diff --name-status -z --no-renames` output. */

/** Statuses followed by two paths (source, destination). `--no-renames` should prevent them, but a user's
 * git config or an older git could still produce them, and dropping a path would drop a change. */
function hasTwoPaths(status: string): boolean {
  return status.startsWith('R') || status.startsWith('C');
}

/** The changed paths of `git diff --name-status -z` output (`status NUL path NUL …`), in order and
 * de-duplicated. With `-z` a path is taken verbatim: spaces, quotes, newlines and non-ASCII need no
 * unquoting. Both paths of a rename or copy count as changed. */
export function parseNameStatusZ(raw: string): string[] {
  const fields = raw.split('\0');
  const paths: string[] = [];
  // A tree diff names each path once; only a rename or copy can name one again, so the set that
  // de-duplicates is started at the first of those (50,000 insertions saved in a large plan).
  let seen: Set<string> | null = null;
  let i = 0;
  while (i < fields.length) {
    const status = fields[i++]!;
    if (status === '') continue; // the trailing NUL leaves one empty field
    const twoPaths = hasTwoPaths(status);
    if (twoPaths) seen ??= new Set(paths);
    for (let k = 0; k < (twoPaths ? 2 : 1) && i < fields.length; k++) {
      const path = fields[i++]!;
      if (path === '' || seen?.has(path)) continue;
      seen?.add(path);
      paths.push(path);
    }
  }
  return paths;
}
