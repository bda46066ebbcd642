/** Which services a set of changed files releases, and why. */
import { dependencyClosure, dependentsOf, type DependencyMap } from './graph.js';
import { includeBase } from './glob.js';
import { compilePathIndex, type PathIndex } from './path-index.js';
import type { CommitInfo, Config, Detection } from './types.js';

type Services = Pick<Config, 'services' | 'shared'>;

interface Tally {
  count: number;
  /** The smallest file in code-unit order, so the reason does not depend on diff order. */
  first: string;
}

interface Tallies {
  byService: Map<string, Tally>;
  shared: Tally | undefined;
}

/** Counts the files matching each service (by position; the last slot is `shared`), in arrays: this
 * loop runs once per changed file. Only the slots a file touched are read back, so a commit of one file
 * costs that file, not the services (versions detect once per commit in the history). */
function tallyFiles(config: Services, index: PathIndex, files: readonly string[]): Tallies {
  const slots = config.services.length + 1;
  const counts = new Int32Array(slots);
  const firsts = new Array<string>(slots);
  const touched: number[] = [];
  for (let f = 0; f < files.length; f++) {
    const file = files[f]!;
    const owned = index.matchOwners(file);
    for (let i = 0; i < owned; i++) {
      const owner = index.owners[i]!;
      if (counts[owner]!++ === 0) {
        touched.push(owner);
        firsts[owner] = file;
      } else if (file < firsts[owner]!) firsts[owner] = file;
    }
  }
  touched.sort((a, b) => a - b);
  const byService = new Map<string, Tally>();
  let shared: Tally | undefined;
  for (const slot of touched) {
    const tally = { count: counts[slot]!, first: firsts[slot]! };
    if (slot === slots - 1) shared = tally;
    else byService.set(config.services[slot]!.name, tally);
  }
  return { byService, shared };
}

/** What detection needs of the `depends-on` graph. */
interface ServiceGraph {
  deps: DependencyMap;
  dependents: Map<string, string[]>;
  /** Each service's place in the config: results come in config order. */
  position: Map<string, number>;
}

function graphOf(config: Pick<Config, 'services'>): ServiceGraph {
  const deps: DependencyMap = new Map(config.services.map((s) => [s.name, s.dependsOn]));
  const position = new Map(config.services.map((s, i) => [s.name, i]));
  return { deps, dependents: dependentsOf(deps), position };
}

/** Breadth-first distances from the directly changed services to the services depending on them. */
function distancesToChange(
  dependents: ReadonlyMap<string, readonly string[]>,
  changed: Iterable<string>,
): Map<string, number> {
  const distance = new Map<string, number>();
  const queue: string[] = [];
  for (const name of changed) {
    distance.set(name, 0);
    queue.push(name);
  }
  for (let head = 0; head < queue.length; head++) {
    const name = queue[head]!;
    for (const dependent of dependents.get(name) ?? []) {
      if (distance.has(dependent)) continue;
      distance.set(dependent, distance.get(name)! + 1);
      queue.push(dependent);
    }
  }
  return distance;
}

/** For each service reached through dependencies, its shortest chain to a changed file. Among equally
 * short chains, the one through the earliest entry of its own `depends-on` list wins. */
function dependencyDetections(graph: ServiceGraph, direct: Map<string, Tally>): Map<string, Detection> {
  const { deps, dependents, position } = graph;
  const distance = distancesToChange(dependents, direct.keys());
  const found = new Map<string, Detection>();
  const chainOf = (name: string): Detection => {
    const known = found.get(name);
    if (known) return known;
    const tally = direct.get(name);
    if (tally) return { kind: 'paths', chain: [name, tally.first], files: tally.count };
    const step = distance.get(name)! - 1;
    const next = deps.get(name)!.find((dep) => distance.get(dep) === step)!;
    const via = chainOf(next);
    const detection: Detection = { kind: 'dependency', chain: [name, ...via.chain], files: via.files };
    found.set(name, detection);
    return detection;
  };
  // Nearest first, so each chain extends one already built and recursion stays one level deep.
  const reached = [...distance.keys()]
    .filter((name) => !direct.has(name))
    .sort((a, b) => distance.get(a)! - distance.get(b)! || position.get(a)! - position.get(b)!);
  for (const name of reached) chainOf(name);
  return found;
}

/** A config's path index and `depends-on` graph, compiled once for the many questions a plan or a release
 * asks about it. */
export class ChangeDetector {
  readonly index: PathIndex;
  private readonly graph: ServiceGraph;
  /** The services each commit touches, by SHA: the commits since a release are asked about once per
   * service released there. */
  private readonly touchedByCommit = new Map<string, Set<string>>();
  /** Worked out on the first releasingRoots question: a plan with no release asks none. */
  private bases: LiteralBases | undefined;

  constructor(private readonly config: Services) {
    this.index = compilePathIndex(config);
    this.graph = graphOf(config);
  }

