#!/usr/bin/env bash
# Simulated health check: the split must be the one the stage asked for, and no version that takes
# traffic may be broken (FLEET_FAULTS).
# shellcheck source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
fleet_init
require_percent RELEASE_PERCENT "${RELEASE_PERCENT:-}"

fail() {
  log_event "health check failed: $*"
  echo "unhealthy: $*"
  exit 1
}

if [[ -n "${RELEASE_VERSION:-}" ]]; then
  require_version RELEASE_VERSION "$RELEASE_VERSION"
  share=$(share_of "$RELEASE_VERSION")
  ((share == 10#$RELEASE_PERCENT)) ||
    fail "$RELEASE_VERSION takes $share % of the traffic, not $RELEASE_PERCENT % (split: $(describe_split))"
fi

read -ra faults <<<"${FLEET_FAULTS:-}"
while read -r version percent; do
  [[ -n "$version" ]] || continue
  # ${a[@]+…}: an empty array under `set -u` is an error in bash before 4.4 (macOS ships 3.2).
  for fault in ${faults[@]+"${faults[@]}"}; do
    [[ "$fault" == "$RELEASE_SERVICE@$version:"* ]] || continue
    threshold=${fault##*:}
    require_percent "FLEET_FAULTS threshold of $RELEASE_SERVICE@$version" "$threshold"
    if ((percent >= 10#$threshold)); then
      fail "503 Service Unavailable from $RELEASE_SERVICE $version at $percent % of the traffic"
    fi
  done
done <"$STATE"
echo "healthy: $(describe_split)"
