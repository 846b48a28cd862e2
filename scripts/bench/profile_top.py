"""Where a request's CPU time goes, from async-profiler's collapsed stacks (output `collapsed`,
option `threads`: each line is the thread, then the frames from the root to the leaf, then the
number of samples).

  profile_top.py STACKS.collapsed [TOP] [REQUESTS] [INTERVAL_US]

Prints the samples of the request threads (Tomcat's http-nio-*-exec-*), in microseconds of CPU a
request when REQUESTS (the requests served while recording) and INTERVAL_US (the sampling
interval, 100 by default) are given, then three tables: where a request's time goes (the samples
under a few frames: reading the body, the service, writing the answer, Spring Security,
Micrometer...), the frames most often on top of the stack (self time), and the frames of the
application, Spring, Jackson, Tomcat and Micrometer most often anywhere in the stack (inclusive
time), each as a share of the request threads' samples and in µs a request.
"""
import collections
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
    ("reading the body (@RequestBody: the API's reader, or Spring's converters, then Jackson)",
     ("dev.backprop.web.ApiRequestBodies.resolveArgument",
      "org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor.resolveArgument"), None),
    ("  of which Jackson reading it", ("tools.jackson.databind.ObjectReader.readValue",
                            "org.springframework.http.converter.AbstractJacksonHttpMessageConverter.read"), None),
    ("the controller and the service", "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke", None),
    ("writing the answer (@ResponseBody: content negotiation, converters, then Jackson)",
     "org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor.writeWithMessageConverters",
     None),
    ("  of which Jackson writing it", "tools.jackson.databind.ObjectWriter.writeValue", None),
    ("  of which the numbers' digits", ("tools.jackson.core.io.schubfach.DoubleToDecimal.toString",
                                        "dev.backprop.web.ShortestDouble.write"), None),
    ("Micrometer, anywhere (observations, meters)", "io.micrometer.", None),
    ("the kernel (system calls: the socket's reads and writes)", "[k]", None),
)


def frame_name(frame):
    # async-profiler writes Java frames as pkg/Class.method, kernel frames with a _[k] suffix
    if frame.endswith("_[k]"):
        return "[k] " + frame[:-4]
    return frame.replace("/", ".")


def stacks(path):
    """(thread name, frames from the leaf to the root, samples) for each line."""
    with open(path) as f:
        for line in f:
            text, _, count = line.rstrip("\n").rpartition(" ")
            frames = text.split(";")
            yield frames[0].strip("[]"), [frame_name(frame) for frame in reversed(frames[1:])], int(count)


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    requests = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    interval_us = float(sys.argv[4]) if len(sys.argv) > 4 else 100.0
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    buckets = collections.Counter()
    samples = 0
    for thread, names, count in stacks(path):
        if not (thread.startswith("http-nio-") and "-exec-" in thread) or not names:
            continue
        samples += count
        self_counts[names[0]] += count
        for name in set(names):
            if name.startswith(INCLUSIVE_PREFIXES):
                inclusive[name] += count
        for label, holds, lacks in BUCKETS:
            if any(name.startswith(holds) for name in names) and not (
                    lacks and any(name.startswith(lacks) for name in names)):
                buckets[label] += count
    if not samples:
        print("no samples on the request threads")
        return

    def us(count):
        return f" {count * interval_us / requests:.2f} |" if requests else ""

    per_request = f", {samples * interval_us / requests:.1f} µs of CPU a request" if requests else ""
    print(f"{samples} samples on the request threads{per_request}")
    print()
    print("| where the time goes | % of the samples |" + (" µs a request |" if requests else ""))
    print("|---|---|" + ("---|" if requests else ""))
    for label, _, _ in BUCKETS:
        print(f"| {label} | {100 * buckets[label] / samples:.1f} |{us(buckets[label])}")
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
