/** Where each service of a config came from, in words: for `validate` and `plan --explain`, and for the
 * plan's reasons (`web ← ui-kit (package.json)`). */
import type { EdgeSource } from '../detect.js';
import type { Config } from '../types.js';

/** The manifest (its file name) behind each discovered `depends-on` edge; undefined without discovery. An
 * edge a `services:` entry replaced is the config's, not the manifest's. */
export function edgeSources(config: Pick<Config, 'origins'>): EdgeSource | undefined {
  const origins = config.origins;
  if (origins === undefined || origins.size === 0) return undefined;
  return (from, to) => {
    const origin = origins.get(from);
    if (origin === undefined || origin.overriddenBy.includes('depends-on')) return undefined;
    const manifest = origin.edges.find((edge) => edge.name === to)?.manifest;
    return manifest === undefined ? undefined : manifest.slice(manifest.lastIndexOf('/') + 1);
  };
}

/** One line per service: its name, where it came from, and what it depends on (and by which manifest).
 *
 *   web      discover[0] (workspaces: pnpm), line 3: apps/web/package.json
 *            depends on ui-kit (apps/web/package.json)
 *   api      services.api, line 9
 */
export function describeOrigins(config: Pick<Config, 'services' | 'origins' | 'positions' | 'file'>): string {
  const width = Math.min(24, Math.max(0, ...config.services.map((s) => s.name.length)));
  const indent = ' '.repeat(width + 2);
  const lines: string[] = [];
  for (const service of config.services) {
    const origin = config.origins?.get(service.name);
    const from = origin
      ? `${origin.rule}, line ${origin.ruleLine}: ${origin.manifest ?? `${origin.dir}/`}` +
        (origin.overriddenBy.length > 0
          ? `; services.${service.name} sets ${origin.overriddenBy.join(', ')}`
          : '')
      : `services.${service.name}, line ${config.positions.get(`/services/${service.name}`)?.line ?? '?'}`;
    lines.push(`${service.name.padEnd(width)}  ${from}${service.deploy === false ? ' (library)' : ''}`);
    if (service.dependsOn.length === 0) continue;
    const manifestOf = origin && !origin.overriddenBy.includes('depends-on') ? origin.edges : [];
    const deps = service.dependsOn.map((dep) => {
      const manifest = manifestOf.find((edge) => edge.name === dep)?.manifest;
      return manifest ? `${dep} (${manifest})` : dep;
    });
    lines.push(`${indent}depends on ${deps.join(', ')}`);
  }
  return `${config.services.length} service(s) in ${config.file}:\n${lines.join('\n')}\n`;
}