  /** The services a set of changed files releases, in config order: a file under the service's own paths
   * (kind `paths`), else under `shared` (kind `shared`), else under a service it depends on, transitively
   * (kind `dependency`, with the shortest chain). Libraries (`deploy: false`) are included and propagate;
   * the caller leaves them out of the matrix. `files` counts the files behind the chain's last link.
   * Cost: files × path depth + the services they reach (all of them when `shared` changed). */
  changes(files: readonly string[]): Map<string, Detection> {
    const { config } = this;
    const { byService, shared } = tallyFiles(config, this.index, files);
    const result = new Map<string, Detection>();
    if (shared) {
      for (const { name } of config.services) {
        const own = byService.get(name);
        if (own) result.set(name, { kind: 'paths', chain: [name, own.first], files: own.count });
        else result.set(name, { kind: 'shared', chain: [name, shared.first], files: shared.count });
      }
      return result;
    }
    if (byService.size === 0) return result;
    const viaDependency = dependencyDetections(this.graph, byService);
    const { position } = this.graph;
    const names = [...byService.keys(), ...viaDependency.keys()].sort(
      (a, b) => position.get(a)! - position.get(b)!,
    );
    for (const name of names) {
      const own = byService.get(name);
      result.set(
        name,
        own ? { kind: 'paths', chain: [name, own.first], files: own.count } : viaDependency.get(name)!,
      );
    }
    return result;
  }

  /** Whether the commit touches the service's own paths, the paths of a service it depends on
   * (transitively) or `shared`: the commits that count for its next version. */
  touchesService(service: string, commit: Pick<CommitInfo, 'sha' | 'files'>): boolean {
    let touched = this.touchedByCommit.get(commit.sha);
    if (!touched) {
      touched = new Set(this.changes(commit.files).keys());
      this.touchedByCommit.set(commit.sha, touched);
    }
    return touched.has(service);
  }

  /** Literal paths at or under which lie all the files that can release these services: those of their
   * own paths, of every service they depend on (transitively) and of `shared`. A diff limited to them
   * detects these services exactly as the whole diff does. None lies under another, so a file lies under
   * at most one. Null when some such pattern has no literal base. */
  releasingRoots(services: Iterable<string>): string[] | null {
    this.bases ??= literalBases(this.config);
    const { shared, own } = this.bases;
    if (shared === null) return null;
    const reach = new Set<string>();
    for (const service of services) {
      for (const name of dependencyClosure(this.graph.deps, service)) reach.add(name);
    }
    const roots = new Set(shared);
    for (const name of reach) {
      const bases = own.get(name);
      if (bases === null) return null;
      for (const base of bases ?? []) roots.add(base);
    }
    return outermost(roots);
  }
}

/** The literal bases of `shared` and of each service's include patterns; null where a pattern has none. */
interface LiteralBases {
  shared: string[] | null;
  own: Map<string, string[] | null>;
}

function literalBases(config: Services): LiteralBases {
  const basesOf = (patterns: readonly string[]): string[] | null => {
    const bases: string[] = [];
    for (const pattern of patterns) {
      const base = includeBase(pattern);
      if (base === '') return null;
      if (base !== null) bases.push(base);
    }
    return bases;
  };
  return {
    shared: basesOf(config.shared),
    own: new Map(config.services.map((s) => [s.name, basesOf(s.paths)])),
  };
}

/** The roots that lie under no other. Paths that share a prefix sort together, so with a `/` after each,
 * a root's descendants follow it directly. */
function outermost(roots: Iterable<string>): string[] {
  const kept: string[] = [];
  for (const dir of [...roots].map((root) => `${root}/`).sort()) {
    if (kept.length === 0 || !dir.startsWith(kept[kept.length - 1]!)) kept.push(dir);
  }
  return kept.map((dir) => dir.slice(0, -1));
}

/** What declares the `depends-on` edge from one service to another, when a manifest does (`package.json`). */
export type EdgeSource = (from: string, to: string) => string | undefined;

/** `web ← common ← libs/common/x.ts (+2 more files)`. `extra` overrides how many more files to mention
 * (default: the detection's file count minus the one shown). With `edges`, a discovered edge names its
 * manifest: `web ← ui-kit (package.json) ← packages/ui-kit/x.ts`. */
export function formatReason(detection: Detection, extra?: number, edges?: EdgeSource): string {
  const more = extra ?? detection.files - 1;
  const links = detection.chain;
  // The last link is the file (or the tag, the cause); the ones before it are services.
  const chain = links
    .map((link, i) => {
      const source = edges && i > 0 && i < links.length - 1 ? edges(links[i - 1]!, link) : undefined;
      return source ? `${link} (${source})` : link;
    })
    .join(' ← ');
  return more > 0 ? `${chain} (+${more} more file${more === 1 ? '' : 's'})` : chain;
}
