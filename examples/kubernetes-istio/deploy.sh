#!/usr/bin/env bash
# deploy: one stage of a release. Below 100 %: the canary runs RELEASE_VERSION and takes RELEASE_PERCENT
# of the traffic. At 100 %: the canary takes everything, the stable Deployment is moved to the new version,
# then takes everything back (so no request meets a half-updated stable Deployment).
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"
percent=$((10#$RELEASE_PERCENT))
image=$(image_of "$RELEASE_VERSION")
tag_version_image "$image"

set_image canary "$image"
if ((percent < 100)); then
  set_weights "$((100 - percent))" "$percent"
else
  set_weights 0 100
  set_image stable "$image"
  set_weights 100 0
fi
