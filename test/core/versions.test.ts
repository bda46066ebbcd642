import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import type { Bump } from '../../src/core/types.js';
import {
  bumpBetween,
  bumpOf,
  bumpSinceBuild,
  commitsSinceEach,
  formatTag,
  isVersion,
  lastRelease,
  latestReleases,
  newestVersion,
  nextFreeVersion,
  nextVersion,
  plannedVersion,
  parseTag,
  serviceReleases,
  shaVersion,
  tagGlob,
  takenBy,
  versionGivenByHand,
} from '../../src/core/versions.js';

const DEFAULT = '{service}@v{version}';

describe('formatTag and parseTag', () => {
  const roundTrips: Array<{ format: string; service: string; version: string; tag: string }> = [
    { format: DEFAULT, service: 'api', version: '1.4.0', tag: 'api@v1.4.0' },
    { format: DEFAULT, service: 'my-svc', version: '0.1.0', tag: 'my-svc@v0.1.0' },
    {
      format: DEFAULT,
      service: 'a.b_c-d',
      version: '2.0.0-rc.1+build.5',
      tag: 'a.b_c-d@v2.0.0-rc.1+build.5',
    },
    { format: '{service}-{version}', service: 'my-svc-2', version: '1.2.3', tag: 'my-svc-2-1.2.3' },
    { format: '{service}-{version}', service: 'web', version: '1.0.0-alpha-1', tag: 'web-1.0.0-alpha-1' },
    {
      format: 'release/{service}/{version}',
      service: 'api',
      version: '10.20.30',
      tag: 'release/api/10.20.30',
    },
    { format: 'v{version}-{service}', service: 'api', version: '1.0.0', tag: 'v1.0.0-api' },
    { format: '{service}@{version}', service: 'api', version: '1.0.0', tag: 'api@1.0.0' },
  ];
  it.each(roundTrips)('$tag round-trips with $format', ({ format, service, version, tag }) => {
    expect(formatTag(format, service, version)).toBe(tag);
    expect(parseTag(format, tag)).toEqual({ service, version });
  });

  it('does not treat $ in a value as a replacement pattern', () => {
    expect(formatTag(DEFAULT, "$'", '1.0.0')).toBe("$'@v1.0.0");
  });

  const bad: Array<{ name: string; format: string; tag: string }> = [
    { name: 'a v before the version is not part of it', format: '{service}@{version}', tag: 'api@v1.0.0' },
    { name: 'a version that is not semver', format: DEFAULT, tag: 'api@v1.0' },
    { name: 'a leading zero', format: DEFAULT, tag: 'api@v01.0.0' },
    { name: 'an uppercase service', format: DEFAULT, tag: 'API@v1.0.0' },
    { name: 'a service starting with a dot', format: DEFAULT, tag: '.api@v1.0.0' },
    { name: 'a service with ..', format: DEFAULT, tag: 'a..b@v1.0.0' },
    { name: 'an @ in the service', format: DEFAULT, tag: 'a@b@v1.0.0' },
    { name: 'another shape', format: DEFAULT, tag: 'v1.0.0' },
    { name: 'a prefix', format: DEFAULT, tag: 'x/api@v1.0.0' },
    { name: 'a suffix', format: DEFAULT, tag: 'api@v1.0.0^{}' },
    { name: 'an empty tag', format: DEFAULT, tag: '' },
    { name: 'a format without {service}', format: 'v{version}', tag: 'v1.0.0' },
    { name: 'a version beyond the safe integer range', format: DEFAULT, tag: 'api@v9007199254740993.0.0' },
  ];
  it.each(bad)('rejects $name', ({ format, tag }) => {
    expect(parseTag(format, tag)).toBeNull();
  });
});

describe('lastRelease', () => {
  const tags = [
    { name: 'api@v1.2.0', sha: 'a1' },
    { name: 'api@v1.10.0', sha: 'a2' },
    { name: 'api@v1.10.0-rc.1', sha: 'a3' },
    { name: 'api-extra@v9.0.0', sha: 'b1' },
    { name: 'web@v3.0.0', sha: 'c1' },
    { name: 'api@vbroken', sha: 'd1' },
    { name: 'latest', sha: 'e1' },
  ];
  const cases: Array<{
    name: string;
    format: string;
    service: string;
    tags: typeof tags;
    expected: ReturnType<typeof lastRelease>;
  }> = [
    {
      name: 'the highest semver, not the last listed',
      format: DEFAULT,
      service: 'api',
      tags,
      expected: { version: '1.10.0', tag: 'api@v1.10.0', sha: 'a2' },
    },
    {
      name: 'another service',
      format: DEFAULT,
      service: 'web',
      tags,
      expected: { version: '3.0.0', tag: 'web@v3.0.0', sha: 'c1' },
    },
    { name: 'no tag of the service', format: DEFAULT, service: 'worker', tags, expected: null },
    { name: 'no tags', format: DEFAULT, service: 'api', tags: [], expected: null },
    {
      name: 'an ambiguous format keeps to the service',
      format: '{service}-{version}',
      service: 'a',
      tags: [
        { name: 'a-b-2.0.0', sha: 'x' },
        { name: 'a-1.0.0', sha: 'y' },
      ],
      expected: { version: '1.0.0', tag: 'a-1.0.0', sha: 'y' },
    },
  ];
  it.each(cases)('$name', ({ format, service, tags: list, expected }) => {
    expect(lastRelease(format, service, list)).toEqual(expected);
  });
});

