#!/usr/bin/env bash
# rollback: all requests back to the stable server, on the known-good RELEASE_VERSION (it may have been
# pointed at the failed version already when the 100 % stage failed, and a manual rollback always moves
# it). The instance of the known-good version served until this release began, so the stable server is
# moved at once, without waiting for fresh health checks. With no known-good version (a failed first
# release), the canary is taken out of the traffic and the stable server is left as it is.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_FAILED_VERSION

if [[ -n "${RELEASE_VERSION:-}" ]]; then
  point_server stable "$RELEASE_VERSION"
  set_weights 100 0
  save_counters stable
  echo "$SERVICE: $RELEASE_FAILED_VERSION taken out; $RELEASE_VERSION serves all the requests"
else
  set_weights 100 0
  echo "$SERVICE: no known-good version; $RELEASE_FAILED_VERSION (canary) takes no requests"
fi
