#!/usr/bin/env bash
# verify: the health gate, run every `interval` during a stage's bake, from HAProxy's own statistics of
# the server carrying the version under test (the canary below 100 %, the stable server at 100 % and
# after a rollback). Unhealthy when that server is not UP in its health checks, is not pointed at the
# version's instance, or when more than HAPROXY_MAX_ERROR_RATE (default 0.01) of its answers since the
# stage began were 5xx. With little traffic the error rate proves little: keep `check` on the servers.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION
max=${HAPROXY_MAX_ERROR_RATE:-0.01}
[[ "$max" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || die "HAPROXY_MAX_ERROR_RATE '$max' is not a ratio from 0 to 1"

server=canary
if [[ "${RELEASE_STAGE:-}" == rollback ]] || [[ "${RELEASE_PERCENT:-}" == 100 ]]; then server=stable; fi
target=$(address_of "$RELEASE_VERSION")
read -r _ _ expected <<<"$target"
stats=$(server_stats "$server")
IFS=$'\t' read -r status check errors total address <<<"$stats"

# The counters deploy.sh (or rollback.sh) kept when the stage began; without them (a stage started
# elsewhere) this check keeps them and judges the errors from the next one on.
file=$(counters_file "$server")
if [[ -r "$file" ]]; then read -r errors_before total_before <"$file"; fi
if ! [[ "${errors_before:-}" =~ ^[0-9]+$ && "${total_before:-}" =~ ^[0-9]+$ ]]; then
  save_counters "$server"
  errors_before=$errors total_before=$total
fi
# A restart of HAProxy starts its counters from zero again.
if ((errors < errors_before || total < total_before)); then errors_before=0 total_before=0; fi
errors=$((errors - errors_before))
total=$((total - total_before))

echo "$BACKEND/$server ($address): $status, last check $check; $errors 5xx of $total answers since the stage began"
# Every reason is said, not only the first.
healthy=true
unhealthy() {
  echo "unhealthy: $*"
  healthy=false
}
if [[ "$address" != "$expected" ]]; then
  unhealthy "$BACKEND/$server is pointed at $address, not at $RELEASE_VERSION ($expected)"
fi
if [[ "$status" != UP && "$status" != "no check" ]]; then
  unhealthy "$BACKEND/$server is $status in its health checks ($check)"
fi
if ((total > 0)) && awk -v errors="$errors" -v total="$total" -v max="$max" 'BEGIN { exit !(errors / total > max) }'; then
  unhealthy "$errors of $total answers were 5xx, above $max"
fi
[[ "$healthy" == true ]]
