#!/usr/bin/env bash
# The JSON figures of issue 14 (JMH JacksonBenchmark, the application's own JsonMapper, with the
# GC profiler): reading the W2 request and writing its response, in ns per number, and the
# allocation of a whole W2 request in process (body read from a stream, the service, the answer
# written to a stream) against the bytes of its body and its answer. Run from the repository root:
#   scripts/bench-json.sh    (WORKLOAD=w2; SKIP_BUILD=1 when target/ is already built with -Pbenchmarks;
#                             CLASSES=path: the application's classes from elsewhere, e.g. an earlier
#                             build's BOOT-INF/classes, measured with this checkout's benchmark)
# JMH's own options may follow: scripts/bench-json.sh -wi 6 -i 10
set -euo pipefail
cd "$(dirname "$0")/.."
WORKLOAD=${WORKLOAD:-w2}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"

$PY scripts/bench/workloads.py "$out" >/dev/null
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  ./mvnw -B -q -Pbenchmarks test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test
fi
cp="${CLASSES:-target/classes}:target/test-classes:$(cat "$out/classpath")"
java -cp "$cp" dev.backprop.bench.JacksonBenchmark "$WORKLOAD" -rf json -rff "$out/jackson.json" "$@" > "$out/jackson.log"
sed -n '/numbers in .* bytes; response/,$p' "$out/jackson.log"
