#!/usr/bin/env bash
# Builds the Dockerfile with podman, runs the image as Kubernetes would size it (1 CPU, 1 GiB),
# and checks it from outside: readiness, the image's own HEALTHCHECK, API.md's worked example,
# a non-root process, the class-data-sharing archive in use, and one OpenBLAS thread on 1 CPU. Prints the image size, the build
# time and the time to ready; removes its container; exits non-zero on any failure.
#
# Needs root, podman and runc, and the base images (locally: scripts/container/make-base-images.sh).
#
# Settings (environment):
#   IMAGE          image tag to build and run            (backprop-service)
#   SKIP_BUILD=1   test an image built before
#   HEALTH_PATH    path polled until it answers 200      (/actuator/health/readiness)
#   READY_TIMEOUT  seconds to wait for it                (180)
#   API_CHECK=0    skip the POST /api/v1/backprop check, only while the endpoint does not exist
set -euo pipefail

cd "$(dirname "$0")/.."

IMAGE="${IMAGE:-backprop-service}"
HEALTH_PATH="${HEALTH_PATH:-/actuator/health/readiness}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
API_CHECK="${API_CHECK:-1}"
CONTAINER="backprop-service-test-$$"
# The machine's hard rlimits are below podman's defaults, and crun cannot manage its cgroups.
PODMAN_RUNTIME_FLAGS=(--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'PASS  %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }
now_ms() { date +%s%3N; }

cleanup() {
  if podman container exists "$CONTAINER" 2>/dev/null; then
    if [ "$failed" -gt 0 ]; then
      echo "---- last container log lines ----"
      podman logs --tail 40 "$CONTAINER" 2>&1 || true
    fi
    podman rm -f -t 5 "$CONTAINER" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# The summary is the last line, after the container's log on a failure.
finish() {
  cleanup
  printf '\ncontainer-test: %d passed, %d failed\n' "$passed" "$failed"
  if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
}

# ---- build ---------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mkdir -p target
  build_log=target/container-build.log
  build_start=$(now_ms)
  if podman build "${PODMAN_RUNTIME_FLAGS[@]}" --network=host --format docker --pull=never \
      -t "$IMAGE" . > "$build_log" 2>&1; then
    build_ms=$(( $(now_ms) - build_start ))
    pass "image built in $((build_ms / 1000)).$(( (build_ms % 1000) / 100 )) s (log: $build_log)"
  else
    tail -40 "$build_log"
    fail "podman build (full log: $build_log)"
    finish
  fi
fi
size_bytes=$(podman image inspect --format '{{.Size}}' "$IMAGE")
echo "image size: $((size_bytes / 1000000)) MB ($size_bytes bytes)"

# ---- run -----------------------------------------------------------------------------------
# As deploy/kubernetes runs it: 1 CPU, 1 GiB, a read-only root with a writable /tmp (podman's
# --read-only mounts a tmpfs there), no capabilities, no privilege escalation, the image's user.
# A random loopback port, so the test never collides with a service already on 8080.
# The health-interval is off: there is no systemd here to time podman's health checks; the
# HEALTHCHECK is run by hand below.
run_start=$(now_ms)
if ! podman run -d --name "$CONTAINER" "${PODMAN_RUNTIME_FLAGS[@]}" \
    --cpus 1 --memory 1g --read-only --cap-drop=ALL --security-opt=no-new-privileges \
    --health-interval=disable -p 127.0.0.1::8080 "$IMAGE" > /dev/null 2> "/tmp/$CONTAINER.run.err"; then
  cat "/tmp/$CONTAINER.run.err"
  fail "podman run"
  finish
fi
rm -f "/tmp/$CONTAINER.run.err"
base_url="http://$(podman port "$CONTAINER" 8080)"

ready=0
deadline=$(( $(date +%s) + READY_TIMEOUT ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if [ "$(podman inspect --format '{{.State.Running}}' "$CONTAINER")" != true ]; then
    fail "container stopped before it was ready"
    finish
  fi
  if body=$(curl -fsS --max-time 2 "$base_url$HEALTH_PATH" 2>/dev/null); then
    ready=1
    break
  fi
  sleep 0.2
done
ready_ms=$(( $(now_ms) - run_start ))
if [ "$ready" = 1 ]; then
  pass "ready: $HEALTH_PATH answered 200 after $((ready_ms / 1000)).$(( (ready_ms % 1000) / 100 )) s"
  echo "time to ready: $ready_ms ms ($(podman logs "$CONTAINER" 2>&1 | grep -o 'Started [A-Za-z]* in [0-9.]* seconds' || true))"
else
  fail "no 200 from $HEALTH_PATH within $READY_TIMEOUT s"
  finish
fi
if [ "$HEALTH_PATH" = /actuator/health/readiness ]; then
  if [ "$(jq -r .status <<<"$body")" = UP ]; then pass "readiness status UP"; else fail "readiness body: $body"; fi
  if curl -fsS --max-time 5 "$base_url/actuator/health/liveness" | jq -e '.status == "UP"' >/dev/null; then
    pass "liveness status UP"
  else
    fail "liveness"
  fi
  # The image's own HEALTHCHECK, run inside the container as the runtime would run it.
  if podman healthcheck run "$CONTAINER" >/dev/null 2>&1; then
    pass "Dockerfile HEALTHCHECK reports healthy"
  else
    fail "Dockerfile HEALTHCHECK reports unhealthy"
  fi
else
  echo "skip  liveness and HEALTHCHECK checks: HEALTH_PATH is $HEALTH_PATH"
fi

# ---- API.md's worked example -------------------------------------------------------------
if [ "$API_CHECK" = 1 ]; then
  # The project's copy of API.md's request, also the OpenAPI spec's example.
  example=src/main/resources/openapi/examples/worked-example.json
  request=$(jq -ce .value "$example") || { fail "no request in $example"; finish; }
  if answer=$(curl -sS --max-time 10 -H 'Content-Type: application/json' -d "$request" \
      -w '\n%{http_code}' "$base_url/api/v1/backprop"); then
    status=${answer##*$'\n'}
    answer=${answer%$'\n'*}
    if [ "$status" = 200 ] \
        && jq -e '.loss == 24.5' <<<"$answer" >/dev/null \
        && jq -e '.output == [[-4.5, -2.5, 0.5, 4.5]]' <<<"$answer" >/dev/null \
        && jq -e '.layers[1].biasGradient == [-4]' <<<"$answer" >/dev/null; then
      pass "POST /api/v1/backprop: loss 24.5, output and biasGradient as API.md says"
    else
      fail "POST /api/v1/backprop answered $status: $(jq -c . <<<"$answer" 2>/dev/null || echo "$answer")"
    fi
  else
    fail "POST /api/v1/backprop: no answer"
  fi
else
  echo "skip  POST /api/v1/backprop (API_CHECK=0)"
fi

# ---- the process inside ------------------------------------------------------------------
uid=$(podman exec "$CONTAINER" id -u || echo unknown)
pid1_uid=$(podman exec "$CONTAINER" awk '/^Uid:/ {print $2}' /proc/1/status || echo unknown)
if [[ "$uid" =~ ^[1-9][0-9]*$ ]] && [[ "$pid1_uid" =~ ^[1-9][0-9]*$ ]]; then
  pass "not root: exec uid $uid, PID 1 uid $pid1_uid"
else
  fail "runs as root (exec uid $uid, PID 1 uid $pid1_uid)"
fi
# The JVM falls back silently when the CDS archive does not match: check it is really mapped.
if podman exec "$CONTAINER" grep -q application.jsa /proc/1/maps; then
  pass "class-data-sharing archive mapped by the JVM"
else
  fail "class-data-sharing archive not in use"
fi
# Run with --cpus 1: the entry point gives OpenBLAS one thread, not one per host core, and the
# JVM it exec'd is PID 1 (so it gets SIGTERM itself).
threads=$(podman exec "$CONTAINER" bash -c "tr '\\0' '\\n' < /proc/1/environ | sed -n 's/^OPENBLAS_NUM_THREADS=//p'" || echo unknown)
pid1=$(podman exec "$CONTAINER" cat /proc/1/comm || echo unknown)
if [[ "$threads" == 1 && "$pid1" == java ]]; then
  pass "OPENBLAS_NUM_THREADS=1 on 1 CPU, PID 1 is java"
else
  fail "OPENBLAS_NUM_THREADS is '$threads' on 1 CPU (want 1), PID 1 is '$pid1' (want java)"
fi

finish
