#!/usr/bin/env bash
# The cached article page side by side with its floor, in one run: Broadsheet (Release, output
# cache warm, anonymous reader) against a bare Kestrel app answering the very same bytes from
# memory (../shared/bench/wordpress/kestrel-static) and nginx serving them as a static file.
# Then memory (RSS after the runs) and a cold start (process start → first 200 of the home page).
# Usage: bench/cached.sh [DATA_DIR]
# Knobs (env): DURATION=5s CONNS=32 ROUNDS=3 (after one warm-up round) KESTREL_STATIC=DIR, GEN0= (a gen0 budget to try), APP=DIR (a published build to use
# as it is; by default the app is published here in Release, with ReadyToRun as the Dockerfile does)
# Everything binds to 127.0.0.1 on free ports and is stopped by PID at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5s}
CONNS=${CONNS:-32}
ROUNDS=${ROUNDS:-3}
DATA=${1:-/tmp/broadsheet-cached-bench-data}
WORK=$(mktemp -d /tmp/broadsheet-cached-bench.XXXXXX)
APP=${APP:-}
TOOLS=$WORK/tools
KESTREL_SRC=${KESTREL_STATIC:-../shared/bench/wordpress/kestrel-static}
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
[ -f "$KESTREL_SRC/Program.cs" ] || { echo "kestrel-static not found at $KESTREL_SRC (set KESTREL_STATIC)" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ok() { for _ in $(seq 1200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; tail -n 20 "$WORK"/*.log "$WORK"/nginx/*.log >&2 2>/dev/null; return 1; }

[ -n "$APP" ] || { APP=$WORK/app; dotnet publish src/Broadsheet -c Release --os linux -o "$APP" >/dev/null; }
[ -f "$DATA/broadsheet.db" ] || { dotnet publish bench/Broadsheet.Bench -c Release -o "$TOOLS" >/dev/null
  dotnet "$TOOLS/Broadsheet.Bench.dll" generate --data "$DATA" --articles 2 --comments 5050; }
cp -r "$KESTREL_SRC" "$WORK/kestrel-src"
(cd "$WORK/kestrel-src" && dotnet publish -c Release -o "$WORK/kestrel" >/dev/null)

# GEN0=0x400000 runs with a capped gen0 budget (DOTNET_GCgen0size), to compare with the runtime's
# own (docs/deploy.md, "Memory").
GEN0=${GEN0-}
start_broadsheet() { # port → PID in BS_PID
  env ${GEN0:+DOTNET_GCgen0size=$GEN0} Broadsheet__DataDirectory="$DATA" Broadsheet__DemoContent=false Logging__LogLevel__Default=Warning \
    "$APP/Broadsheet" --urls "http://127.0.0.1:$1" --contentRoot "$APP" >"$WORK/broadsheet.log" 2>&1 &
  BS_PID=$!; PIDS+=("$BS_PID")
}

# Cold start first: three starts, each timed from exec to the first 200 of the home page (the
# stat's CPU ticks are assumed to be 100 per second, as on Linux by default).
COLD=()
for _ in 1 2 3; do
  port=$(free_port); t0=$(date +%s%N); start_broadsheet "$port"
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.01; done
  # Wall time, and the CPU time the process used (user + system): under a loaded machine the
  # latter is the figure that compares.
  COLD+=("$(( ($(date +%s%N) - t0) / 1000000 ))ms(cpu:$(awk '{print ($14 + $15) * 10}' "/proc/$BS_PID/stat")ms)")
  kill "$BS_PID"; wait "$BS_PID" 2>/dev/null || true
done

BS_PORT=$(free_port); start_broadsheet "$BS_PORT"; wait_ok "http://127.0.0.1:$BS_PORT/healthz"
article=$(curl -s "http://127.0.0.1:$BS_PORT/" | grep -o 'href="/[0-9/]*bench-article-with-fifty-comments/"' | head -1 | cut -d'"' -f2)
[ -n "$article" ] || { echo "the 50-comment article is not on the home page of $DATA" >&2; exit 1; }
curl -s -o /dev/null "http://127.0.0.1:$BS_PORT$article"
curl -s -o "$WORK/article.html" "http://127.0.0.1:$BS_PORT$article"

KS_PORT=$(free_port)
WPBENCH_PORT=$KS_PORT dotnet "$WORK/kestrel/KestrelStatic.dll" "$WORK/article.html" >"$WORK/kestrel.log" 2>&1 &
KS_PID=$!; PIDS+=("$KS_PID")
NG_PORT=$(free_port); mkdir -p "$WORK/nginx/www"; cp "$WORK/article.html" "$WORK/nginx/www/index.html"
chmod a+x "$WORK"; chmod -R a+rX "$WORK/nginx" # nginx's workers may run as another user
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto; daemon off; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  types { text/html html; } default_type text/html; charset utf-8;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server { listen 127.0.0.1:$NG_PORT; root $WORK/nginx/www; location / { try_files /index.html =404; } } }
EOF
/usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/start.log" &
NG_PID=$!; PIDS+=("$NG_PID")
wait_ok "http://127.0.0.1:$KS_PORT/"; wait_ok "http://127.0.0.1:$NG_PORT/"

declare -A RPS P50 P99 BYTES RUNS URLS
wrk_once() { # url → "rps p50 p99 bytes"
  wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s bench/report.lua "$1" | grep WRKRESULT | awk '{for(i=2;i<=NF;i++){split($i,kv,"=");v[kv[1]]=kv[2]}
    print v["rps"], v["p50_ms"], v["p99_ms"], v["bytes_per_resp"]}'
}
URLS=([broadsheet]="http://127.0.0.1:$BS_PORT$article" [kestrel]="http://127.0.0.1:$KS_PORT/" [nginx]="http://127.0.0.1:$NG_PORT/")
echo "load before: $(uptime)"
# The servers take turns, round after round, so that the load other processes put on the machine
# falls on all three alike; the first round only warms up (JIT), the median of the others counts.
for round in $(seq 0 "$ROUNDS"); do
  for s in broadsheet kestrel nginx; do
    line=$(wrk_once "${URLS[$s]}")
    [ "$round" -eq 0 ] || RUNS[$s]+="$line"$'\n'
  done
done
for s in broadsheet kestrel nginx; do
  read -r RPS[$s] P50[$s] P99[$s] BYTES[$s] < <(printf '%s' "${RUNS[$s]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
  echo "$s rounds (req/s p50 p99 bytes):" $(printf '%s' "${RUNS[$s]}" | awk '{printf "%.0f/%.1f/%.1f; ", $1, $2, $3}')
done
echo "load after:  $(uptime)"
printf '%-34s %9s %8s %8s %9s %12s %10s\n' server req/s p50_ms p99_ms bytes vs_kestrel vs_nginx
for s in broadsheet kestrel nginx; do
  awk -v s="$s" -v r="${RPS[$s]}" -v a="${P50[$s]}" -v b="${P99[$s]}" -v c="${BYTES[$s]}" -v k="${RPS[kestrel]}" -v n="${RPS[nginx]}" \
    'BEGIN { printf "%-34s %9.0f %8.2f %8.2f %9.0f %11.0f%% %9.0f%%\n", s, r, a, b, c, 100*r/k, 100*r/n }'
done
echo "broadsheet rss_mb_after_runs $(( $(ps -o rss= -p "$BS_PID") / 1024 ))"
echo "kestrel-static rss_mb_after_runs $(( $(ps -o rss= -p "$KS_PID") / 1024 ))"
echo "cold start to first home page (ms, three starts): ${COLD[*]}"
