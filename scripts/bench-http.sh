#!/usr/bin/env bash
# The service over HTTP with wrk on loopback: the framework floor (GET /actuator/health/liveness,
# the liveness probe, {"status":"UP"}) and POST /api/v1/backprop with W1, back to back, ROUNDS times; W2 one
# request at a time (end-to-end latency); then Jackson alone (JMH) reading W2's request and
# writing its response. Prints the ratios. Run from the repository root:
#   scripts/bench-http.sh    (PORT=8581 ROUNDS=5 DURATION=5 CONNECTIONS=16 FLOOR_PATH=/actuator/health/liveness)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8581}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-16}
FLOOR_PATH=${FLOOR_PATH:-/actuator/health/liveness}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

$PY scripts/bench/workloads.py "$out" >/dev/null
./mvnw -B -q -Pbenchmarks -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test
openblas=$(scripts/bench/openblas.sh)
blas_property="-Ddev.ludovic.netlib.blas.nativeLibPath=$openblas/libblas.so.3"

# a copy under its own name, so that no one else's `pkill -f backprop-service` ends it mid-run
cp target/backprop-service.jar "$out/bench-server.jar"
java $blas_property ${JAVA_OPTS:-} -jar "$out/bench-server.jar" --server.port="$PORT" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
base=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do
  curl -sf "$base$FLOOR_PATH" >/dev/null && break
  sleep 0.5
done
for w in w1 w2; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$out/$w.json" "$base/api/v1/backprop")
  [[ $status == 200 ]] || { echo "POST $w answered $status" >&2; exit 1; }
done
floor_status=$(curl -s -o /dev/null -w '%{http_code}' "$base$FLOOR_PATH")
echo "floor: GET $FLOOR_PATH answers $floor_status"

post="scripts/bench/post.lua"
# wrk, then the server's CPU time (user + system) per request: less noisy than requests/s when
# the cores are shared with other work
measure() {
  local file=$1; shift
  local before after
  before=$(awk '{print $14 + $15}' /proc/$server/stat)
  wrk "$@" > "$file"
  after=$(awk '{print $14 + $15}' /proc/$server/stat)
  echo "server CPU ticks: $((after - before)) at $(getconf CLK_TCK)/s" >> "$file"
}
echo "== warm-up =="
for _ in 1 2 3; do
  wrk -t1 -c"$CONNECTIONS" -d5s "$base$FLOOR_PATH" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d5s -s "$post" "$base/api/v1/backprop" -- "$out/w1.json" >/dev/null
done
wrk -t1 -c1 -d10s -s "$post" "$base/api/v1/backprop" -- "$out/w2.json" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round =="
  kill -0 $server 2>/dev/null || { echo "the server has stopped: see $out/server.log" >&2; exit 1; }
  measure "$out/http-floor-$round.txt" -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base$FLOOR_PATH"
  measure "$out/http-w1-$round.txt" -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$post" "$base/api/v1/backprop" -- "$out/w1.json"
  measure "$out/http-w2-$round.txt" -t1 -c1 -d"${DURATION}s" --latency -s "$post" "$base/api/v1/backprop" -- "$out/w2.json"
  grep -H "Requests/sec" "$out"/http-*-"$round".txt
done
kill $server; wait $server 2>/dev/null || true
trap - EXIT

echo "== Jackson alone (JMH): W2 request read, W2 response written =="
cp="target/classes:target/test-classes:$(cat "$out/classpath")"
java -cp "$cp" org.openjdk.jmh.Main JacksonBenchmark -rf json -rff "$out/jackson.json" > "$out/jackson.log"
grep -E "^JacksonBenchmark" "$out/jackson.log"
$PY scripts/bench/summary.py http "$out" "$ROUNDS"
