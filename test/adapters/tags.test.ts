/** Release tags on a real bare origin: a tag on another commit is "taken", never "exists already". */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitTagPusher, parseTagListing } from '../../src/adapters/tags.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
let first: string;
let second: string;
let tags: GitTagPusher;

beforeEach(async () => {
  repo = await makeRepo();
  await repo.write('a.txt', 'a\n');
  first = await repo.commit('feat: a');
  await repo.write('b.txt', 'b\n');
  second = await repo.commit('fix: b');
  await repo.push();
  tags = new GitTagPusher({ root: repo.dir });
});

afterEach(async () => {
  await repo.cleanup();
});

describe('GitTagPusher', () => {
  it('pushes a new tag, finds it again on the same commit, and calls it taken on another', async () => {
    expect(await tags.pushTag('api@v1.1.0', first)).toEqual({ result: 'pushed' });
    expect((await repo.runOrigin(['rev-parse', 'refs/tags/api@v1.1.0'])).trim()).toBe(first);
    expect(await tags.pushTag('api@v1.1.0', first)).toEqual({ result: 'exists' });
    expect(await tags.pushTag('api@v1.1.0', second)).toEqual({ result: 'taken', sha: first });
    // Never moved.
    expect((await repo.runOrigin(['rev-parse', 'refs/tags/api@v1.1.0'])).trim()).toBe(first);
  });

  it('peels an annotated tag to the commit it names', async () => {
    await repo.tag('api@v1.2.0', first, 'release 1.2.0');
    await repo.run(['push', '--quiet', 'origin', 'refs/tags/api@v1.2.0']);
    expect(await tags.pushTag('api@v1.2.0', second)).toEqual({ result: 'taken', sha: first });
    expect(await tags.pushTag('api@v1.2.0', first)).toEqual({ result: 'exists' });
  });

  it("lists one service's tags on origin by pattern", async () => {
    await tags.pushTag('api@v1.0.0', first);
    await tags.pushTag('api@v1.1.0', second);
    await tags.pushTag('api-gw@v1.0.0', second);
    await tags.pushTag('web@v1.0.0', first);
    const listed = await tags.listTags('refs/tags/api@v*');
    expect(listed.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'api@v1.0.0', sha: first },
      { name: 'api@v1.1.0', sha: second },
    ]);
  });

  it('parseTagListing prefers the peeled line of an annotated tag', () => {
    const listing = [
      't'.repeat(40) + '\trefs/tags/api@v1.0.0',
      'c'.repeat(40) + '\trefs/tags/api@v1.0.0^{}',
      '',
    ];
    expect(parseTagListing(listing.join('\n'))).toEqual([{ name: 'api@v1.0.0', sha: 'c'.repeat(40) }]);
  });
});
