#!/usr/bin/env bash
# The autograder examples against the running service: starts the built jar on a free port, runs
# examples/gradescope/run_autograder and examples/prairielearn/grade.py on the worked example
# (examples/problem.json, answer.json, points.json) in directories laid out as Gradescope and
# PrairieLearn lay them out, and checks the results files they write. Needs `./mvnw package`
# first, curl, jq and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/backprop-service.jar
[[ -f $jar ]] || { echo "no $jar: run ./mvnw -B package first" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://localhost:$port"
log=target/autograder-examples-app.log
work=$(mktemp -d)

java -jar "$jar" --server.port="$port" > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  if curl -fs "$base/actuator/health/readiness" > /dev/null; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "the service did not start; its log:" >&2; cat "$log" >&2; exit 1; fi
  sleep 1
done
curl -fs "$base/actuator/health/readiness" > /dev/null || { echo "the service is not ready after 120 s" >&2; exit 1; }

check() { # a jq expression that must hold for a file
  jq -e "$2" "$1" > /dev/null || { echo "FAILED: $1 does not satisfy $2:" >&2; cat "$1" >&2; exit 1; }
}

echo "-- Gradescope: run_autograder writes results.json"
gs=$work/autograder
mkdir -p "$gs/source" "$gs/submission"
cp examples/problem.json examples/points.json "$gs/source/"
cp examples/answer.json "$gs/submission/"
AUTOGRADER_ROOT=$gs BACKPROP_URL=$base examples/gradescope/run_autograder
check "$gs/results/results.json" '.score == 2 and .max_score == 8 and (.tests | length) == 3'
check "$gs/results/results.json" '[.tests[].status] == ["passed", "failed", "failed"]'
check "$gs/results/results.json" '.tests[1].name == "/layers/0/weightGradient" and (.tests[1].output | startswith("Wrong (transposed)"))'
# no reference value without reveal: the right ∂L/∂W_2 is [[10.5, -27, -15.5]]
if grep -q '10.5' "$gs/results/results.json"; then echo "FAILED: a reference value in results.json" >&2; exit 1; fi
rm "$gs/submission/answer.json"
AUTOGRADER_ROOT=$gs BACKPROP_URL=$base examples/gradescope/run_autograder
check "$gs/results/results.json" '.score == 0 and (.output | contains("answer.json"))'
echo '{"loss": 24.5, "layers": [{}, {}, {}]}' > "$gs/submission/answer.json"
AUTOGRADER_ROOT=$gs BACKPROP_URL=$base examples/gradescope/run_autograder
check "$gs/results/results.json" '.score == 0 and (.output | contains("/submission/layers/2"))'

echo "-- PrairieLearn: grade.py writes the external grader result"
pl=$work/grade
mkdir -p "$pl/tests" "$pl/student"
cp examples/problem.json examples/points.json "$pl/tests/"
cp examples/answer.json "$pl/student/"
GRADE_ROOT=$pl BACKPROP_URL=$base python3 examples/prairielearn/grade.py
check "$pl/results/results.json" '.gradable == true and .score == 0.25 and (.tests | length) == 3'
check "$pl/results/results.json" '[.tests[].points] == [2, 0, 0] and [.tests[].max_points] == [2, 3, 3]'
echo 'not json' > "$pl/student/answer.json"
GRADE_ROOT=$pl BACKPROP_URL=$base python3 examples/prairielearn/grade.py
check "$pl/results/results.json" '.gradable == false'

echo "autograder examples: ok"
