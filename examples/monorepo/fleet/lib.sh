# shellcheck shell=bash
# The simulated fleet, shared by deploy.sh, verify.sh and rollback.sh (sourced, never run).
#
#   $FLEET_DIR/<service>.traffic  one "<version> <percent>" line per version that takes traffic
#   $FLEET_DIR/events.log         "<HH:MM:SS> <service> <what happened>", the rollout's timeline
#   FLEET_FAULTS                  space-separated "<service>@<version>:<percent>": that version answers
#                                 503 once it takes at least that percent of the traffic
#
# Every value comes from the environment the action sets (RELEASE_*) and is checked before use.
set -euo pipefail
# Functions called as $(…) stop at their first failure too (bash 4.4+; older bash keeps going).
shopt -s inherit_errexit 2>/dev/null || true

die() {
  echo "fleet: $*" >&2
  exit 2
}

require_env() {
  local name
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || die "$name is not set"
  done
}

require_name() { # <label> <value>: a service name as the action accepts it
  [[ "$2" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "$1 '$2' is not a valid name"
}

require_version() { # <label> <value>
  [[ "$2" =~ ^[0-9A-Za-z][0-9A-Za-z._+-]*$ ]] || die "$1 '$2' is not a valid version"
}

require_percent() { # <label> <value>: an integer 0..100
  if ! [[ "$2" =~ ^[0-9]{1,3}$ ]] || ((10#$2 > 100)); then die "$1 '$2' is not an integer from 0 to 100"; fi
}

fleet_init() {
  require_env FLEET_DIR RELEASE_SERVICE
  require_name RELEASE_SERVICE "$RELEASE_SERVICE"
  mkdir -p -- "$FLEET_DIR"
  STATE="$FLEET_DIR/$RELEASE_SERVICE.traffic"
  touch -- "$STATE"
}

# The version that holds the most traffic, other than $1 (empty when there is none).
stable_version() {
  local version percent best="" most=-1
  while read -r version percent; do
    [[ -n "$version" && "$version" != "$1" ]] || continue
    if ((percent > most)); then
      best=$version
      most=$percent
    fi
  done <"$STATE"
  printf '%s' "$best"
}

# Percent of traffic that version $1 takes now (0 when it takes none).
share_of() {
  local version percent
  while read -r version percent; do
    if [[ "$version" == "$1" ]]; then
      printf '%s' "$percent"
      return
    fi
  done <"$STATE"
  printf '0'
}

# Replace the traffic split with the "<version> <percent>" pairs given as arguments, atomically.
set_split() {
  local tmp="$STATE.tmp.$$"
  : >"$tmp"
  while (($# >= 2)); do
    if (($2 > 0)); then printf '%s %s\n' "$1" "$2" >>"$tmp"; fi
    shift 2
  done
  mv -f -- "$tmp" "$STATE"
}

describe_split() {
  local version percent parts=()
  while read -r version percent; do
    [[ -n "$version" ]] && parts+=("$version $percent %")
  done <"$STATE"
  if ((${#parts[@]} == 0)); then
    printf 'no traffic'
  else
    local IFS=','
    printf '%s' "${parts[*]}" | sed 's/,/, /g'
  fi
}

log_event() {
  printf '%s %s %s\n' "$(date -u +%H:%M:%S)" "$RELEASE_SERVICE" "$*" >>"$FLEET_DIR/events.log"
}
