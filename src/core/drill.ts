/** The rules of a rollback drill (`command: drill`) that depend only on data: where it may run, what
 * holds the service so that it may not, its record's two directions, and what is live after each ending. */
import { DRILL_PROTECTED_ENVIRONMENT } from './config/schema.js';
import { InputError, UserError } from './errors.js';
import { isPaused, type AuditRecord, type LivePointer } from './record.js';
import type { Config } from './types.js';

/** The record's stage for the way back (the rollback command towards the version before, then its gate). */
export const DRILL_BACK = 'drill-back';
/** The record's stage for the way forward (deploy of the live version at 100 %, then its gate). */
export const DRILL_FORWARD = 'drill-forward';

/** A version as the drill moves it: what the live pointer names, and the one before it. */
export interface DrillVersion {
  version: string;
  sha: string;
}

/** `production` only when the config's top level says `drill: { allow-production: true }`. */
export function refuseProtectedEnvironment(
  config: Pick<Config, 'drill' | 'file'>,
  environment: string,
): void {
  if (environment !== DRILL_PROTECTED_ENVIRONMENT || config.drill?.allowProduction) return;
  throw new InputError(
    `a drill rolls ${DRILL_PROTECTED_ENVIRONMENT} back on purpose, and ${config.file} does not allow that`,
    `run the drill against a staging environment (the \`environment\` input), or add \`drill: { allow-production: true }\` at the top level of ${config.file}`,
    `pass --environment staging, or add \`drill: { allow-production: true }\` at the top level of ${config.file}`,
  );
}

/** A release of the service that is paused holds it (it keeps its lease until promote or abort): the
 * drill must not move what is live under it. */
export function refuseWhilePaused(latest: AuditRecord | null, service: string): void {
  if (!isPaused(latest)) return;
  throw new UserError(
    `${service}: the release of ${latest!.version} (record ${latest!.id}) is paused; a drill would move what is live under it`,
    'end it first with `command: promote` or `command: abort`, then run the drill',
  );
}

/** What the drill moves between: what is live, and the version live before it; a clear refusal when
 * either is missing. The version before is given with its commit when the pointer knows it (else null:
 * the caller finds it in the records). */
export function drillVersions(
  live: LivePointer | null,
  service: string,
  environment: string,
): { live: DrillVersion; before: string; beforeSha: string | null } {
  if (!live)
    throw new InputError(
      `${service} has never been released to ${environment}: there is no live version to drill`,
      'release it first, or check the `service` and `environment` inputs',
    );
  const before = live['previous-version'];
  if (!before)
    throw new InputError(
      `${service}: no version was live in ${environment} before ${live.version}, so there is nothing to roll back to`,
      'release a second version first; a drill rolls back to the version before the live one and forward again',
    );
  if (before === live.version && live['previous-sha'] === live.sha)
    throw new InputError(
      `${service}: the version before ${live.version} in ${environment} is the same build`,
      'release a newer version first; a drill needs two different builds',
    );
  return {
    live: { version: live.version, sha: live.sha },
    before,
    beforeSha: live['previous-sha'] || null,
  };
}

/** The pointer once the version before is what is live (the way forward failed after it passed its gate,
 * or its own gate failed after the rollback command deployed it): it names the drill's record, with the
 * version the drill left as the one live before it. */
export function pointerOnVersionBefore(
  record: Pick<AuditRecord, 'id'>,
  live: DrillVersion,
  before: DrillVersion,
  now: string,
): LivePointer {
  return {
    version: before.version,
    sha: before.sha,
    record: record.id,
    'previous-version': live.version,
    'previous-sha': live.sha,
    'updated-at': now,
  };
}
