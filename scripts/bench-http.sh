#!/usr/bin/env bash
# The service over HTTP against its FastAPI + PyTorch peer (scripts/bench/peer.py, two endpoints:
# lean, and with pydantic models), with wrk on loopback. Every endpoint is warmed up the same way
# (W1 at 16 connections and W2 at 1, the same runs) before any figure is taken; then ROUNDS
# rounds, interleaved: the service's floor (GET $FLOOR_PATH, a plain controller GET) and W1 (POST
# /api/v1/backprop with the worked example) at 16 connections, the peer's W1, and W2 one request at
# a time on each (end-to-end latency); then the JSON figures (scripts/bench-json.sh). Prints the
# ratios first. Run from the repository root:
#   scripts/bench-http.sh    (PORT=8581 PEER_PORT=8583 ROUNDS=5 DURATION=5 CONNECTIONS=16
#                             FLOOR_PATH=/api/v1/functions PEER=1)
# The peer needs Debian's python3-fastapi python3-uvicorn python3-uvloop python3-httptools
# python3-torch; without them (or with PEER=0) the peer's figures are reported as not measured.
# SERVICE_JAR=path measures that jar instead of this checkout's (an earlier build, for a before and
# after), and JSON_CLASSES=path its classes in the JSON figures (see scripts/bench-json.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8581}
PEER_PORT=${PEER_PORT:-8583}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-16}
FLOOR_PATH=${FLOOR_PATH:-/api/v1/functions}
PEER=${PEER:-1}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"
rm -f "$out"/http-*.txt
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [[ $PEER == 1 ]] && ! $PY -c 'import fastapi, uvicorn, torch' 2>/dev/null; then
  echo "the peer is not measured: apt-get install -y python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-torch" >&2
  PEER=0
fi

$PY scripts/bench/workloads.py "$out" >/dev/null
./mvnw -B -q -Pbenchmarks -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test
openblas=$(scripts/bench/openblas.sh)
blas_property="-Ddev.ludovic.netlib.blas.nativeLibPath=$openblas/libblas.so.3"

source scripts/bench/service.sh
server=
peer=
if [[ $PEER == 1 ]]; then
  # PyTorch on the same OpenBLAS as the service, one worker process (of one thread) a core, each
  # with a listening socket of its own so that the connections are spread across them
  LD_LIBRARY_PATH=$openblas $PY scripts/bench/peer.py --host 127.0.0.1 --port "$PEER_PORT" \
    --workers "$(nproc)" > "$out/peer.log" 2>&1 &
  peer=$!
fi
stop() {
  stop_service
  if [[ -n $peer ]]; then
    kill "$peer" 2>/dev/null || true
    wait "$peer" 2>/dev/null || true
  fi
}
trap stop EXIT
start_service bench-http "$PORT" "$blas_property"
peer_base=http://127.0.0.1:$PEER_PORT
# the service's endpoint, then the peer's two: lean (json.loads, json.dumps) and as FastAPI's
# tutorial has one write it (pydantic models, a dict returned)
endpoints=("$base/api/v1/backprop")
[[ $PEER == 1 ]] && endpoints+=("$peer_base/api/v1/backprop" "$peer_base/api/v1/backprop-pydantic")
for endpoint in "${endpoints[@]}"; do
  for w in w1 w2; do
    status=000
    for _ in $(seq 1 60); do
      status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$out/$w.json" "$endpoint" || true)
      [[ $status == 200 ]] && break
      sleep 0.5
    done
    [[ $status == 200 ]] || { echo "$endpoint: POST $w answered $status" >&2; exit 1; }
  done
done
if [[ $PEER == 1 ]] && ! kill -0 "$peer" 2>/dev/null; then
  # what answered is not this run's peer (it stops when its port is taken or a worker ends)
  echo "the peer stopped: see $out/peer.log" >&2
  exit 1
fi
floor_status=$(curl -s -o /dev/null -w '%{http_code}' "$base$FLOOR_PATH")
echo "floor: GET $FLOOR_PATH answers $floor_status"

post="scripts/bench/post.lua"
# wrk, then the server's CPU time (user + system) per request: less noisy than requests/s when
# the cores are shared with other work (the service only: the peer is several processes)
measure() {
  local file=$1 pid=$2; shift 2
  local before after
  before=$(awk '{print $14 + $15}' /proc/$pid/stat)
  wrk "$@" > "$file"
  after=$(awk '{print $14 + $15}' /proc/$pid/stat)
  echo "server CPU ticks: $((after - before)) at $(getconf CLK_TCK)/s" >> "$file"
}
echo "== warm-up, the same for every endpoint: 3 x (W1, $CONNECTIONS connections, 5 s), then W2, 1 connection, 10 s =="
wrk -t1 -c"$CONNECTIONS" -d5s "$base$FLOOR_PATH" >/dev/null
for endpoint in "${endpoints[@]}"; do
  for _ in 1 2 3; do
    wrk -t1 -c"$CONNECTIONS" -d5s -s "$post" "$endpoint" -- "$out/w1.json" >/dev/null
  done
  wrk -t1 -c1 -d10s --timeout 30s -s "$post" "$endpoint" -- "$out/w2.json" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round =="
  kill -0 $server 2>/dev/null || { echo "the server has stopped: see $out/bench-http-server.log" >&2; exit 1; }
  measure "$out/http-floor-$round.txt" $server -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base$FLOOR_PATH"
  measure "$out/http-w1-$round.txt" $server -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$post" "$base/api/v1/backprop" -- "$out/w1.json"
  if [[ $PEER == 1 ]]; then
    measure "$out/http-peer-w1-$round.txt" $peer -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$post" "$peer_base/api/v1/backprop" -- "$out/w1.json"
    measure "$out/http-pydantic-w1-$round.txt" $peer -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$post" "$peer_base/api/v1/backprop-pydantic" -- "$out/w1.json"
  fi
  measure "$out/http-w2-$round.txt" $server -t1 -c1 -d"${DURATION}s" --timeout 30s --latency -s "$post" "$base/api/v1/backprop" -- "$out/w2.json"
  if [[ $PEER == 1 ]]; then
    # several seconds a request: twice as long, for a few requests at least
    measure "$out/http-peer-w2-$round.txt" $peer -t1 -c1 -d"$((2 * DURATION))s" --timeout 30s --latency -s "$post" "$peer_base/api/v1/backprop" -- "$out/w2.json"
    measure "$out/http-pydantic-w2-$round.txt" $peer -t1 -c1 -d"$((2 * DURATION))s" --timeout 30s --latency -s "$post" "$peer_base/api/v1/backprop-pydantic" -- "$out/w2.json"
  fi
  grep -H "Requests/sec" "$out"/http-*-"$round".txt
done
stop
trap - EXIT

SKIP_BUILD=1 CLASSES=${JSON_CLASSES:-target/classes} scripts/bench-json.sh > "$out/jackson-figures.txt"
$PY scripts/bench/summary.py http "$out" "$ROUNDS"
echo
cat "$out/jackson-figures.txt"
