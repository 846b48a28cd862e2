#!/usr/bin/env python3
"""PrairieLearn external grader: grades a student's hand-computed backpropagation with backprop-service.

The question's tests/ directory holds problem.json (a /backprop or /train request: the exercise)
and optionally points.json ({"/layers/0/weightGradient": 3, ...}); the student's file answer.json
is the fields they computed, as /grade's "submission". The grader image runs this script with the
question mounted under /grade (GRADE_ROOT to try it elsewhere); it writes
/grade/results/results.json, the external grader result the service answers with
"format": "prairielearn". Python's standard library only. BACKPROP_URL is the service (default
http://localhost:8080); BACKPROP_API_KEY its key, when it has keys.
"""

import json
import os
import urllib.error
import urllib.request

root = os.environ.get("GRADE_ROOT", "/grade")
url = os.environ.get("BACKPROP_URL", "http://localhost:8080")
results = os.path.join(root, "results", "results.json")


def write(result):
    os.makedirs(os.path.dirname(results), exist_ok=True)
    with open(results, "w", encoding="utf-8") as out:
        json.dump(result, out)


def ungradable(message):
    # PrairieLearn shows the message and does not count the submission
    write({"gradable": False, "score": 0, "message": message})


def main():
    with open(os.path.join(root, "tests", "problem.json"), encoding="utf-8") as f:
        problem = json.load(f)
    try:
        with open(os.path.join(root, "student", "answer.json"), encoding="utf-8") as f:
            submission = json.load(f)
    except (OSError, ValueError):
        return ungradable("answer.json is missing or not JSON: submit your answer as a JSON object.")
    request = {"problem": problem, "submission": submission, "format": "prairielearn"}
    points_file = os.path.join(root, "tests", "points.json")
    if os.path.exists(points_file):
        with open(points_file, encoding="utf-8") as f:
            request["points"] = json.load(f)
    headers = {"Content-Type": "application/json"}
    if os.environ.get("BACKPROP_API_KEY"):
        headers["X-API-Key"] = os.environ["BACKPROP_API_KEY"]
    call = urllib.request.Request(
        url + "/api/v1/grade", data=json.dumps(request).encode("utf-8"), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(call, timeout=60) as response:
            write(json.load(response))
    except urllib.error.HTTPError as error:
        detail = json.load(error).get("detail", str(error))
        ungradable("Your answer could not be graded: " + detail)
    except urllib.error.URLError:
        ungradable("The grading service could not be reached; please resubmit later.")


if __name__ == "__main__":
    main()
