#!/usr/bin/env python3
"""Re-implements the documented /problems algorithm (SplitMix64 + rejection) for the default
request {"seed": 42} and checks it against the committed expected file: the documentation alone
is enough to reproduce a problem. Usage: python3 scripts/problems/check_generator.py"""
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


expected = json.loads(pathlib.Path(__file__).parents[2].joinpath(
    "src/test/resources/problems/seed-42-defaults.json").read_text())["problem"]
W1, W2, x, y = default_problem(42)
# dimension-first: W as D_k×D_{k-1}, x and y as D×N
ok = (expected["layers"][0]["weights"] == W1 and expected["layers"][1]["weights"] == W2
      and expected["x"] == transpose(x) and expected["y"] == transpose(y))
print("seed 42 reproduced from the documented algorithm:", ok)
sys.exit(0 if ok else 1)
