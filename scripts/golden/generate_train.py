#!/usr/bin/python3
"""Independent PyTorch reference generator for /api/v1/train golden fixtures.

Run from anywhere with the Debian interpreter (PyTorch CPU, float64):

    /usr/bin/python3 scripts/golden/generate_train.py

Writes src/test/resources/golden/train-cases.jsonl, one JSON object per line:
{"name": ..., "request": <train request>, "response": <expected train response>}.

A train request is a v1.1 /backprop request with `y` plus "optimizer" (API.md's fields, with
`updateBiases` inside it), "steps" (default 1) and an optional "state".  Each step is
generate_v11.py's forward pass over the whole minibatch (train-mode batch norm updating the
running statistics in place, as nn.BatchNorm1d), its total loss (data + regularization) backward
by autograd, then torch.optim's step() over every W_k, every b_k (unless updateBiases is false) and
every batch-norm gamma, beta, in one parameter group (so weightDecay applies to all of them).  The
parameters are leaves as sent, so weights and their buffers keep the layout's orientation.  After
the last step one more forward pass, which updates nothing, measures L_steps.

Response: {"layout", "steps", "lossHistory": [L_0 .. L_steps], "layers": [{"weights", "bias" (when
present), "batchNorm": {"gamma", "beta", "runningMean", "runningVariance" (when the request has
them)}}], "state": {"step": t, "layers": [{"weights": {buffers}, "bias": {buffers} (a trained
bias only), "batchNorm": {"gamma": {buffers}, "beta": {buffers}}}]}}; t counts every step taken,
those of an initial state included.  An initial state is loaded into optimizer.state[p] as torch
1.13 keeps it (scripts/golden/optimizers.py).

Self-checks (verification only): L_0 equals generate_v11's /backprop loss, one plain-sgd step
equals W - lr * weightGradient, the same problem gives the same numbers in every layout, 5 + 5
steps through the returned state equal 10 steps, and Matt Mazur's published numbers.

The output is deterministic: all data comes from random.Random with fixed seeds.
"""
import json
import random
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_v11 as v11  # noqa: E402  (float64 default dtype, determinism)
from generate import T, gauss_matrix, mat, num, vec  # noqa: E402
from generate_optimizer_step import OPTIMIZERS  # noqa: E402
from optimizers import dump_state, load_state, make_optimizer, required_buffers  # noqa: E402

DT = torch.float64
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "test" / "resources" / "golden" / "train-cases.jsonl"

TRAIN_KEYS = ("optimizer", "steps", "state")


def values(t):
    return mat(t) if t.dim() == 2 else vec(t)


def trainable(req, params):
    """(layer index, where, key, tensor) of every parameter the optimizer updates."""
    update_biases = req["optimizer"].get("updateBiases", True)
    out = []
    for k, p in enumerate(params):
        out.append((k, None, "weights", p["weights"]))
        if "bias" in p and update_biases:
            out.append((k, None, "bias", p["bias"]))
        if "gamma" in p:
            out.append((k, "batchNorm", "gamma", p["gamma"]))
            out.append((k, "batchNorm", "beta", p["beta"]))
    return out


def train(req):
    """The response to a /train request, stepped by torch.optim."""
    spec = req["optimizer"]
    steps = req.get("steps", 1)
    params = v11.leaves(req)
    trained = trainable(req, params)
    opt = make_optimizer(spec, [t for _, _, _, t in trained])
    t0 = 0
    if "state" in req:
        state = req["state"]
        t0 = state["step"]
        for k, where, key, t in trained:
            layer = state["layers"][k]
            load_state(opt, spec, t, t0, layer[where][key] if where else layer[key])
    x = v11.tensor(req["x"])
    history = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        _, _, out = v11.forward(req, params, x, update_running=True)
        total = v11.objective(req, params, out)[0]
        history.append(num(total.item()))
        total.backward()
        opt.step()
    with torch.no_grad():
        _, _, out = v11.forward(req, params, x, update_running=False)
        history.append(num(v11.objective(req, params, out)[0].item()))

    layers, state_layers = [], []
    for layer, p in zip(req["layers"], params):
        entry = {"weights": mat(p["weights"])}
        if "bias" in p:
            entry["bias"] = vec(p["bias"])
        if "gamma" in p:
            bn = {"gamma": vec(p["gamma"]), "beta": vec(p["beta"])}
            if "runningMean" in p:
                bn["runningMean"] = vec(p["runningMean"])
                bn["runningVariance"] = vec(p["runningVariance"])
            entry["batchNorm"] = bn
        layers.append(entry)
        state_layers.append({})
    t1 = t0 + steps
    for k, where, key, t in trained:
        buffers = {b: values(v) for b, v in dump_state(opt, spec, t, t1).items()}
        if where:
            state_layers[k].setdefault(where, {})[key] = buffers
        else:
            state_layers[k][key] = buffers
    return {"layout": req["layout"], "steps": steps, "lossHistory": history, "layers": layers,
            "state": {"step": t1, "layers": state_layers}}


