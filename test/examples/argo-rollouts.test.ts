/** examples/argo-rollouts against a kubectl that replays recorded outputs (fixtures/README.md says where
 * they come from): the commands each script sends, in order, and what it makes of the answers. No real
 * cluster: these tests prove the scripts' logic and their reading of the plugin's outputs, not a Rollout. */
import { describe, expect, it } from 'vitest';
import { fixture, releaseEnv, runWithReplay, SHA, TAGGED, type Replay } from './run-example.js';

const V1 = 'ghcr.io/acme/api:1.0.0';
const V2 = 'ghcr.io/acme/api:2.0.0';
const out = await fixture('argo-rollouts/outputs.json');
const base = await fixture<RolloutJson>('argo-rollouts/rollout.json');

interface RolloutJson {
  spec: { template: { spec: { containers: Array<{ image: string }> } } };
  status: { currentStepIndex: number };
}

/** `kubectl get rollout api -o json` with the service's image and the step the Rollout is at (its steps:
 * setWeight 10, pause, setWeight 50, pause; 4 = past the last one). */
function rollout(image: string, step: number): string {
  const copy = structuredClone(base);
  copy.spec.template.spec.containers[0]!.image = image;
  copy.status.currentStepIndex = step;
  return `${JSON.stringify(copy, null, 2)}\n`;
}

const status = (...names: string[]) => names.map((name) => out[`status ${name}`]!);
const stage = (version: string, percent: number, name = 'canary') =>
  releaseEnv({ RELEASE_VERSION: version, RELEASE_PERCENT: String(percent), RELEASE_STAGE: name });

function deploy(replay: Replay, env = stage('2.0.0', 10)) {
  return runWithReplay('argo-rollouts/deploy.sh', { ...TAGGED, ...replay }, env);
}

describe('examples/argo-rollouts (replayed kubectl)', () => {
  it('first stage: sets the image on the Rollout, waits until it pauses at its first step, checks the weight', async () => {
    const run = await deploy({
      get_rollout_api: [rollout(V1, 4), rollout(V2, 1)],
      argo_rollouts_set_image: [out['set image']!],
      argo_rollouts_status_api: status('Progressing', 'Paused'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls).toEqual([
      `buildx imagetools create --tag ${V2} ghcr.io/acme/api:${SHA}`,
      '--namespace production get rollout api -o json',
      `argo rollouts --namespace production set image api api=${V2}`,
      'argo rollouts --namespace production status api --watch=false',
      'argo rollouts --namespace production status api --watch=false',
      '--namespace production get rollout api -o json',
    ]);
  });

  it('a later stage promotes to the next pause; its re-run promotes nothing', async () => {
    const next = await deploy(
      {
        get_rollout_api: [rollout(V2, 1), rollout(V2, 3)],
        argo_rollouts_promote_api: [out.promote!],
        argo_rollouts_status_api: status('Paused'),
      },
      stage('2.0.0', 50, 'ramp'),
    );
    expect(next.code, next.stderr).toBe(0);
    expect(next.calls.filter((c) => c.includes('promote'))).toEqual([
      'argo rollouts --namespace production promote api',
    ]);
    const again = await deploy(
      { get_rollout_api: [rollout(V2, 3)], argo_rollouts_status_api: status('Paused') },
      stage('2.0.0', 50, 'ramp'),
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.calls.some((c) => c.includes('promote') || c.includes('set image'))).toBe(false);
  });

  it('100 %: promotes fully and waits for Healthy', async () => {
    const run = await deploy(
      {
        get_rollout_api: [rollout(V2, 3)],
        argo_rollouts_promote_api: [out['promote --full']!],
        argo_rollouts_status_api: status('Paused', 'Progressing', 'Healthy'),
      },
      stage('2.0.0', 100, 'full'),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls).toContain('argo rollouts --namespace production promote --full api');
    expect(run.stdout).toContain('api: Healthy');
  });

  it('fails the stage when the Rollout degrades while it moves (its analysis failed)', async () => {
    const run = await deploy({
      get_rollout_api: [rollout(V1, 4)],
      argo_rollouts_set_image: [out['set image']!],
      argo_rollouts_status_api: status('Progressing', 'Degraded'),
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('api: Degraded');
  });

  it('refuses a Rollout whose pause is not at the stage’s percent', async () => {
    const run = await deploy(
      {
        get_rollout_api: [rollout(V2, 1), rollout(V2, 3)],
        argo_rollouts_promote_api: [out.promote!],
        argo_rollouts_status_api: status('Paused'),
      },
      stage('2.0.0', 25, 'ramp'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "the Rollout paused at 50 %, the stage 'ramp' is 25 %: make its steps mirror the stages",
    );
  });

  it('verify: Paused and Healthy pass, Degraded fails', async () => {
    const verify = (name: string) =>
      runWithReplay(
        'argo-rollouts/verify.sh',
        { argo_rollouts_status_api: status(name) },
        stage('2.0.0', 10),
      );
    expect((await verify('Paused')).code).toBe(0);
    expect((await verify('Healthy')).code).toBe(0);
    const degraded = await verify('Degraded');
    expect(degraded.code).toBe(1);
    expect(degraded.stdout).toContain('unhealthy: the Rollout is Degraded');
  });

  it('rollback: abort, undo, and waits through Degraded until the known-good version is Healthy', async () => {
    const run = await runWithReplay(
      'argo-rollouts/rollback.sh',
      {
        argo_rollouts_abort_api: [out.abort!],
        argo_rollouts_undo_api: [out.undo!],
        get_rollout_api: [rollout(V1, 4)],
        argo_rollouts_status_api: status('Degraded', 'Degraded', 'Healthy'),
      },
      releaseEnv({ RELEASE_VERSION: '1.0.0', RELEASE_FAILED_VERSION: '2.0.0', RELEASE_STAGE: 'rollback' }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls).toEqual([
      'argo rollouts --namespace production abort api',
      'argo rollouts --namespace production undo api',
      '--namespace production get rollout api -o json',
      'argo rollouts --namespace production status api --watch=false',
      'argo rollouts --namespace production status api --watch=false',
      'argo rollouts --namespace production status api --watch=false',
    ]);
    expect(run.stdout).toContain('2.0.0 taken out; 1.0.0 serves all the traffic');
  });

  it('refuses a version that is no image tag before calling kubectl', async () => {
    const run = await deploy({}, stage('2.0.0;rm -rf /', 10));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a valid image tag');
    expect(run.calls).toEqual([]);
  });
});