describe('bumpOf', () => {
  const cases: Array<{ message: string; bump: Bump }> = [
    { message: 'feat!: drop node 18', bump: 'major' },
    { message: 'fix(api)!: change the response shape', bump: 'major' },
    { message: 'refactor: x\n\nBREAKING CHANGE: the config key moved', bump: 'major' },
    { message: 'fix: y\n\nBody.\n\nBREAKING-CHANGE: removed --old', bump: 'major' },
    { message: 'chore: z\r\n\r\nBREAKING CHANGE: windows line endings', bump: 'major' },
    { message: 'feat: add export', bump: 'minor' },
    { message: 'feat(web): add a page', bump: 'minor' },
    { message: 'Feat: case-insensitive type', bump: 'minor' },
    { message: 'fix: off by one', bump: 'patch' },
    { message: 'chore: bump deps', bump: 'patch' },
    { message: "Merge branch 'main' into feature", bump: 'patch' },
    { message: 'Revert "feat: add export"', bump: 'patch' },
    { message: 'fixup! feat: add export', bump: 'patch' },
    { message: 'feat:no space is not conventional', bump: 'patch' },
    { message: 'update stuff', bump: 'patch' },
    { message: '', bump: 'patch' },
    { message: 'docs: mention breaking change: lowercase is not a footer', bump: 'patch' },
    { message: 'feat: x\n\nbreaking change: lowercase footer', bump: 'minor' },
  ];
  it.each(cases)('$message → $bump', ({ message, bump }) => {
    expect(bumpOf(message)).toBe(bump);
  });
});

describe('nextVersion', () => {
  const cases: Array<{ name: string; last: string | null; messages: string[]; next: string }> = [
    { name: 'first release', last: null, messages: ['feat!: x'], next: '0.1.0' },
    { name: 'first release with no commits', last: null, messages: [], next: '0.1.0' },
    { name: 'no commits keeps the version', last: '1.2.3', messages: [], next: '1.2.3' },
    { name: 'patch', last: '1.2.3', messages: ['fix: a', 'chore: b'], next: '1.2.4' },
    { name: 'minor beats patch', last: '1.2.3', messages: ['fix: a', 'feat: b'], next: '1.3.0' },
    { name: 'major beats all', last: '1.2.3', messages: ['feat: a', 'fix!: b', 'chore: c'], next: '2.0.0' },
    { name: 'breaking on 0.x goes to 1.0.0', last: '0.4.1', messages: ['feat!: a'], next: '1.0.0' },
    { name: 'from a prerelease', last: '2.0.0-rc.1', messages: ['fix: a'], next: '2.0.0' },
    {
      name: 'non-conventional messages patch',
      last: '1.0.0',
      messages: ['Merge pull request #4'],
      next: '1.0.1',
    },
  ];
  it.each(cases)('$name', ({ last, messages, next }) => {
    expect(nextVersion(last, messages)).toBe(next);
  });

  it('refuses a last version that is not semver', () => {
    expect(() => nextVersion('v1.0', ['fix: a'])).toThrow(InputError);
  });
});

describe('plannedVersion', () => {
  const released = { version: '2.0.0', sha: 'a'.repeat(40) };
  const cases: Array<{ name: string; messages: string[]; head: string; next: string }> = [
    { name: 'commits bump as nextVersion does', messages: ['feat: a'], head: 'b'.repeat(40), next: '2.1.0' },
    {
      name: 'a re-run at the released commit keeps its version',
      messages: [],
      head: released.sha,
      next: '2.0.0',
    },
    {
      name: 'another commit never gets the released version',
      messages: [],
      head: 'b'.repeat(40),
      next: '2.0.1',
    },
  ];
  it.each(cases)('$name', ({ messages, head, next }) => {
    expect(plannedVersion(released, messages, head)).toBe(next);
  });

  it('moves a prerelease to its release', () => {
    expect(plannedVersion({ version: '2.0.0-rc.1', sha: 'a'.repeat(40) }, [], 'b'.repeat(40))).toBe('2.0.0');
  });
});

