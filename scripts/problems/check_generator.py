#!/usr/bin/env python3
"""Re-implements the documented /problems algorithm (SplitMix64 + rejection) for the default
request {"seed": 42}, and for v1.1's /train problem of seed 11 (reduction, regularization and
optimizer copied, one step of sgd with the default learning rate 0.5, the step itself computed
here by hand), and checks both against the committed expected files: the documentation alone is
enough to reproduce a problem. Usage: python3 scripts/problems/check_generator.py"""
import json
import pathlib
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    """java.util.SplittableRandom(seed).nextLong()."""

    def __init__(self, seed):
        self.seed = seed & MASK

    def next_long(self):
        self.seed = (self.seed + 0x9E3779B97F4A7C15) & MASK
        z = self.seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def bounded(rng, n):
    while True:
        u = rng.next_long() >> 1
        r = u % n
        if u - r + (n - 1) < (1 << 63):
            return r


def default_problem(seed, low=-3, high=3):
    rng = SplitMix64(seed)
    draw = lambda: low + bounded(rng, high - low + 1)
    while True:
        W1 = [[draw() for _ in range(2)] for _ in range(3)]  # D_1×D_0
        W2 = [[draw() for _ in range(3)] for _ in range(1)]  # D_2×D_1
        x = [[draw() for _ in range(2)] for _ in range(4)]  # N×D_0
        y = [[draw() for _ in range(1)] for _ in range(4)]  # N×D_2
        s1 = [[sum(W1[j][i] * x[n][i] for i in range(2)) for j in range(3)] for n in range(4)]
        if all(v != 0 for row in s1 for v in row):  # avoidTies
            return W1, W2, x, y


def transpose(m):
    return [list(row) for row in zip(*m)]


root = pathlib.Path(__file__).parents[2].joinpath("src/test/resources/problems")

expected = json.loads(root.joinpath("seed-42-defaults.json").read_text())["problem"]
W1, W2, x, y = default_problem(42)
# dimension-first: W as D_k×D_{k-1}, x and y as D×N
ok = (expected["layers"][0]["weights"] == W1 and expected["layers"][1]["weights"] == W2
      and expected["x"] == transpose(x) and expected["y"] == transpose(y))
print("seed 42 reproduced from the documented algorithm:", ok)


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def train_problem(seed, low=-1, high=1):
    """v1.1: layerSizes [2, 2, 2], N = 2, relu then identity, no bias, sample-first; the options draw nothing."""
    rng = SplitMix64(seed)
    draw = lambda: low + bounded(rng, high - low + 1)
    while True:
        W1 = [[draw() for _ in range(2)] for _ in range(2)]  # D_1×D_0
        W2 = [[draw() for _ in range(2)] for _ in range(2)]  # D_2×D_1
        x = [[draw() for _ in range(2)] for _ in range(2)]  # N×D_0
        y = [[draw() for _ in range(2)] for _ in range(2)]  # N×D_2
        s1 = matmul(x, transpose(W1))
        if all(v != 0 for row in s1 for v in row):  # avoidTies
            return W1, W2, x, y


def one_sgd_step(W1, W2, x, y, l2, eta):
    """half-sse with batch-mean plus l2·Σ‖W‖², one step W ← W − η·∂L/∂W; W as D_k×D_{k-1}."""
    N = len(x)
    s1 = matmul(x, transpose(W1))
    z1 = [[max(v, 0) for v in row] for row in s1]
    out = matmul(z1, transpose(W2))

    def loss(W1, W2):
        z = [[max(v, 0) for v in row] for row in matmul(x, transpose(W1))]
        o = matmul(z, transpose(W2))
        data = sum((o[n][j] - y[n][j]) ** 2 for n in range(N) for j in range(len(y[0]))) / (2 * N)
        return data + l2 * sum(w * w for W in (W1, W2) for row in W for w in row)

    d2 = [[(out[n][j] - y[n][j]) / N for j in range(len(y[0]))] for n in range(N)]  # δ_2 = ∂L/∂y_out
    dW2 = matmul(transpose(d2), z1)
    g1 = matmul(d2, W2)
    d1 = [[g1[n][j] if s1[n][j] > 0 else 0 for j in range(len(s1[0]))] for n in range(N)]
    dW1 = matmul(transpose(d1), x)
    step = lambda W, dW: [[W[i][j] - eta * (dW[i][j] + 2 * l2 * W[i][j]) for j in range(len(W[0]))]
                          for i in range(len(W))]
    V1, V2 = step(W1, dW1), step(W2, dW2)
    return V1, V2, [loss(W1, W2), loss(V1, V2)]


train = json.loads(root.joinpath("seed-11-train-sgd-l2.json").read_text())
W1, W2, x, y = train_problem(11)
problem = train["problem"]
# sample-first: W as D_{k-1}×D_k
train_ok = (problem["layers"][0]["weights"] == transpose(W1) and problem["layers"][1]["weights"] == transpose(W2)
            and problem["x"] == x and problem["y"] == y and problem["steps"] == 1
            and problem["optimizer"] == {"name": "sgd", "learningRate": 0.5}
            and problem["reduction"] == "batch-mean" and problem["regularization"] == {"l2": 0.25})
V1, V2, history = one_sgd_step(W1, W2, x, y, l2=0.25, eta=0.5)
solution = train["solution"]
train_ok = train_ok and (solution["layers"][0]["weights"] == transpose(V1)
                         and solution["layers"][1]["weights"] == transpose(V2)
                         and all(abs(a - b) <= 1e-12 for a, b in zip(solution["lossHistory"], history)))
print("seed 11 /train problem and its one step reproduced from the documented algorithm:", train_ok)
sys.exit(0 if ok and train_ok else 1)
