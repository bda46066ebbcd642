/** examples/flagger against a kubectl that replays recorded outputs (fixtures/README.md says where they
 * come from): the commands each script sends, in order, and what it makes of the Canary's status. No real
 * cluster: these tests prove the scripts' logic and their reading of the outputs, not Flagger itself. */
import { describe, expect, it } from 'vitest';
import { fixture, releaseEnv, runWithReplay, SHA, TAGGED, type Replay } from './run-example.js';

const V1 = 'ghcr.io/acme/api:1.0.0';
const V2 = 'ghcr.io/acme/api:2.0.0';
const out = await fixture('flagger/outputs.json');

const canary = (...states: string[]) => states.map((state) => out[`get canary ${state}`]!);
const stage = (version: string, percent: number, name = 'canary') =>
  releaseEnv({ RELEASE_VERSION: version, RELEASE_PERCENT: String(percent), RELEASE_STAGE: name });

function deploy(replay: Replay, env = stage('2.0.0', 10)) {
  return runWithReplay('flagger/deploy.sh', { ...TAGGED, ...replay }, env);
}

describe('examples/flagger (replayed kubectl)', () => {
  it('first stage: sets the image, then waits past the last release’s Succeeded until Flagger shifts 10 %', async () => {
    const run = await deploy({
      get_deployment_api: [V1],
      'set_image_deployment-api': [out['set image']!],
      // Until Flagger notices the new revision, the Canary still says Succeeded (the previous release).
      get_canary_api: canary('Succeeded', 'Progressing 0', 'Progressing 10'),
      'get_deployment_api-primary': [V1],
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls).toEqual([
      `buildx imagetools create --tag ${V2} ghcr.io/acme/api:${SHA}`,
      `--namespace production get deployment api -o jsonpath={.spec.template.spec.containers[?(@.name=="api")].image}`,
      `--namespace production set image deployment/api api=${V2}`,
      '--namespace production get canary api',
      `--namespace production get deployment api-primary -o jsonpath={.spec.template.spec.containers[?(@.name=="api")].image}`,
      '--namespace production get canary api',
      '--namespace production get canary api',
    ]);
  });

  it('100 %: leaves the Deployment alone and waits until the primary runs the new image', async () => {
    const run = await deploy(
      {
        get_deployment_api: [V2],
        get_canary_api: canary('Progressing 50', 'Promoting', 'Succeeded'),
        'get_deployment_api-primary': [V2],
      },
      stage('2.0.0', 100, 'full'),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls.some((c) => c.includes('set image'))).toBe(false);
    expect(run.stdout).toContain('api: Succeeded');
  });

  it('fails the stage when Flagger fails the canary', async () => {
    const run = await deploy({ get_deployment_api: [V2], get_canary_api: canary('Progressing 0', 'Failed') });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('api: Failed');
  });

  it('verify: Progressing passes, Failed fails; after a rollback the primary must run the known-good image', async () => {
    const verify = (replay: Replay, env = stage('2.0.0', 10)) =>
      runWithReplay('flagger/verify.sh', replay, env);
    expect((await verify({ get_canary_api: canary('Progressing 10') })).code).toBe(0);
    const failed = await verify({ get_canary_api: canary('Failed') });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('unhealthy: Flagger failed the canary');
    const afterRollback = releaseEnv({ RELEASE_VERSION: '1.0.0', RELEASE_STAGE: 'rollback' });
    expect((await verify({ 'get_deployment_api-primary': [V1] }, afterRollback)).code).toBe(0);
    expect((await verify({ 'get_deployment_api-primary': [V2] }, afterRollback)).code).toBe(1);
  });

  it('rollback: sets the known-good image back on the Deployment', async () => {
    const run = await runWithReplay(
      'flagger/rollback.sh',
      { get_deployment_api: [V2], 'set_image_deployment-api': [out['set image']!] },
      releaseEnv({ RELEASE_VERSION: '1.0.0', RELEASE_FAILED_VERSION: '2.0.0', RELEASE_STAGE: 'rollback' }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls).toEqual([
      `--namespace production get deployment api -o jsonpath={.spec.template.spec.containers[?(@.name=="api")].image}`,
      `--namespace production set image deployment/api api=${V1}`,
    ]);
  });

  it('refuses a namespace that is no DNS label before calling kubectl', async () => {
    const run = await deploy({}, { ...stage('2.0.0', 10), K8S_NAMESPACE: 'prod --all-namespaces' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("K8S_NAMESPACE 'prod --all-namespaces' must be lowercase letters");
    expect(run.calls).toEqual([]);
  });
});
