/** Go workspaces: go.work's `use` directives name the member modules; each member's go.mod names its
 * module path and `require`s other modules, some of them members (and may `replace` one with a local
 * directory). There is no go.mod parser for JavaScript worth a dependency, so this file reads the grammar
 * itself (https://go.dev/ref/mod#go-mod-file-grammar): a tokenizer (identifiers, interpreted and raw
 * strings, `(`, `)`, `=>`, `//` comments, newlines) and the directive/block structure over it. */
import type { Position } from '../types.js';
import { joinPath, type Ecosystem, type WorkspaceRoot } from './ecosystem.js';
import { ManifestError } from './manifest-error.js';

interface Token {
  kind: 'word' | 'string' | '(' | ')' | '=>' | 'newline';
  text: string;
  pos: Position;
}

/** One directive: `require a v1` alone or one line of a `require ( … )` block, with its arguments. */
export interface Directive {
  verb: string;
  args: string[];
  pos: Position;
}

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  const posAt = (i: number): Position => ({ line, column: i - lineStart + 1 });
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: c, pos: posAt(i) });
      i++;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c, pos: posAt(i) });
      i++;
    } else if (text.startsWith('=>', i)) {
      tokens.push({ kind: '=>', text: '=>', pos: posAt(i) });
      i += 2;
    } else if (c === '"' || c === '`') {
      const end = stringEnd(text, i);
      if (end === -1) throw new ManifestError(file, posAt(i), 'a string is not closed; close it');
      const raw = text.slice(i, end + 1);
      tokens.push({
        kind: 'string',
        text: c === '`' ? raw.slice(1, -1) : unquote(raw, file, posAt(i)),
        pos: posAt(i),
      });
      i = end + 1;
      // A raw string may span lines: the positions after it count them.
      const lastBreak = raw.lastIndexOf('\n');
      if (lastBreak !== -1) {
        line += raw.split('\n').length - 1;
        lineStart = i - (raw.length - lastBreak - 1);
      }
    } else {
      const start = i;
      while (
        i < text.length &&
        !/[\s()"`]/.test(text[i]!) &&
        !text.startsWith('//', i) &&
        !text.startsWith('=>', i)
      )
        i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), pos: posAt(start) });
    }
  }
  tokens.push({ kind: 'newline', text: '', pos: posAt(text.length) });
  return tokens;
}

/** The index of the closing quote; a raw string may span lines, an interpreted one may not. */
function stringEnd(text: string, open: number): number {
  const quote = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (quote === '"' && text[i] === '\n') return -1;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unquote(raw: string, file: string, pos: Position): string {
  try {
    return JSON.parse(raw) as string; // Go's escapes that a path can hold are JSON's
  } catch {
    throw new ManifestError(file, pos, `the string ${raw} has an escape Go paths do not use`);
  }
}

/** The directives of a go.mod or go.work file, with blocks (`verb ( … )`) expanded to one per line. */
export function readDirectives(text: string, file: string): Directive[] {
  const lines = linesOf(tokenize(text, file));
  const directives: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const [verb, ...rest] = lines[i]!;
    if (verb!.kind !== 'word') throw unexpected(file, verb!);
    if (rest.length === 1 && rest[0]!.kind === '(') {
      const close = lines.findIndex((line, j) => j > i && line.length === 1 && line[0]!.kind === ')');
      if (close === -1)
        throw new ManifestError(file, verb!.pos, `the "${verb!.text} (" block is not closed; add ")"`);
      for (const line of lines.slice(i + 1, close))
        directives.push(directiveOf(verb!.text, line, line[0]!.pos, file));
      i = close;
      continue;
    }
    directives.push(directiveOf(verb!.text, rest, verb!.pos, file));
  }
  return directives;
}

/** The tokens of each line that holds any. */
function linesOf(tokens: Token[]): Token[][] {
  const lines: Token[][] = [];
  let line: Token[] = [];
  for (const token of tokens) {
    if (token.kind !== 'newline') line.push(token);
    else if (line.length > 0) {
      lines.push(line);
      line = [];
    }
  }
  return lines;
}

function directiveOf(verb: string, args: Token[], pos: Position, file: string): Directive {
  const bad = args.find((token) => token.kind === '(' || token.kind === ')');
  if (bad) throw unexpected(file, bad);
  return { verb, args: args.map((token) => token.text), pos };
}

function unexpected(file: string, token: Token): ManifestError {
  return new ManifestError(file, token.pos, `unexpected ${JSON.stringify(token.text)}; fix the syntax here`);
}

/** `example.com/acme/api/v2` → `api`: the last element, past a major-version suffix. */
export function serviceNameOfModule(modulePath: string): string {
  const parts = modulePath.split('/');
  const last = parts[parts.length - 1]!;
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2]! : last;
}

function readGoWork(text: string, file: string): WorkspaceRoot {
  const uses = readDirectives(text, file).filter((d) => d.verb === 'use');
  if (uses.length === 0) {
    throw new ManifestError(
      file,
      { line: 1, column: 1 },
      `no "use" directive; add one, like use ./services/api`,
    );
  }
  return { members: uses.map((use) => ({ pattern: use.args[0] ?? '', pos: use.pos })), excludes: [] };
}

function readGoMod(text: string, file: string, dir: string) {
  const directives = readDirectives(text, file);
  const module = directives.find((d) => d.verb === 'module');
  const modulePath = module?.args[0];
  if (module === undefined || modulePath === undefined) {
    throw new ManifestError(
      file,
      { line: 1, column: 1 },
      `no "module" directive; add one, like module example.com/acme/api`,
    );
  }
  const wants = directives.filter((d) => d.verb === 'require').map((d) => d.args[0] ?? '');
  // `replace example.com/x => ../x`: the local directory is the dependency, whatever its module path.
  for (const replace of directives.filter((d) => d.verb === 'replace')) {
    const arrow = replace.args.indexOf('=>');
    const target = replace.args[arrow + 1];
    const required = wants.includes(replace.args[0] ?? '');
    if (arrow !== -1 && required && target !== undefined && /^\.\.?(\/|$)/.test(target)) {
      const local = joinPath(dir, target);
      if (local !== null) wants.push(`dir:${local}`);
    }
  }
  return {
    name: serviceNameOfModule(modulePath),
    nameAt: () => module.pos,
    identities: [modulePath, `dir:${dir}`],
    wants,
  };
}

export const go: Ecosystem = {
  rootFile: 'go.work',
  memberFile: 'go.mod',
  readRoot: (text, file) => readGoWork(text, file),
  readMember: (text, file, dir) => readGoMod(text, file, dir),
};
