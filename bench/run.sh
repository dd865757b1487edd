#!/usr/bin/env bash
# Measures Broadsheet with wrk on loopback.
# Usage: bench/run.sh [SMALL_DATA_DIR] [LARGE_DATA_DIR]
#          reader pages (article, home, category) on a small site and on a large one.
#        bench/run.sh --wordpress [SMALL_DATA_DIR]
#          side by side with WordPress in one run (as root): sets up and measures WordPress with
#          ../shared/bench/wordpress (classic theme), then Broadsheet on the same targets (article
#          with 50 comments cached and uncached, home, category, search, comment posts) and prints
#          one table with the Broadsheet/WordPress ratios.
#   Data folders are made with `generate` (see bench/README.md) when missing.
# Knobs (env): DURATION=10s WARMUP=10s CONNS=32 POST_CONNS=32 PORT=5090 LARGE_ARTICLES=100000 LARGE_COMMENTS=1000000
#   WORDPRESS_BENCH=../shared/bench/wordpress ARTICLE_FILE=../shared/seed/original-page.txt
#   WP_THEME=twentytwentyone SEARCH=harbour
#   UNCACHED=1 turns the output cache off (Caching:Enabled=false) for the small/large run.
#   APP=… TOOLS=… where the Release builds go (defaults below).
set -euo pipefail
cd "$(dirname "$0")/.."
WORDPRESS=0
if [ "${1:-}" = --wordpress ]; then WORDPRESS=1; shift; fi
DURATION=${DURATION:-10s}
# A page's first seconds run code the tiered JIT has not optimised yet (an uncached article page
# costs about 3 ms of CPU in its first 10 s and 1.7 ms from then on): the figures are a server's
# steady state, so each page is warmed up this long first.
WARMUP=${WARMUP:-10s}
CONNS=${CONNS:-32}
POST_CONNS=${POST_CONNS:-32}
PORT=${PORT:-5090}
WP_THEME=${WP_THEME:-twentytwentyone}
SMALL=${1:-/tmp/broadsheet-bench-small}
LARGE=${2:-/tmp/broadsheet-bench-large}
APP=${APP:-/tmp/broadsheet-bench-app}
TOOLS=${TOOLS:-/tmp/broadsheet-bench-tools}
BASE="http://127.0.0.1:$PORT"
CACHING_ENABLED=$([ "${UNCACHED:-0}" = 1 ] && echo false || echo true)

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
trap stop_app EXIT

# Runs WordPress's own setup and measurement first, so that Broadsheet runs on a machine where
# WordPress's daemons are stopped again (its run.sh stops them by PID at the end).
if [ "$WORDPRESS" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "--wordpress needs root (WordPress's setup installs and starts daemons)" >&2; exit 1; }
  WP_BENCH=$(readlink -f "${WORDPRESS_BENCH:-../shared/bench/wordpress}")
  ARTICLE_FILE=$(readlink -f "${ARTICLE_FILE:-../shared/seed/original-page.txt}")
  WP_RESULTS=$(mktemp -d /tmp/broadsheet-bench-wordpress.XXXXXX)
  echo "load before: $(uptime)"
  start=$(date +%s)
  WP_THEME=$WP_THEME "$WP_BENCH/setup.sh" "$ARTICLE_FILE" >"$WP_RESULTS/setup.log" 2>&1 \
    || { tail -20 "$WP_RESULTS/setup.log" >&2; exit 1; }
  echo "WordPress setup: $(( $(date +%s) - start )) s (log: $WP_RESULTS/setup.log)"
  start=$(date +%s)
  RESULTS_DIR=$WP_RESULTS DURATION=$DURATION CONNS=$CONNS POST_DURATION=$DURATION POST_CONNS=$POST_CONNS \
    "$WP_BENCH/run.sh" >"$WP_RESULTS/run.log" 2>&1 || { tail -20 "$WP_RESULTS/run.log" >&2; exit 1; }
  echo "WordPress measured in $(( $(date +%s) - start )) s; its own report:"
  cat "$WP_RESULTS"/*/summary.txt
  WP_TSV=$(ls "$WP_RESULTS"/*/results.tsv)
fi

dotnet publish src/Broadsheet -c Release -o "$APP" >/dev/null
dotnet publish bench/Broadsheet.Bench -c Release -o "$TOOLS" >/dev/null
[ -f "$SMALL/broadsheet.db" ] || dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$SMALL" --articles 2 --comments 5050
if [ "$WORDPRESS" = 0 ] && [ ! -f "$LARGE/broadsheet.db" ]; then
  dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$LARGE" --articles "${LARGE_ARTICLES:-100000}" --comments "${LARGE_COMMENTS:-1000000}"
