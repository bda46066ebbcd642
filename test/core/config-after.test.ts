import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';

const FILE = '.github/monorepo-release.yml';
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;
const head = ['version: 1', 'defaults:', '  deploy: ./d.sh', 'services:'];

function diagnostics(text: string): string[] {
  return parseConfig(text, FILE).diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
}

describe('after and wait in the config', () => {
  it('reads after (absent when none) and wait (a service key replaces the default)', () => {
    const { config } = parseConfig(
      yaml(
        'version: 1',
        'defaults: { deploy: ./d.sh, wait: 30m }',
        'services:',
        '  api: { paths: [a/**] }',
        '  web: { paths: [w/**], after: [api], wait: 5m }',
      ),
      FILE,
    );
    expect(config!.services.map((s) => [s.name, s.after, s.waitMs])).toEqual([
      ['api', undefined, 30 * 60_000],
      ['web', ['api'], 5 * 60_000],
    ]);
  });

  it('a service after itself is a cycle of one', () => {
    expect(diagnostics(yaml(...head, '  api: { paths: [a/**], after: [api] }'))).toEqual([
      'error 5:33 release order cycle: api → api (each is "after" the next), so its release would wait for itself forever; remove one of these "after" entries',
    ]);
  });

  it('a name listed twice is a warning; a bad wait is an error at its value', () => {
    expect(
      diagnostics(
        yaml(...head, '  api: { paths: [a/**] }', '  web: { paths: [w/**], after: [api, api], wait: 5 }'),
      ),
    ).toEqual([
      'warning 6:38 "api" is listed twice in "services.web.after"; remove the second one',
      expect.stringMatching(/^error 6:50 .*services\.web\.wait/),
    ]);
  });
});