# ----------------------------------------------------------------------------------------------
# self-checks (verification only: no number written to the file comes from here)
# ----------------------------------------------------------------------------------------------

def backprop_request(req):
    return {k: v for k, v in req.items() if k not in TRAIN_KEYS}


def check(req, resp):
    steps = req.get("steps", 1)
    assert len(resp["lossHistory"]) == steps + 1
    assert resp["state"]["step"] == req.get("state", {}).get("step", 0) + steps
    ref, _ = v11.backprop(backprop_request(req))
    assert v11.close(ref["loss"], resp["lossHistory"][0], 1e-12, 1e-14), "L_0"
    spec = req["optimizer"]
    buffers = set(required_buffers(spec))
    update_biases = spec.get("updateBiases", True)
    for k, (layer, out, st) in enumerate(zip(req["layers"], resp["layers"],
                                             resp["state"]["layers"])):
        assert v11.shape(out["weights"]) == v11.shape(layer["weights"])
        assert set(st["weights"]) == buffers
        assert ("bias" in out) == ("bias" in layer)
        assert ("bias" in st) == ("bias" in layer and update_biases)
        if "bias" in layer and not update_biases:
            assert out["bias"] == [num(v) for v in layer["bias"]], "fixed bias moved"
        bn = layer.get("batchNorm")
        assert ("batchNorm" in out) == ("batchNorm" in st) == (bn is not None)
        if bn is not None:
            assert ("runningMean" in out["batchNorm"]) == ("runningMean" in bn)
            if bn.get("mode") == "eval":
                assert out["batchNorm"]["runningMean"] == [num(v) for v in bn["runningMean"]]
        # one step of plain sgd is W - lr * dL/dW
        if spec["name"] == "sgd" and steps == 1 and spec.get("momentum", 0) == 0 \
                and spec.get("weightDecay", 0) == 0:
            lr = spec["learningRate"]
            for row_w, row_g, row_o in zip(layer["weights"], ref["layers"][k]["weightGradient"],
                                           out["weights"]):
                for w, g, o in zip(row_w, row_g, row_o):
                    assert v11.close(o, w - lr * g, 1e-12, 1e-14), "sgd step"


def same_in_every_layout(resps):
    """The four layouts' answers to one problem: the same numbers, re-arranged."""
    base = resps["torch"]
    for layout, r in resps.items():
        assert all(v11.close(a, b, 1e-11, 1e-13)
                   for a, b in zip(r["lossHistory"], base["lossHistory"])), layout
        for a, b in zip(r["layers"], base["layers"]):
            w = T(a["weights"]) if layout == "sample-first" else a["weights"]
            assert all(v11.close(u, v, 1e-10, 1e-13) for ru, rv in zip(w, b["weights"])
                       for u, v in zip(ru, rv)), layout


# ----------------------------------------------------------------------------------------------
# case construction
# ----------------------------------------------------------------------------------------------

LOSSES = [("half-sse", None), ("mse", None), ("cross-entropy", None),
          ("binary-cross-entropy", "probabilities"), ("sse", None), ("hinge", None),
          ("cross-entropy", "probabilities"), ("multiclass-hinge", None),
          ("binary-cross-entropy", None)]


class Collector:
    def __init__(self):
        self.cases = []
        self.names = set()
        self.counts = {}

    def add(self, name, req, family):
        assert name not in self.names, "duplicate name " + name
        resp = train(req)
        check(req, resp)
        self.names.add(name)
        self.cases.append(json.dumps({"name": name, "request": req, "response": resp},
                                     separators=(",", ":"), allow_nan=False))
        self.counts[family] = self.counts.get(family, 0) + 1
        return resp


