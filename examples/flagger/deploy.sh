#!/usr/bin/env bash
# deploy: one stage. The first stage sets the new image on the Deployment: Flagger sees the new revision
# and starts its analysis, shifting traffic step by step on its own schedule. Every stage then waits
# until Flagger has shifted at least the stage's percent to the new version (at 100 %: promoted it), so
# the stage's bake and gate run while that share of the traffic meets it. A re-run changes nothing.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"
image=$(image_of "$RELEASE_VERSION")
tag_version_image "$image"

current=$(image_in "$SERVICE")
if [[ "$current" != "$image" ]]; then
  kubectl --namespace "$NAMESPACE" set image "deployment/$SERVICE" "$SERVICE=$image"
fi
wait_for "$(duration_seconds "$ROLLOUT_TIMEOUT")" "$POLL" canary_reached "$((10#$RELEASE_PERCENT))" "$image"
