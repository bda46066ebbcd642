/** A small monorepo whose deploy / verify / rollback scripts append to a ledger and fail or hang on
 * demand (through environment variables), pushed to a local bare origin. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction, type ActionOptions, type ActionRun } from './action.js';
import { startGitHubApiServer, type GitHubApiServer } from './github-api-server.js';
import { makeRepo, type TestRepo } from './repo.js';

export const DEPLOY = `#!/usr/bin/env bash
echo "deploy $RELEASE_SERVICE $RELEASE_VERSION $RELEASE_STAGE $RELEASE_PERCENT prev=$RELEASE_PREVIOUS_VERSION" >> "$LEDGER"
echo "deploying $RELEASE_SERVICE to $RELEASE_PERCENT %"
if [ "\${HANG_DEPLOY_STAGE:-}" = "$RELEASE_STAGE" ]; then sleep 3600 & echo $! > "$LEDGER.grandchild"; wait; fi
if [ -n "\${SLOW_DEPLOY:-}" ]; then sleep "$SLOW_DEPLOY"; echo "deployed $RELEASE_SERVICE $RELEASE_VERSION $RELEASE_STAGE" >> "$LEDGER"; fi
if [ "\${FAIL_DEPLOY_STAGE:-}" = "$RELEASE_STAGE" ]; then echo "boom: cannot reach the cluster" >&2; exit 3; fi
exit 0
`;

export const VERIFY = `#!/usr/bin/env bash
echo "verify $RELEASE_SERVICE $RELEASE_VERSION $RELEASE_STAGE $RELEASE_PERCENT" >> "$LEDGER"
if [ "\${HANG_VERIFY_PERCENT:-}" = "$RELEASE_PERCENT" ]; then sleep 3600; fi
if [ "\${FAIL_VERIFY_PERCENT:-}" = "$RELEASE_PERCENT" ]; then echo "unhealthy: 503 from /healthz"; exit 1; fi
if [ -n "\${FAIL_VERIFY_ONCE:-}" ] && [ ! -e "$FAIL_VERIFY_ONCE" ]; then touch "$FAIL_VERIFY_ONCE"; echo "flaky"; exit 1; fi
exit 0
`;

export const ROLLBACK = `#!/usr/bin/env bash
echo "rollback $RELEASE_SERVICE to=$RELEASE_VERSION failed=$RELEASE_FAILED_VERSION $RELEASE_STAGE $RELEASE_PERCENT" >> "$LEDGER"
if [ -n "\${FAIL_ROLLBACK:-}" ]; then echo "rollback broke" >&2; exit 1; fi
if [ -n "\${HANG_ROLLBACK:-}" ]; then sleep 3600; fi
exit 0
`;

export interface FleetOptions {
  stages?: string;
  verify?: string | null;
  rollback?: string | null;
  timeout?: string;
  extra?: string;
}

export function fleetConfig(options: FleetOptions = {}): string {
  const stages =
    options.stages ??
    `[{ name: canary, percent: 5, bake: 300ms }, { name: ramp, percent: 50, bake: 300ms }, { name: full, percent: 100 }]`;
  const verify =
    options.verify === null
      ? ''
      : `  verify: ${options.verify ?? '{ command: ./scripts/verify.sh, interval: 100ms, timeout: 2s }'}\n`;
  const rollback =
    options.rollback === null ? '' : `  rollback: ${options.rollback ?? './scripts/rollback.sh'}\n`;
  return `version: 1
defaults:
  stages: ${stages}
  deploy: ./scripts/deploy.sh
${verify}${rollback}  timeout: ${options.timeout ?? '10s'}
services:
  api:
    paths: [services/api/**]
  web:
    paths: [services/web/**]
${options.extra ?? ''}`;
}

export const FLEET_TOKEN = 'ghs_testtoken0123456789abcdef';

export interface AuditRecordView {
  id: string;
  kind: string;
  outcome: string | null;
  version: string;
  'previous-version': string;
  actor: string;
  sha: string;
  note?: string;
  stages: Array<{
    name: string;
    percent: number;
    result: string | null;
    checks: { passed: number; failed: number };
    error?: { kind: string; 'exit-code': number | null; output: string; message: string };
  }>;
  rollback: { 'to-version': string; result: string | null } | null;
}

export interface Fleet {
  repo: TestRepo;
  sha: string;
  /** The GitHub API of this fleet's repository (`acme/mono`), on 127.0.0.1: no test reaches the network. */
  api: GitHubApiServer;
  /** Run the built action (default: release api 1.0.0 of `sha` from a push, run 100 attempt 1). */
  action(options?: Partial<ActionOptions>): Promise<ActionRun>;
  /** Every record on the audit branch. */
  records(): Promise<AuditRecordView[]>;
  ledger: string;
  /** Lines of the ledger (empty when nothing ran). */
  calls(): Promise<string[]>;
  /** A file of the audit branch on origin, parsed. */
  audit<T = Record<string, unknown>>(path: string): Promise<T | null>;
  /** Paths of the audit branch on origin. */
  auditFiles(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function makeFleet(options: FleetOptions = {}): Promise<Fleet> {
  const repo = await makeRepo();
  await repo.write('.github/monorepo-release.yml', fleetConfig(options));
  await repo.write('scripts/deploy.sh', DEPLOY);
  await repo.write('scripts/verify.sh', VERIFY);
  await repo.write('scripts/rollback.sh', ROLLBACK);
  await repo.write('services/api/main.ts', 'api\n');
  await repo.write('services/web/main.ts', 'web\n');
  for (const script of ['deploy', 'verify', 'rollback'])
    await chmod(join(repo.dir, `scripts/${script}.sh`), 0o755);
  const sha = await repo.commit('feat: services');
  await repo.push();
  const ledger = join(repo.dir, '..', 'ledger.txt');
  const api = await startGitHubApiServer({ token: FLEET_TOKEN, repository: 'acme/mono' });
  const fleet: Fleet = {
    repo,
    sha,
    api,
    ledger,
    action(options = {}) {
      return runAction({
        workspace: repo.dir,
        eventName: 'push',
        event: { ref: 'refs/heads/main', after: fleet.sha },
        ...options,
        inputs: {
          command: 'release',
          service: 'api',
          version: '1.0.0',
          token: FLEET_TOKEN,
          ...options.inputs,
        },
        env: {
          GITHUB_SHA: fleet.sha,
          GITHUB_RUN_ID: '100',
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_REPOSITORY: 'acme/mono',
          GITHUB_API_URL: api.url,
          GITHUB_ACTOR: 'alice',
          GITHUB_REF: 'refs/heads/main',
          LEDGER: ledger,
          ...options.env,
        },
      });
    },
    async records() {
      const paths = (await fleet.auditFiles()).filter((p) => p.startsWith('records/'));
      return Promise.all(paths.map(async (p) => (await fleet.audit<AuditRecordView>(p))!));
    },
    async calls() {
      try {
        return (await readFile(ledger, 'utf8')).split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    async audit<T>(path: string) {
      try {
        return JSON.parse(await repo.runOrigin(['show', `release-audit:${path}`])) as T;
      } catch {
        return null;
      }
    },
    async auditFiles() {
      try {
        return (await repo.runOrigin(['ls-tree', '-r', '--name-only', 'release-audit']))
          .split('\n')
          .filter(Boolean);
      } catch {
        return [];
      }
    },
    async cleanup() {
      await api.close();
      await repo.cleanup();
    },
  };
  return fleet;
}

/** Resolves once a ledger line satisfies the predicate. */
export async function waitForCall(
  fleet: Fleet,
  predicate: (line: string) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await fleet.calls()).some(predicate)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the expected command never ran');
}

/** An `onStart` that kills the action with SIGKILL (a lost runner: no post step) once a ledger line
 * satisfies the predicate. */
export function killWhen(fleet: Fleet, predicate: (line: string) => boolean): (child: ChildProcess) => void {
  return (child) => {
    void waitForCall(fleet, predicate).then(() => child.kill('SIGKILL'));
  };
}

/** A process that still runs (a zombie waiting to be reaped does not count). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
