/** The config keys of drills and notifications: `drill: { allow-production }` at the top level, `notify:`
 * in `defaults` or per service; every mistake at its line and column. And the drill's own rules. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import { drillVersions, refuseProtectedEnvironment, refuseWhilePaused } from '../../src/core/drill.js';
import { InputError, UserError } from '../../src/core/errors.js';
import type { AuditRecord, LivePointer } from '../../src/core/record.js';

const FILE = '.github/monorepo-release.yml';
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;
const parse = (text: string) => parseConfig(text, FILE);
const errorsOf = (text: string): string[] =>
  parse(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.column} ${d.message}`);

const SERVICES = [
  'services:',
  '  api:',
  '    paths: [services/api/**]',
  '  web:',
  '    paths: [services/web/**]',
  '    notify: ./scripts/web-notify.sh',
];

describe('drill: { allow-production }', () => {
  it('is false when absent, true when the config says so', () => {
    const base = yaml('version: 1', 'defaults:', '  deploy: ./d.sh', ...SERVICES);
    expect(parse(base).config!.drill).toEqual({ allowProduction: false });
    const allowed = yaml(
      'version: 1',
      'drill:',
      '  allow-production: true',
      'defaults:',
      '  deploy: ./d.sh',
      ...SERVICES,
    );
    expect(parse(allowed).config!.drill).toEqual({ allowProduction: true });
  });

  it('reports a wrong type, an unknown key and a drill that is not a mapping at their line and column', () => {
    expect(
      errorsOf(
        yaml(
          'version: 1',
          'drill:',
          '  allow-production: yes please',
          'defaults:',
          '  deploy: ./d.sh',
          ...SERVICES,
        ),
      ),
    ).toEqual([expect.stringMatching(/^3:21 .*allow-production.*true or false/)]);
    expect(
      errorsOf(
        yaml('version: 1', 'drill:', '  allow-prod: true', 'defaults:', '  deploy: ./d.sh', ...SERVICES),
      ),
    ).toEqual([expect.stringMatching(/^3:3 .*allow-prod.*allow-production/)]);
    expect(errorsOf(yaml('version: 1', 'drill: true', 'defaults:', '  deploy: ./d.sh', ...SERVICES))).toEqual(
      [expect.stringMatching(/^2:8 .*allow-production: true/)],
    );
  });
});

describe('notify', () => {
  it('comes from defaults, and a service’s own replaces it', () => {
    const config = parse(
      yaml('version: 1', 'defaults:', '  deploy: ./d.sh', '  notify: ./scripts/notify.sh', ...SERVICES),
    ).config!;
    expect(config.services.map((s) => [s.name, s.notify])).toEqual([
      ['api', './scripts/notify.sh'],
      ['web', './scripts/web-notify.sh'],
    ]);
    const none = parse(yaml('version: 1', 'defaults:', '  deploy: ./d.sh', ...SERVICES.slice(0, 3))).config!;
    expect(none.services[0]!.notify).toBeUndefined();
  });

  it('must be a command line', () => {
    expect(
      errorsOf(yaml('version: 1', 'defaults:', '  deploy: ./d.sh', '  notify: [a, b]', ...SERVICES)),
    ).toEqual([expect.stringMatching(/^4:11 .*notify.*a command line, like \.\/scripts\/notify\.sh/)]);
  });
});

const pointer = (fields: Partial<LivePointer>): LivePointer => ({
  version: '1.1.0',
  sha: 'b'.repeat(40),
  record: 'r2',
  'previous-version': '1.0.0',
  'previous-sha': 'a'.repeat(40),
  'updated-at': '2026-12-01T00:00:00.000Z',
  ...fields,
});

describe('the drill’s rules', () => {
  it('refuses production unless allowed, and nothing else', () => {
    const config = { file: FILE, drill: { allowProduction: false } };
    expect(() => refuseProtectedEnvironment(config, 'production')).toThrow(InputError);
    expect(() => refuseProtectedEnvironment(config, 'staging')).not.toThrow();
    expect(() => refuseProtectedEnvironment({ file: FILE }, 'production')).toThrow(/does not allow that/);
    expect(() =>
      refuseProtectedEnvironment({ file: FILE, drill: { allowProduction: true } }, 'production'),
    ).not.toThrow();
  });

  it('refuses while the newest record is a paused release, by that word', () => {
    const paused = { id: 'r3', version: '1.2.0', outcome: 'paused' } as unknown as AuditRecord;
    expect(() => refuseWhilePaused(paused, 'api')).toThrow(UserError);
    expect(() => refuseWhilePaused(paused, 'api')).toThrow(/release of 1\.2\.0 \(record r3\) is paused/);
    expect(() => refuseWhilePaused({ ...paused, outcome: 'released' }, 'api')).not.toThrow();
    expect(() => refuseWhilePaused(null, 'api')).not.toThrow();
  });

  it('needs a live version and a different build before it', () => {
    expect(drillVersions(pointer({}), 'api', 'staging')).toEqual({
      live: { version: '1.1.0', sha: 'b'.repeat(40) },
      before: '1.0.0',
      beforeSha: 'a'.repeat(40),
    });
    expect(() => drillVersions(null, 'api', 'staging')).toThrow(/never been released to staging/);
    expect(() => drillVersions(pointer({ 'previous-version': '' }), 'api', 'staging')).toThrow(
      /no version was live in staging before 1\.1\.0/,
    );
    expect(() =>
      drillVersions(
        pointer({ 'previous-version': '1.1.0', 'previous-sha': 'b'.repeat(40) }),
        'api',
        'staging',
      ),
    ).toThrow(/same build/);
  });
});
