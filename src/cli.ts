#!/usr/bin/env node
/** The `monorepo-release` command line: the same use cases as the action, on any git checkout, with no
 * GitHub at all. */
import { parseArgs } from 'node:util';
import { GitAuditStore } from './adapters/audit-store.js';
import { findRepoRoot, CliGit } from './adapters/git.js';
import { ConsoleLogger } from './adapters/console-logger.js';
import { skipOptimizingCompiler } from './adapters/engine.js';
import { workTreeConfigSource } from './adapters/workspace.js';
import { loadConfig } from './app/config.js';
import { readHistory } from './app/history.js';
import { planFromInputs } from './app/plan.js';
import { InputError, UserError } from './core/errors.js';
import { planToJson, renderPlanTable } from './core/plan.js';
import { renderHistory } from './core/release-summary.js';

const USAGE = `usage: monorepo-release <command> [options]

commands:
  plan                      which services changed, at which version, and why
  validate                  check the config file (a path pattern that matches nothing is an error)
  history [service]         the audit log, newest first, and what is live now
  release <service> --dry-run [--version V]
                            the stages, commands and environment a release would use; runs nothing

options:
  --config PATH   config file, relative to the repository root (default .github/monorepo-release.yml)
  --base REV      plan: compare from this revision (default: each service since its last release,
                  else every service, as a first release)
  --head REV      plan: compare up to this revision (default HEAD)
  --environment E plan, history, release: the environment (default: the config's)
  --limit N       history: how many records (default 20)
  --json          plan, history: print JSON
  -C DIR          run as if started in DIR
  -h, --help      this text
`;

type Out = (text: string) => void;

export async function main(argv: string[], out: Out = (text) => process.stdout.write(text)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', default: '.github/monorepo-release.yml' },
      base: { type: 'string' },
      head: { type: 'string' },
      environment: { type: 'string' },
      version: { type: 'string', default: '' },
      limit: { type: 'string', default: '20' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      C: { type: 'string', short: 'C' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'plan' || command === 'validate') skipOptimizingCompiler();
  const log = new ConsoleLogger();
  const root = await findRepoRoot(values.C ?? process.cwd());
  const git = new CliGit({ root });
  const deps = { git, log, source: workTreeConfigSource(git) };
  const auditFor = (branch: string) => new GitAuditStore({ root, branch });
  switch (command) {
    case 'plan': {
      const result = await planFromInputs(
        { ...deps, auditFor },
        {
          configPath: values.config,
          eventName: 'local',
          payload: {},
          base: values.base,
          head: values.head,
          environment: values.environment,
        },
      );
      out(
        values.json ? JSON.stringify(planToJson(result.plan), null, 2) + '\n' : renderPlanTable(result.plan),
      );
      return 0;
    }
    case 'validate': {
      const config = await loadConfig(deps, values.config, { strictPaths: true });
      out(`${config.file} is valid: ${config.services.length} service(s).\n`);
      return 0;
    }
    case 'history': {
      const config = await loadConfig(deps, values.config);
      const limit = Number.parseInt(values.limit, 10);
      if (!(limit > 0))
        throw new InputError(`--limit ${values.limit} is not a positive number`, 'give --limit 20');
      const history = await readHistory(auditFor(config.audit.branch), { service: target, limit });
      out(
        values.json
          ? JSON.stringify(history, null, 2) + '\n'
          : renderHistory(history.records, history.live, history.problems),
      );
      // Everything readable was listed; a file that was not is a damaged log, which scripts must notice.
      return history.problems.length > 0 ? 1 : 0;
    }
    case 'release': {
      if (!values['dry-run']) {
        throw new InputError(
          'the CLI only previews releases',
          'add --dry-run; real releases run in GitHub Actions, where the audit record names the run',
        );
      }
      const config = await loadConfig(deps, values.config);
      // Loaded only here: the release modules are a third of the CLI, and every other command starts faster.
      const { previewRelease } = await import('./cli-release.js');
      const result = await previewRelease({ root, git, auditFor, out }, config, {
        service: target ?? '',
        version: values.version,
        head: values.head,
        environment: values.environment,
      });
      out(result.message + '\n');
      return 0;
    }
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  exitCode = 1;
  if (error instanceof UserError) process.stderr.write(`error: ${error.describe()}\n`);
  else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    exitCode = 2;
  } else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
// Everything is done: leave now instead of tearing the heap down, which takes 10-20 ms after a large plan.
// Only once the output is flushed, as a pipe is written asynchronously on macOS.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
