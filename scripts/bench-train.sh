#!/usr/bin/env bash
# /api/v1/train end to end over HTTP against the same steps in PyTorch in-process (torch.optim.SGD,
# a Python loop, float64, one thread): 10,000 SGD steps of the planar notebook's 2-4-1 tanh-sigmoid
# network on N = 400. Both are warmed up the same way (one full run each, not counted), then
# ROUNDS runs each, interleaved; prints the ratio first. Run from the repository root:
#   scripts/bench-train.sh    (PORT=8582 ROUNDS=3 STEPS=10000)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8582}
ROUNDS=${ROUNDS:-3}
PY=/usr/bin/python3
out=target/bench
mkdir -p "$out"
$PY -c 'import torch' 2>/dev/null || { echo "PyTorch is missing: apt-get install -y python3-torch" >&2; exit 1; }

$PY scripts/bench/train_workload.py request "$out/train.json"
[[ -f target/backprop-service.jar ]] || ./mvnw -B -q -DskipTests package
cp target/backprop-service.jar "$out/bench-train-server.jar"
java ${JAVA_OPTS:-} -jar "$out/bench-train-server.jar" --server.port="$PORT" > "$out/train-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
base=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do
  curl -sf "$base/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done

post() {
  curl -s -o "$out/train-answer.json" -w '%{http_code} %{time_total}' \
    -H 'Content-Type: application/json' --data-binary @"$out/train.json" "$base/api/v1/train"
}
echo "== warm-up (one run each, not counted)"
result=$(post); status=${result% *}
[[ $status == 200 ]] || { echo "POST /api/v1/train answered $status: $(head -c 400 "$out/train-answer.json")" >&2; exit 1; }
ROUNDS=1 $PY scripts/bench/train_workload.py torch "$out/train.json" > /dev/null
service=()
torch=()
rounds=()
for round in $(seq 1 "$ROUNDS"); do
  result=$(post); status=${result% *}; seconds=${result#* }
  [[ $status == 200 ]] || { echo "round $round answered $status" >&2; exit 1; }
  service+=("$seconds")
  torch+=("$(ROUNDS=1 $PY scripts/bench/train_workload.py torch "$out/train.json" | awk '{print $2}')")
  final=$($PY -c "import json; print('%.12f' % json.load(open('$out/train-answer.json'))['lossHistory'][-1])")
  rounds+=("round $round: service ${seconds} s (final loss $final), torch ${torch[-1]} s")
done
# the ratios first, then the rounds they come from
$PY - "${service[*]}" "${torch[*]}" <<'PYEOF'
import statistics, sys
service = [float(v) for v in sys.argv[1].split()]
torch = [float(v) for v in sys.argv[2].split()]
ratios = [t / s for s, t in zip(service, torch)]
print("torch / service per round: %s" % ", ".join("%.1f×" % r for r in ratios))
print("median: service %.3f s, torch %.3f s, torch / service %.1f× (target ≥ 5×)"
      % (statistics.median(service), statistics.median(torch), statistics.median(torch) / statistics.median(service)))
PYEOF
printf '%s\n' "${rounds[@]}"
