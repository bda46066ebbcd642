#!/usr/bin/env bash
# verify: the health gate. While the version shares traffic, its own tagged URL is checked (so the check
# reaches the new revision, whatever the split); at 100 % and after a rollback, the service's URL. Any
# answer other than 2xx within 10 seconds fails the check.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
require_env RELEASE_VERSION RELEASE_PERCENT
require_percent RELEASE_PERCENT "$RELEASE_PERCENT"
path=${HEALTH_PATH:-/healthz}
[[ "$path" =~ ^/[A-Za-z0-9._~/-]*$ ]] || die "HEALTH_PATH '$path' is not a plain path"

if [[ "${RELEASE_STAGE:-}" == rollback ]] || ((10#$RELEASE_PERCENT == 100)); then
  url=$(run_gcloud services describe "$SERVICE" --format 'value(status.url)')
else
  tag=$(suffix_of "$RELEASE_VERSION")
  url=$(run_gcloud services describe "$SERVICE" --format json |
    jq -r --arg tag "$tag" 'first(.status.traffic[]? | select(.tag == $tag) | .url) // empty')
fi
[[ -n "$url" ]] || {
  echo "unhealthy: $SERVICE has no URL for $RELEASE_VERSION"
  exit 1
}
require_url "URL of $SERVICE" "$url"

curl_args=(--fail --silent --show-error --max-time 10 --output /dev/null --write-out '%{http_code}')
if [[ "${HEALTH_AUTH:-false}" == true ]]; then
  # The token goes to curl on stdin (`--header @-`), never in its argv where other processes could read it.
  token=$(gcloud auth print-identity-token --quiet)
  code=$(printf 'Authorization: Bearer %s\n' "$token" | curl "${curl_args[@]}" --header @- "$url$path") || code=${code:-000}
else
  code=$(curl "${curl_args[@]}" "$url$path") || code=${code:-000}
fi
if [[ "$code" != 2?? ]]; then
  echo "unhealthy: GET $url$path answered $code"
  exit 1
fi
echo "$SERVICE $RELEASE_VERSION: GET $path → $code"
