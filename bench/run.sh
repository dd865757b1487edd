#!/usr/bin/env bash
# Measures Broadsheet's reader pages with wrk on loopback, on a small site and on a large one.
# Usage: bench/run.sh [SMALL_DATA_DIR] [LARGE_DATA_DIR]
#   Data folders are made with `generate` (see bench/README.md) when missing.
# Knobs (env): DURATION=10s CONNS=32 PORT=5090 LARGE_ARTICLES=100000 LARGE_COMMENTS=1000000
#   UNCACHED=1 turns the output cache off (Caching:Enabled=false): every request renders the page.
#   APP=… TOOLS=… where the Release builds go (defaults below).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-32}
PORT=${PORT:-5090}
SMALL=${1:-/tmp/broadsheet-bench-small}
LARGE=${2:-/tmp/broadsheet-bench-large}
APP=${APP:-/tmp/broadsheet-bench-app}
TOOLS=${TOOLS:-/tmp/broadsheet-bench-tools}
CACHING_ENABLED=$([ "${UNCACHED:-0}" = 1 ] && echo false || echo true)

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
dotnet publish src/Broadsheet -c Release -o "$APP" >/dev/null
dotnet publish bench/Broadsheet.Bench -c Release -o "$TOOLS" >/dev/null
[ -f "$SMALL/broadsheet.db" ] || dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$SMALL" --articles 2 --comments 5050
[ -f "$LARGE/broadsheet.db" ] || dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$LARGE" \
  --articles "${LARGE_ARTICLES:-100000}" --comments "${LARGE_COMMENTS:-1000000}"

printf '%-8s %-22s %10s %9s %9s %10s\n' site page req/s p50_ms p99_ms bytes
measure() { # site name path
  local out
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" -s bench/report.lua "http://127.0.0.1:$PORT$3" | grep WRKRESULT)
  awk -v site="$1" -v name="$2" '{for(i=2;i<=NF;i++){split($i,kv,"=");v[kv[1]]=kv[2]}
    printf "%-8s %-22s %10.0f %9.2f %9.2f %10.0f\n", site, name, v["rps"], v["p50_ms"], v["p99_ms"], v["bytes_per_resp"]}' <<<"$out"
}
run_site() { # site data_dir
  Broadsheet__DataDirectory="$2" Broadsheet__DemoContent=false Logging__LogLevel__Default=Warning Caching__Enabled=$CACHING_ENABLED \
    "$APP/Broadsheet" --urls "http://127.0.0.1:$PORT" --contentRoot "$APP" >/tmp/broadsheet-bench-$1.log 2>&1 &
  local pid=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
  local article big category
  article=$(curl -s "http://127.0.0.1:$PORT/" | grep -o 'href="/[0-9/]*bench-article-with-fifty-comments/"' | head -1 | cut -d'"' -f2)
  big=$(curl -s "http://127.0.0.1:$PORT/page/1/" -o /dev/null; curl -s "http://127.0.0.1:$PORT/" | grep -o 'href="/[0-9/]*bench-article-with-five-thousand-comments/"' | head -1 | cut -d'"' -f2)
  category=$(curl -s "http://127.0.0.1:$PORT/" | grep -o 'href="/category/[^"]*/"' | head -1 | cut -d'"' -f2)
  curl -s -o /dev/null "http://127.0.0.1:$PORT$article" # warm-up
  measure "$1" "article (50 comments)" "$article"
  measure "$1" "home" "/"
  measure "$1" "category" "$category"
  measure "$1" "search" "/search?q=harbour"
  [ -n "$big" ] && measure "$1" "article (5000 comments)" "$big"
  echo "$1 rss_mb $(( $(ps -o rss= -p "$pid") / 1024 ))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run_site small "$SMALL"
run_site large "$LARGE"
