"""Tables of the ratios measured by scripts/bench-engine.sh and scripts/bench-http.sh.

  summary.py engine BENCH_DIR ROUNDS w1 w2 w3
"""
import json
import os
import re
import sys


def shapes(path):
    """(N, [D_0, ..., D_L], [has bias per layer]) of a request, whatever its layout."""
    with open(path) as f:
        request = json.load(f)
    layout = request["layout"]
    x = request["x"]
    n, d0 = (len(x[0]), len(x)) if layout == "dimension-first" else (len(x), len(x[0]))
    sizes, biases = [d0], []
    for layer in request["layers"]:
        W = layer["weights"]
        sizes.append(len(W[0]) if layout == "sample-first" else len(W))
        biases.append("bias" in layer)
    return n, sizes, biases


def returned_bytes(n, sizes, biases):
    """Bytes of the double[] arrays in a BackpropResult: s, z, delta, dW (and db) per layer, and
    dL/dy_out (y_out is z_L). Each array has a 16-byte header."""
    array = lambda count: 16 + 8 * count
    total = array(n * sizes[-1])
    for k in range(1, len(sizes)):
        total += 3 * array(n * sizes[k]) + array(sizes[k - 1] * sizes[k])
        if biases[k - 1]:
            total += array(sizes[k])
    return total


def torch_times(path, best=False):
    """Per workload: the median of the rounds' times, or (best) the fastest round."""
    times = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"torch (\w+) median_us ([\d.]+) min_us ([\d.]+)", line)
            if m:
                times[m.group(1)] = float(m.group(3 if best else 2))
    return times


def spread(values):
    return f"{min(values):.3g}-{max(values):.3g}" if len(values) > 1 else f"{values[0]:.3g}"


