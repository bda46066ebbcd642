#!/usr/bin/env bash
# deploy: one stage of a release, through HAProxy's runtime API (no reload). Below 100 %: the canary
# server is pointed at the instance running RELEASE_VERSION and, once it passes its health checks there,
# takes RELEASE_PERCENT of the requests. At 100 %: the canary takes everything while the stable server is
# pointed at the new version; once healthy there, the stable server takes everything back (so no request
# meets a server whose checks have not passed).
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"
percent=$((10#$RELEASE_PERCENT))

point_server canary "$RELEASE_VERSION" ready
if ((percent < 100)); then
  set_weights "$((100 - percent))" "$percent"
  save_counters canary
else
  set_weights 0 100
  point_server stable "$RELEASE_VERSION" ready
  set_weights 100 0
  save_counters stable
fi
