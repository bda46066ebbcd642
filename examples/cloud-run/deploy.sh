#!/usr/bin/env bash
# deploy: one stage of a release. The version's revision is created once, with no traffic and a tag of
# its own; each stage then sends it RELEASE_PERCENT of the traffic, the previous version's revision the rest.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"
percent=$((10#$RELEASE_PERCENT))
image=$(image_of "$RELEASE_VERSION")
tag_version_image "$image"
suffix=$(suffix_of "$RELEASE_VERSION")
revision="$SERVICE-$suffix"
previous=""
if [[ -n "${RELEASE_PREVIOUS_VERSION:-}" ]]; then previous="$SERVICE-$(suffix_of "$RELEASE_PREVIOUS_VERSION")"; fi

if ! service_exists; then
  # A new service has no other revision to share the traffic with: it takes all of it at once.
  run_gcloud deploy "$SERVICE" --image "$image" --revision-suffix "$suffix" --tag "$suffix"
  echo "$SERVICE: created with $revision serving 100 % (a first deploy cannot be split)"
  exit 0
fi
# A re-run of the stage finds the revision already there (revision names are unique).
if ! revision_exists "$revision"; then
  run_gcloud deploy "$SERVICE" --image "$image" --revision-suffix "$suffix" --tag "$suffix" --no-traffic
fi

if ((percent == 100)); then
  send_traffic "$revision=100"
elif [[ -n "$previous" ]] && revision_exists "$previous"; then
  send_traffic "$revision=$percent,$previous=$((100 - percent))"
else
  # No known previous revision: Cloud Run scales the other revisions' shares to make up the rest.
  send_traffic "$revision=$percent"
fi
echo "$SERVICE: $revision takes $percent % of the traffic"
