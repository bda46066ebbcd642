/** The `history` use case: what the audit log says, newest first. */
import type { AuditStore } from '../core/ports.js';
import type { AuditRecord, LivePointer } from '../core/record.js';
import { readJson } from './audit-log.js';

export async function readHistory(
  audit: AuditStore,
  options: { service?: string; limit: number },
): Promise<{
  records: AuditRecord[];
  live: Array<{ service: string; environment: string; pointer: LivePointer }>;
}> {
  const tree = await audit.snapshot();
  const paths = (await tree.list(options.service ? `records/${options.service}` : 'records'))
    // File names start with the start time, so the name orders the records in time across services.
    .sort((a, b) => (a.slice(a.lastIndexOf('/')) < b.slice(b.lastIndexOf('/')) ? 1 : -1))
    .slice(0, options.limit);
  const records = (await Promise.all(paths.map((p) => readJson<AuditRecord>(tree, p)))).filter(
    (r): r is AuditRecord => r !== null,
  );
  const pointers = (await tree.list('current')).flatMap((path) => {
    const [, environment, file] = path.split('/');
    const service = file!.replace(/\.json$/, '');
    return options.service && service !== options.service
      ? []
      : [{ path, service, environment: environment! }];
  });
  // Read together, so the store can read them in one go.
  const read = await Promise.all(pointers.map((p) => readJson<LivePointer>(tree, p.path)));
  const live = pointers.flatMap(({ service, environment }, i) => {
    const pointer = read[i];
    return pointer ? [{ service, environment, pointer }] : [];
  });
  return { records, live };
}
