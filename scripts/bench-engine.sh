#!/usr/bin/env bash
# The engine (JMH, with allocation per operation) against PyTorch float64 on W1-W3, back to back,
# ROUNDS times (default 2), each warmed up the same way first (JMH's 4 iterations of 1 s, PyTorch
# 4 s of passes: WARMUP_SECONDS), then the ratios first and the tables. Run from the repository root:
#   scripts/bench-engine.sh            (WORKLOADS="w2 w3" ROUNDS=3 scripts/bench-engine.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
WORKLOADS=${WORKLOADS:-w1 w2 w3}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"

$PY scripts/bench/workloads.py "$out" >/dev/null
./mvnw -B -q -Pbenchmarks test-compile dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat "$out/classpath")"
openblas=$(scripts/bench/openblas.sh)
params=$(echo $WORKLOADS | tr ' ' ',')
# PRODUCTS=auto,ejml also times the pure-Java products beside what the service uses by default
# (values of backprop.engine.products: auto, native, java, ejml)
PRODUCTS=${PRODUCTS:-auto}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: engine (JMH) =="
  java -cp "$cp" org.openjdk.jmh.Main EngineBenchmark -p workload="$params" -p products="$PRODUCTS" -prof gc \
    -jvmArgsAppend "-Ddev.ludovic.netlib.blas.nativeLibPath=$openblas/libblas.so.3" \
    -rf json -rff "$out/engine-$round.json" > "$out/engine-$round.log"
  grep -m1 "matrix products" "$out/engine-$round.log" || true
  grep -E "^EngineBenchmark.backprop +(auto|native|java|ejml)|gc.alloc.rate.norm +(auto|native|java|ejml)" "$out/engine-$round.log" || true
  echo "== round $round: PyTorch, OpenBLAS =="
  LD_LIBRARY_PATH=$openblas $PY scripts/bench/torch_baseline.py "$out" $WORKLOADS | tee "$out/torch-openblas-$round.txt"
  echo "== round $round: PyTorch, as Debian installs it (libblas.so.3 alternative) =="
  $PY scripts/bench/torch_baseline.py "$out" $WORKLOADS | tee "$out/torch-debian-$round.txt"
done
$PY scripts/bench/summary.py engine "$out" "$ROUNDS" $WORKLOADS