describe('shaVersion and isVersion', () => {
  it('takes the first 12 characters of a SHA, lowercased', () => {
    expect(shaVersion('0123456789ABCDEF0123456789abcdef01234567')).toBe('0123456789ab');
  });

  it.each(['', 'HEAD', 'abc', '0123456789a$(id)'])('refuses %j as a SHA', (sha) => {
    expect(() => shaVersion(sha)).toThrow(InputError);
  });

  const versions: Array<[string, boolean]> = [
    ['1.2.3', true],
    ['0.0.0', true],
    ['1.0.0-rc.1', true],
    ['1.0.0+build.7', true],
    ['v1.2.3', false],
    ['1.2', false],
    ['01.2.3', false],
    [' 1.2.3', false],
    ['1.2.3 ', false],
    ['1.2.3\n', false],
    ['=1.2.3', false],
    ['latest', false],
    ['1.2.3-$(id)', false],
  ];
  it.each(versions)('isVersion(%j) is %s', (version, valid) => {
    expect(isVersion(version)).toBe(valid);
  });
});

describe('latestReleases', () => {
  it('gives the newest version of every service from one pass over the tags', () => {
    const tags = [
      { name: 'api@v1.2.0', sha: 'a' },
      { name: 'api@v1.10.0', sha: 'b' },
      { name: 'web@v0.1.0', sha: 'c' },
      { name: 'not-a-release', sha: 'd' },
      { name: 'api@v2.0.0-rc.1', sha: 'e' },
    ];
    const releases = latestReleases('{service}@v{version}', tags);
    expect(Object.fromEntries(releases)).toEqual({
      api: { version: '2.0.0-rc.1', tag: 'api@v2.0.0-rc.1', sha: 'e' },
      web: { version: '0.1.0', tag: 'web@v0.1.0', sha: 'c' },
    });
    for (const service of ['api', 'web']) {
      expect(releases.get(service)).toEqual(lastRelease('{service}@v{version}', service, tags));
    }
  });
});

describe('commitsSinceEach', () => {
  // base ← a ← b ← m (merge of b and s) ← h, and a ← s: listed is base..h, newest first.
  const c = (sha: string, ...parents: string[]) => ({ sha, parents });
  const listed = [c('h', 'm'), c('m', 'b', 's'), c('s', 'a'), c('b', 'a'), c('a', 'base')];
  const shas = (since: string) =>
    commitsSinceEach(listed, [since])
      .get(since)!
      .map((x) => x.sha);

  it.each([
    ['base', ['h', 'm', 's', 'b', 'a']], // the boundary itself is not listed: everything is after it
    ['a', ['h', 'm', 's', 'b']],
    ['b', ['h', 'm', 's']], // the side branch is not reachable from b
    ['s', ['h', 'm', 'b']],
    ['m', ['h']],
    ['h', []],
  ])('since %s lists %j', (since, expected) => {
    expect(shas(since)).toEqual(expected);
  });

  it('answers every since in one call', () => {
    const all = commitsSinceEach(listed, ['a', 's']);
    expect([...all.keys()]).toEqual(['a', 's']);
    expect(all.get('s')!.map((x) => x.sha)).toEqual(['h', 'm', 'b']);
  });
});