fi

# start_app DATA_DIR LOG [NAME=VALUE...]: the Release build on 127.0.0.1:$PORT, extra settings as env.
start_app() {
  local data=$1 log=$2; shift 2
  # wrk sends everything from one address: the per-address rate limits are switched off.
  env Broadsheet__DataDirectory="$data" Broadsheet__DemoContent=false Logging__LogLevel__Default=Warning \
    RateLimits__CommentsPerMinute=0 RateLimits__LoginPerMinute=0 RateLimits__SearchPerMinute=0 "$@" \
    "$APP/Broadsheet" --urls "$BASE" --contentRoot "$APP" >"$log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "$BASE/healthz" && return 0; sleep 0.2; done
  echo "the app did not answer; see $log" >&2; exit 1
}
link_to() { curl -s "$BASE/" | grep -o "href=\"/[0-9/]*$1/\"" | head -1 | cut -d'"' -f2; }

RESULTS=$(mktemp /tmp/broadsheet-bench-results.XXXXXX)
WRK_HEADERS=()
# measure SITE NAME PATH: a warm-up, then wrk; prints a row and keeps it in $RESULTS.
measure() {
  local out
  wrk -t1 -c"$CONNS" -d"$WARMUP" --timeout 10s "${WRK_HEADERS[@]}" "$BASE$3" >/dev/null 2>&1 || true
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --timeout 10s "${WRK_HEADERS[@]}" -s bench/report.lua "$BASE$3" | grep WRKRESULT)
  awk -v site="$1" -v name="$2" '{for(i=2;i<=NF;i++){split($i,kv,"=");v[kv[1]]=kv[2]}
    printf "%-10s %-24s %10.0f %9.2f %9.2f %10.0f\n", site, name, v["rps"], v["p50_ms"], v["p99_ms"], v["bytes_per_resp"]}' <<<"$out" | tee -a "$RESULTS"
}

run_site() { # site data_dir
  start_app "$2" "/tmp/broadsheet-bench-$1.log" Caching__Enabled="$CACHING_ENABLED"
  local article big category
  article=$(link_to bench-article-with-fifty-comments)
  big=$(link_to bench-article-with-five-thousand-comments)
  category=$(curl -s "$BASE/" | grep -o 'href="/category/[^"]*/"' | head -1 | cut -d'"' -f2)
  measure "$1" "article (50 comments)" "$article"
  measure "$1" "home" "/"
  measure "$1" "category" "$category"
  measure "$1" "search" "/search?q=harbour"
  [ -n "$big" ] && measure "$1" "article (5000 comments)" "$big"
  echo "$1 rss_mb $(( $(ps -o rss= -p "$APP_PID") / 1024 ))"
  stop_app
}

if [ "$WORDPRESS" = 0 ]; then
  printf '%-10s %-24s %10s %9s %9s %10s\n' site page req/s p50_ms p99_ms bytes
  run_site small "$SMALL"
  run_site large "$LARGE"
  # The cached article page beside bare Kestrel and nginx, memory and start: bench/cached.sh.
  [ "${SKIP_CACHED:-0}" = 1 ] || bench/cached.sh "$SMALL"
  exit 0
fi

# ---- Broadsheet on WordPress's targets, then the table of ratios.
echo "load before Broadsheet: $(uptime)"
printf '%-10s %-24s %10s %9s %9s %10s\n' run page req/s p50_ms p99_ms bytes
reader_pages() { # run
  local article category
  article=$(link_to bench-article-with-fifty-comments)
  category=$(curl -s "$BASE/" | grep -o 'href="/category/[^"]*/"' | head -1 | cut -d'"' -f2)
  measure "$1" "article" "$article"
  measure "$1" "home" "/"
  measure "$1" "category" "$category"
  measure "$1" "search" "/search?q=${SEARCH:-harbour}"
}
start_app "$SMALL" /tmp/broadsheet-bench-cached.log
reader_pages cached
stop_app
# Caching:Enabled=false turns the output cache off: every request renders.
start_app "$SMALL" /tmp/broadsheet-bench-uncached.log Caching__Enabled=false
# A build without that switch still caches (a cached answer carries Age): then every request is
# made a miss the way a reader with a comment awaiting moderation is, with the commenter cookie.
curl -s -o /dev/null "$BASE$(link_to bench-article-with-fifty-comments)"
if curl -s -D - -o /dev/null "$BASE$(link_to bench-article-with-fifty-comments)" | grep -qi '^age:'; then
  echo "this build has no Caching:Enabled switch: the uncached rows bypass the cache with a commenter cookie"
  WRK_HEADERS=(-H "Cookie: broadsheet_commenter_token=benchbenchbenchbenchbenchbenchbenchbench")
