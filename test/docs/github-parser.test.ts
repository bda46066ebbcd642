/**
 * Everything the runner loads or a user copies must be accepted by GitHub itself. GitHub's own parser for
 * workflow and action files, `@actions/workflow-parser` (from actions/languageservices; it reports what the
 * runner reports), reads `action.yml` (`parseAction`), every workflow under `.github/workflows/` and
 * `examples/` (`parseWorkflow`), and every ```yaml block of README.md and examples/**\/*.md that is a workflow
 * (has `jobs:`). The blocks that are our config (`version: 1` and `services:` or `discover:`) go through our own config
 * parser instead, and a ```yaml block that is neither fails the test, so no block goes unchecked.
 *
 * How the parser is loaded: it imports its JSON schemas without an import attribute (it is written for
 * bundlers), which Node refuses. This file registers a Node module hook, `json-import-hook.mjs` beside it
 * (`register` of node:module), that loads `.json` files as JSON modules, and only then imports the parser,
 * dynamically. Vitest leaves packages under node_modules to Node's own loader, so the hook applies to them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import { parseConfig } from '../../src/core/config/parse.js';

register(new URL('./json-import-hook.mjs', import.meta.url));

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

type WorkflowParser = typeof import('@actions/workflow-parser');
type ActionParser = typeof import('@actions/workflow-parser/actions/index');
let workflowParser: WorkflowParser;
let actionParser: ActionParser;

beforeAll(async () => {
  workflowParser = await import('@actions/workflow-parser');
  actionParser = await import('@actions/workflow-parser/actions/index');
});

/** GitHub's errors for a workflow file, as `name (Line: l, Col: c): message`. */
function workflowErrors(name: string, content: string): string[] {
  const trace = new workflowParser.NoOperationTraceWriter();
  const result = workflowParser.parseWorkflow({ name, content }, trace);
  return result.context.errors.getErrors().map((error) => error.message);
}

/** GitHub's errors for an action metadata file. */
function actionErrors(name: string, content: string): string[] {
  const trace = new workflowParser.NoOperationTraceWriter();
  const result = actionParser.parseAction({ name, content }, trace);
  return result.context.errors.getErrors().map((error) => error.message);
}

/** Paths (repo-relative) of the files under `dir` whose names match `pattern`. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

const isWorkflow = (text: string): boolean => /^jobs\s*:/m.test(text);
const isOurConfig = (text: string): boolean =>
  /^version\s*:\s*1\b/m.test(text) && /^(services|discover)\s*:/m.test(text);

interface YamlBlock {
  /** `README.md:49`: the file and the line of the opening fence. */
  where: string;
  /** The block's text, dedented (a block inside a list item is indented in the markdown). */
  content: string;
}

