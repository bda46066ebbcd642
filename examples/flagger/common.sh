# shellcheck shell=bash
# Shared by deploy.sh, verify.sh and rollback.sh: Flagger does the canary (it shifts traffic step by step
# and runs its own analysis as soon as the Deployment changes); monorepo-release decides what to release,
# sets the image, follows Flagger through the stages, gates them and keeps the record.
#
# What it expects in the cluster, per service <svc> in namespace $K8S_NAMESPACE: a Deployment <svc> with a
# container named <svc>, and a Canary <svc> targeting it whose analysis steps (`stepWeights`) include the
# release's percents below 100 (README.md shows one). Flagger keeps the live version in <svc>-primary.
#
# Configuration (environment of the release job):
#   IMAGE_REPOSITORY   required, e.g. ghcr.io/acme: the image is $IMAGE_REPOSITORY/<svc>:<version>
#   K8S_NAMESPACE      default: RELEASE_ENVIRONMENT
#   ROLLOUT_TIMEOUT    how long Flagger may take to reach a stage's weight; default 15m
#   ROLLOUT_POLL       seconds between two looks at the Canary; default 5
# kubectl must already be authenticated (an earlier step of the job: cloud login, kubeconfig).
# shellcheck source=../lib/release-env.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/release-env.sh"

read_controller_settings 15m

# The image of the service's container in a Deployment (<svc>, or <svc>-primary: what Flagger promoted).
image_in() { # <deployment>
  kubectl --namespace "$NAMESPACE" get deployment "$1" \
    -o "jsonpath={.spec.template.spec.containers[?(@.name==\"$SERVICE\")].image}"
}

# "<status> <weight>" of the Canary, from the table `kubectl get canary` prints (NAME STATUS WEIGHT
# LASTTRANSITIONTIME): Initialized, Progressing, Promoting, Finalising, Succeeded, Failed, …
canary_state() {
  kubectl --namespace "$NAMESPACE" get canary "$SERVICE" | awk 'NR == 2 { print $2, $3 }'
}

# One look, for wait_for: 0 once Flagger has shifted at least <percent> of the traffic to <image> (or
# promoted it: at 100 %, once the primary runs it and the Canary says Succeeded), 1 while it is on its
# way, 3 when Flagger failed the canary (it routes everything back to the primary itself).
canary_reached() { # <percent> <image>
  local state status weight primary
  state=$(canary_state) || return 3
  read -r status weight <<<"$state"
  echo "$SERVICE: $status, canary weight ${weight:-?} %"
  case $status in
    Failed) return 3 ;;
    Progressing) (($1 < 100 && ${weight:-0} >= $1)) && return 0 || return 1 ;;
    Promoting | Finalising) (($1 < 100)) && return 0 || return 1 ;;
    Succeeded)
      primary=$(image_in "$SERVICE-primary") || return 3
      [[ "$primary" == "$2" ]] && return 0 || return 1
      ;;
    *) return 1 ;;
  esac
}
