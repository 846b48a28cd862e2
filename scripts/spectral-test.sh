#!/usr/bin/env bash
# Lints the live OpenAPI spec with Spectral (spectral:oas and the OWASP ruleset, as
# scripts/spectral/.spectral.yaml configures them): starts the built jar on a free port, fetches
# /v3/api-docs and fails on any error; warnings are printed and counted. Needs `./mvnw package`
# first and node; installs Spectral from scripts/spectral/package-lock.json when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/backprop-service.jar
[[ -f $jar ]] || { echo "no $jar: run ./mvnw -B package first" >&2; exit 1; }

if [[ ! -x scripts/spectral/node_modules/.bin/spectral ]]; then
  (cd scripts/spectral && npm ci --no-audit --no-fund)
fi

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base="http://localhost:$port"
log=target/spectral-test-app.log
spec=target/api-docs.json

java -jar "$jar" --server.port="$port" > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fs "$base/actuator/health/readiness" > /dev/null; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "the service did not start; its log:" >&2; cat "$log" >&2; exit 1; fi
  sleep 1
done
curl -fs "$base/v3/api-docs" -o "$spec" || { echo "no spec at $base/v3/api-docs; the service's log:" >&2; cat "$log" >&2; exit 1; }

cd scripts/spectral
status=0
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=error -f text "../../$spec" \
  > ../../target/spectral.txt || status=$?
cat ../../target/spectral.txt
echo
errors=$(grep -c ' error ' ../../target/spectral.txt || true)
warnings=$(grep -c ' warning ' ../../target/spectral.txt || true)
echo "spectral: $errors errors, $warnings warnings (errors fail; target/spectral.txt)"
exit "$status"
