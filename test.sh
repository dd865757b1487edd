#!/usr/bin/env bash
# Runs every test of Broadsheet: unit and HTTP integration tests on a temporary SQLite file (with
# Debian's feedparser and xmllint judging feeds and sitemaps), and the real-browser journeys in
# Debian's Chromium. Installs what the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# Feeds are judged by Debian's feedparser (through /usr/bin/python3) and sitemaps by xmllint.
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || missing+=(python3-feedparser)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if ((${#missing[@]} > 0)); then
  echo "Installing ${missing[*]} for the tests…"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed (dotnet on PATH): https://dotnet.microsoft.com/download" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test 2>&1 | tee "$log" || status=$?

# The closing line counts every test of every project, as "N passed, N failed".
passed=$(awk '/^[[:space:]]*succeeded:/ {n=$2} END {print n+0}' "$log")
failed=$(awk '/^[[:space:]]*failed:/ {n=$2} END {print n+0}' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "$passed passed, $failed failed"
exit "$status"
