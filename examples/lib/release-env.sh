# shellcheck shell=bash
# Checks on what monorepo-release hands to deploy / verify / rollback commands (RELEASE_* environment
# variables), and the waits they share, for the scripts of examples/kubernetes-istio, cloud-run, haproxy,
# argo-rollouts and flagger. Source it.
#
# The rule these scripts follow: a value is checked against what the target accepts, then passed as one
# quoted argument. It is never spliced into a command line, a shell string or a JSON/YAML document
# unless its pattern makes that harmless (integers, [a-z0-9-] names).
set -euo pipefail
# Functions called as $(…) stop at their first failure too (bash 4.4+; older bash keeps going).
shopt -s inherit_errexit 2>/dev/null || true

die() {
  printf '%s: %s\n' "${0##*/}" "$*" >&2
  exit 2
}

require_env() {
  local name
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || die "$name is not set"
  done
}

# <label> <value>: an integer from 0 to 100 (RELEASE_PERCENT).
require_percent() {
  if ! [[ "$2" =~ ^[0-9]{1,3}$ ]] || ((10#$2 > 100)); then die "$1 '$2' is not an integer from 0 to 100"; fi
}

# <label> <value>: a DNS-1123 label, the name rule of Kubernetes objects and Cloud Run services.
require_dns_label() {
  [[ "$2" =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || die "$1 '$2' must be lowercase letters, digits and '-' (63 at most)"
}

# <label> <value>: a valid container image tag (semver without build metadata, or a commit SHA).
require_image_tag() {
  [[ "$2" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "$1 '$2' is not a valid image tag"
}

# <label> <value>: a duration as kubectl and gcloud take it (30s, 5m, 1h).
require_duration() {
  [[ "$2" =~ ^[0-9]+[smh]$ ]] || die "$1 '$2' is not a duration such as 30s, 5m or 1h"
}

# <label> <value>: an https or http base URL with no spaces, quotes or shell characters.
require_url() {
  [[ "$2" =~ ^https?://[A-Za-z0-9.:-]+(/[A-Za-z0-9._~/%-]*)?$ ]] || die "$1 '$2' is not a plain http(s) URL"
}

# <duration>: a duration such as 30s, 5m or 1h (checked by require_duration) in seconds.
duration_seconds() {
  local count=${1%[smh]}
  case ${1: -1} in
    s) echo "$((10#$count))" ;;
    m) echo "$((10#$count * 60))" ;;
    h) echo "$((10#$count * 3600))" ;;
  esac
}

# <timeout seconds> <poll seconds> <command…>: run the command until it returns 0 (done); 1 means "not
# yet", anything else is a failure that stops the wait. For controllers that move on their own (Argo
# Rollouts, Flagger): the release waits for the state it needs, never longer than the timeout.
wait_for() {
  local timeout=$1 poll=$2 status
  local deadline=$((SECONDS + timeout))
  shift 2
  for (( ; ; )); do
    status=0
    "$@" || status=$?
    ((status == 0)) && return 0
    ((status == 1)) || exit "$status"
    ((SECONDS < deadline)) || {
      printf '%s: gave up after %ss waiting for: %s\n' "${0##*/}" "$timeout" "$*" >&2
      exit 1
    }
    sleep "$poll"
  done
}

# <image>:<version tag>: add the version's tag to the image the release job built for this commit
# (<image>:<RELEASE_SHA>, see examples/workflows/release.yml). The job tags by commit because the version
# is only final when the release claims it (it may move to the next free one); tagging the same digest
# again changes nothing, so a re-run is harmless. Needs docker buildx and the job's registry login.
tag_version_image() {
  require_env RELEASE_SHA
  [[ "$RELEASE_SHA" =~ ^[0-9a-f]{40}$ ]] || die "RELEASE_SHA '$RELEASE_SHA' is not a commit SHA"
  docker buildx imagetools create --tag "$1" "${1%:*}:$RELEASE_SHA"
}

# The settings the Kubernetes controller examples (Argo Rollouts, Flagger) share, read and checked: sets
# SERVICE, NAMESPACE, ROLLOUT_TIMEOUT (default: the argument) and POLL for the scripts that source them.
read_controller_settings() { # <default ROLLOUT_TIMEOUT>
  require_env RELEASE_SERVICE RELEASE_ENVIRONMENT IMAGE_REPOSITORY
  require_dns_label RELEASE_SERVICE "$RELEASE_SERVICE"
  # shellcheck disable=SC2034 # used by the scripts that source this file
  SERVICE=$RELEASE_SERVICE
  NAMESPACE=${K8S_NAMESPACE:-$RELEASE_ENVIRONMENT}
  require_dns_label K8S_NAMESPACE "$NAMESPACE"
  ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-$1}
  require_duration ROLLOUT_TIMEOUT "$ROLLOUT_TIMEOUT"
  POLL=${ROLLOUT_POLL:-5}
  [[ "$POLL" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "ROLLOUT_POLL '$POLL' is not a number of seconds"
  [[ "$IMAGE_REPOSITORY" =~ ^[a-z0-9][a-z0-9._/:-]*$ ]] || die "IMAGE_REPOSITORY '$IMAGE_REPOSITORY' is not an image repository"
}

# The image of a version of the service: $IMAGE_REPOSITORY/<svc>:<version>.
image_of() { # <version>
  require_image_tag version "$1"
  printf '%s/%s:%s' "$IMAGE_REPOSITORY" "$SERVICE" "$1"
}
