#!/usr/bin/python3
"""The /train benchmark's workload and its PyTorch baseline.

    train_workload.py request OUT.json   writes the /api/v1/train request
    train_workload.py torch OUT.json     runs the same steps with torch.optim.SGD in-process
                                         (a Python loop, float64) ROUNDS times and prints seconds,
                                         elapsed and of the process's CPU time

The planar-data notebook's network: 2 inputs, 4 tanh units, 1 sigmoid output, N = 400 samples,
binary cross-entropy on the probabilities (its cost on A2), SGD with learning rate 1.2, 10,000
steps. Seeded, so both sides get the same numbers.
"""
import json
import math
import os
import random
import sys
import time

STEPS = int(os.environ.get("STEPS", "10000"))
N = 400


def request():
    rng = random.Random(3)
    # two interleaved "petals", as the notebook's planar dataset
    x, y = [], []
    for i in range(N):
        label = i % 2
        t = rng.uniform(0, math.pi)
        r = 4 * math.sin(4 * t) + rng.gauss(0, 0.2)
        x.append([r * math.sin(t + label * math.pi / 2), r * math.cos(t + label * math.pi / 2)])
        y.append([float(label)])
    w1 = [[rng.gauss(0, 1) * 0.01 for _ in range(2)] for _ in range(4)]
    w2 = [[rng.gauss(0, 1) * 0.01 for _ in range(4)]]
    return {
        "layout": "torch",
        "layers": [
            {"weights": w1, "bias": [0.0] * 4, "activation": "tanh"},
            {"weights": w2, "bias": [0.0], "activation": "sigmoid"},
        ],
        "x": x,
        "y": y,
        "loss": "binary-cross-entropy",
        "lossInput": "probabilities",
        "optimizer": {"name": "sgd", "learningRate": 1.2},
        "steps": STEPS,
    }


def torch_rounds(path, rounds):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    req = json.load(open(path))
    x = torch.tensor(req["x"], dtype=torch.float64)
    y = torch.tensor(req["y"], dtype=torch.float64)
    times = []
    for _ in range(rounds):
        w1 = torch.tensor(req["layers"][0]["weights"], dtype=torch.float64, requires_grad=True)
        b1 = torch.tensor(req["layers"][0]["bias"], dtype=torch.float64, requires_grad=True)
        w2 = torch.tensor(req["layers"][1]["weights"], dtype=torch.float64, requires_grad=True)
        b2 = torch.tensor(req["layers"][1]["bias"], dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([w1, b1, w2, b2], lr=req["optimizer"]["learningRate"])
        start = time.perf_counter()
        cpu = time.process_time()
        for _ in range(req["steps"]):
            opt.zero_grad()
            out = torch.sigmoid(F.linear(torch.tanh(F.linear(x, w1, b1)), w2, b2))
            loss = F.binary_cross_entropy(out, y)
            loss.backward()
            opt.step()
        with torch.no_grad():
            final = F.binary_cross_entropy(torch.sigmoid(F.linear(torch.tanh(F.linear(x, w1, b1)), w2, b2)), y)
        times.append(time.perf_counter() - start)
        cpu = time.process_time() - cpu
        print("torch %.3f s  cpu %.3f s  final loss %.12f" % (times[-1], cpu, final.item()), flush=True)
    return times


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "request":
        with open(path, "w") as f:
            json.dump(request(), f)
    else:
        torch_rounds(path, int(os.environ.get("ROUNDS", "3")))
