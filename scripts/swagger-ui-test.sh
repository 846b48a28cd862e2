#!/usr/bin/env bash
# The real-browser test of Swagger UI: starts the built jar with its default settings on a free
# port and opens it at http://127.0.0.1:<port>, an address the spec names nowhere; runs
# scripts/browser-test/swagger-ui.test.mjs in Debian's headless Chromium (playwright-core, no
# browser download) and stops the jar. Needs `./mvnw package` first, /usr/bin/chromium and node.
# The screenshot lands in target/swagger-ui-backprop.png.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/backprop-service.jar
[[ -f $jar ]] || { echo "no $jar: run ./mvnw -B package first" >&2; exit 1; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || { echo "no Chromium: apt-get install -y chromium" >&2; exit 1; }

if [[ ! -d scripts/browser-test/node_modules/playwright-core ]]; then
  (cd scripts/browser-test && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base="http://127.0.0.1:$port"
log=target/swagger-ui-test-app.log

# no server URL given: "Execute" must reach this instance at whatever address the page has
env -u OPENAPI_SERVER_URL java -jar "$jar" --server.port="$port" > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fs "$base/actuator/health/readiness" > /dev/null; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "the service did not start; its log:" >&2; cat "$log" >&2; exit 1; fi
  sleep 1
done
curl -fs "$base/actuator/health/readiness" > /dev/null || { echo "the service is not ready after 120 s" >&2; exit 1; }

cd scripts/browser-test
BASE_URL="$base" SCREENSHOT="$PWD/../../target/swagger-ui-backprop.png" node --test swagger-ui.test.mjs
