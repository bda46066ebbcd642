/** Release order (`after`): which services of a plan each one waits for, the matrix order that puts them
 * first, and the picture of it in the plan summary. `after` orders releases only; which services are in a
 * plan stays the business of `depends-on` and the changed files. */
import { dependencyClosure, type DependencyMap } from './graph.js';
import type { ServiceConfig } from './types.js';

/** Each service's `after` list, as a graph (services without one are left out). */
export function afterGraph(services: readonly ServiceConfig[]): DependencyMap {
  return new Map(services.filter((s) => (s.after ?? []).length > 0).map((s) => [s.name, s.after!]));
}

/** The services `service` is after, directly or through others (itself not included). */
export function providersOf(graph: DependencyMap, service: string): string[] {
  const all = dependencyClosure(graph, service);
  all.delete(service);
  return [...all];
}

/** The way from `service` to one of the services it is after, both included (`['c', 'b', 'a']`: c is after b,
 * which is after a); empty when there is none. */
export function afterPath(graph: DependencyMap, service: string, provider: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [service];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === provider) {
      const path = [provider];
      while (path[0] !== service) path.unshift(cameFrom.get(path[0]!)!);
      return path;
    }
    for (const next of graph.get(current) ?? []) {
      if (next === service || cameFrom.has(next)) continue;
      cameFrom.set(next, current);
      queue.push(next);
    }
  }
  return [];
}

/** For each planned service, the planned services it waits for, transitively reduced: `c after b`,
 * `b after a` gives c [b], not [a, b] (b waits for a already). A service that is not in the plan still
 * passes the order on: `c after b after a` with only a and c planned gives c [a] (b is live, so c's wait
 * for b is over, but b's own order says a comes first, and c is after everything b is after). */
export function waitsInPlan(graph: DependencyMap, planned: readonly string[]): Map<string, string[]> {
  const inPlan = new Set(planned);
  const position = new Map(planned.map((name, index) => [name, index]));
  const closures = new Map<string, Set<string>>();
  const reaches = (from: string, to: string): boolean => {
    if (!closures.has(from)) closures.set(from, dependencyClosure(graph, from));
    return closures.get(from)!.has(to);
  };
  const waits = new Map<string, string[]>();
  for (const service of planned) {
    const nearest = nearestPlanned(graph, service, inPlan);
    // One that another of them waits for already is implied: left out.
    const direct = nearest.filter((p) => !nearest.some((other) => other !== p && reaches(other, p)));
    // In plan order, so the matrix reads the same way on every run.
    waits.set(
      service,
      direct.sort((a, b) => position.get(a)! - position.get(b)!),
    );
  }
  return waits;
}

/** The planned services `service` is after directly, or through services that are not planned (the
 * search stops at a planned one: what lies beyond it is that one's to wait for). */
function nearestPlanned(graph: DependencyMap, service: string, inPlan: ReadonlySet<string>): string[] {
  const seen = new Set<string>([service]);
  const found: string[] = [];
  const queue = [service];
  while (queue.length > 0) {
    for (const next of graph.get(queue.shift()!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      if (inPlan.has(next)) found.push(next);
      else queue.push(next);
    }
  }
  return found;
}

/** The planned services in an order where each comes after those it waits for; otherwise as given (a
 * service is moved only as far forward as its providers need: they are placed just before it). With
 * `max-parallel`, GitHub starts matrix jobs in this order, so a waiting job's providers always started
 * before it: the earliest unfinished job never waits for a job that has not started, and there is no
 * deadlock. */
export function releaseOrder(
  planned: readonly string[],
  waits: ReadonlyMap<string, readonly string[]>,
): string[] {
  const placed = new Set<string>();
  const order: string[] = [];
  for (const start of planned) {
    // Depth first, providers before the service; iterative, so a long chain cannot overflow the stack.
    const stack = [{ service: start, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const providers = waits.get(top.service) ?? [];
      if (top.next < providers.length) {
        const provider = providers[top.next++]!;
        if (!placed.has(provider)) stack.push({ service: provider, next: 0 });
        continue;
      }
      stack.pop();
      if (!placed.has(top.service)) {
        placed.add(top.service);
        order.push(top.service);
      }
    }
  }
  return order;
}

/** The order as a mermaid graph (an arrow from each provider to the service that waits for it), or null
 * when no planned service waits for another. Only the services in an arrow are drawn. Service names are
 * of a plain alphabet (names.ts), so they are safe as quoted labels; node ids are indexes, since some
 * names (`end`) are words of mermaid. */
export function renderOrderGraph(
  order: readonly string[],
  waits: ReadonlyMap<string, readonly string[]>,
): string | null {
  const edges = order.flatMap((service) => (waits.get(service) ?? []).map((p) => [p, service] as const));
  if (edges.length === 0) return null;
  const drawn = order.filter((s) => edges.some(([from, to]) => from === s || to === s));
  const id = new Map(drawn.map((s, i) => [s, `s${i}`]));
  return [
    '```mermaid',
    'graph LR',
    ...drawn.map((s) => `  ${id.get(s)}["${s}"]`),
    ...edges.map(([from, to]) => `  ${id.get(from)} --> ${id.get(to)}`),
    '```',
  ].join('\n');
}

/** The planned services in release order, each with the planned services it waits for. */
export function inReleaseOrder<T extends { service: string }>(
  services: readonly ServiceConfig[],
  planned: readonly T[],
): Array<T & { after: string[] }> {
  const names = planned.map((p) => p.service);
  const waits = waitsInPlan(afterGraph(services), names);
  const byName = new Map(planned.map((p) => [p.service, p]));
  return releaseOrder(names, waits).map((name) => ({ ...byName.get(name)!, after: waits.get(name)! }));
}