def engine(bench_dir, rounds, workloads):
    rows = {w: {"engine": [], "alloc": [], "openblas": [], "debian": [], "ejml": [], "engine_best": [], "openblas_best": []}
            for w in workloads}
    for r in range(1, rounds + 1):
        with open(os.path.join(bench_dir, f"engine-{r}.json")) as f:
            for result in json.load(f):
                w = result["params"]["workload"]
                if result["params"].get("products") == "ejml":
                    rows[w]["ejml"].append(result["primaryMetric"]["score"])
                    continue
                rows[w]["engine"].append(result["primaryMetric"]["score"])
                rows[w]["engine_best"].append(min(v for iteration in result["primaryMetric"]["rawData"] for v in iteration))
                rows[w]["alloc"].append(result["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
        for kind in ("openblas", "debian"):
            for w, t in torch_times(os.path.join(bench_dir, f"torch-{kind}-{r}.txt")).items():
                rows[w][kind].append(t)
        for w, t in torch_times(os.path.join(bench_dir, f"torch-openblas-{r}.txt"), best=True).items():
            rows[w]["openblas_best"].append(t)
    print()
    print("== ratios, each measured within one round (engine time / PyTorch's; below 1 the engine is faster) ==")
    for w in workloads:
        row = rows[w]
        ratio_o = [e / t for e, t in zip(row["engine"], row["openblas"])]
        best = [e / t for e, t in zip(row["engine_best"], row["openblas_best"])]
        alloc = [a / returned_bytes(*shapes(os.path.join(bench_dir, w + ".json"))) for a in row["alloc"]]
        print(f"{w}: engine / PyTorch+OpenBLAS {spread(ratio_o)} (best iterations {spread(best)});"
              f" allocation / arrays returned {spread(alloc)}")
    print()
    print("workload | engine us (per round) | torch+OpenBLAS us | engine/torch+OpenBLAS | torch as installed us"
          " | engine/torch as installed | alloc B/op | returned B | alloc/returned")
    for w in workloads:
        row = rows[w]
        ratio_o = [e / t for e, t in zip(row["engine"], row["openblas"])]
        ratio_d = [e / t for e, t in zip(row["engine"], row["debian"])]
        returned = returned_bytes(*shapes(os.path.join(bench_dir, w + ".json")))
        alloc = [a / returned for a in row["alloc"]]
        print(f"{w} | {' '.join(f'{e:.1f}' for e in row['engine'])} | {' '.join(f'{t:.1f}' for t in row['openblas'])}"
              f" | {spread(ratio_o)} | {' '.join(f'{t:.1f}' for t in row['debian'])} | {spread(ratio_d)}"
              f" | {max(row['alloc']):.0f} | {returned} | {spread(alloc)}")
    print()
    print("best of each round (the fastest JMH iteration, the fastest PyTorch round): less sensitive to other load")
    print("workload | engine best us | torch+OpenBLAS best us | engine/torch+OpenBLAS")
    for w in workloads:
        row = rows[w]
        ratio = [e / t for e, t in zip(row["engine_best"], row["openblas_best"])]
        print(f"{w} | {' '.join(f'{e:.1f}' for e in row['engine_best'])} | {' '.join(f'{t:.1f}' for t in row['openblas_best'])}"
              f" | {spread(ratio)}")
    for w in workloads:
        if rows[w]["ejml"]:
            print(f"{w}, pure-Java EJML products: {' '.join(f'{e:.1f}' for e in rows[w]['ejml'])} us;"
                  f" default/ejml {spread([d / e for d, e in zip(rows[w]['engine'], rows[w]['ejml'])])}")



def wrk(path):
    """(requests/s, p50 ms, p99 ms, non-2xx count) from wrk --latency output."""
    text = open(path).read()
    unit = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}

    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return float(m.group(1)) * unit[m.group(2)]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    ticks = re.search(r"server CPU ticks: (\d+) at (\d+)/s", text)
    cpu_us = int(ticks.group(1)) / int(ticks.group(2)) * 1e6 / requests
    return rps, latency(50), latency(99), int(bad.group(1)) if bad else 0, cpu_us


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def http(bench_dir, rounds):
    """The ratios first (each measured within one round, side by side), then each round's figures."""
    path = lambda name: os.path.join(bench_dir, name)
    rows = []
    for r in range(1, rounds + 1):
        row = {name: wrk(path(f"http-{name}-{r}.txt")) for name in ("floor", "w1", "w2")}
        for name in ("peer-w1", "peer-w2", "pydantic-w1", "pydantic-w2"):
            if os.path.exists(path(f"http-{name}-{r}.txt")):
                row[name] = wrk(path(f"http-{name}-{r}.txt"))
        for name, result in row.items():
            if result[3]:
                print(f"WARNING: {name} round {r} had {result[3]} non-2xx responses")
        rows.append(row)
    peer = all("peer-w1" in row and "pydantic-w1" in row for row in rows)

    def line(label, values, target, met=None):
        verdict = "" if met is None else (": met" if met(median(values)) else ": NOT met")
        print(f"{label}: median {median(values):.3g} (rounds {', '.join(f'{v:.3g}' for v in values)})"
              f" {target[:-1]}{verdict})")

    print()
    print("== ratios, each measured within one round ==")
    line("W1 / floor, requests/s", [row["w1"][0] / row["floor"][0] for row in rows], "(target >= 0.85)",
         lambda m: m >= 0.85)
    line("floor / W1, server CPU per request", [row["floor"][4] / row["w1"][4] for row in rows], "(the same, in CPU)")
    if peer:
        for name, label in (("pydantic", "peer with pydantic models"), ("peer", "lean peer")):
            line(f"W1, service / {label}, requests/s", [row["w1"][0] / row[f"{name}-w1"][0] for row in rows],
                 "(target >= 30)", lambda m: m >= 30)
            line(f"W2 p50, {label} / service", [row[f"{name}-w2"][1] / row["w2"][1] for row in rows], "(target >= 5)",
                 lambda m: m >= 5)
    else:
        print("W1 and W2 against the FastAPI + PyTorch peer: not measured (no peer)")
    jackson_path = path("jackson.json")
    if os.path.exists(jackson_path):
        with open(jackson_path) as f:
            jackson = {result["benchmark"].rsplit(".", 1)[1]: result["primaryMetric"]["score"] / 1000
                       for result in json.load(f)}
        alone = jackson["readRequest"] + jackson["writeResponse"]
        line("W2 end to end p50 / Jackson alone (read + write)", [row["w2"][1] / alone for row in rows], "(target <= 2)",
             lambda m: m <= 2)
    figures = path("jackson-figures.txt")
    if os.path.exists(figures):
        for text in open(figures):
            if "per number" in text or "allocated" in text:
                print(text.rstrip())
    print()
    print("round | floor req/s (p50/p99 ms) [server CPU us/req] | W1 req/s (p50/p99 ms) [CPU us/req]"
          " | W2 req/s, 1 connection (p50/p99 ms) | lean peer W1 req/s (p50/p99 ms) | lean peer W2 req/s (p50/p99 ms)"
          " | pydantic peer W1 | pydantic peer W2")
    for r, row in enumerate(rows, 1):
        floor, w1, w2 = row["floor"], row["w1"], row["w2"]
        peer_figures = ""
        if "peer-w1" in row:
            for name in ("peer", "pydantic"):
                pw1, pw2 = row[f"{name}-w1"], row[f"{name}-w2"]
                peer_figures += f" | {pw1[0]:.0f} ({pw1[1]:.2f}/{pw1[2]:.2f}) | {pw2[0]:.1f} ({pw2[1]:.1f}/{pw2[2]:.1f})"
        print(f"{r} | {floor[0]:.0f} ({floor[1]:.2f}/{floor[2]:.2f}) [{floor[4]:.0f}] | {w1[0]:.0f} ({w1[1]:.2f}/{w1[2]:.2f}) [{w1[4]:.0f}]"
              f" | {w2[0]:.1f} ({w2[1]:.1f}/{w2[2]:.1f}){peer_figures}")


if __name__ == "__main__":
    if sys.argv[1] == "engine":
        engine(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    elif sys.argv[1] == "http":
        http(sys.argv[2], int(sys.argv[3]))
