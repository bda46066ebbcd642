# shellcheck shell=bash
# Shared by deploy.sh, verify.sh and rollback.sh: Cloud Run (fully managed), traffic split by revision.
#
# Each version of a service is one revision, <svc>-v<version with . and + as ->, tagged v<…> so that it
# has a URL of its own before it takes traffic. A stage sends RELEASE_PERCENT of the traffic to it and the
# rest to the previous version's revision.
#
# Configuration (environment of the release job):
#   IMAGE_REPOSITORY   required, e.g. europe-docker.pkg.dev/acme/services: the image is <repo>/<svc>:<version>
#   CLOUD_RUN_REGION   required, e.g. europe-west1
#   HEALTH_PATH        the path verify.sh requests; default /healthz
#   HEALTH_AUTH        true: send an identity token (services that do not allow unauthenticated calls)
# gcloud must already be authenticated, with its project set (an earlier step: google-github-actions/auth
# with workload identity federation, which needs `pass-oidc: true` in the config only if these commands
# mint tokens themselves).
# shellcheck source=../lib/release-env.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/release-env.sh"

require_env RELEASE_SERVICE IMAGE_REPOSITORY CLOUD_RUN_REGION
# Cloud Run service names: a letter first, lowercase letters, digits and '-', 49 at most.
[[ "$RELEASE_SERVICE" =~ ^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$ ]] ||
  die "RELEASE_SERVICE '$RELEASE_SERVICE' is not a valid Cloud Run service name"
SERVICE=$RELEASE_SERVICE
[[ "$CLOUD_RUN_REGION" =~ ^[a-z]+-[a-z]+[0-9]+$ ]] || die "CLOUD_RUN_REGION '$CLOUD_RUN_REGION' is not a region"
REGION=$CLOUD_RUN_REGION
[[ "$IMAGE_REPOSITORY" =~ ^[a-z0-9][a-z0-9._/:-]*$ ]] || die "IMAGE_REPOSITORY '$IMAGE_REPOSITORY' is not an image repository"

# The revision suffix and traffic tag of a version: 1.4.0 → v1-4-0, 1.5.0-rc.1 → v1-5-0-rc-1.
suffix_of() { # <version>
  require_image_tag version "$1"
  local lower suffix
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$1")
  suffix="v${lower//[._]/-}"
  ((${#SERVICE} + 1 + ${#suffix} <= 63)) || die "revision name $SERVICE-$suffix is longer than 63 characters"
  printf '%s' "$suffix"
}

run_gcloud() { # <gcloud run arguments…>: in the region, never prompting
  gcloud run "$@" --region "$REGION" --quiet
}

service_exists() {
  run_gcloud services describe "$SERVICE" --format 'value(metadata.name)' >/dev/null 2>&1
}

revision_exists() { # <revision>
  run_gcloud revisions describe "$1" --format 'value(metadata.name)' >/dev/null 2>&1
}

send_traffic() { # <REVISION=PERCENT,…>
  run_gcloud services update-traffic "$SERVICE" --to-revisions "$1"
}
