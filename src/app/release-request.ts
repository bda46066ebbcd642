/** What a release or a rollback is given: the ports it runs on, the request, and the checks of the
 * request that need nothing else (the service exists and deploys, the version fits the scheme). */
import { InputError } from '../core/errors.js';
import type { AuditStore, Git, GitHubApi, RunStatusProbe, TagPusher } from '../core/ports.js';
import type { RunInfo } from '../core/record.js';
import type { Config, ServiceConfig } from '../core/types.js';
import { isVersion, shaVersion } from '../core/versions.js';
import type { PendingRollback } from './release-result.js';
import type { CommandDeps } from './stages.js';

export interface ReleaseDeps extends CommandDeps {
  git: Git;
  audit: AuditStore;
  tags: TagPusher;
  /** A fresh random id part (hex). */
  randomId: () => string;
  runStatus?: RunStatusProbe;
  /** The GitHub API (deployments); null for the CLI or without a token. */
  github?: GitHubApi | null;
  /** How often a waiting run looks at the audit log again. */
  pollMs?: number;
  /** Save, at once, what the post step needs should this run end now (null: nothing is owed). Called
   * before each stage and before each rollback, because a runner kills a cancelled step a few seconds after its
   * first signal, and a lost runner runs no code at all. */
  postState?: (pending: PendingRollback | null) => void;
}

export interface ReleaseRequest {
  config: Config;
  service: string;
  /** Empty: derived (versioning sha). */
  version: string;
  sha: string;
  environment: string;
  run: RunInfo;
  dryRun: boolean;
  signal?: AbortSignal;
  /** The version came from a tag push or a workflow_dispatch input, not from a plan: when another build
   * holds it, the release is refused instead of moving on to the next free version. */
  versionByHand?: boolean;
}

/** A manual rollback: the version to go back to (empty: the one live before), no commit of its own. */
export type RollbackRequest = Omit<ReleaseRequest, 'sha'>;

/** The service to act on, or an InputError naming the ones there are. */
export function findService(config: Config, name: string): ServiceConfig {
  const service = config.services.find((s) => s.name === name);
  const releasable = config.services.filter((s) => s.deploy !== false).map((s) => s.name);
  if (!name)
    throw new InputError(
      'no service given',
      `set the \`service\` input to one of: ${releasable.join(', ')}`,
      `name one: monorepo-release release <service> --dry-run, with <service> one of: ${releasable.join(', ')}`,
    );
  if (!service) {
    throw new InputError(
      `unknown service "${name}"`,
      `use one of the services in ${config.file}: ${releasable.join(', ')}`,
    );
  }
  if (service.deploy === false) {
    throw new InputError(
      `"${name}" is a library (deploy: false) and is never released itself`,
      'release the services that depend on it',
    );
  }
  return service;
}

/** The version to release: the input, checked against the versioning scheme. */
export function releaseVersion(config: Config, input: string, sha: string): string {
  if (config.versioning === 'sha') {
    const expected = shaVersion(sha);
    if (input && input !== expected) {
      throw new InputError(
        `version "${input}" is not this commit's version ${expected} (versioning: sha)`,
        'pass the version from the plan matrix, or leave it empty',
        `pass --version ${expected}, or leave it out`,
      );
    }
    return expected;
  }
  if (!input)
    throw new InputError(
      'no version given',
      'pass `version` from the plan matrix (`${{ matrix.version }}`)',
      'pass --version 1.2.0 (the version `monorepo-release plan` proposes)',
    );
  if (!isVersion(input)) {
    throw new InputError(
      `version "${input}" is not a semantic version`,
      'pass a version like 1.4.0 (no leading "v"), as the plan matrix gives it',
      'pass --version 1.4.0 (no leading "v"), as `monorepo-release plan` gives it',
    );
  }
  return input;
}
