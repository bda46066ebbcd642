/** The complete reader of the config file: the `yaml` package's Document API, which reads any YAML and
 * reports syntax errors, unknown tags, duplicate keys, unresolved aliases and alias bombs with positions.
 * Its tree is turned into the config tree the validator reads. */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Alias,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import {
  ALIAS_BOMB_MESSAGE,
  keyText,
  quote,
  type Report,
  type TreeNode,
  type TreeScalar,
} from './config-tree.js';
import type { Position } from './types.js';

/** The options of the `yaml` reader; the fast reader resolves plain scalars by the same YAML 1.2 rules. */
const YAML_OPTIONS = {
  uniqueKeys: false, // checked by reportDuplicateKeys, in linear time
  strict: true,
  prettyErrors: false,
  merge: false,
} as const;

/** yaml's guard against alias bombs: how often one anchor may be expanded (times its own fan-out). */
const MAX_ALIAS_COUNT = 50;

export interface YamlTree {
  /** The document's root; null for a file with no content. */
  contents: TreeNode | null;
  at: (offset: number) => Position;
  /** Where the first alias stands, for the message when reading through aliases never ends. */
  firstAlias: Position | undefined;
}

/** Reads `text`, reporting every YAML-level problem. Null when the tree is not worth validating (broken
 * syntax, an alias to nothing, an alias bomb). */
export function readYamlTree(text: string, report: Report): YamlTree | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  if (!reportYamlProblems(doc, text, at, report)) return null;
  const converter = new Converter(at, report);
  const contents = converter.node(doc.contents);
  reportDuplicateKeys(contents, at, report);
  if (converter.unresolved) return null;
  if (converter.firstAlias !== undefined && !withinAliasLimit(doc)) {
    report('error', converter.firstAlias, ALIAS_BOMB_MESSAGE);
    return null;
  }
  return { contents, at, firstAlias: converter.firstAlias };
}

/** Turns yaml's errors and warnings into diagnostics. Returns false when the syntax is broken, since
 * checking the meaning of a broken tree would only add noise; unknown tags leave a sound tree, so checking
 * goes on after them. */
function reportYamlProblems(
  doc: Document.Parsed,
  text: string,
  at: (offset: number) => Position,
  report: Report,
): boolean {
  for (const error of doc.errors) {
    report(
      'error',
      at(error.pos[0]),
      `invalid YAML: ${yamlMessage(error)}; fix the syntax here (indentation, quotes, colons)`,
    );
  }
  for (const warning of doc.warnings) {
    const pos = at(warning.pos[0]);
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      const tag = text.slice(warning.pos[0], warning.pos[1]);
      report(
        'error',
        pos,
        `unknown YAML tag ${quote(tag)}: a value that starts with "!" (such as a negated path pattern) ` +
          `must be quoted, like "${tag.replaceAll('"', '\\"')}"`,
      );
    } else {
      report('warning', pos, `YAML: ${yamlMessage(warning)}`);
    }
  }
  return doc.errors.length === 0;
}

function yamlMessage(error: YAMLError): string {
  return error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** yaml's nodes as config-tree nodes, in document order, so an alias finds the last anchor of its name
 * before it (as YAML says). A node is registered before its children, so even an alias inside its own
 * anchor resolves (the validator's visit budget stops the endless reading that follows). */
class Converter {
  private readonly anchors = new Map<string, TreeNode>();
  unresolved = false;
  firstAlias: Position | undefined;

  constructor(
    private readonly at: (offset: number) => Position,
    private readonly report: Report,
  ) {}

  node(raw: unknown): TreeNode | null {
    if (isAlias(raw)) return this.alias(raw);
    let node: TreeNode;
    if (isScalar(raw)) node = scalar(raw);
    else if (isMap(raw)) node = { kind: 'map', start: startOf(raw), items: [] };
    else if (isSeq(raw)) node = { kind: 'seq', start: startOf(raw), items: [] };
    else return null; // a pair where a node belongs (`[a: b]`): the validator sees an empty value
    const anchor = (raw as YamlNode).anchor;
    if (anchor) this.anchors.set(anchor, node);
    if (node.kind === 'map' && isMap(raw)) {
      for (const pair of raw.items)
        node.items.push({ key: this.node(pair.key), value: this.node(pair.value) });
    } else if (node.kind === 'seq' && isSeq(raw)) {
      for (const item of raw.items) node.items.push(this.node(item));
    }
    return node;
  }

  private alias(raw: Alias): TreeNode {
    const pos = this.at(startOf(raw));
    this.firstAlias ??= pos;
    const target = this.anchors.get(raw.source) ?? null;
    if (target === null) {
      this.unresolved = true;
      this.report('error', pos, `alias *${raw.source} refers to no anchor; define &${raw.source} before it`);
    }
    return { kind: 'alias', start: startOf(raw), target };
  }
}

function scalar(raw: YamlNode & { value: unknown; source?: string }): TreeScalar {
  const node: TreeScalar = { kind: 'scalar', start: startOf(raw), value: raw.value };
  if (typeof raw.source === 'string') node.source = raw.source;
  if (typeof raw.tag === 'string' && !raw.tag.startsWith('tag:yaml.org,2002:')) node.unknownTag = true;
  return node;
}

function startOf(node: YamlNode): number {
  return node.range?.[0] ?? 0;
}

/** yaml's own `uniqueKeys` check compares each key with every earlier one: 40,000 keys take 25 s. This
 * one pass with a set per mapping reports the same duplicates in linear time. Aliases are not followed:
 * each mapping is checked where it is written. */
function reportDuplicateKeys(root: TreeNode | null, at: (offset: number) => Position, report: Report): void {
  const pending: Array<TreeNode | null> = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node?.kind === 'seq') for (const item of node.items) pending.push(item);
    if (node?.kind !== 'map') continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      pending.push(pair.key, pair.value);
      const key = keyText(pair.key);
      if (key === null) continue;
      if (seen.has(key)) {
        report(
          'error',
          at(pair.key!.start),
          `duplicate key ${quote(key)}; a key may appear only once in a mapping: merge the two entries or remove one`,
        );
      }
      seen.add(key);
    }
  }
}

function withinAliasLimit(doc: Document.Parsed): boolean {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
    return true;
  } catch (error) {
    if (error instanceof ReferenceError) return false;
    throw error;
  }
}
