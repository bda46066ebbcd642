#!/usr/bin/env bash
# rollback: all traffic back to the stable subset, and the stable Deployment on the known-good
# RELEASE_VERSION (it may have been promoted already when the last stage failed, and a manual rollback
# always moves it). With no known-good version (a failed first release), the canary is taken out of
# the traffic and the stable Deployment is left as it is.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_FAILED_VERSION
image=""
if [[ -n "${RELEASE_VERSION:-}" ]]; then image=$(image_of "$RELEASE_VERSION"); fi

set_weights 100 0
if [[ -n "$image" ]]; then
  set_image stable "$image"
  echo "$SERVICE: $RELEASE_FAILED_VERSION taken out; $RELEASE_VERSION serves all the traffic"
else
  echo "$SERVICE: no known-good version; $RELEASE_FAILED_VERSION (canary) takes no traffic"
fi
