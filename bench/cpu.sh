#!/usr/bin/env bash
# CPU time of the app per request, page by page: steadier than requests/s on a busy machine,
# since other processes' load slows the wall clock far more than it adds to our own CPU time.
# Usage: bench/cpu.sh DATA_DIR [PATH...]
#   Publishes the app in Release to $APP (unless NO_PUBLISH=1), makes DATA_DIR with the bench
#   generator when it has no database (the demo newsroom plus an article with 50 comments and one
#   with 5,000), starts it on 127.0.0.1:$PORT with the output cache off (CACHED=1 keeps it on) and,
#   for each path (default: the 50-comment article, home, first category, search), runs wrk and
#   prints req/s and the app's utime+stime per request. Paths may be the names listed below
#   (FIFTY, BIG1, BIG, CATEGORY) for pages whose addresses depend on the site.
# Knobs (env): PORT=5095 DURATION=10s WARMUP=10s CONNS=8 APP=/tmp/broadsheet-cpu-app TOOLS=/tmp/broadsheet-cpu-tools
#   ARTICLES=2 COMMENTS=5050 (for a new DATA_DIR), CACHED=0, NO_PUBLISH=0, extra app settings as
#   EXTRA="Name__Key=value …".
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: bench/cpu.sh DATA_DIR [PATH...]}; shift
PORT=${PORT:-5095}
DURATION=${DURATION:-10s}
# Steady state: the tiered JIT needs several seconds of a page's traffic to optimise its code.
WARMUP=${WARMUP:-10s}
CONNS=${CONNS:-8}
APP=${APP:-/tmp/broadsheet-cpu-app}
TOOLS=${TOOLS:-/tmp/broadsheet-cpu-tools}
BASE="http://127.0.0.1:$PORT"
CACHING=$([ "${CACHED:-0}" = 1 ] && echo true || echo false)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

if [ "${NO_PUBLISH:-0}" != 1 ]; then
  dotnet publish src/Broadsheet -c Release -o "$APP" >/dev/null
fi
if [ ! -f "$DATA/broadsheet.db" ]; then
  dotnet publish bench/Broadsheet.Bench -c Release -o "$TOOLS" >/dev/null
  dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$DATA" --articles "${ARTICLES:-2}" --comments "${COMMENTS:-5050}"
fi

APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap stop_app EXIT
# shellcheck disable=SC2086 # EXTRA is a list of NAME=VALUE words
env Broadsheet__DataDirectory="$DATA" Broadsheet__DemoContent=false Logging__LogLevel__Default=Warning \
  RateLimits__CommentsPerMinute=0 RateLimits__LoginPerMinute=0 RateLimits__SearchPerMinute=0 \
  Caching__Enabled="$CACHING" ${EXTRA:-} \
  "$APP/Broadsheet" --urls "$BASE" --contentRoot "$APP" >"$DATA/cpu-bench.log" 2>&1 &
APP_PID=$!
# A large site's first start migrates it (a minute or more): stopping the app meanwhile would
# leave EF's migration lock behind and hang every later start. Wait for it, or for the app's end.
for _ in $(seq 1500); do
  curl -sf -o /dev/null "$BASE/healthz" && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.2
done
curl -sf -o /dev/null "$BASE/" || { echo "the app did not answer; see $DATA/cpu-bench.log" >&2; exit 1; }

link_to() { curl -s "$BASE/" | grep -o "href=\"/[0-9/]*$1/\"" | head -1 | cut -d'"' -f2; }
first_category() { curl -s "$BASE/" | grep -o 'href="/category/[^"]*/"' | head -1 | cut -d'"' -f2; }
if [ $# -eq 0 ]; then
  set -- FIFTY / CATEGORY "/search?q=harbour"
fi
# Names for the pages whose addresses depend on the site (the bench articles' dates):
# FIFTY (the 50-comment article), BIG1 (page 1 of the 5,000-comment thread), BIG (its newest
# page), CATEGORY (the home page's first category).
paths=()
for path in "$@"; do
  case "$path" in
    FIFTY) paths+=("$(link_to bench-article-with-fifty-comments)") ;;
    BIG) paths+=("$(link_to bench-article-with-five-thousand-comments)") ;;
    BIG1) paths+=("$(link_to bench-article-with-five-thousand-comments)comment-page-1/") ;;
    CATEGORY) paths+=("$(first_category)") ;;
    *) paths+=("$path") ;;
  esac
done
set -- "${paths[@]}"

ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
hz=$(getconf CLK_TCK)
printf '%-60s %9s %12s %9s %8s\n' path req/s cpu_ms/req p99_ms status
for path in "$@"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  wrk -t1 -c"$CONNS" -d"$WARMUP" --timeout 10s "$BASE$path" >/dev/null 2>&1 || true
  before=$(ticks)
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --timeout 10s -s bench/report.lua "$BASE$path" | grep WRKRESULT)
  after=$(ticks)
  awk -v path="$path" -v used=$((after - before)) -v hz="$hz" -v status="$status" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%-60s %9.0f %12.3f %9.2f %8s\n", path, v["rps"], (v["requests"] > 0 ? used * 1000 / hz / v["requests"] : 0), v["p99_ms"], status
    }' <<<"$out"
done
echo "rss_mb $(( $(ps -o rss= -p "$APP_PID") / 1024 ))  load: $(uptime | sed 's/.*load average: //')"
