/** The config against its repository: what a config with errors still offers the path check, the
 * branches that hold code, and the errors for `audit.branch` and for a config path that is no file. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/parse.js';
import { auditBranchProblem, codeBranches, notARegularFile } from '../../src/core/config/repository.js';
import type { Config } from '../../src/core/types.js';

const FILE = '.github/monorepo-release.yml';

function valid(text: string): Config {
  const { config, diagnostics } = parseConfig(text, FILE);
  expect(diagnostics).toEqual([]);
  return config!;
}

describe('ParsedConfig.paths', () => {
  it('is the config itself when it is valid', () => {
    const parsed = parseConfig(
      'version: 1\nservices:\n  api:\n    paths: [a/**]\n    deploy: ./d.sh\n',
      FILE,
    );
    expect(parsed.paths).toBe(parsed.config);
  });

  it('keeps the services and patterns that could be read from a config with errors', () => {
    const text = [
      'version: 1',
      'defualts: {}', // unknown key
      'defaults:',
      '  deploy: ./d.sh',
      'services:',
      '  api:',
      '    paths: [services/api/**]',
      '    depends-on: [nope]', // unknown service
      '  lib:',
      '    paths: [libs/**]',
      '    deploy: false',
      '  broken:',
      '    paths: [ok/**, 3]', // a pattern that cannot be read: the service has none
      '  nodeploy:',
      '    paths: [x/**]',
      '    timeout: soon', // wrong type
    ].join('\n');
    const parsed = parseConfig(text, FILE);
    expect(parsed.config).toBeNull();
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(4);
    expect(parsed.paths!.services).toEqual([
      { name: 'api', paths: ['services/api/**'], deploy: '' },
      { name: 'lib', paths: ['libs/**'], deploy: false },
      { name: 'broken', paths: [], deploy: '' },
      { name: 'nodeploy', paths: ['x/**'], deploy: '' },
    ]);
    expect(parsed.paths!.positions.get('/services/api/paths')).toEqual({ line: 7, column: 5 });
  });

  it('is null when nothing could be read as a config', () => {
    for (const text of ['[1, 2]', 'version: 2\nservices: {}', 'services: [', '']) {
      expect(parseConfig(text, FILE).paths, text).toBeNull();
    }
  });
});

describe('codeBranches', () => {
  const names = (facts: Parameters<typeof codeBranches>[0]) => codeBranches(facts).map((b) => b.name);

  it('the default branch from origin/HEAD, the push branch and a pull request base', () => {
    expect(names({ defaultBranch: 'trunk', ref: 'refs/heads/dev' })).toEqual(['trunk', 'dev']);
    expect(
      names({
        defaultBranch: 'main',
        ref: 'refs/pull/1/merge',
        payload: { pull_request: { base: { ref: 'rel' } } },
      }),
    ).toEqual(['main', 'rel']);
  });

  it("the event's default branch when origin/HEAD is not set, else main and master", () => {
    expect(names({ defaultBranch: null, payload: { repository: { default_branch: 'trunk' } } })).toEqual([
      'trunk',
    ]);
    expect(names({ defaultBranch: null })).toEqual(['main', 'master']);
  });

  it('ignores a tag ref and payload values that are not names', () => {
    expect(
      names({
        defaultBranch: 'main',
        ref: 'refs/tags/api@v1.0.0',
        payload: { pull_request: { base: { ref: 7 } }, repository: { default_branch: '' } },
      }),
    ).toEqual(['main']);
    expect(names({ defaultBranch: 'main', payload: 'not an object' })).toEqual(['main']);
  });
});

describe('auditBranchProblem', () => {
  const SERVICES = 'services:\n  api:\n    paths: [a/**]\n    deploy: ./d.sh\n';

  it('is an error at `audit.branch` naming how the branch is known', () => {
    const config = valid(`version: 1\n${SERVICES}audit:\n  branch: main\n`);
    const problem = auditBranchProblem(config, codeBranches({ defaultBranch: 'main' }));
    expect(problem).toMatchObject({ severity: 'error', file: FILE, line: 7, column: 11 });
    expect(problem!.message).toMatch(
      /^audit\.branch "main" is the repository's default branch \(origin\/HEAD\);/,
    );
  });

  it('the default audit branch, or one of its own, is no problem', () => {
    const branches = codeBranches({ defaultBranch: 'main', ref: 'refs/heads/dev' });
    expect(auditBranchProblem(valid(`version: 1\n${SERVICES}`), branches)).toBeNull();
    expect(
      auditBranchProblem(valid(`version: 1\n${SERVICES}audit: { branch: deploy-log }\n`), branches),
    ).toBeNull();
  });

  it('the default audit branch when it is the code branch, at 1:1 (it is not written in the file)', () => {
    const config = valid(`version: 1\n${SERVICES}`);
    const problem = auditBranchProblem(config, [
      { name: 'release-audit', why: 'the branch this workflow runs on' },
    ]);
    expect(problem).toMatchObject({ line: 1, column: 1 });
  });
});

describe('notARegularFile', () => {
  it('says what was found at the path, at 1:1', () => {
    expect(notARegularFile(FILE, 'symlink')).toEqual({
      severity: 'error',
      file: FILE,
      line: 1,
      column: 1,
      message: expect.stringMatching(
        /^\.github\/monorepo-release\.yml is a symlink; the config must be a regular file committed at \.github\/monorepo-release\.yml/,
      ),
    });
    expect(notARegularFile(FILE, 'submodule').message).toContain('is a submodule');
    expect(notARegularFile(FILE, 'directory').message).toContain('is a directory');
  });
});
