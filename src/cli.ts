#!/usr/bin/env node
/** The `monorepo-release` command line: the same use cases as the action, on any git checkout, with no
 * GitHub at all. */
import { parseArgs } from 'node:util';
import { findRepoRoot, CliGit } from './adapters/git.js';
import { ConsoleLogger } from './adapters/logger.js';
import { workTreeConfigSource } from './adapters/workspace.js';
import { loadConfig } from './app/config.js';
import { planFromInputs } from './app/plan.js';
import { UserError } from './core/errors.js';
import { planToJson, renderPlanTable } from './core/plan.js';

const USAGE = `usage: monorepo-release <command> [options]

commands:
  plan        which services changed, at which version, and why
  validate    check the config file (a path pattern that matches nothing is an error)

options:
  --config PATH   config file, relative to the repository root (default .github/monorepo-release.yml)
  --base REV      plan: compare from this revision (default: every service, as a first release)
  --head REV      plan: compare up to this revision (default HEAD)
  --json          plan: print the plan as JSON
  -C DIR          run as if started in DIR
  -h, --help      this text
`;

export async function main(
  argv: string[],
  out = (text: string) => process.stdout.write(text),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', default: '.github/monorepo-release.yml' },
      base: { type: 'string' },
      head: { type: 'string' },
      json: { type: 'boolean', default: false },
      C: { type: 'string', short: 'C' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const log = new ConsoleLogger();
  const root = await findRepoRoot(values.C ?? process.cwd());
  const git = new CliGit({ root });
  const deps = { git, log, source: workTreeConfigSource(git) };
  switch (command) {
    case 'plan': {
      const result = await planFromInputs(deps, {
        configPath: values.config,
        eventName: 'local',
        payload: {},
        base: values.base,
        head: values.head,
      });
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
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UserError) process.stderr.write(`error: ${error.describe()}\n`);
  else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode ||= 1;
}
