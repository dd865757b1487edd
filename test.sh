#!/usr/bin/env bash
# Runs every test of Broadsheet: unit and HTTP integration tests on a temporary SQLite file and
# again on a throwaway PostgreSQL server (with Debian's feedparser and xmllint judging feeds and
# sitemaps), and the real-browser journeys in Debian's Chromium. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# Feeds are judged by Debian's feedparser (through /usr/bin/python3) and sitemaps by xmllint.
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || missing+=(python3-feedparser)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# Tests of the shared page cache and rate limits start (and stop) redis-server processes of their own.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
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

# A throwaway PostgreSQL server on 127.0.0.1 for the second pass of the integration suite.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${BROADSHEET_TEST_PG_PORT:-55432}
pg_data=$(mktemp -d)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pg_data"
  as_pg=(runuser -u postgres --)
fi
log=$(mktemp)
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_data" "$log"
}
trap cleanup EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U broadsheet --auth=trust -E UTF8 >/dev/null
# Should the port be taken (a server left over by an interrupted run), the next ones are tried;
# a server that will not start at all shows its own log before the run stops.
started=0
for attempt in 1 2 3; do
  if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c max_connections=300" start >/dev/null; then
    started=1
    break
  fi
  echo "PostgreSQL did not start on port $pg_port (attempt $attempt):" >&2
  tail -n 20 "$pg_data/server.log" >&2 || true
  pg_port=$((pg_port + 1))
done
[ "$started" = 1 ] || { echo "no PostgreSQL server for the second pass" >&2; exit 1; }

# Every test app watches its configuration files; inotify instances are few per user (128 by
# default) and shared with whatever else runs as that user, so the test apps poll instead.
export DOTNET_USE_POLLING_FILE_WATCHER=true

status=0
dotnet test 2>&1 | tee "$log" || status=$?
echo "== The integration suite again, on PostgreSQL"
BROADSHEET_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=broadsheet" \
  dotnet test --project tests/Broadsheet.Tests 2>&1 | tee -a "$log" || status=$?

# The closing line counts every test of both passes, as "N passed, N failed".
passed=$(awk '/^[[:space:]]*succeeded:/ {n+=$2} END {print n+0}' "$log")
failed=$(awk '/^[[:space:]]*failed:/ {n+=$2} END {print n+0}' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "$passed passed, $failed failed"
exit "$status"
