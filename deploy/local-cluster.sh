#!/usr/bin/env bash
# A two-node Broadsheet site on this machine, as in production but on loopback: PostgreSQL, Redis
# (shared page cache, evictions, rate limits), two app nodes and nginx in front, all from Debian's
# packages, all bound to 127.0.0.1.
#
#   deploy/local-cluster.sh start    # then open http://127.0.0.1:8080/
#   deploy/local-cluster.sh status
#   deploy/local-cluster.sh stop     # stops what start started (by PID) and deletes the state
#
# Knobs (env): CLUSTER_DIR (default /tmp/broadsheet-cluster), PORT (8080), NODE_PORTS ("5101 5102"),
# PG_PORT (55440), REDIS_PORT (56440).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${CLUSTER_DIR:-/tmp/broadsheet-cluster}
PORT=${PORT:-8080}
NODE_PORTS=(${NODE_PORTS:-5101 5102})
PG_PORT=${PG_PORT:-55440}
REDIS_PORT=${REDIS_PORT:-56440}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
AS_PG=()
[ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)

install_missing() {
  local missing=()
  [ -n "$PG_BIN" ] || missing+=(postgresql)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v redis-server >/dev/null || missing+=(redis-server)
  if ((${#missing[@]})); then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

start() {
  install_missing
  mkdir -p "$DIR"
  echo "Building the app (Release)…"
  dotnet publish src/Broadsheet -c Release -o "$DIR/app" >/dev/null
  mkdir -p "$DIR/pg" && [ "$(id -u)" -ne 0 ] || chown postgres "$DIR/pg"
  if [ ! -f "$DIR/pg/PG_VERSION" ]; then
    "${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/pg" -U broadsheet --auth=trust -E UTF8 >/dev/null
  fi
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w -o "-h 127.0.0.1 -p $PG_PORT -k $DIR/pg" start >/dev/null
  "${AS_PG[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U broadsheet -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'broadsheet'" | grep -q 1 ||
    "${AS_PG[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U broadsheet broadsheet
  # Redis holds only what can be rebuilt (cached pages, rate-limit counters): nothing is saved to disk.
  mkdir -p "$DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" --save "" --appendonly no \
    --maxmemory 256mb --maxmemory-policy volatile-ttl >"$DIR/redis/log" 2>&1 &
  echo $! > "$DIR/redis/pid"
  local upstream="" node=0
  for port in "${NODE_PORTS[@]}"; do
    node=$((node + 1))
    mkdir -p "$DIR/node$node"
    # Both nodes start at once on purpose: the first migrates under a database lock, the other waits.
    Database__Provider=Postgres \
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=broadsheet;Username=broadsheet" \
    ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    Broadsheet__DataDirectory="$DIR/shared-data" \
    Operations__KnownProxies__0=127.0.0.1 \
      "$DIR/app/Broadsheet" --urls "http://127.0.0.1:$port" --contentRoot "$DIR/app" >"$DIR/node$node/log" 2>&1 &
    echo $! > "$DIR/node$node/pid"
    upstream+="    server 127.0.0.1:$port;"$'\n'
  done
  cat > "$DIR/nginx.conf" <<CONF
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx-tmp;
  upstream broadsheet {
$upstream  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://broadsheet;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
CONF
  mkdir -p "$DIR/nginx-tmp"
  nginx -c "$DIR/nginx.conf" -p "$DIR"
  for port in "${NODE_PORTS[@]}"; do
    for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.3; done
  done
  status
  echo "Site: http://127.0.0.1:$PORT/   (state in $DIR; stop with: $0 stop)"
}

status() {
  for port in "${NODE_PORTS[@]}"; do
    printf 'node 127.0.0.1:%s  readyz %s\n' "$port" "$(curl -s -w ' (%{http_code})' "http://127.0.0.1:$port/readyz" | tr '\n' ' ' || true)"
  done
  printf 'redis 127.0.0.1:%s  %s\n' "$REDIS_PORT" "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || echo down)"
  printf 'nginx 127.0.0.1:%s  home %s\n' "$PORT" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/" || true)"
}

stop() {
  [ -f "$DIR/nginx.pid" ] && kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
  for pidfile in "$DIR"/node*/pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  [ -f "$DIR/redis/pid" ] && kill "$(cat "$DIR/redis/pid")" 2>/dev/null || true
  [ -f "$DIR/pg/PG_VERSION" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  echo "Stopped."
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
