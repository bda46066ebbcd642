# shellcheck shell=bash
# Shared by deploy.sh, verify.sh and rollback.sh: Kubernetes + Istio, one service per release.
#
# What it expects in the cluster, per service <svc> in namespace $K8S_NAMESPACE:
#   Deployments <svc>-stable and <svc>-canary, each with a container named <svc> and pods labelled
#     app=<svc>, version=stable | version=canary;
#   a DestinationRule <svc> with subsets stable (version: stable) and canary (version: canary);
#   a VirtualService <svc> whose first http route has two destinations: subset stable, then subset canary.
# The canary Deployment carries the new version while it takes RELEASE_PERCENT of the traffic; at 100 %
# the stable Deployment is moved to it and takes everything back.
#
# Configuration (environment of the release job):
#   IMAGE_REPOSITORY   required, e.g. ghcr.io/acme: the image is $IMAGE_REPOSITORY/<svc>:<version>
#   K8S_NAMESPACE      default: RELEASE_ENVIRONMENT
#   ROLLOUT_TIMEOUT    how long a Deployment may take to become ready; default 5m
# kubectl must already be authenticated (an earlier step of the job: cloud login, kubeconfig).
# shellcheck source=../lib/release-env.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/release-env.sh"

require_env RELEASE_SERVICE RELEASE_ENVIRONMENT IMAGE_REPOSITORY
require_dns_label RELEASE_SERVICE "$RELEASE_SERVICE"
SERVICE=$RELEASE_SERVICE
NAMESPACE=${K8S_NAMESPACE:-$RELEASE_ENVIRONMENT}
require_dns_label K8S_NAMESPACE "$NAMESPACE"
ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-5m}
require_duration ROLLOUT_TIMEOUT "$ROLLOUT_TIMEOUT"
[[ "$IMAGE_REPOSITORY" =~ ^[a-z0-9][a-z0-9._/:-]*$ ]] || die "IMAGE_REPOSITORY '$IMAGE_REPOSITORY' is not an image repository"

# Point a Deployment (stable | canary) at an image and wait until it is ready. Setting the same image
# again changes nothing, so a re-run of a stage is harmless.
set_image() { # <stable|canary> <image>
  kubectl --namespace "$NAMESPACE" set image "deployment/$SERVICE-$1" "$SERVICE=$2"
  kubectl --namespace "$NAMESPACE" rollout status "deployment/$SERVICE-$1" --timeout "$ROLLOUT_TIMEOUT"
}

# Send <stable>% and <canary>% of the traffic to the two subsets. A JSON patch with `test` operations:
# it fails, changing nothing, if the VirtualService's routes are not laid out as described above. Only
# the two integers (checked) go into the patch.
set_weights() { # <stable percent> <canary percent>
  require_percent "stable weight" "$1"
  require_percent "canary weight" "$2"
  local patch
  patch=$(printf '[
    {"op": "test", "path": "/spec/http/0/route/0/destination/subset", "value": "stable"},
    {"op": "test", "path": "/spec/http/0/route/1/destination/subset", "value": "canary"},
    {"op": "replace", "path": "/spec/http/0/route/0/weight", "value": %d},
    {"op": "replace", "path": "/spec/http/0/route/1/weight", "value": %d}
  ]' "$((10#$1))" "$((10#$2))")
  kubectl --namespace "$NAMESPACE" patch virtualservice "$SERVICE" --type json --patch "$patch"
  echo "$SERVICE: stable $1 %, canary $2 %"
}
