/** The plan's since-release step: each released service is compared with its own last successful release
 * rather than with the event's range, so a change whose release failed stays pending. */
import type { ChangeDetector } from '../core/detect.js';
import type { Git, Logger, ReleaseRoots } from '../core/ports.js';
import type { LivePointer } from '../core/record.js';
import type { Detection } from '../core/types.js';

export interface SinceRelease {
  /** What each service releases for: since its release where that could be told, else the event's. */
  detections: Map<string, Detection>;
  /** The live release each service of `detections` was compared with. */
  since: Map<string, LivePointer>;
}

/** Re-detects each live service over the range from its release to head. Services released at the same
 * commit are compared together; a release that is not an ancestor of head (another branch, rewritten
 * history) keeps the event's range. */
export async function detectSinceReleases(
  deps: { git: Git; log: Logger },
  detector: ChangeDetector,
  head: string,
  live: ReadonlyMap<string, LivePointer>,
  eventDetections: ReadonlyMap<string, Detection>,
): Promise<SinceRelease> {
  const result: SinceRelease = { detections: new Map(eventDetections), since: new Map() };
  const byRelease = servicesByRelease(live);
  const releases = [...byRelease.keys()];
  const ancestors = await deps.git.ancestorsAmong(
    releases.filter((commit) => commit !== head),
    head,
  );
  const compared: ReleaseRoots[] = [];
  for (const [commit, services] of byRelease) {
    if (commit === head || ancestors.has(commit)) {
      compared.push({ commit, roots: detector.releasingRoots(services) });
    } else {
      deps.log.info(
        `${services.join(', ')}: the live release ${commit.slice(0, 12)} is not an ancestor of ${head.slice(0, 12)}; using the event's range`,
      );
    }
  }
  // What changed since its release decides, whichever way it was found.
  for await (const { commit, files } of deps.git.changedSinceEach(compared, head)) {
    const found = detector.changes(files);
    for (const service of byRelease.get(commit)!) {
      const detection = found.get(service);
      if (detection) {
        result.detections.set(service, detection);
        result.since.set(service, live.get(service)!);
      } else result.detections.delete(service);
    }
  }
  return result;
}

/** The live services by the commit they were released at, in the order of `live`. */
function servicesByRelease(live: ReadonlyMap<string, LivePointer>): Map<string, string[]> {
  const byRelease = new Map<string, string[]>();
  for (const [service, pointer] of live) {
    const services = byRelease.get(pointer.sha);
    if (services) services.push(service);
    else byRelease.set(pointer.sha, [service]);
  }
  return byRelease;
}
