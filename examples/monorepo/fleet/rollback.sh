#!/usr/bin/env bash
# Simulated rollback: the known-good RELEASE_VERSION takes all the traffic again; with none (a failed
# first release) the failed version is taken out of the split.
# shellcheck source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
fleet_init
require_env RELEASE_FAILED_VERSION
require_version RELEASE_FAILED_VERSION "$RELEASE_FAILED_VERSION"

if [[ -n "${RELEASE_VERSION:-}" ]]; then
  require_version RELEASE_VERSION "$RELEASE_VERSION"
  set_split "$RELEASE_VERSION" 100
else
  stable=$(stable_version "$RELEASE_FAILED_VERSION")
  if [[ -n "$stable" ]]; then set_split "$stable" "$(share_of "$stable")"; else set_split; fi
fi
split=$(describe_split)
log_event "rollback: $RELEASE_FAILED_VERSION out → $split"
echo "$RELEASE_SERVICE: traffic now $split"
