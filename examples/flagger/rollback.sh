#!/usr/bin/env bash
# rollback: the Deployment goes back to the known-good RELEASE_VERSION. While Flagger's analysis runs (the
# usual case: a stage below 100 % failed), the primary still runs that version and Flagger restarts its
# analysis with it, so the canary's share of the traffic is the known-good version too; once Flagger has
# failed the canary itself, it already routes everything to the primary. After a completed promotion,
# Flagger has no instant revert: it walks the known-good version through its analysis like any release.
# With no known-good version, Flagger's own rollback is all there is.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_FAILED_VERSION

if [[ -z "${RELEASE_VERSION:-}" ]]; then
  echo "$SERVICE: no known-good version; Flagger keeps the traffic on the primary when it fails $RELEASE_FAILED_VERSION"
  exit 0
fi
image=$(image_of "$RELEASE_VERSION")
current=$(image_in "$SERVICE")
if [[ "$current" != "$image" ]]; then
  kubectl --namespace "$NAMESPACE" set image "deployment/$SERVICE" "$SERVICE=$image"
fi
echo "$SERVICE: $RELEASE_FAILED_VERSION taken out of the Deployment; $RELEASE_VERSION set back"
