#!/usr/bin/env bash
# The deployment of deploy/README.md on this machine, from Debian and npm packages alone:
#   client -> Varnish -> nginx -> two instances (node dist/server.js); the instances PURGE Varnish
#   and share the machine's PostgreSQL (database smilecook_local) and Redis, and an s3rver bucket.
# Usage: deploy/local.sh start|stop|status     (state, pids and logs in deploy/.local/)
# Ports (override by environment): VARNISH_PORT=6081 NGINX_PORT=8080 APP_PORTS="3001 3002" S3_PORT=4569
set -euo pipefail
umask 022 # varnishd reads its VCL as user varnish; nginx workers run as nobody
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=${SMILECOOK_LOCAL_DIR:-$ROOT/deploy/.local}
VARNISH_PORT=${VARNISH_PORT:-6081}
NGINX_PORT=${NGINX_PORT:-8080}
APP_PORTS=${APP_PORTS:-"3001 3002"}
S3_PORT=${S3_PORT:-4569}
LOCAL_DB=${LOCAL_DB:-smilecook_local}
PG="-h 127.0.0.1 -U postgres"
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/$LOCAL_DB}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
BUCKET=smilecook
PUBLIC=http://127.0.0.1:$VARNISH_PORT
VARNISH_DIR=$STATE/varnish/n

# Components in start order; stop goes the other way.
components() { echo s3rver; for port in $APP_PORTS; do echo "app-$port"; done; echo nginx; echo varnish; }
pidfile() { echo "$STATE/run/$1.pid"; }
alive() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
fail() { echo "local.sh: $*" >&2; exit 1; }

