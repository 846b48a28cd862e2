#!/usr/bin/python3
"""Independent PyTorch reference generator for /api/v1/optimizer-step golden fixtures.

Run from anywhere with the Debian interpreter (PyTorch CPU, float64):

    /usr/bin/python3 scripts/golden/generate_optimizer_step.py

Writes src/test/resources/golden/optimizer-step-cases.jsonl, one JSON object per line:
{"name": ..., "request": <optimizer-step request>, "response": <expected response>}.

A request is {"optimizer": {...}, "parameters": {"w": matrix or vector, ...}, "gradients": {same
names and shapes}, "state": optional {"step": t, "parameters": {"w": {buffers}}}}; the response
is {"parameters": {...after one step}, "state": {"step": t + 1, "parameters": {"w": {buffers}}}}
(t = 0 without a state).  Every number in a response comes from torch.optim (1.13) stepping
once with p.grad set to the given gradient (scripts/golden/optimizers.py); a parameter whose
optimizer keeps no buffer (sgd without momentum) has the empty buffers object {}.

The output is deterministic: all data comes from random.Random with fixed seeds.
"""
import json
import random
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import mat, rnd, vec  # noqa: E402  (float64 default dtype, determinism)
from optimizers import dump_state, load_state, make_optimizer, required_buffers  # noqa: E402

DT = torch.float64
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "test" / "resources" / "golden" / "optimizer-step-cases.jsonl"

# (tag, optimizer object): PyTorch's defaults, then non-default options of every field
OPTIMIZERS = [
    ("sgd-plain", {"name": "sgd", "learningRate": 0.1}),
    ("sgd-momentum", {"name": "sgd", "learningRate": 0.05, "momentum": 0.9}),
    ("sgd-momentum-dampening-weight-decay",
     {"name": "sgd", "learningRate": 0.2, "momentum": 0.5, "dampening": 0.25,
      "weightDecay": 0.01}),
    ("sgd-nesterov", {"name": "sgd", "learningRate": 0.1, "momentum": 0.8, "nesterov": True,
                      "weightDecay": 0.001}),
    ("adam-defaults", {"name": "adam", "learningRate": 0.001}),
    ("adam-options", {"name": "adam", "learningRate": 0.01, "betas": [0.8, 0.99],
                      "epsilon": 1e-6, "weightDecay": 0.1}),
    ("adam-amsgrad", {"name": "adam", "learningRate": 0.05, "amsgrad": True}),
    ("adamw-defaults", {"name": "adamw", "learningRate": 0.001}),
    ("adamw-options", {"name": "adamw", "learningRate": 0.01, "betas": [0.85, 0.995],
                       "epsilon": 1e-7, "weightDecay": 0.1, "amsgrad": True}),
    ("adamw-no-weight-decay", {"name": "adamw", "learningRate": 0.02, "weightDecay": 0}),
    ("rmsprop-defaults", {"name": "rmsprop", "learningRate": 0.01}),
    ("rmsprop-momentum", {"name": "rmsprop", "learningRate": 0.01, "alpha": 0.9,
                          "epsilon": 1e-6, "momentum": 0.5}),
    ("rmsprop-centered", {"name": "rmsprop", "learningRate": 0.005, "centered": True,
                          "weightDecay": 0.05}),
    ("rmsprop-centered-momentum", {"name": "rmsprop", "learningRate": 0.01, "alpha": 0.95,
                                   "centered": True, "momentum": 0.9}),
    ("adagrad-defaults", {"name": "adagrad", "learningRate": 0.1}),
    ("adagrad-options", {"name": "adagrad", "learningRate": 0.5, "lrDecay": 0.01,
                         "weightDecay": 0.1, "initialAccumulatorValue": 0.1,
                         "epsilon": 1e-8}),
]


def values(t):
    return mat(t) if t.dim() == 2 else vec(t)


def optimizer_step(req):
    """The response to an optimizer-step request: one torch.optim step."""
    spec = req["optimizer"]
    names = list(req["parameters"])
    assert list(req["gradients"]) == names
    params = {k: torch.tensor(req["parameters"][k], dtype=DT, requires_grad=True) for k in names}
    opt = make_optimizer(spec, [params[k] for k in names])
    t = 0
    if "state" in req:
        t = req["state"]["step"]
        assert list(req["state"]["parameters"]) == names
        for k in names:
            load_state(opt, spec, params[k], t, req["state"]["parameters"][k])
    for k in names:
        g = torch.tensor(req["gradients"][k], dtype=DT)
        assert g.shape == params[k].shape, k
        params[k].grad = g
    opt.step()
    return {
        "parameters": {k: values(params[k].detach()) for k in names},
        "state": {"step": t + 1,
                  "parameters": {k: {b: values(v) for b, v in
                                     dump_state(opt, spec, params[k], t + 1).items()}
                                 for k in names}},
    }


def gauss(rng, shape, scale=1.0):
    if len(shape) == 1:
        return [rnd(rng.gauss(0, scale), 4) for _ in range(shape[0])]
    return [[rnd(rng.gauss(0, scale), 4) for _ in range(shape[1])] for _ in range(shape[0])]


