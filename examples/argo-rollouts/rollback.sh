#!/usr/bin/env bash
# rollback: `abort` sends all traffic back to the stable ReplicaSet at once; `undo` then puts the previous
# revision's template back. When that is not the known-good RELEASE_VERSION (a manual rollback to an older
# version), its image is set explicitly. A Rollout whose template matches its stable ReplicaSet becomes
# Healthy without steps; one that must walk them again (the release had been fully promoted) is promoted
# fully, since a rollback must not wait for pauses. With no known-good version, only the abort is done.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_FAILED_VERSION

rollouts abort "$SERVICE"
if [[ -z "${RELEASE_VERSION:-}" ]]; then
  echo "$SERVICE: no known-good version; $RELEASE_FAILED_VERSION aborted, the stable ReplicaSet takes all the traffic"
  exit 0
fi
image=$(image_of "$RELEASE_VERSION")
rollouts undo "$SERVICE"
position=$(rollout_position)
read -r current _ <<<"$position"
if [[ "$current" != "$image" ]]; then rollouts set image "$SERVICE" "$SERVICE=$image"; fi
[[ "$(rollout_status)" == Paused ]] && rollouts promote --full "$SERVICE"
wait_until Healthy through-degraded
echo "$SERVICE: $RELEASE_FAILED_VERSION taken out; $RELEASE_VERSION serves all the traffic"