/** Every ```yaml (or ```yml) fenced block of a markdown file. */
function yamlBlocks(file: string): YamlBlock[] {
  const lines = read(file).split('\n');
  const blocks: YamlBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```ya?ml\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^ *```\s*$/.test(lines[j] ?? ''); j++)
      body.push((lines[j] ?? '').slice(indent));
    if (j === lines.length) throw new Error(`${file}:${i + 1}: unterminated \`\`\`yaml block`);
    blocks.push({ where: `${file}:${i + 1}`, content: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

const MARKDOWN = ['README.md', ...filesUnder('examples', /\.md$/)];
const BLOCKS = MARKDOWN.flatMap(yamlBlocks);
const WORKFLOW_BLOCKS = BLOCKS.filter((block) => isWorkflow(block.content));
const CONFIG_BLOCKS = BLOCKS.filter((block) => isOurConfig(block.content));
const WORKFLOW_FILES = ['.github/workflows', 'examples']
  .flatMap((dir) => filesUnder(dir, /\.ya?ml$/))
  .filter((path) => isWorkflow(read(path)));

/** The README's quick-start workflow: its first workflow block. */
function quickStart(): YamlBlock {
  const block = WORKFLOW_BLOCKS.find((b) => b.where.startsWith('README.md:'));
  if (!block) throw new Error('README.md has no workflow block');
  return block;
}

describe('action.yml, as GitHub loads it', () => {
  it('is accepted by GitHub’s parser', () => {
    expect(actionErrors('action.yml', read('action.yml'))).toEqual([]);
  });

  it('has `${{` in no string but the token input’s default', () => {
    // GitHub evaluates `${{ }}` in every string of action.yml, descriptions included.
    const withExpressions: string[] = [];
    visit(parseDocument(read('action.yml')), {
      Scalar(_key, node, path) {
        if (typeof node.value !== 'string' || !node.value.includes('${{')) return;
        const keys = path.filter(isPair).map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'));
        withExpressions.push(keys.join('.'));
      },
    });
    expect(withExpressions).toEqual(['inputs.token.default']);
  });

  it('is refused with `${{ x }}` in an input’s description (the parser can fail)', () => {
    const original = read('action.yml');
    const marker = "description: 'Path of the config file";
    const broken = original.replace(marker, "description: '${{ x }} Path of the config file");
    expect(broken).not.toBe(original);
    const line = original.slice(0, original.indexOf(marker)).split('\n').length;
    const errors = actionErrors('action.yml', broken);
    expect(errors.join('\n')).toMatch(new RegExp(`Line: ${line}\\b.*Unrecognized named-value: 'x'`));
  });
});

describe('workflow files under .github/workflows/ and examples/', () => {
  it('are found', () => {
    expect(WORKFLOW_FILES).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', 'examples/workflows/release.yml']),
    );
  });

  it.each(WORKFLOW_FILES)('%s is accepted by GitHub’s parser', (path) => {
    expect(workflowErrors(path, read(path))).toEqual([]);
  });
});

describe('```yaml blocks of README.md and examples/**/*.md', () => {
  it('are each a workflow or our config (none goes unchecked)', () => {
    const other = BLOCKS.filter((b) => !isWorkflow(b.content) && !isOurConfig(b.content)).map((b) => b.where);
    expect(other).toEqual([]);
    expect(WORKFLOW_BLOCKS.length).toBeGreaterThan(0);
    expect(CONFIG_BLOCKS.length).toBeGreaterThan(0);
  });

  it.each(WORKFLOW_BLOCKS.map((b) => [b.where, b] as const))(
    'the workflow at %s is accepted by GitHub’s parser',
    (where, block) => {
      expect(workflowErrors(where, block.content)).toEqual([]);
    },
  );

  it.each(CONFIG_BLOCKS.map((b) => [b.where, b] as const))(
    'the config at %s has no error',
    (where, block) => {
      const { config, diagnostics } = parseConfig(block.content, where);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(config).not.toBeNull();
    },
  );

  it('the quick start is block style: no `${{` inside a `{ … }` flow mapping', () => {
    const flowWithExpression: string[] = [];
    for (const block of WORKFLOW_BLOCKS) {
      visit(parseDocument(block.content), {
        Map(_key, node) {
          if (!node.flow) return;
          const text = block.content.slice(node.range?.[0], node.range?.[1]);
          if (text.includes('${{')) flowWithExpression.push(`${block.where}: ${text}`);
        },
      });
    }
    expect(flowWithExpression).toEqual([]);
  });

  it('the quick start is refused with its matrix line unquoted in a flow mapping (the parser can fail)', () => {
    const { where, content } = quickStart();
    expect(workflowErrors(where, content)).toEqual([]);
    const strategy = /^( +)strategy:\n(?:\1 +.*\n)+/m;
    expect(content).toMatch(strategy);
    const broken = content.replace(
      strategy,
      (_all, indent: string) =>
        `${indent}strategy: { fail-fast: false, matrix: \${{ fromJson(needs.plan.outputs.matrix) }} }\n`,
    );
    expect(broken).toContain('strategy: { fail-fast: false, matrix: ${{ fromJson(');
    expect(workflowErrors(where, broken).length).toBeGreaterThan(0);
  });
});

describe('every job that releases or rolls back (README, examples, our workflows)', () => {
  interface Step {
    uses?: string;
    with?: Record<string, unknown>;
  }
  const workflows = [
    ...WORKFLOW_FILES.map((path) => ({ where: path, content: read(path) })),
    ...WORKFLOW_BLOCKS,
  ];
  const releaseJobs = workflows.flatMap(({ where, content }) => {
    // A file that is not even YAML is reported by the parser tests above.
    const document = parseDocument(content);
    if (document.errors.length > 0) return [];
    const jobs = (document.toJS() as { jobs: Record<string, { steps?: Step[] }> }).jobs;
    return Object.entries(jobs)
      .filter(([, job]) =>
        job.steps?.some((step) => ['release', 'rollback'].includes(String(step.with?.command))),
      )
      .map(([id, job]) => [`${where} jobs.${id}`, job.steps ?? []] as const);
  });

  it('are found', () => {
    expect(releaseJobs.length).toBeGreaterThanOrEqual(4);
  });

  // The action fetches and pushes with its own token, through git's environment: the token that
  // actions/checkout would leave in .git/config is only something the deploy commands could read.
  it.each(releaseJobs)('%s checks out with persist-credentials: false', (_where, steps) => {
    const checkouts = steps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });
});
