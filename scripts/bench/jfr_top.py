"""Top frames of a JFR recording's CPU samples (jdk.ExecutionSample), for the request threads.

  jfr_top.py RECORDING.jfr [TOP] [REQUESTS]

Prints the samples of the request threads (per 1,000 requests when REQUESTS, the requests served
during the recording, is given), then three tables: where a request's time goes (the samples
under a few frames: reading the body, the service, writing the answer, Spring Security,
Micrometer...), the frames most often on top of the stack (self time), and the frames of the
application, Spring, Jackson, Tomcat and Micrometer most often anywhere in the stack (inclusive
time), each as a share of the request threads' samples. Record with
-XX:FlightRecorderOptions:stackdepth=512 so that Spring's deep stacks are not cut short.
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


# (label, a frame the sample's stack holds, a frame it must not hold), as prefixes of frame names
BUCKETS = (
    ("Tomcat and the filters before Spring Security's", "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker",
     "org.springframework.security.web.FilterChainProxy.doFilterInternal"),
    ("Spring Security's filters (the servlet not counted)", "org.springframework.security.web.FilterChainProxy.doFilterInternal",
     "org.springframework.web.servlet.FrameworkServlet.service"),
    ("the handler's lookup", "org.springframework.web.servlet.DispatcherServlet.getHandler", None),
    ("reading the body (@RequestBody: converters, then Jackson)",
     "org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor.resolveArgument", None),
    ("  of which Jackson", "org.springframework.http.converter.AbstractJacksonHttpMessageConverter.read", None),
    ("the controller and the service", "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke", None),
    ("writing the answer (@ResponseBody: content negotiation, converters, then Jackson)",
     "org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor.writeWithMessageConverters",
     None),
    ("  of which the numbers' digits", ("tools.jackson.core.io.schubfach.DoubleToDecimal.toString",
                                        "dev.backprop.web.ShortestDouble.write"), None),
    ("Micrometer, anywhere (observations, meters)", "io.micrometer.", None),
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
    buckets = collections.Counter()
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
        names = [frame_name(frame) for frame in frames]
        seen = set()
        for name in names:
            if name.startswith(INCLUSIVE_PREFIXES) and name not in seen:
                seen.add(name)
                inclusive[name] += 1
        for label, holds, lacks in BUCKETS:
            if any(name.startswith(holds) for name in names) and not (
                    lacks and any(name.startswith(lacks) for name in names)):
                buckets[label] += 1
    per_request = f", {1000 * samples / requests:.1f} per 1,000 requests" if requests else ""
    print(f"{samples} samples on the request threads{per_request}")
    print()
    print("| where the time goes | % of the samples |" + (" samples per 1,000 requests |" if requests else ""))
    print("|---|---|" + ("---|" if requests else ""))
    for label, _, _ in BUCKETS:
        share = 100 * buckets[label] / samples
        absolute = f" {1000 * buckets[label] / requests:.2f} |" if requests else ""
        print(f"| {label} | {share:.1f} |{absolute}")
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
