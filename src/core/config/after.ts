/** A service's `after` list: the services it is released after when both are in one plan. It orders
 * releases only (change detection stays `depends-on`'s job), so it may only name services that are
 * released themselves, and may not go round in a circle (each release would wait for the other). */
import { findCycle } from '../graph.js';
import { suggest } from '../suggest.js';
import type { Reader, Value } from './reader.js';
import type { ServiceDraft } from './services.js';
import { quote } from './value.js';

export function readAfter(r: Reader, v: Value): ServiceDraft['after'] {
  const items = r.list(v, 'a list of service names, like [api]');
  if (items === null) return [];
  const after: ServiceDraft['after'] = [];
  for (const item of items) {
    const name = r.string(item, 'a service name');
    if (name === undefined) continue;
    if (after.some((a) => a.name === name)) {
      r.warning(item.pos, `${quote(name)} is listed twice in ${quote(v.label)}; remove the second one`);
      continue;
    }
    after.push({ name, value: item });
  }
  return after;
}

/** Every `after` names a deployable service of this file, and no service waits for itself, even through
 * others. Each mistake is reported at the list item that makes it. */
export function checkAfter(
  r: Reader,
  drafts: ServiceDraft[],
  isLibrary: (draft: ServiceDraft) => boolean,
): void {
  const byName = new Map(drafts.map((d) => [d.name, d]));
  const deployable = drafts.filter((d) => !isLibrary(d)).map((d) => d.name);
  for (const draft of drafts) {
    for (const provider of draft.after) {
      const named = byName.get(provider.name);
      if (named === undefined) {
        const guess = suggest(provider.name, deployable);
        r.error(
          provider.value.pos,
          `service ${quote(draft.name)} is after ${quote(provider.name)}, which is not a service in this file` +
            `${guess ? `; did you mean ${quote(guess)}?` : '.'} Deployable services: ${deployable.join(', ')}`,
        );
      } else if (isLibrary(named)) {
        r.error(
          provider.value.pos,
          `service ${quote(draft.name)} is after ${quote(provider.name)}, a library (deploy: false) that is never ` +
            `released, so there is nothing to wait for; to release ${quote(draft.name)} when ` +
            `${quote(provider.name)} changes, use "depends-on: [${provider.name}]" instead`,
        );
      }
    }
  }
  reportCycle(r, drafts);
}

function reportCycle(r: Reader, drafts: ServiceDraft[]): void {
  // Only a service with an `after` can be on a cycle.
  const graph = new Map(
    drafts.filter((d) => d.after.length > 0).map((d) => [d.name, d.after.map((a) => a.name)]),
  );
  const cycle = findCycle(graph);
  if (cycle === null) return;
  const first = drafts.find((d) => d.name === cycle[0])!;
  const link = first.after.find((a) => a.name === cycle[1])!;
  r.error(
    link.value.pos,
    `release order cycle: ${cycle.join(' → ')} (each is "after" the next), so ` +
      `${cycle.length === 2 ? 'its release would wait for itself' : 'each release would wait for another'} ` +
      `forever; remove one of these "after" entries`,
  );
}