def random_state(rng, spec, shapes, step):
    """A plausible state (squares non-negative, squareAvg >= gradAvg^2) with given numbers; the
    buffers are inputs, the response is still all torch."""
    state = {}
    for k, shape in shapes.items():
        buffers = {}
        for b in required_buffers(spec):
            if b in ("expAvgSq", "maxExpAvgSq", "squareAvg", "sum"):
                v = gauss(rng, shape, 0.1)
                buffers[b] = [abs(x) for x in v] if len(shape) == 1 else \
                    [[abs(x) for x in row] for row in v]
            else:
                buffers[b] = gauss(rng, shape, 0.1)
        if "maxExpAvgSq" in buffers:  # max of the history, at least the current average
            buffers["maxExpAvgSq"] = elementwise(max, buffers["maxExpAvgSq"], buffers["expAvgSq"])
        if "gradAvg" in buffers:  # a variance estimate stays non-negative
            buffers["squareAvg"] = elementwise(lambda s, g: rnd(s + g * g, 6),
                                               buffers["squareAvg"], buffers["gradAvg"])
        state[k] = buffers
    return {"step": step, "parameters": state}


def elementwise(f, a, b):
    if isinstance(a[0], list):
        return [elementwise(f, u, v) for u, v in zip(a, b)]
    return [f(u, v) for u, v in zip(a, b)]


def filled(shape, value):
    return [value] * shape[0] if len(shape) == 1 else [[value] * shape[1] for _ in range(shape[0])]


def zeros(shape):
    return filled(shape, 0.0)


def cases():
    rng = random.Random(22001)
    out = []
    for tag, spec in OPTIMIZERS:
        shapes = {"w": (rng.randint(1, 3), rng.randint(1, 4)), "b": (rng.randint(1, 4),)}
        if tag.endswith("defaults") or tag == "sgd-plain":
            shapes["W2"] = (2, 2)
        params = {k: gauss(rng, s) for k, s in shapes.items()}
        grads = {k: gauss(rng, s, 0.5) for k, s in shapes.items()}
        grads["w"][0][0] = 0.0  # a zero gradient entry
        base = {"optimizer": spec, "parameters": params, "gradients": grads}
        out.append(("%s/no-state" % tag, dict(base)))
        if required_buffers(spec):
            st = {"step": 0, "parameters": {k: {b: zeros(s) for b in required_buffers(spec)}
                                            for k, s in shapes.items()}}
            if spec["name"] == "adagrad":  # the accumulator starts at initialAccumulatorValue
                v = spec.get("initialAccumulatorValue", 0)
                st["parameters"] = {k: {"sum": filled(s, float(v))} for k, s in shapes.items()}
            out.append(("%s/zero-state-step0" % tag, dict(base, state=st)))
            t = rng.randint(1, 20)
            out.append(("%s/state-step%d" % (tag, t), dict(base, state=random_state(rng, spec,
                                                                                   shapes, t))))
        else:  # no buffers: a state with only the step count
            t = rng.randint(1, 20)
            st = {"step": t, "parameters": {k: {} for k in shapes}}
            out.append(("%s/state-step%d-no-buffers" % (tag, t), dict(base, state=st)))
    # scalar-like parameters (1x1 matrix and length-1 vector) and a large step count
    for tag, spec in OPTIMIZERS[::3]:
        req = {"optimizer": spec, "parameters": {"w": [[2.0]], "b": [-1.5]},
               "gradients": {"w": [[0.5]], "b": [-0.25]}}
        out.append(("%s/one-entry/no-state" % tag, req))
        if required_buffers(spec):
            req = dict(req, state=random_state(rng, spec, {"w": (1, 1), "b": (1,)}, 9999))
            out.append(("%s/one-entry/state-step9999" % tag, req))
    return out


def check(name, req, resp):
    """Shapes, and sgd without momentum against w - lr * (g + weightDecay * w)."""
    for k, v in req["parameters"].items():
        r = resp["parameters"][k]
        assert len(r) == len(v) and (not isinstance(v[0], list) or len(r[0]) == len(v[0])), name
        assert set(resp["state"]["parameters"][k]) == set(required_buffers(req["optimizer"]))
    spec = req["optimizer"]
    if spec["name"] == "sgd" and spec.get("momentum", 0) == 0:
        lr, wd = spec["learningRate"], spec.get("weightDecay", 0)
        for k in req["parameters"]:
            want = elementwise(lambda w, g: w - lr * (g + wd * w), req["parameters"][k],
                               req["gradients"][k])
            got = resp["parameters"][k]
            assert all(abs(a - b) <= 1e-15 for a, b in zip(flat(want), flat(got))), name


def flat(v):
    return [x for row in v for x in row] if isinstance(v[0], list) else list(v)


def main():
    lines = []
    names = set()
    for name, req in cases():
        assert name not in names, name
        names.add(name)
        resp = optimizer_step(req)
        check(name, req, resp)
        lines.append(json.dumps({"name": name, "request": req, "response": resp},
                                separators=(",", ":"), allow_nan=False))
    data = "\n".join(lines) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(data, encoding="utf-8")
    print("torch %s" % torch.__version__)
    print("cases %d" % len(lines))
    print("wrote %s (%d bytes)" % (OUT.relative_to(ROOT), len(data.encode("utf-8"))))


if __name__ == "__main__":
    sys.exit(main())
