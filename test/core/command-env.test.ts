import { describe, expect, it } from 'vitest';
import {
  commandEnvironment,
  releaseVariables,
  withoutGitExtraHeaders,
  WITHHELD_VARIABLES,
  type ReleaseVars,
} from '../../src/core/command-env.js';

const TOKEN = 'ghs_0123456789abcdefABCDEF0123456789';

const vars: ReleaseVars = {
  service: 'api',
  version: '1.2.0',
  previousVersion: '1.1.0',
  stage: 'canary',
  percent: 10,
  environment: 'production',
  sha: 'a'.repeat(40),
  id: 'rec-1',
  attempt: 2,
};

describe('releaseVariables', () => {
  it('sets every RELEASE_* variable and RELEASE_FAILED_VERSION only when given', () => {
    expect(releaseVariables(vars)).toEqual({
      RELEASE_SERVICE: 'api',
      RELEASE_VERSION: '1.2.0',
      RELEASE_PREVIOUS_VERSION: '1.1.0',
      RELEASE_STAGE: 'canary',
      RELEASE_PERCENT: '10',
      RELEASE_ENVIRONMENT: 'production',
      RELEASE_SHA: 'a'.repeat(40),
      RELEASE_ID: 'rec-1',
      RELEASE_ATTEMPT: '2',
    });
    const rollback = releaseVariables({ ...vars, stage: 'rollback', version: '', failedVersion: '1.2.0' });
    expect(rollback.RELEASE_FAILED_VERSION).toBe('1.2.0');
    expect(rollback.RELEASE_VERSION).toBe('');
  });
});

describe('commandEnvironment', () => {
  const cases: Array<{ name: string; base: Record<string, string>; passOidc?: boolean; kept: boolean }> = [
    { name: 'an ordinary variable', base: { PATH: '/usr/bin' }, kept: true },
    { name: 'a cloud credential set by an earlier step', base: { AWS_SECRET_ACCESS_KEY: 'x' }, kept: true },
    { name: 'INPUT_FOO', base: { INPUT_FOO: 'bar' }, kept: false },
    { name: 'INPUT_TOKEN', base: { INPUT_TOKEN: TOKEN }, kept: false },
    {
      name: 'a lower-case input_x (Windows names are case-insensitive)',
      base: { input_x: 'y' },
      kept: false,
    },
    { name: 'GITHUB_TOKEN', base: { GITHUB_TOKEN: 'other' }, kept: false },
    { name: 'GH_TOKEN', base: { GH_TOKEN: 'other' }, kept: false },
    { name: 'ACTIONS_RUNTIME_TOKEN', base: { ACTIONS_RUNTIME_TOKEN: 'rt' }, kept: false },
    { name: 'ACTIONS_RESULTS_URL', base: { ACTIONS_RESULTS_URL: 'https://results' }, kept: false },
    { name: 'ACTIONS_CACHE_URL', base: { ACTIONS_CACHE_URL: 'https://cache' }, kept: false },
    { name: 'the token under another name', base: { MY_DEPLOY_PAT: TOKEN }, kept: false },
    {
      name: 'a value embedding the token',
      base: { REMOTE: `https://x:${TOKEN}@github.com/o/r` },
      kept: false,
    },
    {
      name: 'ACTIONS_ID_TOKEN_REQUEST_URL without pass-oidc',
      base: { ACTIONS_ID_TOKEN_REQUEST_URL: 'u' },
      kept: false,
    },
    {
      name: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN without pass-oidc',
      base: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      kept: false,
    },
    {
      name: 'ACTIONS_ID_TOKEN_REQUEST_URL with pass-oidc',
      base: { ACTIONS_ID_TOKEN_REQUEST_URL: 'u' },
      passOidc: true,
      kept: true,
    },
    {
      name: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN with pass-oidc',
      base: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      passOidc: true,
      kept: true,
    },
    { name: 'GITHUB_TOKEN even with pass-oidc', base: { GITHUB_TOKEN: 'g' }, passOidc: true, kept: false },
  ];
  for (const c of cases) {
    it(`${c.kept ? 'keeps' : 'withholds'} ${c.name}`, () => {
      const env = commandEnvironment(c.base, vars, { passOidc: c.passOidc ?? false, secrets: [TOKEN] });
      const [name] = Object.keys(c.base);
      expect(name !== undefined && name in env).toBe(c.kept);
    });
  }

  it('never lets a stale RELEASE_* from the step through and sets its own', () => {
    const env = commandEnvironment(
      { RELEASE_FAILED_VERSION: 'stale', RELEASE_STAGE: 'stale', RELEASE_NOTES: 'mine' },
      vars,
      { passOidc: false },
    );
    expect(env.RELEASE_FAILED_VERSION).toBeUndefined();
    expect(env.RELEASE_STAGE).toBe('canary');
    expect(env.RELEASE_NOTES).toBe('mine');
  });

  it('skips undefined values and ignores empty secrets', () => {
    const env = commandEnvironment({ A: undefined, B: '', C: 'c' }, vars, { passOidc: false, secrets: [''] });
    expect(env).toMatchObject({ B: '', C: 'c' });
    expect('A' in env).toBe(false);
  });

  it('matches a short secret only as a whole value', () => {
    const env = commandEnvironment({ SAME: 'abc', LONGER: 'xabcx' }, vars, {
      passOidc: false,
      secrets: ['abc'],
    });
    expect('SAME' in env).toBe(false);
    expect(env.LONGER).toBe('xabcx');
  });

  it('documents every withheld name', () => {
    expect(WITHHELD_VARIABLES.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'INPUT_*',
        'GITHUB_TOKEN',
        'GH_TOKEN',
        'ACTIONS_RUNTIME_TOKEN',
        'ACTIONS_ID_TOKEN_REQUEST_*',
      ]),
    );
  });
});

describe('withoutGitExtraHeaders', () => {
  const cases: Array<{ name: string; env: Record<string, string>; expected: Record<string, string> }> = [
    { name: 'no git config in the environment', env: { A: '1' }, expected: { A: '1' } },
    {
      name: 'only our extraheader',
      env: {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.extraheader',
        GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic x',
      },
      expected: {},
    },
    {
      name: 'a user entry before and a per-URL extraheader (any case) after: renumbered without a gap',
      env: {
        GIT_CONFIG_COUNT: '3',
        GIT_CONFIG_KEY_0: 'http.https://github.com/.ExtraHeader',
        GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic x',
        GIT_CONFIG_KEY_1: 'safe.directory',
        GIT_CONFIG_VALUE_1: '*',
        GIT_CONFIG_KEY_2: 'http.extraheader',
        GIT_CONFIG_VALUE_2: 'AUTHORIZATION: basic y',
      },
      expected: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' },
    },
    {
      name: 'entries past the count (git ignores them) are dropped',
      env: { GIT_CONFIG_COUNT: '0', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: 'x' },
      expected: {},
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(withoutGitExtraHeaders(c.env)).toEqual(c.expected));
  }

  it('applies inside commandEnvironment', () => {
    const env = commandEnvironment(
      {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.extraheader',
        GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic z',
      },
      vars,
      { passOidc: false },
    );
    expect(Object.keys(env).filter((k) => k.startsWith('GIT_CONFIG'))).toEqual([]);
  });
});
