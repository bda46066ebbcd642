#!/usr/bin/env bash
# rollback: all traffic to the known-good version's revision. With none (a failed first release) Cloud
# Run cannot send the traffic nowhere: the script says so and fails, and the action reports
# `rollback-failed`, which asks for a person.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_FAILED_VERSION

if [[ -z "${RELEASE_VERSION:-}" ]]; then
  echo "$SERVICE: no known-good version to go back to from $RELEASE_FAILED_VERSION;" \
    "route the traffic by hand (gcloud run services update-traffic) or delete the service" >&2
  exit 1
fi
revision="$SERVICE-$(suffix_of "$RELEASE_VERSION")"
send_traffic "$revision=100"
echo "$SERVICE: $RELEASE_FAILED_VERSION taken out; $revision serves all the traffic"
