/** The `depends-on` graph between services. */

export type DependencyMap = ReadonlyMap<string, readonly string[]>;

/** One cycle in the graph as a closed path (`['a', 'b', 'a']`), or null when there is none.
 * Iterative depth-first search so a 10,000-deep chain cannot overflow the stack. */
export function findCycle(deps: DependencyMap): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of deps.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    state.set(start, 'open');
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = deps.get(top.node) ?? [];
      if (top.next >= edges.length) {
        state.set(top.node, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const child = edges[top.next++]!;
      if (!deps.has(child)) continue;
      const seen = state.get(child);
      if (seen === 'open') return [...path.slice(path.indexOf(child)), child];
      if (seen === 'done') continue;
      state.set(child, 'open');
      path.push(child);
      stack.push({ node: child, next: 0 });
    }
  }
  return null;
}

/** Reverse edges: for each service, the services that depend on it directly. */
export function dependentsOf(deps: DependencyMap): Map<string, string[]> {
  const reverse = new Map<string, string[]>();
  // forEach: no [key, value] array per entry (10,000 services).
  deps.forEach((_, name) => reverse.set(name, []));
  deps.forEach((targets, name) => {
    for (let i = 0; i < targets.length; i++) reverse.get(targets[i]!)?.push(name);
  });
  return reverse;
}

/** Every service reachable from `start` through `depends-on` (start included). */
export function dependencyClosure(deps: DependencyMap, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of deps.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
