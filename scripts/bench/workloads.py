"""Writes the benchmark workloads W1-W3 as /api/v1/backprop request bodies.

W1 "pen and paper": API.md's worked example (the seed's 2-3-1 network, ReLU, N = 4,
    dimension-first, half-sse).
W2 "MNIST MLP": 784-256-128-10, ReLU, N = 64, sample-first, cross-entropy, biases.
W3 "wide": 1024-1024-1024-10, ReLU, N = 256, torch layout, mse, biases.

Seeded, so every run writes the same bytes. Numbers are full-precision doubles, as a Python
client's json.dumps sends them. Usage: python3 workloads.py OUTPUT_DIR
"""
import json
import os
import sys

import numpy as np

W1 = {
    "layout": "dimension-first",
    "layers": [
        {"weights": [[1, -1], [0, 2], [1, 1]], "activation": "relu"},
        {"weights": [[1, -2, 1]], "bias": [0.5], "activation": "identity"},
    ],
    "x": [[1, 0, -1, 2], [2, 1, 0, -1]],
    "y": [[1, 0, 0, 1]],
    "loss": "half-sse",
}


def mlp(seed, sizes, n, layout, loss, one_hot):
    """A ReLU MLP with an identity output layer, He-initialised weights and small biases."""
    rng = np.random.default_rng(seed)
    layers = []
    for k in range(1, len(sizes)):
        fan_in, units = sizes[k - 1], sizes[k]
        # engine / sample-first orientation: D_{k-1} x D_k
        W = rng.standard_normal((fan_in, units)) * np.sqrt(2.0 / fan_in)
        sent = W.T if layout == "torch" else W
        layers.append({
            "weights": sent.tolist(),
            "bias": (0.01 * rng.standard_normal(units)).tolist(),
            "activation": "relu" if k < len(sizes) - 1 else "identity",
        })
    x = rng.random((n, sizes[0]))
    if one_hot:
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    else:
        y = rng.standard_normal((n, sizes[-1]))
    return {"layout": layout, "layers": layers, "x": x.tolist(), "y": y.tolist(), "loss": loss}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    workloads = {
        "w1": W1,
        "w2": mlp(2, [784, 256, 128, 10], 64, "sample-first", "cross-entropy", one_hot=True),
        "w3": mlp(3, [1024, 1024, 1024, 10], 256, "torch", "mse", one_hot=False),
    }
    for name, request in workloads.items():
        path = os.path.join(out, name + ".json")
        if not os.path.exists(path):
            with open(path, "w") as f:
                json.dump(request, f)
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
