#!/usr/bin/env bash
# Where a small POST's time goes: the packaged service under JFR, W1 (POST /api/v1/backprop with the
# worked example) and the floor (GET $FLOOR_PATH) each recorded for SECONDS at 16 connections after
# the same warm-up, then the top frames of each (self and inclusive, as a share of the request
# threads' CPU samples) and the samples per request. Run from the repository root:
#   scripts/bench-profile.sh    (PORT=8584 SECONDS_EACH=30 FLOOR_PATH=/api/v1/functions TOP=25;
#                                SERVICE_JAR=path profiles that jar instead of this checkout's;
#                                LABEL=name in the recordings' file names, to keep a before and after)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8584}
SECONDS_EACH=${SECONDS_EACH:-30}
FLOOR_PATH=${FLOOR_PATH:-/api/v1/functions}
TOP=${TOP:-25}
LABEL=${LABEL:+$LABEL-}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

$PY scripts/bench/workloads.py "$out" >/dev/null
jar=${SERVICE_JAR:-target/backprop-service.jar}
[[ -f $jar ]] || ./mvnw -B -q -DskipTests package
cp "$jar" "$out/bench-profile-server.jar"
java -XX:+FlightRecorder -XX:FlightRecorderOptions:stackdepth=512 ${JAVA_OPTS:-} \
  -jar "$out/bench-profile-server.jar" --server.port="$PORT" > "$out/profile-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
base=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do
  curl -sf "$base$FLOOR_PATH" >/dev/null && break
  sleep 0.5
done
post="scripts/bench/post.lua"
echo "== warm-up: floor and W1, 3 times 5 s each =="
for _ in 1 2 3; do
  wrk -t1 -c16 -d5s "$base$FLOOR_PATH" >/dev/null
  wrk -t1 -c16 -d5s -s "$post" "$base/api/v1/backprop" -- "$out/w1.json" >/dev/null
done
record() {
  local name=$1; shift
  jcmd $server JFR.start name="$name" settings=profile filename="$out/profile-$LABEL$name.jfr" >/dev/null
  wrk -t1 -c16 -d"${SECONDS_EACH}s" "$@" > "$out/profile-$LABEL$name-wrk.txt"
  jcmd $server JFR.stop name="$name" >/dev/null
}
record w1 -s "$post" "$base/api/v1/backprop" -- "$out/w1.json"
record floor "$base$FLOOR_PATH"
for name in w1 floor; do
  requests=$(awk '/requests in/{print $1}' "$out/profile-$LABEL$name-wrk.txt")
  echo
  echo "== $name: $requests requests in ${SECONDS_EACH} s =="
  $PY scripts/bench/jfr_top.py "$out/profile-$LABEL$name.jfr" "$TOP" "$requests"
done
