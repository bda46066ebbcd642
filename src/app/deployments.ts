/** The GitHub Deployments mirror of a release (`audit.deployments: true`). The audit branch stays the
 * record of truth: only the creation is a preflight (a missing `deployments: write` stops the release
 * before its first deploy); every status is best effort and never changes the rollout. */
import { resolveDeploymentEnvironment } from '../core/config/schema.js';
import { PermissionError } from '../core/errors.js';
import type { DeploymentState, GitHubApi, Logger } from '../core/ports.js';
import { finishRecord, type AuditRecord } from '../core/record.js';
import type { Config, ServiceConfig } from '../core/types.js';
import { recordTime, type RecordWriter } from './audit-log.js';
import type { ReleaseDeps, ReleaseRequest } from './release-request.js';

/** The GitHub deployment of a release or rollback, created after its record and before anything is
 * deployed: a missing permission ends the record as `failed` and stops here. */
export async function openDeployment(
  deps: ReleaseDeps,
  request: Pick<ReleaseRequest, 'config' | 'environment' | 'run'>,
  service: ServiceConfig,
  writer: RecordWriter,
  record: AuditRecord,
  target: { sha: string; version: string; description: string },
): Promise<DeploymentTracker> {
  const deployment = DeploymentTracker.for(
    deps.github,
    deps.log,
    request.config,
    service,
    request.environment,
    request.run.runUrl,
  );
  try {
    await deployment.create({ ...target, service: service.name, record: record.id });
  } catch (error) {
    await writer.save(finishRecord(record, 'failed', recordTime(deps.clock), (error as Error).message));
    throw error;
  }
  return deployment;
}

export class DeploymentTracker {
  private id: number | null = null;

  private constructor(
    private readonly api: GitHubApi | null,
    private readonly log: Logger,
    private readonly environment: string,
    private readonly logUrl: string,
    private readonly environmentUrl: string | undefined,
  ) {}

  /** A tracker for a service; it does nothing unless deployments are on and an API is available. */
  static for(
    api: GitHubApi | null | undefined,
    log: Logger,
    config: Config,
    service: ServiceConfig,
    environment: string,
    logUrl: string,
  ): DeploymentTracker {
    const enabled = config.audit.deployments && api ? api : null;
    if (config.audit.deployments && !api) {
      log.warning(
        'audit.deployments is on, but there is no GitHub API here (no token or GITHUB_REPOSITORY): no deployments are created',
      );
    }
    return new DeploymentTracker(
      enabled,
      log,
      resolveDeploymentEnvironment(config.audit, environment, service.name),
      logUrl,
      service.url,
    );
  }

  /** Create the deployment. A missing permission throws (before anything is deployed); any other failure is
   * a warning, and the release goes on without a deployment. */
  async create(input: {
    sha: string;
    service: string;
    version: string;
    record: string;
    description: string;
  }): Promise<void> {
    if (!this.api) return;
    try {
      this.id = await this.api.createDeployment({
        sha: input.sha,
        environment: this.environment,
        description: input.description,
        payload: { service: input.service, version: input.version, record: input.record },
      });
    } catch (error) {
      if (error instanceof PermissionError) throw error;
      this.log.warning(
        `could not create the GitHub deployment (${(error as Error).message}); the release goes on, the audit log records it`,
      );
    }
  }

  async status(state: DeploymentState, description: string): Promise<void> {
    if (!this.api || this.id === null) return;
    await this.api.setDeploymentStatus({
      deploymentId: this.id,
      state,
      description,
      logUrl: this.logUrl,
      ...(this.environmentUrl ? { environmentUrl: this.environmentUrl } : {}),
    });
  }

  /** A rollback is its own deployment, of the version it goes back to. */
  async rollbackDeployment(input: {
    sha: string;
    service: string;
    version: string;
    record: string;
    passed: boolean;
    description: string;
  }): Promise<void> {
    if (!this.api) return;
    const tracker = new DeploymentTracker(
      this.api,
      this.log,
      this.environment,
      this.logUrl,
      this.environmentUrl,
    );
    try {
      await tracker.create(input);
    } catch (error) {
      this.log.warning(`could not create the rollback's GitHub deployment: ${(error as Error).message}`);
      return;
    }
    await tracker.status(input.passed ? 'success' : 'failure', input.description);
  }
}
