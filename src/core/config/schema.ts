/** The config file's format: the keys it accepts, what they default to. The JSON schema in schema/ is
 * tested against these lists. */
import type { AuditConfig, StageConfig, Versioning } from '../types.js';

export const TOP_LEVEL_KEYS = [
  'version',
  'environment',
  'tag',
  'versioning',
  'shared',
  'defaults',
  'services',
  'audit',
  'drill',
  'discover',
] as const;
export const DEFAULTS_KEYS = [
  'stages',
  'deploy',
  'verify',
  'rollback',
  'timeout',
  'pass-oidc',
  'notify',
  'wait',
] as const;
export const SERVICE_KEYS = ['paths', 'depends-on', 'url', ...DEFAULTS_KEYS, 'after'] as const;
/** A rule of `discover:`: `dirs` or `workspaces`, the workspace's `root`, and `with` (what every service
 * it finds gets, as if listed with it: the defaults' keys and `depends-on`). */
export const DISCOVER_KEYS = ['dirs', 'workspaces', 'root', 'with'] as const;
export const DISCOVER_WITH_KEYS = ['depends-on', ...DEFAULTS_KEYS] as const;
export const STAGE_KEYS = ['name', 'percent', 'bake', 'pause'] as const;
export const VERIFY_KEYS = ['command', 'http', 'interval', 'timeout', 'max-failures'] as const;
export const AUDIT_KEYS = ['branch', 'deployments', 'deployment-environment'] as const;
export const DRILL_KEYS = ['allow-production'] as const;
/** The environment a drill refuses unless the config says `drill: { allow-production: true }`. */
export const DRILL_PROTECTED_ENVIRONMENT = 'production';
export const SUPPORTED_VERSIONS: readonly number[] = [1];
export const VERSIONING_MODES: readonly Versioning[] = ['conventional', 'sha'];

/** RELEASE_STAGE holds this word during a rollback, so no stage may be called that. */
export const RESERVED_STAGE_NAME = 'rollback';

export const DEFAULTS = {
  environment: 'production',
  tag: '{service}@v{version}',
  versioning: 'conventional' as Versioning,
  stages: [{ name: 'full', percent: 100 }] as readonly StageConfig[],
  timeoutMs: 15 * 60_000,
  passOidc: false,
  /** How long a release waits for the services it is `after`. */
  waitMs: 60 * 60_000,
  verifyIntervalMs: 30_000,
  verifyTimeoutMs: 30_000,
  maxFailures: 0,
  auditBranch: 'release-audit',
  deployments: false,
  deploymentEnvironment: '{environment}/{service}',
  drillAllowProduction: false,
} as const;

/** Shown when the file is empty or not a mapping. */
export const MINIMAL_CONFIG = [
  'version: 1',
  'services:',
  '  api:',
  '    paths: [services/api/**]',
  '    deploy: ./scripts/deploy.sh',
].join('\n');

/** The GitHub deployment environment of a service, from `audit.deployment-environment`. */
export function resolveDeploymentEnvironment(
  audit: AuditConfig,
  environment: string,
  service: string,
): string {
  return audit.deploymentEnvironment
    .replaceAll('{environment}', environment)
    .replaceAll('{service}', service);
}
