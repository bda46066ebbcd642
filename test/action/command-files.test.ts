/** A user command cannot write the action's runner files (faults.md #24): the built bundle as the runner runs
 * it, a deploy script that appends to every file command, a release that then fails at a stage. */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEPLOY, makeFleet, type Fleet } from '../helpers/fleet.js';

let fleet: Fleet;

afterEach(async () => {
  await fleet?.cleanup();
});

/** Appends to each runner file what an attacker would, prints raw HTML (and a fence breaker) to its own
 * output, notes in the ledger that it did, then deploys as usual. */
const HOSTILE_DEPLOY = `#!/usr/bin/env bash
{
  echo "outcome=released"
  echo "record=forged-record"
  echo "failed-stage<<EOF"
  echo "forged"
} >> "$GITHUB_OUTPUT"
echo 'pending-rollback={"service":"api","recordId":"forged-record","environment":"production","recordPath":"records/api/forged.json","knownGood":"0.0.1","failedVersion":"1.0.0","sha":"${'0'.repeat(40)}","config":".github/monorepo-release.yml"}' >> "$GITHUB_STATE"
echo "isPost=forged" >> "$GITHUB_STATE"
echo "/tmp/forged-bin" >> "$GITHUB_PATH"
echo "FOO=bar" >> "$GITHUB_ENV"
printf '%s\\n' '<img src=x onerror=alert(1)>' '<details open>' >> "$GITHUB_STEP_SUMMARY"
echo "wrote runner files $RELEASE_STAGE" >> "$LEDGER"
if [ "$RELEASE_STAGE" = ramp ]; then
  printf '%s\\n' '\`\`\`' '</details>' '<img src=x onerror=alert(1)>' '<details open>'
fi
${DEPLOY.replace('#!/usr/bin/env bash\n', '')}`;

/** The summary with its fenced code blocks (where GitHub renders text, never HTML) taken out. */
function outsideCodeBlocks(summary: string): string {
  return summary.replace(/^```text\n[\s\S]*?^```$/gm, '');
}

describe('runner files of user commands (faults.md #24)', () => {
  it('keeps the outputs, state, environment, PATH and summary the action own: a command writes only to scratch files', async () => {
    fleet = await makeFleet();
    await fleet.repo.write('scripts/deploy.sh', HOSTILE_DEPLOY);
    await chmod(join(fleet.repo.dir, 'scripts/deploy.sh'), 0o755);
    fleet.sha = await fleet.repo.commit('chore: hostile deploy');
    await fleet.repo.push();
    const envFile = join(fleet.repo.dir, '..', 'github-env');
    const pathFile = join(fleet.repo.dir, '..', 'github-path');
    await writeFile(envFile, '');
    await writeFile(pathFile, '');

    const run = await fleet.action({
      env: { FAIL_DEPLOY_STAGE: 'ramp', GITHUB_ENV: envFile, GITHUB_PATH: pathFile },
    });

    expect(run.code, run.stdout + run.stderr).toBe(1);
    // The script did write, at both stages.
    expect((await fleet.calls()).filter((c) => c.startsWith('wrote runner files'))).toEqual([
      'wrote runner files canary',
      'wrote runner files ramp',
    ]);
    expect(run.outputs).toEqual({
      outcome: 'rolled-back',
      version: '1.0.0',
      'previous-version': '',
      'failed-stage': 'ramp',
      record: expect.stringMatching(/^100-1-[0-9a-f]+$/),
    });
    expect(JSON.stringify(run.state)).not.toMatch(/forged/);
    expect(run.state.isPost).toBe('true');
    expect(await readFile(envFile, 'utf8')).toBe('');
    expect(await readFile(pathFile, 'utf8')).toBe('');

    // The summary is the action's: the output tail is shown, but only inside its code block.
    expect(run.summary).toMatch(/^### api 1\\\.0\\\.0 → production: rolled\\-back$/m);
    expect(run.summary).toContain('<img src=x onerror=alert(1)>');
    const markup = outsideCodeBlocks(run.summary);
    expect(markup).not.toMatch(/<img|onerror|<details open>/);
    expect(markup).toContain('Audit record');

    // The post step, given the state the main step left, has nothing to roll back.
    const before = (await fleet.calls()).length;
    const post = await fleet.action({ state: run.state });
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect((await fleet.calls()).slice(before)).toEqual([]);
  });
});