# Runs a command in the background, immune to the terminal closing; its pid and log under $STATE.
launch() {
  local name=$1; shift
  nohup "$@" >>"$STATE/log/$name.log" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

# Waits (30 s at most) until a URL answers with one of the given statuses; shows the log if not.
wait_for() {
  local name=$1 url=$2 codes=$3 code
  for _ in $(seq 1 150); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    alive "$name" || break # (a port answering for another process does not count)
    [[ " $codes " == *" $code "* ]] && return 0
    sleep 0.2
  done
  tail -n 20 "$STATE/log/$name.log" >&2 || true
  fail "$name did not answer on $url (last status: $code)"
}

start_instance() {
  local port=$1
  mkdir -p "$STATE/app-$port"
  # Exactly what `npm start` runs after its build (package.json): its environment, node flags and script.
  local run
  run=$(node -p "require('./package.json').scripts.start.split('&&').pop().trim()")
  (
    export PORT=$port HOST=127.0.0.1 DATA_DIR=$STATE/app-$port NODE_ENV=production LOG_LEVEL=${LOG_LEVEL:-info}
    export DATABASE_URL REDIS_URL JWT_SECRET PUBLIC_BASE_URL=$PUBLIC CACHE_PURGE_URL=$PUBLIC TRUST_PROXY=loopback
    export S3_BUCKET=$BUCKET S3_ENDPOINT=http://127.0.0.1:$S3_PORT S3_REGION=us-east-1 \
      S3_ACCESS_KEY_ID=S3RVER S3_SECRET_ACCESS_KEY=S3RVER S3_FORCE_PATH_STYLE=true
    eval "launch app-$port env $run"
  )
}

start() {
  for name in $(components); do alive "$name" && fail "already running ($name); run: deploy/local.sh stop"; done
  for cmd in node npm varnishd nginx psql curl redis-cli; do command -v "$cmd" >/dev/null || fail "needs $cmd"; done
  local ports
  ports=$(printf '%s\n' "$VARNISH_PORT" "$NGINX_PORT" $APP_PORTS "$S3_PORT")
  [ "$(sort -u <<<"$ports" | wc -l)" = "$(wc -l <<<"$ports")" ] || fail "ports must differ: $(echo $ports)"
  for port in $ports; do port_busy "$port" && fail "port $port is taken"; done
  pg_isready -q -h 127.0.0.1 || fail "PostgreSQL is not running on 127.0.0.1:5432 (pg_ctlcluster 15 main start)"
  redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1 || fail "Redis is not running at $REDIS_URL (redis-server --daemonize yes)"
  [ -x node_modules/.bin/s3rver ] || fail "run npm ci first (s3rver is a dev dependency)"
  mkdir -p "$STATE/run" "$STATE/log" "$STATE/s3" "$STATE/nginx" "$VARNISH_DIR"
  [ "$(psql $PG -d postgres -tAc "select 1 from pg_database where datname = '$LOCAL_DB'")" = 1 ] || createdb $PG "$LOCAL_DB"
  [ -f "$STATE/jwt-secret" ] || node -e "process.stdout.write(require('crypto').randomBytes(48).toString('base64url'))" >"$STATE/jwt-secret"
  chmod 600 "$STATE/jwt-secret"
  JWT_SECRET=$(cat "$STATE/jwt-secret")
  trap 'echo "local.sh: start failed; stopping what it started" >&2; stop' EXIT

  launch s3rver node_modules/.bin/s3rver -d "$STATE/s3" -a 127.0.0.1 -p "$S3_PORT" --configure-bucket "$BUCKET" --silent
  wait_for s3rver "http://127.0.0.1:$S3_PORT/" "200 403"
  npm run build --silent # once: two builds in one checkout would race on dist/
  # One after the other: instances starting at the same moment on a new database race on its
  # migrations (one of them fails; test/deploy/many-instances.test.ts), so the first one migrates alone.
  for port in $APP_PORTS; do
    start_instance "$port"
    wait_for "app-$port" "http://127.0.0.1:$port/health/ready" 200
  done

  local upstreams=()
  for port in $APP_PORTS; do upstreams+=("UPSTREAM=127.0.0.1:$port"); done
  node deploy/render-template.mjs deploy/nginx.conf LISTEN="127.0.0.1:$NGINX_PORT" "${upstreams[@]}" \
    RUN_DIR="$STATE/nginx" ERROR_LOG="$STATE/log/nginx-error.log" ACCESS_LOG="$STATE/log/nginx-access.log" >"$STATE/nginx/nginx.conf"
  launch nginx nginx -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/log/nginx-error.log" -g 'daemon off;'
  wait_for nginx "http://127.0.0.1:$NGINX_PORT/health" 200

  node deploy/render-template.mjs deploy/varnish/smilecook.vcl BACKEND_HOST=127.0.0.1 BACKEND_PORT="$NGINX_PORT" \
    PURGER=127.0.0.1 PURGER=::1 >"$STATE/varnish/smilecook.vcl"
  launch varnish varnishd -F -n "$VARNISH_DIR" -a "127.0.0.1:$VARNISH_PORT" -T 127.0.0.1:0 -f "$STATE/varnish/smilecook.vcl" -s malloc,256m
  wait_for varnish "$PUBLIC/health" 200

  cat <<EOF
Smilecook is running (pids and logs in $STATE/run, $STATE/log):
  the API, through Varnish   $PUBLIC/  (PUBLIC_BASE_URL; explorer: $PUBLIC/explorer)
  nginx                      http://127.0.0.1:$NGINX_PORT/
  instances                  $(for port in $APP_PORTS; do printf 'http://127.0.0.1:%s/ ' "$port"; done)
  s3rver                     http://127.0.0.1:$S3_PORT/ (bucket $BUCKET, files in $STATE/s3)
  PostgreSQL $DATABASE_URL, Redis $REDIS_URL
  mails: without SMTP_URL, in $STATE/app-<port>/outbox (and the activation link in that instance's log)
Watch the cache:
  varnishncsa -n $VARNISH_DIR -F '%m %U%q %s %{Varnish:hitmiss}x'     # every request, hit or miss
  varnishlog -n $VARNISH_DIR -g request -q 'ReqMethod eq "PURGE" or ReqMethod eq "BAN"'
  varnishstat -n $VARNISH_DIR -1 -f MAIN.cache_hit -f MAIN.cache_miss -f MAIN.n_purges -f MAIN.bans
Stop: deploy/local.sh stop
EOF
  trap - EXIT
}

stop() {
  local names pid
  names=$(components | tac)
  for name in $names; do
    alive "$name" || { rm -f "$(pidfile "$name")"; continue; }
    pid=$(cat "$(pidfile "$name")")
    kill -TERM "$pid" # instances finish their in-flight requests; varnishd stops its worker; nginx its workers
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then echo "$name did not stop in 20 s: killed" >&2; kill -KILL "$pid"; fi
    rm -f "$(pidfile "$name")"
    echo "stopped $name"
  done
}

status() {
  local name code url
  for name in $(components); do
    case $name in
      s3rver) url=http://127.0.0.1:$S3_PORT/ ;;
      app-*) url=http://127.0.0.1:${name#app-}/health/ready ;;
      nginx) url=http://127.0.0.1:$NGINX_PORT/health ;;
      varnish) url=$PUBLIC/health ;;
    esac
    if alive "$name"; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
      printf '%-10s running (pid %s), %s -> %s\n' "$name" "$(cat "$(pidfile "$name")")" "$url" "$code"
    else
      printf '%-10s stopped\n' "$name"
    fi
  done
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
