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


def torch_times(path):
    times = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"torch (\w+) median_us ([\d.]+)", line)
            if m:
                times[m.group(1)] = float(m.group(2))
    return times


def spread(values):
    return f"{min(values):.3g}-{max(values):.3g}" if len(values) > 1 else f"{values[0]:.3g}"


def engine(bench_dir, rounds, workloads):
    rows = {w: {"engine": [], "alloc": [], "openblas": [], "debian": []} for w in workloads}
    for r in range(1, rounds + 1):
        with open(os.path.join(bench_dir, f"engine-{r}.json")) as f:
            for result in json.load(f):
                w = result["params"]["workload"]
                rows[w]["engine"].append(result["primaryMetric"]["score"])
                rows[w]["alloc"].append(result["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
        for kind in ("openblas", "debian"):
            for w, t in torch_times(os.path.join(bench_dir, f"torch-{kind}-{r}.txt")).items():
                rows[w][kind].append(t)
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


if __name__ == "__main__":
    if sys.argv[1] == "engine":
        engine(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
