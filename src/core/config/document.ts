/** The config file read by the `yaml` package, for a file js-yaml refuses: yaml says why, at the line and
 * column, and gives what can still be checked (a file with an unquoted `!pattern` or a key written twice
 * still gets every other mistake reported). */
import { isAlias, isPair, isScalar, isSeq, type Alias, type Node, type Pair, type YAMLError } from 'yaml';
import { pairsOf, type FilePositions } from './positions.js';
import {
  duplicateKeyMessage,
  invalidYamlMessage,
  keyText,
  quote,
  START,
  UNKNOWN_TAG,
  type Report,
  type YamlMap,
  type YamlValue,
} from './value.js';

/** Reports yaml's errors and warnings. False when the syntax is broken: checking the meaning of a broken
 * tree would only add noise. Unknown tags leave a sound tree, so checking goes on after them. */
export function reportYamlProblems(positions: FilePositions, text: string, report: Report): boolean {
  const { errors, warnings } = positions.document;
  for (const error of errors)
    report('error', positions.at(error.pos[0]), invalidYamlMessage(yamlMessage(error)));
  for (const warning of warnings) {
    const pos = positions.at(warning.pos[0]);
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
  return errors.length === 0;
}

function yamlMessage(error: YAMLError): string {
  return error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The document's content as js-yaml would give it, with the first of two equal keys kept and the second
 * reported; undefined when an alias refers to no anchor (reported). */
export function valueOfDocument(positions: FilePositions, report: Report): YamlValue | undefined {
  const reader = new DocumentReader(positions, report);
  const value = reader.read(positions.document.contents);
  return reader.unresolved ? undefined : value;
}

/** Reads yaml's nodes in document order, so an alias finds the last anchor of its name before it (as YAML
 * says). A collection is registered before its items, so even an alias inside its own anchor resolves (the
 * alias limit refuses the endless value that makes). */
class DocumentReader {
  private readonly anchors = new Map<string, YamlValue>();
  unresolved = false;

  constructor(
    private readonly positions: FilePositions,
    private readonly report: Report,
  ) {}

  read(node: unknown): YamlValue {
    if (isAlias(node)) return this.alias(node);
    if (isScalar(node)) return this.anchored(node, scalarValue(node));
    const pairs = pairsOf(node);
    if (pairs !== null) {
      const map: YamlMap = this.anchored(node, new Map());
      this.readPairs(map, pairs);
      return map;
    }
    if (isSeq(node)) {
      const list: YamlValue[] = this.anchored(node, []);
      for (const item of node.items) list.push(this.read(item));
      return list;
    }
    return null;
  }

  private readPairs(map: YamlMap, pairs: ReadonlyArray<Pair<unknown, unknown>>): void {
    const names = new Set<string>();
    for (const pair of pairs) {
      const key = this.read(pair.key);
      const value = this.read(pair.value); // read even when the key repeats: it may hold anchors
      const name = keyText(key);
      if (name !== null && names.has(name)) {
        this.report('error', this.positions.positionOf(pair.key) ?? START, duplicateKeyMessage(name));
        continue;
      }
      if (name !== null) names.add(name);
      if (!map.has(key)) map.set(key, value);
    }
  }

  private anchored<T extends YamlValue>(node: unknown, value: T): T {
    const anchor = isPair(node) ? undefined : (node as Node).anchor;
    if (anchor) this.anchors.set(anchor, value);
    return value;
  }

  private alias(node: Alias): YamlValue {
    const target = this.anchors.get(node.source);
    if (target !== undefined) return target;
    this.unresolved = true;
    this.report(
      'error',
      this.positions.positionOf(node) ?? START,
      `alias *${node.source} refers to no anchor; define &${node.source} before it`,
    );
    return null;
  }
}

/** A scalar's value; UNKNOWN_TAG for a tag yaml could not resolve (reported as a problem of the file). */
function scalarValue(node: { tag?: string | undefined; value: unknown }): YamlValue {
  if (node.tag !== undefined && !node.tag.startsWith('tag:yaml.org,2002:')) return UNKNOWN_TAG;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
