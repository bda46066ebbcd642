export const id = 540;
export const ids = [540];
export const modules = {

/***/ 5540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseConfig: () => (/* binding */ parseConfig)
});

// UNUSED EXPORTS: parseConfigTraced

// EXTERNAL MODULE: ./src/core/config.ts + 1 modules
var config = __webpack_require__(7378);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/config-tree.ts
var config_tree = __webpack_require__(9930);
;// CONCATENATED MODULE: ./src/core/config-yaml.ts
/** The complete reader of the config file: the `yaml` package's Document API, which reads any YAML and
 * reports syntax errors, unknown tags, duplicate keys, unresolved aliases and alias bombs with positions.
 * Its tree is turned into the config tree the validator reads. */


/** The options of the `yaml` reader; the fast reader resolves plain scalars by the same YAML 1.2 rules. */
const YAML_OPTIONS = {
    uniqueKeys: false, // checked by reportDuplicateKeys, in linear time
    strict: true,
    prettyErrors: false,
    merge: false,
};
/** yaml's guard against alias bombs: how often one anchor may be expanded (times its own fan-out). */
const MAX_ALIAS_COUNT = 50;
/** Reads `text`, reporting every YAML-level problem. Null when the tree is not worth validating (broken
 * syntax, an alias to nothing, an alias bomb). */
function readYamlTree(text, report) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, ...YAML_OPTIONS });
    const at = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line: Math.max(line, 1), column: Math.max(col, 1) };
    };
    if (!reportYamlProblems(doc, text, at, report))
        return null;
    const converter = new Converter(at, report);
    const contents = converter.node(doc.contents);
    reportDuplicateKeys(contents, at, report);
    if (converter.unresolved)
        return null;
    if (converter.firstAlias !== undefined && !withinAliasLimit(doc)) {
        report('error', converter.firstAlias, config_tree/* ALIAS_BOMB_MESSAGE */.g5);
        return null;
    }
    return { contents, at, firstAlias: converter.firstAlias };
}
/** Turns yaml's errors and warnings into diagnostics. Returns false when the syntax is broken, since
 * checking the meaning of a broken tree would only add noise; unknown tags leave a sound tree, so checking
 * goes on after them. */
function reportYamlProblems(doc, text, at, report) {
    for (const error of doc.errors) {
        report('error', at(error.pos[0]), `invalid YAML: ${yamlMessage(error)}; fix the syntax here (indentation, quotes, colons)`);
    }
    for (const warning of doc.warnings) {
        const pos = at(warning.pos[0]);
        if (warning.code === 'TAG_RESOLVE_FAILED') {
            const tag = text.slice(warning.pos[0], warning.pos[1]);
            report('error', pos, `unknown YAML tag ${(0,config_tree/* quote */.hD)(tag)}: a value that starts with "!" (such as a negated path pattern) ` +
                `must be quoted, like "${tag.replaceAll('"', '\\"')}"`);
        }
        else {
            report('warning', pos, `YAML: ${yamlMessage(warning)}`);
        }
    }
    return doc.errors.length === 0;
}
function yamlMessage(error) {
    return error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
/** yaml's nodes as config-tree nodes, in document order, so an alias finds the last anchor of its name
 * before it (as YAML says). A node is registered before its children, so even an alias inside its own
 * anchor resolves (the validator's visit budget stops the endless reading that follows). */
class Converter {
    at;
    report;
    anchors = new Map();
    unresolved = false;
    firstAlias;
    constructor(at, report) {
        this.at = at;
        this.report = report;
    }
    node(raw) {
        if ((0,dist/* isAlias */.Vj)(raw))
            return this.alias(raw);
        let node;
        if ((0,dist/* isScalar */.jn)(raw))
            node = scalar(raw);
        else if ((0,dist/* isMap */.jh)(raw))
            node = { kind: 'map', start: startOf(raw), items: [] };
        else if ((0,dist/* isSeq */.oP)(raw))
            node = { kind: 'seq', start: startOf(raw), items: [] };
        else
            return null; // a pair where a node belongs (`[a: b]`): the validator sees an empty value
        const anchor = raw.anchor;
        if (anchor)
            this.anchors.set(anchor, node);
        if (node.kind === 'map' && (0,dist/* isMap */.jh)(raw)) {
            for (const pair of raw.items)
                node.items.push({ key: this.node(pair.key), value: this.node(pair.value) });
        }
        else if (node.kind === 'seq' && (0,dist/* isSeq */.oP)(raw)) {
            for (const item of raw.items)
                node.items.push(this.node(item));
        }
        return node;
    }
    alias(raw) {
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
function scalar(raw) {
    const node = { kind: 'scalar', start: startOf(raw), value: raw.value };
    if (typeof raw.source === 'string')
        node.source = raw.source;
    if (typeof raw.tag === 'string' && !raw.tag.startsWith('tag:yaml.org,2002:'))
        node.unknownTag = true;
    return node;
}
function startOf(node) {
    return node.range?.[0] ?? 0;
}
/** yaml's own `uniqueKeys` check compares each key with every earlier one: 40,000 keys take 25 s. This
 * one pass with a set per mapping reports the same duplicates in linear time. Aliases are not followed:
 * each mapping is checked where it is written. */
function reportDuplicateKeys(root, at, report) {
    const pending = [root];
    while (pending.length > 0) {
        const node = pending.pop();
        if (node?.kind === 'seq')
            for (const item of node.items)
                pending.push(item);
        if (node?.kind !== 'map')
            continue;
        const seen = new Set();
        for (const pair of node.items) {
            pending.push(pair.key, pair.value);
            const key = (0,config_tree/* keyText */.Pu)(pair.key);
            if (key === null)
                continue;
            if (seen.has(key)) {
                report('error', at(pair.key.start), `duplicate key ${(0,config_tree/* quote */.hD)(key)}; a key may appear only once in a mapping: merge the two entries or remove one`);
            }
            seen.add(key);
        }
    }
}
function withinAliasLimit(doc) {
    try {
        doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
        return true;
    }
    catch (error) {
        if (error instanceof ReferenceError)
            return false;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/core/config-parse.ts
/** Parsing the config file with both readers: the fast one where it can, `yaml` for everything else. The
 * action and the CLI load this module (and `yaml` with it) only when the fast reader cannot take a file. */


/** Parse and validate the config file's text. `file` is the repo-relative path put in every diagnostic.
 * `config` is null when any diagnostic is an error. */
function parseConfig(text, file, options = {}) {
    const { config, diagnostics, paths } = parseConfigTraced(text, file, options);
    return { config, diagnostics, paths };
}
/** parseConfig, also telling which reader was used. */
function parseConfigTraced(text, file, { engine = 'auto' } = {}) {
    const fast = engine === 'yaml' ? null : (0,config/* parseConfigFast */.El)(text, file, engine);
    return fast ?? (0,config/* parseConfigWith */.q7)(readYamlTree, text, file);
}


/***/ })

};
