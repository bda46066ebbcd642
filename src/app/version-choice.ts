/** One version names one build. The version in a plan's matrix is a proposal: when a release claims its
 * service, a proposal that another build holds — its claim, a record or a live pointer on the audit
 * branch, its tag on origin — moves on to the next free version; a version given by hand is refused. The
 * release's first record write claims the chosen version in the same compare-and-swap commit
 * (RecordWriter `claimVersion`), so two releases that chose one version at once cannot both keep it. */
import { ChangeDetector } from '../core/detect.js';
import { InputError, UserError } from '../core/errors.js';
import type { AuditTree, Git, TagPusher } from '../core/ports.js';
import {
  claimedVersionOf,
  versionClaimPath,
  versionClaimsDir,
  type AuditRecord,
  type LatestPointer,
  type LivePointer,
  type VersionClaim,
} from '../core/record.js';
import type { Bump, Config } from '../core/types.js';
import {
  bumpSinceBuild,
  formatTag,
  newestVersion,
  nextFreeVersion,
  serviceReleases,
  tagGlob,
  takenBy,
  type VersionHolder,
} from '../core/versions.js';
import { readJson } from './audit-log.js';

export interface VersionChoice {
  /** The version to release. */
  version: string;
  /** Why it is not the proposal ('' when it is): for the log and the summary. */
  note: string;
}

export interface VersionRequest {
  config: Config;
  service: string;
  proposal: string;
  sha: string;
  /** The version came from a tag push or a workflow_dispatch input, not from a plan. */
  byHand: boolean;
  /** The audit branch as the release read it. */
  tree: AuditTree;
}

export async function chooseVersion(
  deps: { git: Git; tags: TagPusher },
  request: VersionRequest,
): Promise<VersionChoice> {
  const { config, service, proposal, sha, tree } = request;
  // The version is the commit itself: no two builds can share it.
  if (config.versioning !== 'conventional') return { version: proposal, note: '' };
  const [tags, pointers, proposalClaim] = await Promise.all([
    tagHolders(deps.tags, config, service),
    pointerHolders(tree, service),
    claimHolders(tree, service, [versionClaimPath(service, proposal)]),
  ]);
  const holder = takenBy(proposal, sha, [...proposalClaim, ...tags, ...pointers]);
  if (!holder) return { version: proposal, note: '' };

  const holders = [...(await allClaimHolders(tree, service)), ...tags, ...pointers];
  const taken = `${proposal} is taken by ${short(holder.sha)} (${holder.what})`;
  const others = holders.filter((h) => h.sha !== sha);
  if (request.byHand) {
    throw new InputError(
      `${service}: version ${taken}; one version names one build, so this commit (${short(sha)}) cannot be released as ${proposal}`,
      `release this commit under a version no other build holds (the next free one is ${nextFreeVersion(proposal, versionsOf(others))}): pass it as \`version\`, or push the tag ${formatTag(config.tag, service, '<version>')} for it (delete a tag pushed by mistake with \`git push origin :refs/tags/<tag>\`)`,
    );
  }
  // A re-run of a build that took another version before (or the same build in a second environment).
  const own = newestVersion(holders.filter((h) => h.sha === sha).map((h) => h.version));
  if (own) return { version: own, note: `${taken}; this commit was released as ${own}` };
  if (await deps.git.isAncestor(sha, holder.sha)) {
    throw new UserError(
      `${service}: version ${taken}, a later commit that already includes this one (${short(sha)}); an older build never deploys under a version a newer one holds`,
      `nothing to do: ${short(holder.sha)} ships this commit's changes. To put an older build live on purpose, use \`command: rollback\``,
    );
  }
  const bump = await bumpSinceTaken(deps.git, config, service, sha, [newestHolder(others) ?? holder, holder]);
  const version = nextFreeVersion(proposal, versionsOf(others), bump);
  return { version, note: `${taken}; releasing as ${version}` };
}

/** What the commits since a build that holds a version ask for, counted from the first of `from` that is
 * an ancestor of this commit (the newest version's build, else the proposal's holder); undefined when
 * none is (then the proposal's own bump applies). */
async function bumpSinceTaken(
  git: Git,
  config: Config,
  service: string,
  sha: string,
  from: readonly VersionHolder[],
): Promise<Bump | undefined> {
  const ancestors = await git.ancestorsAmong([...new Set(from.map((h) => h.sha))], sha);
  const base = from.find((h) => ancestors.has(h.sha));
  if (!base) return undefined;
  const detector = new ChangeDetector(config);
  const messages = (await git.log(base.sha, sha))
    .filter((commit) => detector.touchesService(service, commit))
    .map((commit) => commit.message);
  return bumpSinceBuild(messages);
}

/** The service's tags on origin, where a version may have been tagged by hand. */
async function tagHolders(tags: TagPusher, config: Config, service: string): Promise<VersionHolder[]> {
  const listed = await tags.listTags(tagGlob(config.tag, service));
  return serviceReleases(config.tag, service, listed).map((release) => ({
    version: release.version,
    sha: release.sha,
    what: `tag ${release.tag}`,
  }));
}

async function allClaimHolders(tree: AuditTree, service: string): Promise<VersionHolder[]> {
  return claimHolders(tree, service, await tree.list(versionClaimsDir(service)));
}

async function claimHolders(
  tree: AuditTree,
  service: string,
  paths: readonly string[],
): Promise<VersionHolder[]> {
  const holders = await Promise.all(
    paths.map(async (path) => {
      const version = claimedVersionOf(service, path);
      const claim = version === null ? null : await readJson<VersionClaim>(tree, path);
      return claim ? [{ version: version!, sha: claim.sha, what: `record ${claim.record}` }] : [];
    }),
  );
  return holders.flat();
}

/** What is live, and the newest release record, in each environment: they hold versions claimed before
 * the audit branch had claims. */
async function pointerHolders(tree: AuditTree, service: string): Promise<VersionHolder[]> {
  const [current, latest] = await Promise.all([tree.list('current'), tree.list('latest')]);
  const live = await Promise.all(
    ofService(current, service).map(async ({ path, environment }) => {
      const pointer = await readJson<LivePointer>(tree, path);
      return pointer ? [{ version: pointer.version, sha: pointer.sha, what: `live in ${environment}` }] : [];
    }),
  );
  const records = await Promise.all(
    ofService(latest, service).map(async ({ path }) => {
      const pointer = await readJson<LatestPointer>(tree, path);
      const record = pointer ? await readJson<AuditRecord>(tree, pointer.path) : null;
      if (record?.kind !== 'release') return [];
      return [{ version: record.version, sha: record.sha, what: `record ${record.id}` }];
    }),
  );
  return [...live, ...records].flat();
}

/** The `<dir>/<environment>/<service>.json` pointers among the paths. */
function ofService(paths: readonly string[], service: string): Array<{ path: string; environment: string }> {
  return paths.flatMap((path) => {
    const parts = path.split('/');
    return parts.length === 3 && parts[2] === `${service}.json` ? [{ path, environment: parts[1]! }] : [];
  });
}

function newestHolder(holders: readonly VersionHolder[]): VersionHolder | null {
  const newest = newestVersion(versionsOf(holders));
  return holders.find((h) => h.version === newest) ?? null;
}

function versionsOf(holders: readonly VersionHolder[]): string[] {
  return holders.map((h) => h.version);
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
