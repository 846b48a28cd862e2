#!/usr/bin/env bash
# /api/v1/train end to end over HTTP against the same steps in PyTorch in-process (torch.optim.SGD,
# a Python loop, float64, one thread): 10,000 SGD steps of the planar notebook's 2-4-1 tanh-sigmoid
# network on N = 400. Both are warmed up the same way (WARMUP full runs each, default 1, not counted), then
# ROUNDS runs each, interleaved; prints the ratio per round and of the medians, of the elapsed
# times (the target's measure) and of the CPU times (the server process's, JIT and GC threads
# included, against the Python process's), which another load on the machine disturbs less.
# Run from the repository root:
#   scripts/bench-train.sh    (PORT=8582 ROUNDS=3 WARMUP=1 STEPS=10000; SERVICE_JAR=path measures that jar)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8582}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-1}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"
$PY -c 'import torch' 2>/dev/null || { echo "PyTorch is missing: apt-get install -y python3-torch" >&2; exit 1; }

$PY scripts/bench/train_workload.py request "$out/train.json"
source scripts/bench/service.sh
trap stop_service EXIT
start_service bench-train "$PORT"

post() {
  curl -s -o "$out/train-answer.json" -w '%{http_code} %{time_total}' \
    -H 'Content-Type: application/json' --data-binary @"$out/train.json" "$base/api/v1/train"
}
echo "== warm-up ($WARMUP run(s) each, not counted)"
for _ in $(seq 1 "$WARMUP"); do
  result=$(post); status=${result% *}
  [[ $status == 200 ]] || { echo "POST /api/v1/train answered $status: $(head -c 400 "$out/train-answer.json")" >&2; exit 1; }
  ROUNDS=1 $PY scripts/bench/train_workload.py torch "$out/train.json" > /dev/null
done
service=()
torch=()
service_cpu=()
torch_cpu=()
ticks=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  before=$(awk '{print $14 + $15}' /proc/$server/stat)
  result=$(post); status=${result% *}; seconds=${result#* }
  after=$(awk '{print $14 + $15}' /proc/$server/stat)
  [[ $status == 200 ]] || { echo "round $round answered $status" >&2; exit 1; }
  service+=("$seconds")
  service_cpu+=("$(awk -v t="$((after - before))" -v hz="$ticks" 'BEGIN {printf "%.2f", t / hz}')")
  line=$(ROUNDS=1 $PY scripts/bench/train_workload.py torch "$out/train.json")
  torch+=("$(echo "$line" | awk '{print $2}')")
  torch_cpu+=("$(echo "$line" | awk '{print $5}')")
  final=$($PY -c "import json; print('%.12f' % json.load(open('$out/train-answer.json'))['lossHistory'][-1])")
  echo "round $round: service ${seconds} s (cpu ${service_cpu[-1]} s, final loss $final), torch ${torch[-1]} s (cpu ${torch_cpu[-1]} s)"
done
$PY - "${service[*]}" "${torch[*]}" "${service_cpu[*]}" "${torch_cpu[*]}" <<'PYEOF'
import statistics, sys
service, torch, service_cpu, torch_cpu = ([float(v) for v in arg.split()] for arg in sys.argv[1:5])
ratios = [t / s for s, t in zip(service, torch)]
print("torch / service per round: %s" % ", ".join("%.1f×" % r for r in ratios))
print("median: service %.3f s, torch %.3f s, torch / service %.1f× (target ≥ 5×)"
      % (statistics.median(service), statistics.median(torch), statistics.median(torch) / statistics.median(service)))
cpu_ratios = [t / s if s > 0 else float("inf") for s, t in zip(service_cpu, torch_cpu)]
print("CPU time, torch / service per round: %s; medians %.2f s and %.2f s, %.1f×"
      % (", ".join("%.1f×" % r for r in cpu_ratios), statistics.median(service_cpu), statistics.median(torch_cpu),
         statistics.median(torch_cpu) / statistics.median(service_cpu)))
PYEOF