fi
reader_pages uncached
WRK_HEADERS=()
stop_app

# Comment posts go to a copy of the site (they stay there), with the flood check off as on
# WordPress's side. One GET gives the antiforgery cookie and token that every post reuses.
POSTS=$(mktemp -d /tmp/broadsheet-bench-posts.XXXXXX)
cp "$SMALL/broadsheet.db" "$POSTS/"
start_app "$POSTS" /tmp/broadsheet-bench-posts.log Comments__FloodIntervalSeconds=0
article=$(link_to bench-article-with-fifty-comments)
# Cached pages carry no token: the form asks /comment-token/ for one, as comments.js does.
curl -s -D "$POSTS/headers" -o "$POSTS/token.json" "$BASE/comment-token/"
cookie=$(grep -i '^set-cookie:' "$POSTS/headers" | sed 's/^[^:]*: *//; s/;.*//' | paste -sd ';' | sed 's/;/; /g')
token=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["token"])' "$POSTS/token.json")
wrk -t1 -c"$POST_CONNS" -d"$WARMUP" --timeout 10s -s bench/comment-post.lua "$BASE$article" -- "$cookie" "$token" warmup >/dev/null
sleep 2 # the warm-up's last posts, still in flight when wrk stopped, are committed before counting
before=$(sqlite3 "$POSTS/broadsheet.db" "SELECT count(*) FROM Comments WHERE AuthorEmail LIKE '%@load.bench.invalid'")
out=$(wrk -t1 -c"$POST_CONNS" -d"$DURATION" --timeout 10s -s bench/comment-post.lua "$BASE$article" -- "$cookie" "$token" run | grep WRKRESULT)
stop_app
after=$(sqlite3 "$POSTS/broadsheet.db" "SELECT count(*) FROM Comments WHERE AuthorEmail LIKE '%@load.bench.invalid'")
awk '{for(i=2;i<=NF;i++){split($i,kv,"=");v[kv[1]]=kv[2]}
  printf "%-10s %-24s %10.0f %9.2f %9.2f %10.0f\n", "posts", "comment-post", v["rps"], v["p50_ms"], v["p99_ms"], v["bytes_per_resp"]}' <<<"$out" | tee -a "$RESULTS"
seeother=$(sed 's/.*seeother=//' <<<"$out")
requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$out")
echo "comment posts: $requests answered, $seeother of them 303; rows stored: $(( after - before )) (at most $POST_CONNS more than the 303s: posts still in flight when wrk stopped)"
(( after - before >= seeother )) || echo "LOST COMMENTS: fewer rows than 303 answers" >&2
echo "load after: $(uptime)"

wp() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$WP_TSV"; }
bs() { awk -v r="$1" -v p="$2" '$1 == r && $2 == p { print $3 }' "$RESULTS"; }
bsp99() { awk -v r="$1" -v p="$2" '$1 == r && $2 == p { print $5 }' "$RESULTS"; }
echo
echo "Side by side (req/s; WordPress $WP_THEME classic theme, wrk -t1 -c$CONNS -d$DURATION; posts -c$POST_CONNS)"
printf '%-34s %12s %12s %8s %14s\n' target WordPress Broadsheet ratio "Broadsheet p99"
row() { # label wp_name bs_run bs_page
  local w b; w=$(wp "$2"); b=$(bs "$3" "$4")
  printf '%-34s %12.1f %12.0f %7.0fx %11.2f ms\n' "$1" "${w:-0}" "${b:-0}" "$(awk -v a="${b:-0}" -v c="${w:-0}" 'BEGIN { print (c > 0 ? a / c : 0) }')" "$(bsp99 "$3" "$4")"
}
row "article, 50 comments (cached)" wp-article cached article
row "article, 50 comments (uncached)" wp-article uncached article
row "home (cached)" wp-home cached home
row "home (uncached)" wp-home uncached home
row "category vs WP home (cached)" wp-home cached category
row "category vs WP home (uncached)" wp-home uncached category
row "search (cached)" wp-search cached search
row "search (uncached)" wp-search uncached search
row "comment posts/s (flood check off)" wp-comment-post posts comment-post
