#!/usr/bin/env bash
# notify: post how a release, promote, abort, rollback or drill ended to a Slack channel (or any
# Slack-compatible incoming webhook: Mattermost, Rocket.Chat, Discord's /slack endpoint), as the first lines
# of the run's summary.
#
#   .github/monorepo-release.yml   defaults: { notify: ./deploy/notify/slack.sh }
#   the release job                env: { SLACK_WEBHOOK_URL: <the webhook, from a secret> }
#
# The webhook URL is a credential: anyone who has it can post to the channel. It reaches curl through
# curl's config on stdin (`--config -`, written by printf, a bash builtin), never on a command line, where
# `ps` shows it to every user of the machine. The message goes in a file for the same reason: it is data,
# not arguments. The action stops this script after 1 minute (or the service's timeout when shorter), and a
# failure here is a warning: it never changes the release's outcome.
set -euo pipefail

: "${SLACK_WEBHOOK_URL:?set SLACK_WEBHOOK_URL (an incoming webhook URL, from a secret) in the env of the job}"
: "${RELEASE_SUMMARY:?run this as the notify command of monorepo-release, which sets RELEASE_SUMMARY}"
# How many lines of the summary to send: the heading, what happened, the commit line.
lines=${SLACK_SUMMARY_LINES:-5}
[[ "$lines" =~ ^[1-9][0-9]{0,2}$ ]] || {
  echo "SLACK_SUMMARY_LINES must be a number from 1 to 999, not '$lines'" >&2
  exit 2
}
# curl's config syntax quotes the value: a quote, a backslash or a line break would end it early.
if [[ ! "$SLACK_WEBHOOK_URL" =~ ^https?://[^[:space:]\"\\]+$ ]]; then
  echo "SLACK_WEBHOOK_URL is not a webhook URL (https://…, without spaces, quotes or backslashes)" >&2
  exit 2
fi

case "${RELEASE_OUTCOME:-}" in
  released | drilled | already-released) icon=':white_check_mark:' ;;
  paused) icon=':double_vertical_bar:' ;;
  rolled-back) icon=':leftwards_arrow_with_hook:' ;;
  *) icon=':rotating_light:' ;;
esac

payload=$(mktemp)
trap 'rm -f -- "$payload"' EXIT
# The summary is GitHub markdown with its special characters escaped ("1\.2\.0"): unescape them, then
# escape what Slack's mrkdwn reads as markup (&, <, >), and build the JSON with jq (no quoting by hand).
head -n "$lines" -- "$RELEASE_SUMMARY" |
  jq --raw-input --slurp --arg icon "$icon" '
    gsub("\\\\(?<c>[^A-Za-z0-9\\s])"; "\(.c)")
    | gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;")
    | sub("^### "; "")
    | {text: ($icon + " " + .)}' >"$payload"

printf 'url = "%s"\n' "$SLACK_WEBHOOK_URL" |
  curl --config - --silent --show-error --fail --max-time 20 --retry 2 \
    --header 'Content-Type: application/json' --data-binary "@$payload"
echo
echo "notify: posted the ${RELEASE_OUTCOME:-} summary of ${RELEASE_SERVICE:-?} ${RELEASE_VERSION:-}"
