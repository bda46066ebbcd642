/** Runs the built bundle the way the Actions runner does: INPUT_* variables, an event JSON file,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, and the workspace as cwd. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const DIST = resolve(import.meta.dirname, '../../dist/index.js');
export const CLI = resolve(import.meta.dirname, '../../dist/cli/index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
}

export interface ActionOptions {
  workspace: string;
  inputs?: Record<string, string>;
  eventName?: string;
  event?: unknown;
  env?: Record<string, string>;
  /** Run the post step: state from a previous run. */
  state?: Record<string, string>;
  /** Called with the action's process once it started (to send it signals). */
  onStart?: (child: ChildProcess) => void;
}

/** Parse the runner's file-command format: `name<<DELIM\nvalue\nDELIM` (and `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!);
      result[name!] = value.join('\n');
    } else if (line.includes('=')) {
      result[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return result;
}

export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'mr-action-'));
  try {
    const files = {
      output: join(scratch, 'output'),
      summary: join(scratch, 'summary'),
      state: join(scratch, 'state'),
      event: join(scratch, 'event.json'),
    };
    await Promise.all([
      writeFile(files.output, ''),
      writeFile(files.summary, ''),
      writeFile(files.state, ''),
      writeFile(files.event, JSON.stringify(options.event ?? {})),
    ]);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      RUNNER_TEMP: scratch,
      ...options.env,
    };
    // The runner passes every input that has a default, as action.yml declares it.
    for (const [name, value] of Object.entries({ ...(await actionDefaults()), ...options.inputs })) {
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
    const { code, stdout, stderr } = await spawnNode(DIST, [], options.workspace, env, options.onStart);
    const [output, summary, state] = await Promise.all([
      readFile(files.output, 'utf8'),
      readFile(files.summary, 'utf8'),
      readFile(files.state, 'utf8'),
    ]);
    return {
      code,
      stdout,
      stderr,
      outputs: parseFileCommands(output),
      summary,
      state: parseFileCommands(state),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

let defaults: Record<string, string> | undefined;

/** The defaults of action.yml's inputs (expressions like `${{ github.token }}` left out). */
async function actionDefaults(): Promise<Record<string, string>> {
  if (!defaults) {
    const action = parse(await readFile(resolve(import.meta.dirname, '../../action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    defaults = {};
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default !== undefined && !String(input.default).includes('${{'))
        defaults[name] = String(input.default);
    }
  }
  return defaults;
}

export function spawnNode(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = process.env,
  onStart?: (child: ChildProcess) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({ code: code ?? (signal ? 128 : null), stdout, stderr }),
    );
    onStart?.(child);
  });
}

export function runCli(args: string[], cwd: string) {
  return spawnNode(CLI, args, cwd, { PATH: process.env.PATH, HOME: process.env.HOME });
}
