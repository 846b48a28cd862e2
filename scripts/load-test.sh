#!/usr/bin/env bash
# Load test: wrk with 64 connections on loopback against one instance of the service, a mix of
# valid and invalid requests (scripts/load/mixed.lua). Prints requests/s, p50/p99/max latency,
# the answers by status and the resident memory of the java process before and after.
# Fails on any 5xx but the service's deliberate 503 (saturated), on any socket error, or when
# the resident memory grew by more than MAX_RSS_GROWTH_MB.
#
#   scripts/load-test.sh [duration-seconds, default 60] [port, default 8481]
#   environment: CONNECTIONS (64), MAX_RSS_GROWTH_MB (150), JAVA_OPTS (-Xms384m -Xmx384m -XX:+AlwaysPreTouch)
set -euo pipefail

DURATION="${1:-60}"
PORT="${2:-8481}"
CONNECTIONS="${CONNECTIONS:-64}"
MAX_RSS_GROWTH_MB="${MAX_RSS_GROWTH_MB:-150}"
# a fixed, pre-touched heap: the resident memory then measures leaks, not the heap growing into its -Xmx
JAVA_OPTS="${JAVA_OPTS:--Xms384m -Xmx384m -XX:+AlwaysPreTouch}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/target/backprop-service.jar"
LUA="$ROOT/scripts/load/mixed.lua"
WORK="$(mktemp -d)"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[[ -f "$JAR" ]] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)

APP_PID=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

wait_healthy() {
  for _ in $(seq 1 180); do
    curl -fs "http://localhost:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "FAIL: the service on port $1 did not become ready" >&2
  return 1
}

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_healthy "$PORT"

# warm-up: JIT, pools and buffers reach their working size before memory is measured
wrk -t2 -c"$CONNECTIONS" -d5s -s "$LUA" "http://localhost:$PORT" >/dev/null
RSS_BEFORE=$(rss_mb "$APP_PID")

wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$LUA" "http://localhost:$PORT" >"$WORK/wrk.out"
RSS_AFTER=$(rss_mb "$APP_PID")

grep -E '^(RESULT|STATUS)' "$WORK/wrk.out" | sed 's/^RESULT //; s/^STATUS \([0-9]*\) /status \1: /'
echo "rss_before_mb $RSS_BEFORE"
echo "rss_after_mb $RSS_AFTER"
echo "rss_growth_mb $((RSS_AFTER - RSS_BEFORE)) (bound $MAX_RSS_GROWTH_MB)"

FAILED=0
SERVER_ERRORS=$(awk '$1 == "STATUS" && $2 >= 500 && $2 != 503 { n += $3 } END { print n + 0 }' "$WORK/wrk.out")
SOCKET_ERRORS=$(awk '$2 == "socket_errors" { print $3 }' "$WORK/wrk.out")
if (( SERVER_ERRORS > 0 )); then echo "FAIL: $SERVER_ERRORS answers were 5xx other than 503"; FAILED=1; fi
if (( SOCKET_ERRORS > 0 )); then echo "FAIL: $SOCKET_ERRORS socket errors"; FAILED=1; fi
if (( RSS_AFTER - RSS_BEFORE > MAX_RSS_GROWTH_MB )); then echo "FAIL: resident memory grew by more than $MAX_RSS_GROWTH_MB MB"; FAILED=1; fi
if grep -q ' ERROR ' "$WORK/app.log"; then echo "FAIL: the service logged errors:"; grep -m5 ' ERROR ' "$WORK/app.log"; FAILED=1; fi
(( FAILED == 0 )) && echo "PASS"
exit "$FAILED"