def random_problem(rng, layout, idx, bn=False, dropout=False, reg=False):
    """A small network and minibatch from the v1.1 options (the same numbers for a given rng
    state in every layout)."""
    loss, loss_input = LOSSES[idx % len(LOSSES)]
    n = rng.randint(2, 4)
    depth = 1 + idx % 3
    d_out = rng.randint(2, 3)
    sizes = [rng.randint(1, 3)] + [rng.randint(2, 3) for _ in range(depth - 1)] + [d_out]
    ws, bs = v11.random_network(rng, sizes, True)
    bs = [b if (k + idx) % 3 else None for k, b in enumerate(bs)]
    x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
    y = v11.targets(rng, loss, n, d_out)
    acts = [v11.HIDDEN[(idx + k) % len(v11.HIDDEN)] for k in range(depth - 1)]
    acts.append(v11.output_activation(rng, loss, loss_input))
    bns = None
    if bn and depth > 1:
        bns = [v11.random_bn(rng, sizes[1], running=idx % 2 == 0,
                             momentum=[None, 0.3, 1, 0][idx % 4])] + [None] * (depth - 1)
    elif bn:
        bns = [v11.random_bn(rng, d_out, running=True, mode="eval" if idx % 2 else None)]
    if bns:
        # a bias just before training-mode batch norm has gradient 0 in exact arithmetic: its ~1e-17
        # of rounding, normalized by adam, rmsprop or adagrad, would move it by ±η in a direction
        # no two implementations share, so such a layer gets no bias
        bs = [None if bn is not None and bn.get("mode") != "eval" else b for b, bn in zip(bs, bns)]
    drops = None
    if dropout and depth > 1:
        drops = [(v11.random_mask(rng, n, sizes[1], 0.7), 0.7)] + [None] * (depth - 1)
    regularization = None
    if reg:
        regularization = {"l2": 0.01, "l1": [0, 0.005][idx % 2], "includeBias": idx % 3 == 0}
        ws = v11.with_zeros(rng, ws, 0.1)
    reduction = [None, "sum", "mean", "batch-mean"][idx % 4]
    kw = dict(loss=loss, reduction=reduction, loss_input=loss_input, reg=regularization,
              bns=bns, drops=drops)
    tag = "%s/%s/%s/%s" % (loss, loss_input or "default-input", reduction or "default-reduction",
                           "-".join(acts))
    tag += "/bn" if bns else ""
    tag += "/dropout" if drops else ""
    tag += "/regularized" if regularization else ""
    return (ws, bs, acts, x, y, kw), "%s/depth%d/N%d" % (tag, depth, n)


def with_training(req, spec, steps, update_biases=None, state=None):
    req = dict(req)
    opt = dict(spec)
    if update_biases is not None:
        opt["updateBiases"] = update_biases
    req["optimizer"] = opt
    if steps is not None:
        req["steps"] = steps
    if state is not None:
        req["state"] = state
    return req


def zero_state(req, spec, step=0):
    """Explicit zero buffers (adagrad: initialAccumulatorValue) for every trained parameter."""
    value = spec.get("initialAccumulatorValue", 0) if spec["name"] == "adagrad" else 0
    update_biases = spec.get("updateBiases", True)
    layers = []
    for layer in req["layers"]:
        def fill(v):
            return [[value * 1.0 for _ in r] for r in v] if isinstance(v[0], list) else \
                [value * 1.0 for _ in v]
        entry = {"weights": {b: fill(layer["weights"]) for b in required_buffers(spec)}}
        if "bias" in layer and update_biases:
            entry["bias"] = {b: fill(layer["bias"]) for b in required_buffers(spec)}
        if "batchNorm" in layer:
            entry["batchNorm"] = {k: {b: fill(layer["batchNorm"][k])
                                      for b in required_buffers(spec)}
                                  for k in ("gamma", "beta")}
        layers.append(entry)
    return {"step": step, "layers": layers}


def optimizer_grid(col):
    """every optimizer variant x every layout, steps 1-20, updateBiases, batch norm, dropout,
    regularization, starting fresh or from explicit zero buffers."""
    rng = random.Random(33001)
    idx = 0
    for tag, spec in OPTIMIZERS:
        for variant in range(2):
            idx += 1
            steps = [1, 3, 7, 20, 12, 5][idx % 6]
            update_biases = [None, False, True][idx % 3]
            state_start = variant == 1  # explicit zero buffers, or (sgd) only a step count
            flags = dict(bn=idx % 3 == 1, dropout=idx % 4 == 2, reg=idx % 2 == 0)
            seed = rng.random()
            resps = {}
            for layout in v11.LAYOUTS:
                problem, ptag = random_problem(random.Random(seed), layout, idx, **flags)
                ws, bs, acts, x, y, kw = problem
                req = v11.build(layout, ws, bs, acts, x, y, **kw)
                spec_full = dict(spec, updateBiases=update_biases) if update_biases is not None \
                    else spec
                start = 0 if required_buffers(spec) else 7
                state = zero_state(req, spec_full, start) if state_start else None
                req = with_training(req, spec, None if steps == 1 and idx % 2 else steps,
                                    update_biases, state)
                name = "%s/optimizer/%s/%s/steps%d/%s/%s" % (
                    layout, tag, ("fresh" if not state_start else "zero-state" if
                                  required_buffers(spec) else "state-step7-no-buffers"), steps,
                    {None: "biases-default", False: "biases-fixed",
                     True: "biases-trained"}[update_biases], ptag)
                resps[layout] = col.add(name, req, "optimizer")
            same_in_every_layout(resps)


