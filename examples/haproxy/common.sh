# shellcheck shell=bash
# Shared by deploy.sh, verify.sh and rollback.sh: HAProxy, one backend per service, driven through its
# runtime API (no reload, no config change).
#
# What it expects in haproxy.cfg, per service <svc> (README.md shows a whole file):
#   backend <svc> with `balance roundrobin` (its weights change on the fly) and two servers:
#     server stable <ip>:<port> weight 100 check
#     server canary <ip>:<port> weight 0 check
#   a runtime API socket the runner can reach, at admin level:
#     stats socket ipv4@127.0.0.1:9999 level admin     (reached through an SSH tunnel; see README.md)
# The canary server is pointed at the instance running the new version while it takes RELEASE_PERCENT of
# the requests; at 100 % the stable server is pointed at it too and takes everything back. Between
# releases the canary has weight 0.
#
# Configuration (environment of the release job):
#   HAPROXY_ADMIN          required: host:port of the runtime API socket (a TCP socket, or a tunnel to one)
#   HAPROXY_ADDRESSES      required: a file of `<service> <version> <ip>:<port>` lines ([ipv6]:port for
#                          IPv6): where the instance running each version listens
#   HAPROXY_BACKEND        default: RELEASE_SERVICE
#   HAPROXY_READY_TIMEOUT  seconds a server may take to pass its health checks at a new address; default 60
#   HAPROXY_ADMIN_TIMEOUT  seconds one runtime API command may take; default 10
#   HAPROXY_MAX_ERROR_RATE verify.sh: the highest share of 5xx answers since the stage began; default 0.01
#   HAPROXY_STATE_DIR      where deploy.sh leaves the counters verify.sh compares with; default RUNNER_TEMP
# shellcheck source=../lib/release-env.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/release-env.sh"

require_env RELEASE_SERVICE HAPROXY_ADMIN HAPROXY_ADDRESSES
SERVICE=$RELEASE_SERVICE
BACKEND=${HAPROXY_BACKEND:-$RELEASE_SERVICE}
# Every value that reaches a runtime API command is checked against a pattern with no space, ';' or '\':
# the API reads one line, and ';' separates commands in it.
[[ "$BACKEND" =~ ^[A-Za-z0-9_.:-]{1,64}$ ]] || die "HAPROXY_BACKEND '$BACKEND' is not a HAProxy backend name"
[[ "$HAPROXY_ADMIN" =~ ^([A-Za-z0-9.-]+):([0-9]{1,5})$ ]] ||
  die "HAPROXY_ADMIN '$HAPROXY_ADMIN' is not host:port (a TCP runtime API socket)"
ADMIN_HOST=${BASH_REMATCH[1]}
ADMIN_PORT=${BASH_REMATCH[2]}
ADMIN_TIMEOUT=${HAPROXY_ADMIN_TIMEOUT:-10}
READY_TIMEOUT=${HAPROXY_READY_TIMEOUT:-60}
[[ "$ADMIN_TIMEOUT" =~ ^[1-9][0-9]{0,3}$ ]] || die "HAPROXY_ADMIN_TIMEOUT '$ADMIN_TIMEOUT' is not a number of seconds"
[[ "$READY_TIMEOUT" =~ ^[1-9][0-9]{0,3}$ ]] || die "HAPROXY_READY_TIMEOUT '$READY_TIMEOUT' is not a number of seconds"
STATE_DIR=${HAPROXY_STATE_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}

# One runtime API command; its answer on stdout. Bash's /dev/tcp speaks to the socket, so the runner
# needs neither socat nor HAProxy installed. The API answers, then closes the connection; `timeout`
# bounds a socket that never answers. The values travel as arguments, never inside the script text.
admin() { # <command>
  # shellcheck disable=SC2016 # $1..$3 are the inner bash's own arguments
  timeout "$ADMIN_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "%s\n" "$3" >&3 && cat <&3' \
    admin "$ADMIN_HOST" "$ADMIN_PORT" "$1" ||
    die "no answer from HAProxy's runtime API at $HAPROXY_ADMIN to '$1'"
}

# A command that answers nothing when it succeeds (set weight, set server … health): anything else is
# HAProxy's error message ("No such server.", "Absolute weight can only be between 0 and 256 …").
admin_quiet() { # <command>
  local answer
  answer=$(admin "$1")
  [[ -z "${answer//[[:space:]]/}" ]] || die "HAProxy refused '$1': $answer"
}

