/** Runs an example's script (examples/<target>/<script>.sh) as the action does (bash, values in the
 * environment only), alone or against the kubectl stand-in of fixtures/bin, which replays the outputs a
 * test records for each kubectl call and logs the calls. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
export const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** `docker buildx imagetools create` prints its progress on stderr only: nothing to replay but the call. */
export const TAGGED: Replay = { buildx_imagetools_create: [''] };

/** The recorded outputs of one kubectl command (its key, see fixtures/bin/kubectl), in call order; the
 * last one repeats. `exit` gives a call a non-zero exit code. */
export type Replay = Record<string, Array<string | { output: string; exit: number }>>;

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The kubectl calls, one line of arguments each. */
  calls: string[];
}

export async function fixture<T = Record<string, string>>(path: string): Promise<T> {
  return JSON.parse(await readFile(join(FIXTURES, path), 'utf8')) as T;
}

export const SHA = '0123456789abcdef0123456789abcdef01234567';

/** The environment of a stage as the action gives it (service api, production), plus the scripts' own. */
export function releaseEnv(extra: Record<string, string>): Record<string, string> {
  return {
    RELEASE_SERVICE: 'api',
    RELEASE_ENVIRONMENT: 'production',
    RELEASE_SHA: SHA,
    IMAGE_REPOSITORY: 'ghcr.io/acme',
    ROLLOUT_POLL: '0',
    ROLLOUT_TIMEOUT: '10s',
    ...extra,
  };
}

export async function runWithReplay(
  script: string,
  replay: Replay,
  env: Record<string, string>,
): Promise<ScriptRun> {
  const dir = await mkdtemp(join(tmpdir(), 'mr-kubectl-'));
  try {
    for (const [key, answers] of Object.entries(replay)) {
      for (const [i, answer] of answers.entries()) {
        const { output, exit } = typeof answer === 'string' ? { output: answer, exit: 0 } : answer;
        await writeFile(join(dir, `${key}.${i + 1}`), output);
        if (exit !== 0) await writeFile(join(dir, `${key}.${i + 1}.exit`), String(exit));
      }
    }
    const { code, stdout, stderr } = await runExample(script, {
      PATH: `${join(FIXTURES, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
      KUBECTL_REPLAY: dir,
      ...env,
    });
    const calls = (await readFile(join(dir, 'calls'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return { code, stdout, stderr, calls };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `examples/<script>` run by bash with only PATH and `env` in its environment. */
export function runExample(script: string, env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, reject) => {
    const child = spawn('bash', [join(EXAMPLES, script)], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
