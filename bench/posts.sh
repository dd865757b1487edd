#!/usr/bin/env bash
# Comment posts per second and the app's CPU time per post, as run.sh's posts step measures them
# (one GET of /comment-token/ for a cookie and token pair, then wrk POSTs unique comments to the
# 50-comment article), and the rows counted afterwards: every 303 must be a stored comment.
# Usage: bench/posts.sh DATA_DIR
#   Publishes the app in Release to $APP (unless NO_PUBLISH=1), makes DATA_DIR with the bench
#   generator when it has no database, posts to a copy of it (the posts stay there) with the flood
#   check off, as run.sh does, and prints posts/s, CPU ms/post, p50/p99, the 303s and the rows.
# Knobs (env): PORT=5096 DURATION=10s WARMUP=10s CONNS=32 APP=/tmp/broadsheet-posts-app
#   TOOLS=/tmp/broadsheet-posts-tools NO_PUBLISH=0 ARTICLE=bench-article-with-fifty-comments KEEP=0 (1 keeps the copy)
#   EXTRA="Name__Key=value …" (more app settings; Logging__LogLevel__Broadsheet.Comments.CommentWriter=Debug
#   logs every batch's size), TRACE=FILE (a dotnet-trace profile of the run, speedscope format;
#   DOTNET_TRACE=path of the tool when it is not on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: bench/posts.sh DATA_DIR}
PORT=${PORT:-5096}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
CONNS=${CONNS:-32}
APP=${APP:-/tmp/broadsheet-posts-app}
TOOLS=${TOOLS:-/tmp/broadsheet-posts-tools}
ARTICLE=${ARTICLE:-bench-article-with-fifty-comments}
BASE="http://127.0.0.1:$PORT"
for tool in wrk sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

if [ "${NO_PUBLISH:-0}" != 1 ]; then
  dotnet publish src/Broadsheet -c Release -o "$APP" >/dev/null
fi
if [ ! -f "$DATA/broadsheet.db" ]; then
  dotnet publish bench/Broadsheet.Bench -c Release -o "$TOOLS" >/dev/null
  dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$DATA" --articles "${ARTICLES:-2}" --comments "${COMMENTS:-5050}"
fi
POSTS=$(mktemp -d "${DATA%/}-posts.XXXXXX")
sqlite3 "$DATA/broadsheet.db" "VACUUM INTO '$POSTS/broadsheet.db'"

APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
trap stop_app EXIT
# shellcheck disable=SC2086 # EXTRA is a list of NAME=VALUE words
env Broadsheet__DataDirectory="$POSTS" Broadsheet__DemoContent=false Logging__LogLevel__Default=Warning \
  RateLimits__CommentsPerMinute=0 Comments__FloodIntervalSeconds=0 ${EXTRA:-} \
  "$APP/Broadsheet" --urls "$BASE" --contentRoot "$APP" >"$POSTS/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 150); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
curl -sf -o /dev/null "$BASE/" || { echo "the app did not answer; see $POSTS/app.log" >&2; exit 1; }

article=$(curl -s "$BASE/" | grep -o "href=\"/[0-9/]*$ARTICLE/\"" | head -1 | cut -d'"' -f2)
curl -s -D "$POSTS/headers" -o "$POSTS/token.json" "$BASE/comment-token/"
cookie=$(grep -i '^set-cookie:' "$POSTS/headers" | sed 's/^[^:]*: *//; s/;.*//' | paste -sd ';' | sed 's/;/; /g')
token=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["token"])' "$POSTS/token.json")
count() { sqlite3 "$POSTS/broadsheet.db" "SELECT count(*) FROM Comments WHERE AuthorEmail LIKE '%@load.bench.invalid'"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }

wrk -t1 -c"$CONNS" -d"$WARMUP" --timeout 10s -s bench/comment-post.lua "$BASE$article" -- "$cookie" "$token" warmup >/dev/null
# The warm-up's last posts, still in flight when wrk stopped, are committed before counting: the
# count must hold still for a whole second (on a loaded machine a post can take that long).
for _ in $(seq 20); do a=$(count); sleep 1; [ "$a" = "$(count)" ] && break; done
before=$(count)
ticks_before=$(ticks)
if [ -n "${TRACE:-}" ]; then
  # A profile of the measured run (it costs the app some CPU of its own: compare with care).
  "${DOTNET_TRACE:-dotnet-trace}" collect -p "$APP_PID" --duration 00:00:08 --format speedscope -o "$TRACE" >/dev/null 2>&1 &
fi
out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --timeout 10s -s bench/comment-post.lua "$BASE$article" -- "$cookie" "$token" run | grep WRKRESULT)
ticks_after=$(ticks)
load=$(uptime | sed 's/.*load average: //')
stop_app
after=$(count)
awk -v used=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v rows=$((after - before)) -v ld="$load" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%9s %12s %8s %8s %8s %8s %8s  %s\n", "posts/s", "cpu_ms/post", "p50_ms", "p99_ms", "answers", "303s", "rows", "load"
    printf "%9.0f %12.3f %8.2f %8.2f %8d %8d %8d  %s\n", v["rps"], (v["requests"] > 0 ? used * 1000 / hz / v["requests"] : 0),
      v["p50_ms"], v["p99_ms"], v["requests"], v["seeother"], rows, ld
  }' <<<"$out"
seeother=$(sed 's/.*seeother=//' <<<"$out")
(( after - before >= seeother )) || echo "LOST COMMENTS: fewer rows than 303 answers" >&2
(( after - before <= seeother + CONNS )) || echo "more rows than 303s and posts in flight" >&2
if grep -q 'Stored a batch of' "$POSTS/app.log"; then
  grep -o 'Stored a batch of [0-9]*' "$POSTS/app.log" | awk '{ n++; s += $5; if ($5 > m) m = $5 } END { printf "batches: %d, mean size %.1f, largest %d\n", n, s / n, m }'
fi
[ "${KEEP:-0}" = 1 ] && echo "kept: $POSTS" || rm -rf "$POSTS"
