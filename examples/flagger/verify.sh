#!/usr/bin/env bash
# verify: the health gate during a stage's bake follows the Canary's status: Failed (Flagger's analysis
# failed and it rolled back to the primary) is unhealthy, any other is healthy. After a rollback the
# primary must run the known-good version.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

if [[ "${RELEASE_STAGE:-}" == rollback ]]; then
  require_env RELEASE_VERSION
  image=$(image_of "$RELEASE_VERSION")
  primary=$(image_in "$SERVICE-primary")
  echo "$SERVICE-primary runs $primary"
  [[ "$primary" == "$image" ]] || {
    echo "unhealthy: the primary does not run $image"
    exit 1
  }
  exit 0
fi
state=$(canary_state)
read -r status weight <<<"$state"
echo "$SERVICE: $status, canary weight ${weight:-?} %"
if [[ "$status" == Failed ]]; then
  echo "unhealthy: Flagger failed the canary (kubectl describe canary $SERVICE says why)"
  exit 1
fi
