#!/usr/bin/env bash
# verify: the health gate during a stage's bake reads the controller's verdict. Healthy (done) and Paused
# (waiting at its step, its own analysis passing) are healthy, Progressing (moving to a step) too;
# Degraded means its analysis failed or it was aborted.
# shellcheck source=common.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

status=$(rollout_status)
echo "$SERVICE: $status"
case $status in
  Healthy | Paused | Progressing) ;;
  Degraded)
    echo "unhealthy: the Rollout is Degraded (kubectl argo rollouts get rollout $SERVICE says why)"
    exit 1
    ;;
  *)
    echo "unhealthy: unknown Rollout status '$status'"
    exit 1
    ;;
esac