def continuation(col):
    """5 steps, then 5 more from the returned state (and layers), equal 10 steps."""
    rng = random.Random(33002)
    layouts = v11.LAYOUTS
    for i, (tag, spec) in enumerate(OPTIMIZERS[1::3] + OPTIMIZERS[14:15]):
        layout = layouts[i % len(layouts)]
        problem, ptag = random_problem(rng, layout, i + 3, bn=True, reg=i % 2 == 0)
        ws, bs, acts, x, y, kw = problem
        base = v11.build(layout, ws, bs, acts, x, y, **kw)
        first = with_training(base, spec, 5)
        r5 = col.add("%s/continuation/%s/first-5/%s" % (layout, tag, ptag), first, "continuation")
        second = json.loads(json.dumps(base))
        for layer, out in zip(second["layers"], r5["layers"]):
            layer["weights"] = out["weights"]
            if "bias" in layer:
                layer["bias"] = out["bias"]
            if "batchNorm" in layer:
                layer["batchNorm"].update(out["batchNorm"])
        second = with_training(second, spec, 5, state=r5["state"])
        r55 = col.add("%s/continuation/%s/then-5/%s" % (layout, tag, ptag), second, "continuation")
        r10 = col.add("%s/continuation/%s/all-10/%s" % (layout, tag, ptag),
                      with_training(base, spec, 10), "continuation")
        assert r55["lossHistory"] == r10["lossHistory"][5:], tag
        assert r55["layers"] == r10["layers"] and r55["state"] == r10["state"], tag


def sgd_from_zero_velocity(col):
    """Courses' momentum from v = 0 (an explicit zero buffer) against PyTorch's first step, which
    sets the buffer to the gradient: the same without dampening, different with dampening (the
    courses' v = beta v + (1 - beta) g is momentum = dampening = beta)."""
    rng = random.Random(33003)
    specs = [("momentum0.9", {"name": "sgd", "learningRate": 0.1, "momentum": 0.9}),
             ("momentum0.9-dampening0.9",
              {"name": "sgd", "learningRate": 0.1, "momentum": 0.9, "dampening": 0.9})]
    for i, layout in enumerate(v11.LAYOUTS):
        problem, ptag = random_problem(rng, layout, i)
        ws, bs, acts, x, y, kw = problem
        req = v11.build(layout, ws, bs, acts, x, y, **kw)
        for stag, spec in specs:
            steps = 1 + 3 * (i % 2)
            a = col.add("%s/sgd-momentum-from-zero/%s/zero-velocity/steps%d/%s"
                        % (layout, stag, steps, ptag),
                        with_training(req, spec, steps, state=zero_state(req, spec)), "sgd-zero")
            b = col.add("%s/sgd-momentum-from-zero/%s/torch-first-step/steps%d/%s"
                        % (layout, stag, steps, ptag), with_training(req, spec, steps), "sgd-zero")
            if "dampening" in spec:
                assert a["lossHistory"][1] != b["lossHistory"][1]
            else:
                assert a["lossHistory"] == b["lossHistory"] and a["layers"] == b["layers"]


# Matt Mazur, "A Step by Step Backpropagation Example": published values after one step
MAZUR = {"w1": 0.149780716, "w5": 0.35891648, "w8": 0.561370121, "L0": 0.298371109}


def mazur(col):
    req = {"layout": "torch",
           "layers": [{"weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35],
                       "activation": "sigmoid"},
                      {"weights": [[0.40, 0.45], [0.50, 0.55]], "bias": [0.60, 0.60],
                       "activation": "sigmoid"}],
           "x": [[0.05, 0.10]], "y": [[0.01, 0.99]], "loss": "half-sse",
           "optimizer": {"name": "sgd", "learningRate": 0.5, "updateBiases": False},
           "steps": 1}
    r = col.add("example/2-2-2-sigmoid-one-step", req, "example")
    assert abs(r["lossHistory"][0] - MAZUR["L0"]) < 1e-9
    assert abs(r["layers"][0]["weights"][0][0] - MAZUR["w1"]) < 1e-9
    assert abs(r["layers"][1]["weights"][0][0] - MAZUR["w5"]) < 1e-8
    assert abs(r["layers"][1]["weights"][1][1] - MAZUR["w8"]) < 1e-9


def main():
    col = Collector()
    optimizer_grid(col)
    continuation(col)
    sgd_from_zero_velocity(col)
    mazur(col)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = "\n".join(col.cases) + "\n"
    OUT.write_text(data, encoding="utf-8")
    print("torch %s" % torch.__version__)
    print("cases %d" % len(col.cases))
    print("by family: %s" % ", ".join("%s %d" % kv for kv in sorted(col.counts.items())))
    print("wrote %s (%d bytes)" % (OUT.relative_to(ROOT), len(data.encode("utf-8"))))


if __name__ == "__main__":
    sys.exit(main())
