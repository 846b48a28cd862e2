#!/usr/bin/env bash
# Measures what the class-data-sharing archive buys: starts the image RUNS times with the archive
# (its ENTRYPOINT) and without it, alternately, 1 CPU and 1 GiB as in deploy/kubernetes, and
# prints for each start the wall time until readiness answers 200 and the CPU time the JVM had
# used by then. CPU time is the steadier figure on a shared, loaded machine.
#
#   scripts/container/measure-startup.sh [IMAGE] [RUNS]     (defaults: backprop-service 5)
set -euo pipefail

IMAGE="${1:-backprop-service}"
RUNS="${2:-5}"
HEALTH_PATH="${HEALTH_PATH:-/actuator/health/readiness}"
CONTAINER="backprop-startup-$$"
trap 'podman rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true' EXIT

start_once() {
  local label="$1"; shift
  local t0 t1 url stat cpu_ms
  t0=$(date +%s%3N)
  podman run -d --name "$CONTAINER" --runtime runc --ulimit nofile=1024:1024 \
    --ulimit nproc=4096:4096 --cpus 1 --memory 1g --health-interval=disable \
    -p 127.0.0.1::8080 "$@" "$IMAGE" >/dev/null 2>&1
  url="http://$(podman port "$CONTAINER" 8080)$HEALTH_PATH"
  until curl -fs -o /dev/null --max-time 2 "$url"; do sleep 0.05; done
  t1=$(date +%s%3N)
  # utime + stime of PID 1 (fields 14 and 15 of /proc/PID/stat), in clock ticks.
  stat=$(podman exec "$CONTAINER" cat /proc/1/stat)
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' <<<"$stat")
  printf '%-8s ready %6d ms   cpu %6d ms   %s\n' "$label" $((t1 - t0)) "$cpu_ms" \
    "$(podman logs "$CONTAINER" 2>&1 | grep -o 'Started [A-Za-z]* in [0-9.]* seconds')"
  podman rm -f -t 0 "$CONTAINER" >/dev/null 2>&1
}

for _ in $(seq "$RUNS"); do
  start_once cds
  start_once no-cds --entrypoint '["java", "-jar", "application.jar"]'
done
