#!/usr/bin/env bash
# Simulated deploy: RELEASE_VERSION takes RELEASE_PERCENT of the traffic, the stable version the rest.
# shellcheck source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
fleet_init
require_env RELEASE_VERSION RELEASE_PERCENT
require_version RELEASE_VERSION "$RELEASE_VERSION"
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"

percent=$((10#$RELEASE_PERCENT))
stable=$(stable_version "$RELEASE_VERSION")
if ((percent == 100)) || [[ -z "$stable" ]]; then
  set_split "$RELEASE_VERSION" "$percent"
else
  set_split "$RELEASE_VERSION" "$percent" "$stable" "$((100 - percent))"
fi
split=$(describe_split)
log_event "deploy $RELEASE_VERSION at ${RELEASE_STAGE:-?} → $split"
echo "$RELEASE_SERVICE: traffic now $split"
