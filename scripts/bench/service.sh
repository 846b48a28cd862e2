# Sourced by the benchmark scripts (bash, from the repository root, with $out set): the packaged
# service started and stopped the same way for each of them.
#
#   start_service NAME PORT [java options...]
# starts SERVICE_JAR (default: this checkout's jar, built when missing) under its own name,
# $out/NAME-server.jar, so that no one else's `pkill -f backprop-service` ends it mid-run, on
# PORT, with JAVA_OPTS, its log in $out/NAME-server.log; sets `server` (its pid) and `base` (its
# address), and returns once its readiness probe answers (failing if it stops or takes a minute).
#   stop_service
# stops it and waits for it.

start_service() {
  local name=$1 port=$2
  shift 2
  local jar=${SERVICE_JAR:-target/backprop-service.jar}
  [[ -f $jar ]] || ./mvnw -B -q -DskipTests package
  cp "$jar" "$out/$name-server.jar"
  java "$@" ${JAVA_OPTS:-} -jar "$out/$name-server.jar" --server.port="$port" > "$out/$name-server.log" 2>&1 &
  server=$!
  base=http://127.0.0.1:$port
  for _ in $(seq 1 120); do
    curl -sf "$base/actuator/health/readiness" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  echo "the service did not become ready on port $port: see $out/$name-server.log" >&2
  return 1
}

stop_service() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