describe('one version, one build', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  const C = 'c'.repeat(40);

  it('takenBy names the holder of a version that is another build, never the same one', () => {
    const holders = [
      { version: '1.1.0', sha: A, what: 'record 1' },
      { version: '1.1.1', sha: B, what: 'tag api@v1.1.1' },
    ];
    expect(takenBy('1.1.0', B, holders)).toEqual(holders[0]);
    // The same build in a second environment (or a re-run) holds its version: not taken.
    expect(takenBy('1.1.0', A, holders)).toBeNull();
    expect(takenBy('1.2.0', B, holders)).toBeNull();
  });

  it('nextFreeVersion keeps a proposal no other build holds', () => {
    expect(nextFreeVersion('1.1.0', [])).toBe('1.1.0');
    expect(nextFreeVersion('1.1.0', ['1.0.0', '1.2.0'])).toBe('1.1.0');
  });

  it('nextFreeVersion counts the bump of the commits since the taker from the newest version taken', () => {
    // B after A: a `fix:` → patch, a `feat:` → minor, a breaking change → major.
    expect(nextFreeVersion('1.1.0', ['1.0.0', '1.1.0'], 'patch')).toBe('1.1.1');
    expect(nextFreeVersion('1.1.0', ['1.0.0', '1.1.0'], 'minor')).toBe('1.2.0');
    expect(nextFreeVersion('1.1.0', ['1.0.0', '1.1.0'], 'major')).toBe('2.0.0');
    // From the newest taken, not from the proposal: 1.1.1 is taken too.
    expect(nextFreeVersion('1.1.0', ['1.1.1', '1.0.0', '1.1.0'], 'patch')).toBe('1.1.2');
  });

  it("nextFreeVersion, with no taker in this commit's history, bumps by the proposal's own kind over its base", () => {
    // 1.0.0 → 1.1.0 is a minor bump: from the newest taken (1.1.0) that gives 1.2.0.
    expect(nextFreeVersion('1.1.0', ['1.0.0', '1.1.0'])).toBe('1.2.0');
    // 1.1.0 → 1.1.1 is a patch: from 1.1.3, the newest taken, 1.1.4.
    expect(nextFreeVersion('1.1.1', ['1.1.0', '1.1.1', '1.1.3'])).toBe('1.1.4');
    // A first release (0.1.0 has no base: a minor bump from 0.0.0).
    expect(nextFreeVersion('0.1.0', ['0.1.0'])).toBe('0.2.0');
    expect(nextFreeVersion('2.0.0', ['1.4.2', '2.0.0'])).toBe('3.0.0');
  });

  it('nextFreeVersion never returns a version that is taken', () => {
    const taken = ['1.0.0', '1.1.0', '1.1.1', '1.2.0-rc.1', '1.2.0'];
    for (const bump of ['patch', 'minor', 'major'] as const) {
      for (const proposal of taken) expect(taken).not.toContain(nextFreeVersion(proposal, taken, bump));
    }
    expect(nextFreeVersion('1.2.0-rc.1', ['1.2.0-rc.1'], 'patch')).toBe('1.2.0');
  });

  it('bumpBetween tells the kind of a bump; bumpSinceBuild is at least a patch', () => {
    expect(bumpBetween('1.0.0', '1.0.1')).toBe('patch');
    expect(bumpBetween('1.0.3', '1.1.0')).toBe('minor');
    expect(bumpBetween('1.9.3', '2.0.0')).toBe('major');
    expect(bumpBetween(null, '0.1.0')).toBe('minor');
    expect(bumpSinceBuild([])).toBe('patch');
    expect(bumpSinceBuild(['fix: a', 'feat(api): b'])).toBe('minor');
    expect(bumpSinceBuild(['fix!: a'])).toBe('major');
  });

  it('newestVersion orders by semver and skips what is not semver', () => {
    expect(newestVersion(['1.9.0', '1.10.0', 'abcdef012345', '1.10.0-rc.1'])).toBe('1.10.0');
    expect(newestVersion([])).toBeNull();
  });

  it('serviceReleases and tagGlob find one service among the tags', () => {
    const tags = [
      { name: 'api@v1.0.0', sha: A },
      { name: 'api@v1.1.0', sha: B },
      { name: 'api-gw@v9.0.0', sha: C },
      { name: 'web@v1.1.0', sha: C },
    ];
    expect(serviceReleases(DEFAULT, 'api', tags)).toEqual([
      { version: '1.0.0', tag: 'api@v1.0.0', sha: A },
      { version: '1.1.0', tag: 'api@v1.1.0', sha: B },
    ]);
    expect(tagGlob(DEFAULT, 'api')).toBe('refs/tags/api@v*');
    expect(tagGlob('release/{service}/{version}', 'api')).toBe('refs/tags/release/api/*');
    expect(tagGlob('[{service}]{version}', 'api')).toBe('refs/tags/*');
  });

  it('versionGivenByHand: a pushed tag or a workflow_dispatch input, never a plain push', () => {
    const push = { name: 'push', ref: 'refs/heads/main', payload: {} };
    expect(versionGivenByHand(push, DEFAULT, 'api', '1.1.0')).toBe(false);
    const tagPush = { name: 'push', ref: 'refs/tags/api@v1.1.0', payload: {} };
    expect(versionGivenByHand(tagPush, DEFAULT, 'api', '1.1.0')).toBe(true);
    expect(versionGivenByHand(tagPush, DEFAULT, 'web', '1.1.0')).toBe(false);
    const dispatch = {
      name: 'workflow_dispatch',
      ref: 'refs/heads/main',
      payload: { inputs: { version: '1.1.0' } },
    };
    expect(versionGivenByHand(dispatch, DEFAULT, 'api', '1.1.0')).toBe(true);
    expect(versionGivenByHand({ ...dispatch, payload: { inputs: {} } }, DEFAULT, 'api', '1.1.0')).toBe(false);
  });
});