# One server's line of `show stat` (CSV, columns found by name in its header), as tab-separated fields:
# status (UP, DOWN, "UP 1/3", "no check", …), last check result (L7OK, L4CON, …), 5xx answers, all
# answers, address (ip:port). Counters grow from HAProxy's start; verify.sh compares two readings.
server_stats() { # <stable|canary>
  local stats line
  stats=$(admin "show stat $BACKEND 4 -1")
  line=$(awk -F, -v server="$1" '
    NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["svname"] == server {
      # A "*" marks a check in progress; "-" stands for no check at all (tabs around an empty field
      # would merge when the line is read back).
      check = $col["check_status"]; sub(/^\* /, "", check); if (check == "") check = "-"
      total = $col["hrsp_1xx"] + $col["hrsp_2xx"] + $col["hrsp_3xx"] + $col["hrsp_4xx"] + $col["hrsp_5xx"] + $col["hrsp_other"]
      printf "%s\t%s\t%d\t%d\t%s\n", $col["status"], check, $col["hrsp_5xx"], total, $col["addr"]
    }' <<<"$stats")
  [[ -n "$line" ]] || die "HAProxy has no server $BACKEND/$1 (see the haproxy.cfg in README.md): ${stats%%$'\n'*}"
  printf '%s\n' "$line"
}

# Where the instance running <version> listens, from HAPROXY_ADDRESSES: "<ip> <port> <ip:port as HAProxy
# prints it>". Whatever starts the instances (a VM image, a container host, Nomad) keeps that file.
address_of() { # <version>
  require_image_tag version "$1"
  [[ -r "$HAPROXY_ADDRESSES" ]] || die "HAPROXY_ADDRESSES '$HAPROXY_ADDRESSES' is not a readable file"
  local address
  address=$(awk -v service="$SERVICE" -v version="$1" '$1 == service && $2 == version { print $3; exit }' \
    "$HAPROXY_ADDRESSES")
  [[ -n "$address" ]] || die "$HAPROXY_ADDRESSES has no line '$SERVICE $1 <ip>:<port>': where does $1 run?"
  if [[ "$address" =~ ^([0-9]{1,3}(\.[0-9]{1,3}){3}):([0-9]{1,5})$ ]]; then
    printf '%s %s %s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}" "$address"
  elif [[ "$address" =~ ^\[([0-9A-Fa-f:.]+)\]:([0-9]{1,5})$ ]]; then
    printf '%s %s %s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "$address"
  else
    die "address '$address' of $SERVICE $1 in $HAPROXY_ADDRESSES is not <ipv4>:<port> or [<ipv6>]:<port>"
  fi
}

# Point a server at the instance running <version>. A server already there is left alone, so a re-run
# of a stage changes nothing. With `ready`, its health state is reset to down first: HAProxy then gives
# it traffic only after `rise` checks at the new address pass (a stale "UP" from the old address would
# not prove anything), and this waits for that.
point_server() { # <stable|canary> <version> [ready]
  local target ip port address stats status current answer _
  target=$(address_of "$2")
  read -r ip port address <<<"$target"
  stats=$(server_stats "$1")
  IFS=$'\t' read -r status _ _ _ current <<<"$stats"
  if [[ "$current" != "$address" ]]; then
    answer=$(admin "set server $BACKEND/$1 addr $ip port $port")
    [[ "$answer" =~ ^(IP changed|no need to change the addr) ]] || die "HAProxy did not move $BACKEND/$1 to $address: $answer"
    if [[ "${3:-}" == ready && "$status" != "no check" ]]; then admin_quiet "set server $BACKEND/$1 health down"; fi
  fi
  echo "$BACKEND/$1 -> $address ($2)"
  if [[ "${3:-}" == ready ]]; then wait_until_up "$1"; fi
}

wait_until_up() { # <server>
  local stats status check _ deadline=$((SECONDS + READY_TIMEOUT))
  for (( ; ; )); do
    stats=$(server_stats "$1")
    IFS=$'\t' read -r status check _ <<<"$stats"
    [[ "$status" == UP || "$status" == "no check" ]] && return 0
    ((SECONDS < deadline)) || die "$BACKEND/$1 is still $status ($check) after ${READY_TIMEOUT}s"
    sleep 0.5
  done
}

# <stable> and <canary> are weights out of 100, so they are the percent of new requests each server
# takes (roundrobin applies a change to the next request; requests in flight finish where they are).
set_weights() { # <stable> <canary>
  require_percent "stable weight" "$1"
  require_percent "canary weight" "$2"
  admin_quiet "set weight $BACKEND/stable $((10#$1))"
  admin_quiet "set weight $BACKEND/canary $((10#$2))"
  echo "$BACKEND: stable $1 %, canary $2 %"
}

# verify.sh judges the 5xx answers since the stage began: keep the server's counters now.
counters_file() { # <server>
  printf '%s/monorepo-release-haproxy.%s.%s' "$STATE_DIR" "$BACKEND" "$1"
}
save_counters() { # <server>
  local stats errors total _
  stats=$(server_stats "$1")
  IFS=$'\t' read -r _ _ errors total _ <<<"$stats"
  printf '%s %s\n' "$errors" "$total" >"$(counters_file "$1")"
}
