/** Escaping for values that came from outside (file names, branch names, commit messages) before they go
 * into a job summary or a pull-request comment: they must render as text, never as markup or HTML. */

// `$` too: GitHub renders `$…$` as math.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|~<>&"'$]/g;
const ENTITY: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside a markdown table cell: markup characters escaped, HTML characters as entities,
 * line breaks and other control characters shown as their escape. */
export function escapeMarkdown(text: string): string {
  return showControls(text).replace(MARKDOWN_SPECIAL, (c) => ENTITY[c] ?? `\\${c}`);
}

/** Control characters (newline, tab, escape, …, the C1 controls a terminal also obeys, the bidirectional
 * overrides that reorder what is shown) as visible `\n`-style escapes, so a value stays on one line and
 * cannot drive a terminal. */
export function showControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
