#!/usr/bin/env bash
# Where a small POST's time goes: the packaged service under async-profiler (CPU samples every
# 100 µs), W1 (POST /api/v1/backprop with the worked example) and the floor (GET $FLOOR_PATH) each
# recorded for SECONDS_EACH at 16 connections after the same warm-up, then what a request costs
# in µs of CPU, where it goes and the top frames (self and inclusive, scripts/bench/profile_top.py).
# async-profiler comes from Maven Central (tools.profiler:async-profiler) and is attached to the
# running service for each recording only. Run from the repository root:
#   scripts/bench-profile.sh    (PORT=8584 SECONDS_EACH=20 FLOOR_PATH=/api/v1/functions TOP=25;
#                                SERVICE_JAR=path profiles that jar instead of this checkout's;
#                                LABEL=name in the recordings' file names, to keep a before and after)
# JFR was used before: its sampling slowed W1 six times more than the floor, so its shares were
# not W1's (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8584}
SECONDS_EACH=${SECONDS_EACH:-20}
FLOOR_PATH=${FLOOR_PATH:-/api/v1/functions}
TOP=${TOP:-25}
LABEL=${LABEL:+$LABEL-}
ASYNC_PROFILER_VERSION=4.1
INTERVAL_US=100
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

profiler_dir=$out/async-profiler-$ASYNC_PROFILER_VERSION
case "$(uname -m)" in
  x86_64) platform=linux-x64 ;;
  aarch64) platform=linux-arm64 ;;
  *) echo "async-profiler has no library for $(uname -m)" >&2; exit 1 ;;
esac
library=$PWD/$profiler_dir/$platform/libasyncProfiler.so
if [[ ! -f $library ]]; then
  ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" \
    -DoutputDirectory="$profiler_dir"
  (cd "$profiler_dir" && unzip -q -o "async-profiler-$ASYNC_PROFILER_VERSION.jar" "$platform/libasyncProfiler.so")
fi

$PY scripts/bench/workloads.py "$out" >/dev/null
source scripts/bench/service.sh
trap stop_service EXIT
start_service bench-profile "$PORT"
post="scripts/bench/post.lua"
echo "== warm-up: floor and W1, 3 times 5 s each =="
for _ in 1 2 3; do
  wrk -t1 -c16 -d5s "$base$FLOOR_PATH" >/dev/null
  wrk -t1 -c16 -d5s -s "$post" "$base/api/v1/backprop" -- "$out/w1.json" >/dev/null
done
# the agent's options in quotes: jcmd would otherwise take "key=value" for an argument of its own
profiler() {
  jcmd $server JVMTI.agent_load "$library" "\"$1\"" >/dev/null
}
record() {
  local name=$1; shift
  local stacks="$PWD/$out/profile-$LABEL$name.collapsed"
  profiler "start,event=cpu,interval=${INTERVAL_US}us,threads"
  wrk -t1 -c16 -d"${SECONDS_EACH}s" "$@" > "$out/profile-$LABEL$name-wrk.txt"
  profiler "stop,file=$stacks,collapsed"
  [[ -s $stacks ]] || { echo "async-profiler wrote no $stacks (its messages are in $out/bench-profile-server.log)" >&2; exit 1; }
}
record w1 -s "$post" "$base/api/v1/backprop" -- "$out/w1.json"
record floor "$base$FLOOR_PATH"
for name in w1 floor; do
  requests=$(awk '/requests in/{print $1}' "$out/profile-$LABEL$name-wrk.txt")
  echo
  echo "== $name: $requests requests in ${SECONDS_EACH} s ($(awk '/Requests\/sec/{print $2}' "$out/profile-$LABEL$name-wrk.txt") a second) =="
  $PY scripts/bench/profile_top.py "$out/profile-$LABEL$name.collapsed" "$TOP" "$requests" "$INTERVAL_US"
done
