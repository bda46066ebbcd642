# shellcheck shell=bash
# Shared by deploy.sh, verify.sh and rollback.sh: Argo Rollouts does the canary (its steps, pauses and
# analysis); monorepo-release decides what to release, moves the Rollout from one pause to the next at
# each stage, gates it and keeps the record. No runner is held by the controller's own bake.
#
# What it expects in the cluster, per service <svc> in namespace $K8S_NAMESPACE: a Rollout <svc> with a
# container named <svc> and a canary strategy whose steps mirror the release's stages: a setWeight then
# an indefinite pause per stage below 100 % (README.md shows one). The kubectl argo rollouts plugin is
# installed on the runner.
#
# Configuration (environment of the release job):
#   IMAGE_REPOSITORY   required, e.g. ghcr.io/acme: the image is $IMAGE_REPOSITORY/<svc>:<version>
#   K8S_NAMESPACE      default: RELEASE_ENVIRONMENT
#   ROLLOUT_TIMEOUT    how long the Rollout may take to reach a step; default 10m
#   ROLLOUT_POLL       seconds between two looks at the Rollout; default 5
# kubectl must already be authenticated (an earlier step of the job: cloud login, kubeconfig).
# shellcheck source=../lib/release-env.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/release-env.sh"

read_controller_settings 10m

rollouts() { kubectl argo rollouts --namespace "$NAMESPACE" "$@"; }

# The Rollout's status as the plugin prints it: Healthy, Paused, Progressing or Degraded.
rollout_status() { rollouts status "$SERVICE" --watch=false; }

# "<image of the service's container> <weight of the step the Rollout is at>", from the Rollout object:
# the weight is the last setWeight before its current step (0 before the first one).
rollout_position() {
  kubectl --namespace "$NAMESPACE" get rollout "$SERVICE" -o json |
    jq -r --arg container "$SERVICE" '
      ([.spec.template.spec.containers[] | select(.name == $container) | .image][0] // "none") + " " +
      ([.spec.strategy.canary.steps[:(.status.currentStepIndex // 0)][] | .setWeight // empty] | last // 0 | tostring)'
}

# One look, for wait_for: 0 when the Rollout is <wanted> (Paused at a step, or Healthy), 1 while it
# moves, 3 when Degraded (an analysis failed or it was aborted: the controller took the canary out).
# After an abort it stays Degraded until the controller has seen the template put back: `through-degraded`
# keeps waiting then.
rollout_is() { # <Paused|Healthy> [through-degraded]
  local status
  status=$(rollout_status) || return 3
  echo "$SERVICE: $status"
  case $status in
    "$1") return 0 ;;
    Degraded) [[ "${2:-}" == through-degraded ]] && return 1 || return 3 ;;
    *) return 1 ;;
  esac
}

wait_until() { # <Paused|Healthy> [through-degraded]
  wait_for "$(duration_seconds "$ROLLOUT_TIMEOUT")" "$POLL" rollout_is "$@"
}
