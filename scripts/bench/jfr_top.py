"""Top frames of a JFR recording's CPU samples (jdk.ExecutionSample), for the request threads.

  jfr_top.py RECORDING.jfr [TOP] [REQUESTS]

Prints the samples of the request threads (per 1,000 requests when REQUESTS, the requests served
during the recording, is given), then two tables: the frames most often on top of the stack (self
time), and the frames of the application, Spring, Jackson, Tomcat and Micrometer most often
anywhere in the stack (inclusive time), each as a share of the request threads' samples. Record
with -XX:FlightRecorderOptions:stackdepth=512 so that Spring's deep stacks are not cut short.
"""
import collections
import json
import subprocess
import sys

INCLUSIVE_PREFIXES = (
    "dev.backprop.",
    "org.springframework.",
    "tools.jackson.",
    "org.apache.catalina.",
    "org.apache.coyote.",
    "org.apache.tomcat.",
    "io.micrometer.",
)


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    requests = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    text = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", path],
                          check=True, capture_output=True, text=True).stdout
    events = json.loads(text)["recording"]["events"]
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    samples = 0
    for event in events:
        thread = event["values"]["sampledThread"]["javaName"] or ""
        if not thread.startswith("http-nio-"):
            continue
        frames = event["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        samples += 1
        self_counts[frame_name(frames[0])] += 1
        seen = set()
        for frame in frames:
            name = frame_name(frame)
            if name.startswith(INCLUSIVE_PREFIXES) and name not in seen:
                seen.add(name)
                inclusive[name] += 1
    per_request = f", {1000 * samples / requests:.1f} per 1,000 requests" if requests else ""
    print(f"{samples} samples on the request threads{per_request}")
    print()
    print("| self % | top frame |")
    print("|---|---|")
    for name, count in self_counts.most_common(top):
        print(f"| {100 * count / samples:.1f} | `{name}` |")
    print()
    print("| inclusive % | frame |")
    print("|---|---|")
    for name, count in inclusive.most_common(top * 2):
        print(f"| {100 * count / samples:.1f} | `{name}` |")


if __name__ == "__main__":
    main()
