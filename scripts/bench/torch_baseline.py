"""PyTorch baseline for the engine benchmark: the same workloads (w1.json ... w3.json), float64,
autograd, forward + loss + backward, with what the service's answer holds: delta_k = dL/ds_k and
the activations' gradients dL/dz_k kept (retain_grad), and the input gradient dL/dx (x requires
grad), which every v1.1 answer has (before v1.1 the engine skipped dL/dx, and so did this baseline). Prints one line per workload: median and spread of the time per pass, in us.

Usage: /usr/bin/python3 torch_baseline.py BENCH_DIR [w1 w2 w3]   (threads: TORCH_THREADS, default 2;
warm-up before timing: WARMUP_SECONDS, default 4, as JMH's 4 warm-up iterations of 1 s)
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
torch.set_grad_enabled(True)

ACTIVATIONS = {"relu": F.relu, "identity": lambda s: s}


def loss_fn(name, out, y):
    if name == "half-sse":
        return 0.5 * ((out - y) ** 2).sum()
    if name == "mse":
        return F.mse_loss(out, y)
    if name == "cross-entropy":
        return F.cross_entropy(out, y)
    raise ValueError(name)


def prepare(request):
    """Tensors in PyTorch's own orientation (x: N x D, W: D_k x D_{k-1}), as a PyTorch user holds them."""
    t = lambda a: torch.tensor(a, dtype=torch.float64)
    layout = request["layout"]
    x, y = t(request["x"]), t(request["y"])
    if layout == "dimension-first":
        x, y = x.T.contiguous(), y.T.contiguous()
    x.requires_grad_()
    layers = []
    for layer in request["layers"]:
        W = t(layer["weights"])
        if layout == "sample-first":
            W = W.T.contiguous()
        b = t(layer["bias"]) if "bias" in layer else None
        layers.append((W.requires_grad_(), None if b is None else b.requires_grad_(), ACTIVATIONS[layer["activation"]]))
    return x, y, layers, request.get("loss", "half-sse")


def backprop(x, y, layers, loss):
    x.grad = None
    for W, b, _ in layers:
        W.grad = None
        if b is not None:
            b.grad = None
    z = x
    pre, post = [], []
    for W, b, f in layers:
        s = F.linear(z, W, b)
        s.retain_grad()
        pre.append(s)
        z = f(s)
        if z is not s:
            z.retain_grad()
        post.append(z)
    L = loss_fn(loss, z, y)
    L.backward()
    return (L.item(), x.grad, [s.grad for s in pre], [z.grad for z in post],
            [(W.grad, None if b is None else b.grad) for W, b, _ in layers])


def time_pass(args, budget=5.0, rounds=5, warmup=float(os.environ.get("WARMUP_SECONDS", "4"))):
    # warmed up as JMH warms up the engine (EngineBenchmark: 4 iterations of 1 s) before any timing
    end = time.perf_counter() + warmup
    backprop(*args)
    while time.perf_counter() < end:
        backprop(*args)
    # calibrate: repetitions per round so that a round takes ~budget/rounds seconds
    t0 = time.perf_counter()
    backprop(*args)
    one = max(time.perf_counter() - t0, 1e-6)
    reps = max(1, int(budget / rounds / one))
    results = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            backprop(*args)
        results.append((time.perf_counter() - t0) / reps * 1e6)
    return results


def main():
    bench_dir = sys.argv[1]
    names = sys.argv[2:] or ["w1", "w2", "w3"]
    print(f"# torch {torch.__version__}, threads {torch.get_num_threads()}, float64, autograd")
    for name in names:
        with open(os.path.join(bench_dir, name + ".json")) as f:
            args = prepare(json.load(f))
        us = time_pass(args)
        print(f"torch {name} median_us {statistics.median(us):.1f} min_us {min(us):.1f} max_us {max(us):.1f}", flush=True)


if __name__ == "__main__":
    main()
