#!/usr/bin/env bash
# Failover test: two instances of the service behind nginx on loopback, under wrk load
# (scripts/load/mixed.lua, valid and invalid requests). Meanwhile replica A is killed with
# SIGKILL and restarted, then replica B is stopped with SIGTERM (graceful shutdown) and
# restarted. nginx retries a request that failed on one replica on the other: the computations
# are pure, so a POST is safe to repeat (proxy_next_upstream ... non_idempotent).
# Prints the client-side failures (5xx answers and socket errors seen by wrk): the target is 0.
#
# The load lasts the given duration, and longer if the two restarts take longer: it stops only
# once both replicas are back and have served for a while.
#
#   scripts/replica-failover-test.sh [duration-seconds, default 60] [nginx port, default 8480] [replica ports, default 8482 8483]
#   environment: CONNECTIONS (64), JAVA_OPTS (-Xmx256m -XX:+UseSerialGC)
set -euo pipefail

DURATION="${1:-60}"
NGINX_PORT="${2:-8480}"
PORT_A="${3:-8482}"
PORT_B="${4:-8483}"
CONNECTIONS="${CONNECTIONS:-64}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/target/backprop-service.jar"
LUA="$ROOT/scripts/load/mixed.lua"
WORK="$(mktemp -d)"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -f "$JAR" ]] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)

declare -A PIDS=()
NGINX_STARTED=""
WRK_PID=""
cleanup() {
  [[ -n "$WRK_PID" ]] && kill "$WRK_PID" 2>/dev/null || true
  for replica in "${!PIDS[@]}"; do kill "${PIDS[$replica]}" 2>/dev/null || true; done
  for replica in "${!PIDS[@]}"; do wait "${PIDS[$replica]}" 2>/dev/null || true; done
  [[ -n "$NGINX_STARTED" ]] && "$NGINX" -p "$WORK/nginx" -c nginx.conf -s stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[$(date +%T)] $*"; }

start() { # replica port
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --server.port="$2" >>"$WORK/$1.log" 2>&1 &
  PIDS[$1]=$!
}

wait_ready() { # port
  for _ in $(seq 1 600); do
    curl -fs "http://localhost:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "FAIL: the replica on port $1 did not become ready in 300 s; its log:" >&2
  tail -20 "$WORK"/*.log >&2
  exit 1
}

mkdir -p "$WORK/nginx/logs" "$WORK/nginx/temp"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log info;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/temp/body;
  proxy_temp_path $WORK/nginx/temp/proxy;
  fastcgi_temp_path $WORK/nginx/temp/fastcgi;
  uwsgi_temp_path $WORK/nginx/temp/uwsgi;
  scgi_temp_path $WORK/nginx/temp/scgi;
  # as large as the service's own body limit, so that the service is the one to answer 413
  client_max_body_size 17m;
  upstream backprop {
    # never marked down: a replica that is down refuses the connection at once and the request
    # moves on to the other, whereas two replicas marked down at once would fail every request
    server 127.0.0.1:$PORT_A max_fails=0;
    server 127.0.0.1:$PORT_B max_fails=0;
    keepalive 32;
  }
  # wrk's connections stay open for the whole run; nginx would close each after 1000 requests
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://backprop;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      # every endpoint is a pure computation: repeating a POST on the other replica is safe
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 15s;
    }
  }
}
CONF

log "starting replicas A (:$PORT_A) and B (:$PORT_B)"
start A "$PORT_A"
start B "$PORT_B"
wait_ready "$PORT_A"
wait_ready "$PORT_B"
"$NGINX" -p "$WORK/nginx" -c nginx.conf
NGINX_STARTED=1
log "nginx on :$NGINX_PORT; load for at least ${DURATION} s with $CONNECTIONS connections"

STARTED=$SECONDS
wrk -t2 -c"$CONNECTIONS" -d"$((DURATION + 900))s" --timeout 20s -s "$LUA" "http://127.0.0.1:$NGINX_PORT" >"$WORK/wrk.out" 2>&1 &
WRK_PID=$!

sleep "$(( DURATION / 10 > 2 ? DURATION / 10 : 2 ))"
log "SIGKILL replica A"
kill -KILL "${PIDS[A]}"; wait "${PIDS[A]}" 2>/dev/null || true
sleep 2
log "restarting replica A"
start A "$PORT_A"
wait_ready "$PORT_A"
log "replica A ready; SIGTERM replica B (graceful shutdown)"
kill -TERM "${PIDS[B]}"; wait "${PIDS[B]}" 2>/dev/null || true
log "replica B stopped; restarting it"
start B "$PORT_B"
wait_ready "$PORT_B"
log "replica B ready"
# both replicas serve for a while before the load ends
sleep "$(( DURATION / 10 > 3 ? DURATION / 10 : 3 ))"
while (( SECONDS - STARTED < DURATION )); do sleep 1; done
kill -0 "$WRK_PID" 2>/dev/null || { echo "FAIL: wrk stopped early"; cat "$WORK/wrk.out"; exit 1; }
kill -INT "$WRK_PID"
wait "$WRK_PID" || true
WRK_PID=""
log "load stopped after $((SECONDS - STARTED)) s"

grep -E '^(RESULT|STATUS)' "$WORK/wrk.out" | sed 's/^RESULT //; s/^STATUS \([0-9]*\) /status \1: /'
SERVER_ERRORS=$(awk '$1 == "STATUS" && $2 >= 500 { n += $3 } END { print n + 0 }' "$WORK/wrk.out")
SOCKET_ERRORS=$(awk '$2 == "socket_errors" { print $3 }' "$WORK/wrk.out")
echo "requests nginx moved to the other replica: $(grep -c 'while connecting to upstream\|upstream prematurely closed\|while reading response header from upstream' "$WORK/nginx/logs/error.log" || true)"
echo "client_failures $((SERVER_ERRORS + SOCKET_ERRORS)) (5xx $SERVER_ERRORS, socket errors $SOCKET_ERRORS)"
if (( SERVER_ERRORS + SOCKET_ERRORS > 0 )); then
  mkdir -p "$ROOT/target"
  cp "$WORK/nginx/logs/error.log" "$ROOT/target/failover-nginx-error.log"
  echo "nginx's log, kept in target/failover-nginx-error.log, by kind of message:"
  sed -E 's/^[0-9\/: ]+\[[a-z]+\] [0-9#]+: \*[0-9]+ //; s/, client:.*//' "$WORK/nginx/logs/error.log" | sort | uniq -c | sort -rn | head -10
  echo "FAIL"; exit 1
fi
echo "PASS"
