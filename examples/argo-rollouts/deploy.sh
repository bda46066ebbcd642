#!/usr/bin/env bash
# deploy: one stage. The first stage sets the new image on the Rollout (the controller starts its canary
# and stops at its first pause); each later stage promotes it to the next pause, and 100 % promotes it
# fully. Then it waits for the Rollout to get there and checks that the step's weight is the stage's
# percent. A re-run of a stage that is already reached changes nothing.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"
percent=$((10#$RELEASE_PERCENT))
image=$(image_of "$RELEASE_VERSION")
tag_version_image "$image"

position=$(rollout_position)
read -r current weight <<<"$position"
if [[ "$current" != "$image" ]]; then
  rollouts set image "$SERVICE" "$SERVICE=$image"
elif ((percent == 100)); then
  [[ "$(rollout_status)" == Healthy ]] || rollouts promote --full "$SERVICE"
elif ((weight < percent)); then
  rollouts promote "$SERVICE"
fi

if ((percent == 100)); then
  wait_until Healthy
else
  wait_until Paused
  position=$(rollout_position)
  read -r _ weight <<<"$position"
  ((weight == percent)) ||
    die "the Rollout paused at $weight %, the stage '${RELEASE_STAGE:-}' is $percent %: make its steps mirror the stages"
fi
