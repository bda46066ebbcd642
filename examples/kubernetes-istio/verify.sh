#!/usr/bin/env bash
# verify: the health gate, run every `interval` during a stage's bake. The Deployment that carries the
# version under test must be fully available and, when PROMETHEUS_URL is set, its 5xx ratio over the
# last minute (Istio's istio_requests_total) must stay at or below MAX_ERROR_RATE (default 0.01).
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"

# The canary carries the version while it shares traffic; the stable Deployment after promotion or a rollback.
subset=canary
if [[ "${RELEASE_STAGE:-}" == rollback ]] || ((10#$RELEASE_PERCENT == 100)); then subset=stable; fi

kubectl --namespace "$NAMESPACE" rollout status "deployment/$SERVICE-$subset" --timeout 30s

if [[ -n "${PROMETHEUS_URL:-}" ]]; then
  require_url PROMETHEUS_URL "$PROMETHEUS_URL"
  max=${MAX_ERROR_RATE:-0.01}
  [[ "$max" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || die "MAX_ERROR_RATE '$max' is not a ratio from 0 to 1"
  # SERVICE and subset are DNS labels (checked), so they cannot break out of the PromQL strings.
  selector="reporter=\"destination\",destination_service_name=\"$SERVICE\",destination_version=\"$subset\""
  query="sum(rate(istio_requests_total{$selector,response_code=~\"5..\"}[1m])) / sum(rate(istio_requests_total{$selector}[1m]))"
  response=$(curl --fail --silent --show-error --max-time 10 --get \
    --data-urlencode "query=$query" "$PROMETHEUS_URL/api/v1/query")
  # No traffic yet gives an empty result: counted as no errors.
  rate=$(jq -r '.data.result[0].value[1] // "0"' <<<"$response")
  echo "$SERVICE ($subset): 5xx ratio $rate (at most $max)"
  jq -en --arg rate "$rate" --arg max "$max" '($rate | tonumber) <= ($max | tonumber)' >/dev/null ||
    {
      echo "unhealthy: 5xx ratio $rate is above $max"
      exit 1
    }
fi
