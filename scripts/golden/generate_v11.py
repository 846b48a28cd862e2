#!/usr/bin/python3
"""Independent PyTorch reference generator for the v1.1 options of /api/v1/backprop.

Run from anywhere with the Debian interpreter (PyTorch CPU, float64):

    /usr/bin/python3 scripts/golden/generate_v11.py

Writes src/test/resources/golden/backprop-v11-cases.jsonl, one JSON object per line:
{"name": ..., "request": <backprop request using v1.1 options>, "response": <expected response>}
(no `warnings`).  generate.py and its output are untouched; this module imports its helpers.

What API.md's section "v1.1: what real courses ask" defines, and how it is computed here (every
number from torch.nn.functional + autograd in float64; nothing differentiated by hand):

* layouts: the three of v1 plus `dimension-first-throughout`.  x, y, s_k, z_k, output, the dropout
  mask and batch norm's `normalized` / `output` are D x N in the two dimension-first layouts;
  delta, activationGradient, outputGradient, inputGradient and batch norm's `outputDelta` are
  D x N only in dimension-first-throughout (N x D in the other three).  W_k as sent is a leaf
  tensor and is mapped to nn.Linear orientation inside the graph, so weightGradient comes out in
  the shape of W as sent.
* one layer: s = F.linear(z, W, b) -> u = F.batch_norm(s, ...) (if any) -> a = f(u) ->
  z = a * (mask / q) (if dropout; PyTorch's inverted dropout multiplies by mask / (1 - p)).
* batch norm, train mode: F.batch_norm(s, running_mean, running_var, gamma, beta, training=True,
  momentum, eps) -- the running statistics (clones of the ones sent) are updated in place exactly
  as nn.BatchNorm1d updates them (unbiased variance); eval mode: training=False with the running
  statistics.  mean = s.mean(0) and variance = s.var(0, unbiased=False) (train) or the running ones
  (eval); normalized = F.batch_norm(s, ..., weight=None, bias=None) (same mode, same statistics).
* losses: element or sample terms with reduction='none' (F.mse_loss, F.binary_cross_entropy,
  F.binary_cross_entropy_with_logits, F.cross_entropy with probability targets,
  -torch.special.xlogy(y, p).sum(1), F.relu(1 - y*out),
  (F.relu(out - out.gather(1, c) + 1) * (1 - y)).sum(1)), then sum / mean / sum over N.
* regularization: c2 * sum(W**2) + c1 * W.abs().sum() per layer (biases too with includeBias), added
  to the data loss; autograd gives + 2 c2 W + c1 sign(W) with sign(0) = 0.
* upstream gradient: L = (out * outputGradient).sum() (+ regularization), so dL/d out is exactly
  the one sent.

Self-checks (verification only, nothing written comes from them): shapes of every field, v1
requests give generate.py's numbers, biasGradient = sum of delta, running statistics against
the nn.BatchNorm1d formula, and central finite differences of the objective for every weight,
bias, gamma, beta and input entry where the objective is smooth there.

The output is deterministic: all data comes from random.Random with fixed seeds.
"""
import json
import math
import random
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as v1  # noqa: E402  (sets float64 default dtype, determinism, 1 thread)
from generate import ACTIVATIONS, KINKED, T, gauss_matrix, mat, num, prob_rows, rnd, vec  # noqa: E402

DT = torch.float64
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "test" / "resources" / "golden" / "backprop-v11-cases.jsonl"

DFT = "dimension-first-throughout"
LAYOUTS = ["dimension-first", "sample-first", "torch", DFT]
COLUMN_LAYOUTS = {"dimension-first", DFT}  # samples matrices are D x N

LOSS_NAMES = ["half-sse", "sse", "mse", "cross-entropy", "binary-cross-entropy", "hinge",
              "multiclass-hinge"]
PER_SAMPLE = {"cross-entropy", "multiclass-hinge"}  # N terms; the others have N * D_L terms
DEFAULT_REDUCTION = {"half-sse": "sum", "sse": "sum", "mse": "mean", "cross-entropy": "mean",
                     "binary-cross-entropy": "mean", "hinge": "mean", "multiclass-hinge": "mean"}
REDUCTIONS = ["sum", "mean", "batch-mean"]
BN_EPS = 1e-5
BN_MOMENTUM = 0.1


# ----------------------------------------------------------------------------------------------
# orientation
# ----------------------------------------------------------------------------------------------

def samples_to_torch(layout, m):
    """x, y, a dropout mask (as sent) -> N x D."""
    return m.t() if layout in COLUMN_LAYOUTS else m


def samples_from_torch(layout, m):
    """N x D -> orientation of x, s_k, z_k, output, normalized, u in the layout."""
    return m.t() if layout in COLUMN_LAYOUTS else m


def grads_to_torch(layout, m):
    """outputGradient as sent -> N x D."""
    return m.t() if layout == DFT else m


def grads_from_torch(layout, m):
    """N x D -> orientation of delta, activationGradient, outputGradient, inputGradient."""
    return m.t() if layout == DFT else m


def weight_to_torch(layout, w):
    """W as sent -> D_k x D_{k-1} (nn.Linear orientation), inside the autograd graph."""
    return w.t() if layout == "sample-first" else w


# ----------------------------------------------------------------------------------------------
# the reference computation (shared with generate_train.py)
# ----------------------------------------------------------------------------------------------

def tensor(v, grad=False):
    return torch.tensor(v, dtype=DT, requires_grad=grad)


def leaves(req):
    """The request's parameters as float64 autograd leaves, as sent (W in the layout's
    orientation), plus copies of the running statistics.  One dict per layer."""
    params = []
    for layer in req["layers"]:
        p = {"weights": tensor(layer["weights"], True)}
        if "bias" in layer:
            p["bias"] = tensor(layer["bias"], True)
        bn = layer.get("batchNorm")
        if bn is not None:
            p["gamma"] = tensor(bn["gamma"], True)
            p["beta"] = tensor(bn["beta"], True)
            if "runningMean" in bn:
                p["runningMean"] = tensor(bn["runningMean"])
                p["runningVariance"] = tensor(bn["runningVariance"])
        params.append(p)
    return params


def forward(req, params, x, update_running=True):
    """Forward pass in torch orientation.  Returns (z_0, per-layer records, output).

    With update_running, train-mode batch norm updates params[k]["runningMean" / "runningVariance"]
    in place (nn.BatchNorm1d semantics); without, those tensors are left alone."""
    layout = req["layout"]
    z0 = samples_to_torch(layout, x)
    z = z0
    records = []
    for layer, p in zip(req["layers"], params):
        s = F.linear(z, weight_to_torch(layout, p["weights"]), p.get("bias"))
        rec = {"s": s, "u": s}
        bn = layer.get("batchNorm")
        if bn is not None:
            eps = bn.get("epsilon", BN_EPS)
            if bn.get("mode", "train") == "eval":
                rm, rv = p["runningMean"], p["runningVariance"]
                rec["u"] = F.batch_norm(s, rm, rv, p["gamma"], p["beta"], training=False, eps=eps)
            else:
                rm = p.get("runningMean") if update_running else None
                rv = p.get("runningVariance") if update_running else None
                rec["u"] = F.batch_norm(s, rm, rv, p["gamma"], p["beta"], training=True,
                                        momentum=bn.get("momentum", BN_MOMENTUM), eps=eps)
        rec["a"] = ACTIVATIONS[layer["activation"]](rec["u"])
        rec["z"] = rec["a"]
        drop = layer.get("dropout")
        if drop is not None:
            mask = samples_to_torch(layout, tensor(drop["mask"]))
            rec["z"] = rec["a"] * (mask / drop["keepProbability"])
        records.append(rec)
        z = rec["z"]
    return z0, records, z


def loss_terms(name, loss_input, out, y):
    """The terms l_{n,j} (N x D_L) or l_n (N) of a loss, torch orientation."""
    if name == "half-sse":
        return 0.5 * F.mse_loss(out, y, reduction="none")
    if name in ("sse", "mse"):
        return F.mse_loss(out, y, reduction="none")
    if name == "cross-entropy":
        if loss_input == "probabilities":
            return -torch.special.xlogy(y, out).sum(1)
        return F.cross_entropy(out, y, reduction="none")  # probability targets
    if name == "binary-cross-entropy":
        if loss_input == "probabilities":
            return F.binary_cross_entropy(out, y, reduction="none")
        return F.binary_cross_entropy_with_logits(out, y, reduction="none")
    if name == "hinge":
        return F.relu(1 - y * out)
    if name == "multiclass-hinge":
        c = y.argmax(1, keepdim=True)
        return (F.relu(out - out.gather(1, c) + 1) * (1 - y)).sum(1)
    raise ValueError(name)


def data_loss(req, out):
    """The request's loss with its reduction (defaults: v1), out and y in torch orientation."""
    name = req.get("loss", "half-sse")
    reduction = req.get("reduction", DEFAULT_REDUCTION[name])
    y = samples_to_torch(req["layout"], tensor(req["y"]))
    terms = loss_terms(name, req.get("lossInput", "logits"), out, y)
    if reduction == "sum":
        return terms.sum()
    if reduction == "mean":
        return terms.mean()
    if reduction == "batch-mean":
        return terms.sum() / out.shape[0]
    raise ValueError(reduction)


def regularization_loss(req, params):
    """c2 * sum ||W_k||^2 + c1 * sum |W_k| (+ biases with includeBias), or None without
    `regularization` in the request."""
    reg = req.get("regularization")
    if reg is None:
        return None
    c2, c1 = reg.get("l2", 0), reg.get("l1", 0)
    names = ["weights", "bias"] if reg.get("includeBias", False) else ["weights"]
    total = torch.zeros((), dtype=DT)
    for p in params:
        for name in names:
            if name in p:
                if c2:
                    total = total + c2 * (p[name] ** 2).sum()
                if c1:
                    total = total + c1 * p[name].abs().sum()
    return total


def objective(req, params, out):
    """(total, data, reg): total is what autograd differentiates.  In outputGradient mode the data
    part is (out * outputGradient).sum(), whose gradient is exactly the one sent."""
    if "outputGradient" in req:
        g = grads_to_torch(req["layout"], tensor(req["outputGradient"]))
        data = (out * g).sum()
    else:
        data = data_loss(req, out)
    reg = regularization_loss(req, params)
    return (data if reg is None else data + reg), data, reg


def backprop(req):
    """Returns (response dict, records) for a /backprop request, computed by autograd."""
    layout = req["layout"]
    params = leaves(req)
    z0, recs, out = forward(req, params, tensor(req["x"], True))
    z0.retain_grad()  # dL/dx in torch orientation (N x D_0)
    for rec in recs:
        for t in rec.values():
            t.retain_grad()
    total, data, reg = objective(req, params, out)
    total.backward()

    def g(t):
        return t.grad if t.grad is not None else torch.zeros_like(t)

    def S(t):  # samples orientation
        return mat(samples_from_torch(layout, t))

    def G(t):  # gradient orientation
        return mat(grads_from_torch(layout, t))

    layers = []
    for layer, p, rec in zip(req["layers"], params, recs):
        entry = {
            "preActivation": S(rec["s"]),
            "activation": S(rec["z"]),
            "delta": G(g(rec["s"])),
            "activationGradient": G(g(rec["z"])),
            "weightGradient": mat(g(p["weights"])),  # shape of W as sent
        }
        if "bias" in p:
            entry["biasGradient"] = vec(g(p["bias"]))
        bn = layer.get("batchNorm")
        if bn is not None:
            entry["batchNorm"] = batch_norm_fields(layout, bn, p, rec, g)
        layers.append(entry)

    resp = {"layout": layout}
    if "outputGradient" not in req:
        resp["loss"] = num(total.item())
        if reg is not None:
            resp["dataLoss"] = num(data.item())
    if reg is not None:
        resp["regularizationLoss"] = num(reg.item())
    resp["output"] = S(out)
    resp["outputGradient"] = G(g(recs[-1]["z"]))
    resp["inputGradient"] = G(g(z0))
    resp["layers"] = layers
    return resp, recs


def batch_norm_fields(layout, bn, p, rec, g):
    """The response's batchNorm object; statistics and normalized from torch, not by hand."""
    s = rec["s"].detach()
    eps = bn.get("epsilon", BN_EPS)
    with torch.no_grad():
        if bn.get("mode", "train") == "eval":
            mean, var = tensor(bn["runningMean"]), tensor(bn["runningVariance"])
            normalized = F.batch_norm(s, mean, var, None, None, training=False, eps=eps)
        else:
            mean, var = s.mean(0), s.var(0, unbiased=False)
            normalized = F.batch_norm(s, None, None, None, None, training=True, eps=eps)
    out = {
        "mean": vec(mean),
        "variance": vec(var),
        "normalized": mat(samples_from_torch(layout, normalized)),
        "output": mat(samples_from_torch(layout, rec["u"])),
        "outputDelta": mat(grads_from_torch(layout, g(rec["u"]))),
        "gammaGradient": vec(g(p["gamma"])),
        "betaGradient": vec(g(p["beta"])),
    }
    if bn.get("mode", "train") == "train" and "runningMean" in bn:
        out["runningMean"] = vec(p["runningMean"])
        out["runningVariance"] = vec(p["runningVariance"])
    return out


def objective_only(req):
    """The objective (loss, or sum(outputGradient * out), plus regularization) of a request, no
    gradients: for the finite-difference self-check."""
    with torch.no_grad():
        params = leaves(req)
        _, _, out = forward(req, params, tensor(req["x"]), update_running=False)
        return objective(req, params, out)[0].item()


# ----------------------------------------------------------------------------------------------
# self-checks (verification only: no number written to the file comes from here)
# ----------------------------------------------------------------------------------------------

def shape(m):
    return (len(m), len(m[0]))


def close(a, b, rel=1e-9, floor=1e-12):
    return abs(a - b) <= floor + rel * max(abs(a), abs(b))


def check_shapes(req, resp):
    layout = req["layout"]
    xs = shape(req["x"])
    n, d0 = (xs[1], xs[0]) if layout in COLUMN_LAYOUTS else xs

    def sd(d):
        return (d, n) if layout in COLUMN_LAYOUTS else (n, d)

    def gd(d):
        return (d, n) if layout == DFT else (n, d)

    assert shape(resp["inputGradient"]) == gd(d0), "inputGradient"
    for k, (layer, out) in enumerate(zip(req["layers"], resp["layers"])):
        ws = shape(layer["weights"])
        dk = ws[1] if layout == "sample-first" else ws[0]
        assert shape(out["preActivation"]) == sd(dk), (k, "s")
        assert shape(out["activation"]) == sd(dk), (k, "z")
        assert shape(out["delta"]) == gd(dk), (k, "delta")
        assert shape(out["activationGradient"]) == gd(dk), (k, "dz")
        assert shape(out["weightGradient"]) == ws, (k, "dW")
        assert ("biasGradient" in out) == ("bias" in layer)
        if "bias" in layer:
            assert len(out["biasGradient"]) == dk
            reg = req.get("regularization", {})
            if not reg.get("includeBias") or (reg.get("l1", 0) == 0 and reg.get("l2", 0) == 0):
                # biasGradient = sum of delta over the samples
                dl = out["delta"] if layout != DFT else T(out["delta"])
                for j in range(dk):
                    tot = sum(dl[i][j] for i in range(n))
                    assert abs(tot - out["biasGradient"][j]) <= 1e-9 * (1 + abs(tot)), (k, "db")
        bn = layer.get("batchNorm")
        assert ("batchNorm" in out) == (bn is not None)
        if bn is not None:
            b = out["batchNorm"]
            for f in ("mean", "variance", "gammaGradient", "betaGradient"):
                assert len(b[f]) == dk, (k, f)
            assert shape(b["normalized"]) == shape(b["output"]) == sd(dk)
            assert shape(b["outputDelta"]) == gd(dk)
            train_running = bn.get("mode", "train") == "train" and "runningMean" in bn
            assert ("runningMean" in b) == ("runningVariance" in b) == train_running
            if train_running:  # nn.BatchNorm1d's formula, unbiased variance
                m = bn.get("momentum", BN_MOMENTUM)
                for j in range(dk):
                    want_m = (1 - m) * bn["runningMean"][j] + m * b["mean"][j]
                    want_v = (1 - m) * bn["runningVariance"][j] + m * b["variance"][j] * n / (n - 1)
                    assert close(b["runningMean"][j], want_m, 1e-12, 1e-14), (k, "runningMean")
                    assert close(b["runningVariance"][j], want_v, 1e-12, 1e-14), (k, "runningVar")
            if bn.get("mode", "train") == "eval":
                assert b["mean"] == [num(v) for v in bn["runningMean"]]
                assert b["variance"] == [num(v) for v in bn["runningVariance"]]
    assert resp["outputGradient"] == resp["layers"][-1]["activationGradient"]
    assert shape(resp["output"]) == shape(resp["layers"][-1]["activation"])
    has_reg = "regularization" in req
    assert ("regularizationLoss" in resp) == has_reg
    if "outputGradient" in req:
        assert "loss" not in resp and "dataLoss" not in resp
        assert v1.same_numbers(resp["outputGradient"], req["outputGradient"]), "dout echoed"
    else:
        assert shape(resp["output"]) == shape(req["y"])
        assert ("dataLoss" in resp) == has_reg
        if has_reg:
            assert close(resp["loss"], resp["dataLoss"] + resp["regularizationLoss"])


def kink_margin(req, recs):
    """Distance of the nearest non-smooth point of the objective (kinked activation inputs,
    hinge arguments, clamped BCE probabilities); FD is meaningless near 0."""
    margin = math.inf
    for layer, rec in zip(req["layers"], recs):
        if layer["activation"] in KINKED:
            margin = min(margin, rec["u"].detach().abs().min().item())
    if "outputGradient" in req:
        return margin
    out = recs[-1]["z"].detach()
    y = samples_to_torch(req["layout"], tensor(req["y"]))
    loss = req.get("loss", "half-sse")
    if loss == "hinge":
        margin = min(margin, (1 - y * out).abs().min().item())
    if loss == "multiclass-hinge":
        c = y.argmax(1, keepdim=True)
        arg = (out - out.gather(1, c) + 1).abs() + y * 1e9  # j = c_n excluded
        margin = min(margin, arg.min().item())
    if loss == "binary-cross-entropy" and req.get("lossInput") == "probabilities":
        margin = min(margin, out.min().item(), (1 - out).min().item())
    return margin


def check_finite_differences(req, resp):
    """Central differences of the objective for every weight, bias, gamma, beta and input entry
    against the autograd gradient.  An entry at l1's kink (exactly 0) is skipped."""
    base = json.loads(json.dumps(req))
    reg = req.get("regularization", {})
    l1 = reg.get("l1", 0) > 0
    targets = []  # (container, index path, analytic value, at a kink)
    for k, layer in enumerate(base["layers"]):
        out = resp["layers"][k]
        for i, row in enumerate(layer["weights"]):
            for j in range(len(row)):
                targets.append((row, j, out["weightGradient"][i][j], l1 and row[j] == 0))
        if "bias" in layer:
            for j in range(len(layer["bias"])):
                targets.append((layer["bias"], j, out["biasGradient"][j],
                                l1 and reg.get("includeBias", False) and layer["bias"][j] == 0))
        if "batchNorm" in layer:
            for f, gf in (("gamma", "gammaGradient"), ("beta", "betaGradient")):
                for j in range(len(layer["batchNorm"][f])):
                    targets.append((layer["batchNorm"][f], j, out["batchNorm"][gf][j], False))
    dx = resp["inputGradient"]
    if req["layout"] == "dimension-first":
        dx = T(dx)  # inputGradient is N x D_0, x is D_0 x N
    for i, row in enumerate(base["x"]):
        for j in range(len(row)):
            targets.append((row, j, dx[i][j], False))
    ref = abs(resp.get("loss", 0.0))
    worst = 0.0
    for cont, j, a, kink in targets:
        if kink:
            continue
        orig = cont[j]
        h = 1e-6 * max(1.0, abs(orig))
        cont[j] = orig + h
        up = objective_only(base)
        cont[j] = orig - h
        down = objective_only(base)
        cont[j] = orig
        numeric = (up - down) / (2 * h)
        scale = max(1.0, abs(a), abs(numeric), ref * 1e-3)
        worst = max(worst, abs(a - numeric) / scale)
    return worst


def rel_close(a, b):
    """Same nesting, every number within 1e-12 relative (1e-14 absolute)."""
    if isinstance(a, list):
        return len(a) == len(b) and all(rel_close(u, v) for u, v in zip(a, b))
    return close(float(a), float(b), 1e-12, 1e-14)


def check_against_v1(req, resp):
    """A request without v1.1 options in a v1 layout: generate.py's numbers, field by field."""
    old, _ = v1.forward_backward(req)
    for f in ("loss", "output", "outputGradient"):
        assert rel_close(old[f], resp[f]), f
    for a, b in zip(old["layers"], resp["layers"]):
        for f in a:
            assert rel_close(a[f], b[f]), f


class Collector:
    def __init__(self):
        self.cases = []
        self.names = set()
        self.fd_checked = 0
        self.fd_worst = 0.0
        self.v1_checked = 0
        self.counts = {}

    def add(self, name, req, fd=True, expect=None):
        """expect: a predicate on (req, records) the case was built for (an exact tie...)."""
        assert name not in self.names, "duplicate name " + name
        resp, recs = backprop(req)
        check_shapes(req, resp)
        if expect is not None:
            assert expect(req, recs), "case does not show what it was built for: " + name
        if fd and kink_margin(req, recs) > 1e-4:
            worst = check_finite_differences(req, resp)
            assert worst < 1e-5, (name, worst)
            self.fd_checked += 1
            self.fd_worst = max(self.fd_worst, worst)
        if is_v1_request(req):
            check_against_v1(req, resp)
            self.v1_checked += 1
        line = json.dumps({"name": name, "request": req, "response": resp},
                          separators=(",", ":"), allow_nan=False)
        self.names.add(name)
        self.cases.append(line)
        family = name.split("/")[0] if name.startswith("example/") else name.split("/")[1]
        self.counts[family] = self.counts.get(family, 0) + 1
        return resp


V1_KEYS = {"layout", "layers", "x", "y", "loss"}
V1_LAYER_KEYS = {"weights", "bias", "activation"}


def is_v1_request(req):
    return (req["layout"] in v1.LAYOUTS and set(req) <= V1_KEYS
            and req.get("loss", "half-sse") in v1.LOSSES
            and all(set(layer) <= V1_LAYER_KEYS for layer in req["layers"]))


# ----------------------------------------------------------------------------------------------
# case construction
# ----------------------------------------------------------------------------------------------

def build(layout, ws, bs, acts, x_nd, y_nd=None, loss=None, reduction=None, loss_input=None,
          reg=None, bns=None, drops=None, grad_nd=None):
    """A /backprop request from torch-orientation numbers: ws D_k x D_{k-1}, x_nd / y_nd / grad_nd
    and dropout masks N x D.  Converts to the layout's orientation (a pure re-arrangement of the
    same numbers).  bns[k]: a batchNorm object (vectors only) or None; drops[k]: (mask_nd, q) or
    None; grad_nd: an outputGradient instead of y."""
    cols = layout in COLUMN_LAYOUTS
    depth = len(ws)
    bns = bns or [None] * depth
    drops = drops or [None] * depth
    layers = []
    for w, b, a, bn, dr in zip(ws, bs, acts, bns, drops):
        layer = {"weights": T(w) if layout == "sample-first" else [list(r) for r in w]}
        if b is not None:
            layer["bias"] = list(b)
        layer["activation"] = a
        if bn is not None:
            layer["batchNorm"] = dict(bn)
        if dr is not None:
            mask, q = dr
            layer["dropout"] = {"mask": T(mask) if cols else [list(r) for r in mask],
                                "keepProbability": q}
        layers.append(layer)
    req = {"layout": layout, "layers": layers, "x": T(x_nd) if cols else [list(r) for r in x_nd]}
    if grad_nd is not None:
        req["outputGradient"] = T(grad_nd) if layout == DFT else [list(r) for r in grad_nd]
    else:
        req["y"] = T(y_nd) if cols else [list(r) for r in y_nd]
        if loss is not None:
            req["loss"] = loss
        if reduction is not None:
            req["reduction"] = reduction
        if loss_input is not None:
            req["lossInput"] = loss_input
    if reg is not None:
        req["regularization"] = dict(reg)
    return req


def random_network(rng, sizes, with_bias, scale=1.2):
    return v1.random_network(rng, sizes, with_bias, scale)


def targets(rng, loss, n, d):
    if loss == "hinge":
        return [[rng.choice([-1.0, 1.0]) for _ in range(d)] for _ in range(n)]
    if loss == "multiclass-hinge":
        rows = []
        for _ in range(n):
            r = [0.0] * d
            r[rng.randrange(d)] = 1.0
            rows.append(r)
        return rows
    return v1.targets(rng, loss, n, d)


def output_activation(rng, loss, loss_input):
    """A last activation that fits the loss: probabilities need softmax / sigmoid."""
    if loss_input == "probabilities":
        return "softmax" if loss == "cross-entropy" else "sigmoid"
    if loss in ("cross-entropy", "binary-cross-entropy", "multiclass-hinge"):
        return "identity"
    if loss == "hinge":
        return rng.choice(["identity", "tanh"])
    return rng.choice(["identity", "tanh", "sigmoid", "softplus"])


HIDDEN = ["relu", "tanh", "sigmoid", "leaky-relu", "elu", "gelu", "silu", "softplus", "identity"]


def random_bn(rng, d, running=False, momentum=None, epsilon=None, mode=None):
    bn = {"gamma": [rnd(1 + 0.4 * rng.gauss(0, 1), 3) for _ in range(d)],
          "beta": [rnd(0.5 * rng.gauss(0, 1), 3) for _ in range(d)]}
    if epsilon is not None:
        bn["epsilon"] = epsilon
    if running:
        bn["runningMean"] = [rnd(0.5 * rng.gauss(0, 1), 3) for _ in range(d)]
        bn["runningVariance"] = [rnd(0.3 + 1.5 * rng.random(), 3) for _ in range(d)]
    if momentum is not None:
        bn["momentum"] = momentum
    if mode is not None:
        bn["mode"] = mode
    return bn


def random_mask(rng, n, d, keep=0.6):
    return [[1 if rng.random() < keep else 0 for _ in range(d)] for _ in range(n)]


def with_zeros(rng, ws, frac=0.25):
    """Some weights exactly 0 (sign(0) = 0 in the l1 gradient)."""
    out = [[[0.0 if rng.random() < frac else v for v in row] for row in w] for w in ws]
    out[0][0][0] = 0.0
    return out


def bias_tag(bs):
    return "bias[%s]" % "".join("b" if b is not None else "-" for b in bs)


def loss_grid(col):
    """every layout x loss x reduction (omitted = v1 default, sum, mean, batch-mean) x lossInput
    (omitted / probabilities; one explicit "logits" each)."""
    rng = random.Random(11001)
    idx = 0
    for layout in LAYOUTS:
        for loss in LOSS_NAMES:
            inputs = [None, "probabilities"] if loss in ("cross-entropy",
                                                        "binary-cross-entropy") else [None]
            variants = [(li, red) for li in inputs for red in [None] + REDUCTIONS]
            if loss in ("cross-entropy", "binary-cross-entropy"):
                variants.append(("logits", REDUCTIONS[idx % 3]))
            for loss_input, reduction in variants:
                idx += 1
                depth = idx % 3 + 1
                n = rng.randint(1, 4) if idx % 5 else 1
                d_out = rng.randint(2, 3) if loss in PER_SAMPLE else rng.randint(1, 3)
                sizes = [rng.randint(1, 4)] + [rng.randint(2, 4) for _ in range(depth - 1)] + [d_out]
                ws, bs = random_network(rng, sizes, True)
                bs = [b if rng.random() < 0.7 else None for b in bs]
                x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
                y = targets(rng, loss, n, d_out)
                acts = [HIDDEN[(idx + k) % len(HIDDEN)] for k in range(depth - 1)]
                acts.append(output_activation(rng, loss, loss_input))
                req = build(layout, ws, bs, acts, x, y, loss, reduction, loss_input)
                name = "%s/loss/%s/%s/%s/%s/%s/depth%d/N%d" % (
                    layout, loss, loss_input or "default-input", reduction or "default-reduction",
                    "-".join(acts), bias_tag(bs), depth, n)
                col.add(name, req)
        # "loss" omitted with an explicit reduction: half-sse
        ws, bs = random_network(rng, [2, 3, 2], True)
        x = gauss_matrix(rng, 3, 2, 1.0, 3)
        y = gauss_matrix(rng, 3, 2, 1.0, 3)
        req = build(layout, ws, bs, ["tanh", "identity"], x, y, None, "batch-mean")
        col.add("%s/loss/default-loss/batch-mean/tanh-identity/depth2/N3" % layout, req)


def regularization_cases(col):
    """l2 only, l1 only, both; with and without includeBias; weights and biases exactly 0."""
    rng = random.Random(11002)
    kinds = [("l2", {"l2": 0.05}), ("l1", {"l1": 0.02}), ("l2-l1", {"l2": 0.5, "l1": 0.125})]
    losses = ["half-sse", "cross-entropy", "mse", "hinge", "binary-cross-entropy",
              "multiclass-hinge", "sse"]
    idx = 0
    for layout in LAYOUTS:
        for tag, coeffs in kinds:
            for include_bias in (False, True):
                loss = losses[idx % len(losses)]
                idx += 1
                reduction = [None, "sum", "batch-mean"][idx % 3]
                depth = 1 + idx % 3
                n = rng.randint(2, 4)
                d_out = rng.randint(2, 3)
                sizes = [rng.randint(2, 4)] + [rng.randint(2, 3) for _ in range(depth - 1)] + [d_out]
                ws, bs = random_network(rng, sizes, True)
                ws = with_zeros(rng, ws)
                bs[-1][0] = 0.0
                if depth > 1:
                    bs[0] = None
                x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
                y = targets(rng, loss, n, d_out)
                acts = ["tanh" if k % 2 else "sigmoid" for k in range(depth - 1)]
                acts.append(output_activation(rng, loss, None))
                reg = dict(coeffs)
                if include_bias or idx % 4 == 0:
                    reg["includeBias"] = include_bias
                req = build(layout, ws, bs, acts, x, y, loss, reduction, reg=reg)
                name = "%s/regularization/%s/%s/%s/%s/%s/depth%d/N%d" % (
                    layout, tag, "includeBias" if include_bias else "weights-only", loss,
                    reduction or "default-reduction", bias_tag(bs), depth, n)
                col.add(name, req)
        # the object present but empty / zero coefficients: dataLoss and regularizationLoss 0
        ws, bs = random_network(rng, [3, 2, 2], True)
        x = gauss_matrix(rng, 3, 3, 1.0, 3)
        y = gauss_matrix(rng, 3, 2, 1.0, 3)
        for tag, reg in (("empty", {}), ("zero", {"l2": 0, "l1": 0, "includeBias": True})):
            req = build(layout, ws, bs, ["elu", "identity"], x, y, "mse", reg=reg)
            col.add("%s/regularization/%s/mse/elu-identity/depth2/N3" % (layout, tag), req)


def upstream_cases(col):
    """outputGradient instead of y: layer tests, with and without regularization."""
    rng = random.Random(11003)
    idx = 0
    for layout in LAYOUTS:
        for depth in (1, 2, 3):
            for with_reg in (False, True):
                idx += 1
                n = rng.randint(1, 4)
                sizes = [rng.randint(1, 4)] + [rng.randint(2, 3) for _ in range(depth)]
                ws, bs = random_network(rng, sizes, True)
                if idx % 3 == 0:
                    bs[0] = None
                if with_reg:
                    ws = with_zeros(rng, ws)
                x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
                dout = gauss_matrix(rng, n, sizes[-1], 1.0, 3)
                acts = [HIDDEN[(idx + k) % len(HIDDEN)] for k in range(depth)]
                if depth == 1 and not with_reg:
                    acts = ["identity"]  # the affine layer test
                reg = {"l2": 0.1, "l1": 0.01, "includeBias": idx % 2 == 0} if with_reg else None
                req = build(layout, ws, bs, acts, x, grad_nd=dout, reg=reg)
                name = "%s/upstream/%s/%s/%s/depth%d/N%d" % (
                    layout, "regularized" if with_reg else "plain", "-".join(acts),
                    bias_tag(bs), depth, n)
                col.add(name, req)
        # an upstream gradient through batch norm and dropout, and through softmax
        n = 4
        ws, bs = random_network(rng, [3, 3, 2], True)
        x = gauss_matrix(rng, n, 3, 1.0, 3)
        dout = gauss_matrix(rng, n, 2, 1.0, 3)
        bns = [random_bn(rng, 3, running=True, momentum=0.2), None]
        drops = [(random_mask(rng, n, 3, 0.7), 0.75), None]
        req = build(layout, ws, [None, bs[1]], ["relu", "softmax"], x, grad_nd=dout, bns=bns,
                    drops=drops, reg={"l2": 0.01})
        col.add("%s/upstream/batchnorm-dropout-regularized/relu-softmax/depth2/N4" % layout, req)


def dropout_cases(col):
    """a given mask, various keep probabilities (q = 1 too, with zeros in the mask)."""
    rng = random.Random(11004)
    qs = [1, 0.5, 0.8, 0.25, 0.9]
    losses = ["half-sse", "cross-entropy", "mse", "binary-cross-entropy", "hinge"]
    idx = 0
    for layout in LAYOUTS:
        for q in qs:
            loss = losses[idx % len(losses)]
            idx += 1
            n = rng.randint(2, 4)
            depth = 2 + idx % 2
            sizes = [rng.randint(2, 3)] + [rng.randint(2, 4) for _ in range(depth - 1)] + [2]
            ws, bs = random_network(rng, sizes, True)
            x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
            y = targets(rng, loss, n, 2)
            acts = [HIDDEN[(idx + k) % len(HIDDEN)] for k in range(depth - 1)]
            acts.append(output_activation(rng, loss, None))
            drops = [(random_mask(rng, n, sizes[k + 1]), q) if k < depth - 1 else None
                     for k in range(depth)]
            req = build(layout, ws, bs, acts, x, y, loss, drops=drops)
            name = "%s/dropout/q%s/%s/%s/depth%d/N%d" % (layout, q, loss, "-".join(acts),
                                                          depth, n)
            col.add(name, req)
        # dropout on every layer, the output layer included; and a mask of zeros only
        n = 3
        ws, bs = random_network(rng, [2, 3, 2], True)
        x = gauss_matrix(rng, n, 2, 1.0, 3)
        y = gauss_matrix(rng, n, 2, 1.0, 3)
        drops = [(random_mask(rng, n, 3), 0.6), (random_mask(rng, n, 2), 0.7)]
        req = build(layout, ws, bs, ["tanh", "identity"], x, y, "half-sse", drops=drops)
        col.add("%s/dropout/every-layer/half-sse/tanh-identity/depth2/N3" % layout, req)
        drops = [([[0] * 3 for _ in range(n)], 0.5), None]
        req = build(layout, ws, bs, ["sigmoid", "identity"], x, y, "sse", drops=drops)
        col.add("%s/dropout/all-dropped/sse/sigmoid-identity/depth2/N3" % layout, req)


def batchnorm_cases(col):
    """train mode with and without bias, running statistics and momentum, epsilon; eval mode
    (N = 1 too); batch norm on the output layer and on two layers."""
    rng = random.Random(11005)
    train_variants = [
        ("bias", True, {}),
        ("nobias", False, {}),
        ("bias-running-default-momentum", True, {"running": True}),
        ("nobias-running-momentum0.3", False, {"running": True, "momentum": 0.3}),
        ("bias-running-momentum0", True, {"running": True, "momentum": 0}),
        ("nobias-running-momentum1", False, {"running": True, "momentum": 1}),
        ("nobias-epsilon1e-3-mode-train", False, {"epsilon": 1e-3, "mode": "train"}),
    ]
    losses = ["half-sse", "cross-entropy", "mse", "binary-cross-entropy", "multiclass-hinge",
              "sse", "hinge"]
    idx = 0
    for layout in LAYOUTS:
        for tag, with_bias, opts in train_variants:
            loss = losses[idx % len(losses)]
            idx += 1
            n = rng.randint(2, 5)
            sizes = [rng.randint(2, 3), rng.randint(2, 4), rng.randint(2, 3)]
            ws, bs = random_network(rng, sizes, with_bias)
            x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
            y = targets(rng, loss, n, sizes[2])
            act = HIDDEN[idx % len(HIDDEN)]
            acts = [act, output_activation(rng, loss, None)]
            bns = [random_bn(rng, sizes[1], **opts), None]
            req = build(layout, ws, bs, acts, x, y, loss, bns=bns)
            name = "%s/batchnorm/train/%s/%s/%s/depth2/N%d" % (layout, tag, loss, "-".join(acts), n)
            col.add(name, req)
        for n in (1, 3):
            for with_bias in (True, False):
                idx += 1
                sizes = [rng.randint(2, 3), 3, 2]
                ws, bs = random_network(rng, sizes, with_bias)
                x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
                y = gauss_matrix(rng, n, 2, 1.0, 3)
                bns = [random_bn(rng, 3, running=True, mode="eval",
                                 momentum=0.5 if with_bias else None), None]
                acts = [HIDDEN[idx % len(HIDDEN)], "identity"]
                req = build(layout, ws, bs, acts, x, y, "half-sse", bns=bns)
                name = "%s/batchnorm/eval/%s/half-sse/%s/depth2/N%d" % (
                    layout, "bias" if with_bias else "nobias", "-".join(acts), n)
                col.add(name, req)
        # on the output layer; on two layers (train then eval)
        n = 4
        ws, bs = random_network(rng, [2, 3, 2], True)
        x = gauss_matrix(rng, n, 2, 1.0, 3)
        y = prob_rows(rng, n, 2)
        bns = [random_bn(rng, 3, running=True), random_bn(rng, 2)]
        req = build(layout, ws, [None, bs[1]], ["relu", "identity"], x, y, "cross-entropy",
                    bns=bns)
        col.add("%s/batchnorm/train/two-layers/cross-entropy/relu-identity/depth2/N4" % layout, req)
        bns = [random_bn(rng, 3, running=True), random_bn(rng, 2, running=True, mode="eval")]
        req = build(layout, ws, bs, ["tanh", "softmax"], x, y, "cross-entropy", None,
                    "probabilities", bns=bns)
        col.add("%s/batchnorm/train-then-eval/cross-entropy-probabilities/tanh-softmax/depth2/N4"
                % layout, req)


def combination_cases(col):
    """batch norm + dropout + regularization, probability losses on sigmoid / softmax outputs."""
    rng = random.Random(11006)
    combos = [("cross-entropy", "probabilities"), ("binary-cross-entropy", "probabilities"),
              ("cross-entropy", None), ("mse", None), ("multiclass-hinge", None),
              ("binary-cross-entropy", "logits")]
    idx = 0
    for layout in LAYOUTS:
        for loss, loss_input in combos:
            idx += 1
            n = rng.randint(3, 5)
            sizes = [rng.randint(2, 4), rng.randint(3, 4), rng.randint(2, 3), rng.randint(2, 3)]
            ws, bs = random_network(rng, sizes, True, scale=1.0)
            bs[1] = None
            ws = with_zeros(rng, ws, 0.15)
            x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
            y = targets(rng, loss, n, sizes[3])
            acts = [HIDDEN[idx % len(HIDDEN)], HIDDEN[(idx + 3) % len(HIDDEN)],
                    output_activation(rng, loss, loss_input)]
            bns = [random_bn(rng, sizes[1], running=idx % 2 == 0, momentum=[None, 0.25][idx % 2]),
                   random_bn(rng, sizes[2], running=True, mode="eval" if idx % 3 == 0 else None),
                   None]
            drops = [(random_mask(rng, n, sizes[1], 0.7), 0.7), (random_mask(rng, n, sizes[2]), 0.5),
                     None]
            reg = {"l2": 0.01, "l1": 0.005, "includeBias": idx % 2 == 1}
            reduction = [None, "sum", "mean", "batch-mean"][idx % 4]
            req = build(layout, ws, bs, acts, x, y, loss, reduction, loss_input, reg=reg, bns=bns,
                        drops=drops)
            name = "%s/combined/bn-dropout-reg/%s/%s/%s/%s/depth3/N%d" % (
                layout, loss, loss_input or "default-input", reduction or "default-reduction",
                "-".join(acts), n)
            col.add(name, req)


def int_matrix(rng, rows, cols, lo=-2, hi=2):
    return [[rng.randint(lo, hi) for _ in range(cols)] for _ in range(rows)]


def has_exact_kink(req, recs):
    return any(layer["activation"] in KINKED and bool((rec["u"] == 0).any())
               for layer, rec in zip(req["layers"], recs))


def at_hinge(req, recs):
    out = recs[-1]["z"].detach()
    y = samples_to_torch(req["layout"], tensor(req["y"]))
    if req["loss"] == "hinge":
        return bool((1 - y * out == 0).any())
    c = y.argmax(1, keepdim=True)
    return bool(((out - out.gather(1, c) + 1 == 0) & (y == 0)).any())


def bce_clamped(req, recs):
    out = recs[-1]["z"].detach()
    return bool(((out == 0) | (out == 1)).any())


def integer_cases(col):
    """Small integers: exact ReLU ties with the v1.1 options, hinge arguments exactly 0, BCE on
    probabilities exactly 0 or 1 (log clamped at -100, gradient divided by PyTorch's epsilon)."""
    rng = random.Random(11007)
    losses = ["half-sse", "sse", "mse", "hinge", "multiclass-hinge", "cross-entropy"]
    idx = 0
    for layout in LAYOUTS:
        for act in ("relu", "leaky-relu", "elu"):
            for variant in ("reduction", "regularized", "upstream"):
                loss = losses[idx % len(losses)]
                idx += 1
                while True:
                    n = rng.randint(2, 4)
                    depth = rng.randint(1, 2)
                    sizes = [rng.randint(2, 3) for _ in range(depth)] + [rng.randint(2, 3)]
                    ws = [int_matrix(rng, sizes[k], sizes[k - 1]) for k in range(1, depth + 1)]
                    bs = [[rng.randint(-1, 1) for _ in range(sizes[k])] if rng.random() < 0.5
                          else None for k in range(1, depth + 1)]
                    x = int_matrix(rng, n, sizes[0])
                    acts = [act] * depth
                    if variant == "upstream":
                        req = build(layout, ws, bs, acts, x, grad_nd=int_matrix(rng, n, sizes[-1]),
                                    reg={"l1": 0.5})
                    else:
                        if loss == "cross-entropy":
                            y = prob_rows(rng, n, sizes[-1])
                        elif loss in ("hinge", "multiclass-hinge"):
                            y = targets(rng, loss, n, sizes[-1])
                        else:
                            y = int_matrix(rng, n, sizes[-1])
                        reduction = REDUCTIONS[idx % 3]
                        reg = {"l2": 0.5, "l1": 0.25, "includeBias": True} \
                            if variant == "regularized" else None
                        req = build(layout, ws, bs, acts, x, y, loss, reduction, reg=reg)
                    _, recs = backprop(req)
                    if has_exact_kink(req, recs):
                        break
                name = "%s/ties/%s/%s/%s/%s/depth%d/N%d" % (
                    layout, act, variant, "upstream" if variant == "upstream" else loss,
                    bias_tag(bs), depth, n)
                col.add(name, req, expect=has_exact_kink)
        # hinge and multiclass hinge with arguments exactly at the kink
        for loss in ("hinge", "multiclass-hinge"):
            for reduction in (None, "sum"):
                while True:
                    n = rng.randint(2, 4)
                    d = rng.randint(2, 3)
                    ws = [int_matrix(rng, d, 2, -1, 1)]
                    x = int_matrix(rng, n, 2, -1, 1)
                    y = targets(rng, loss, n, d)
                    req = build(layout, ws, [None], ["identity"], x, y, loss, reduction)
                    _, recs = backprop(req)
                    if at_hinge(req, recs):
                        break
                col.add("%s/ties/at-hinge/%s/%s/identity/depth1/N%d" % (
                    layout, loss, reduction or "default-reduction", n), req, expect=at_hinge)
        # binary cross-entropy on probabilities 0 and 1 exactly: identity and saturated sigmoid
        x = [[0, 1, 0.5], [1, 0, 0.25], [0.5, 0.5, 1]]
        y = [[1, 0, 0.5], [0, 0, 1], [1, 1, 0]]
        eye = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        for reduction in (None, "sum"):
            req = build(layout, [eye], [None], ["identity"], x, y, "binary-cross-entropy",
                        reduction, "probabilities")
            col.add("%s/ties/bce-probabilities-0-1/%s/identity/depth1/N3"
                    % (layout, reduction or "default-reduction"), req, expect=bce_clamped)
        req = build(layout, [[[1, -1], [-1, 1]], [[1, 0], [0, 1]]], [None, None],
                    ["relu", "identity"], [[1, 0], [0.5, 0.5], [0, 0.25]],
                    [[0, 1], [1, 0], [0.25, 1]], "binary-cross-entropy", "batch-mean",
                    "probabilities")
        col.add("%s/ties/bce-probabilities-0-1/batch-mean/relu-identity/depth2/N3" % layout, req,
                expect=bce_clamped)
        req = build(layout, [[[40], [-800], [1]]], [None], ["sigmoid"], [[1], [-1]],
                    [[0, 1, 1], [1, 0, 0.5]], "binary-cross-entropy", None, "probabilities")
        col.add("%s/ties/bce-probabilities-saturated-sigmoid/default-reduction/sigmoid/depth1/N2"
                % layout, req, fd=False, expect=bce_clamped)


def examples(col):
    """Single cases for the service's documentation."""
    # CS231n-style softmax classifier (sample-first scores X.W + b), l2 regularization reg = 0.1
    req = {"layout": "sample-first",
           "layers": [{"weights": [[0.2, -0.5, 0.1], [1.5, 1.3, 2.1], [0, 0.25, 0.2],
                                   [-0.3, -1.2, 0.7]],
                       "bias": [1.1, 3.2, -1.2], "activation": "identity"}],
           "x": [[0.5, 1, -1, 2], [-1.5, 0.5, 3, -2], [0.25, -0.75, 1, 0.5]],
           "y": [[1, 0, 0], [0, 0, 1], [0, 1, 0]],
           "loss": "cross-entropy",
           "regularization": {"l2": 0.1}}
    col.add("example/regularized-softmax-classifier", req)
    # "given x, w, b and dout, compute dx, dw, db" for an affine layer (sample-first)
    req = {"layout": "sample-first",
           "layers": [{"weights": [[0.5, -1, 0.25], [2, 0, -0.5]], "bias": [0.1, -0.2, 0.3],
                       "activation": "identity"}],
           "x": [[1, 2], [-1, 0.5], [3, -2], [0, 1]],
           "outputGradient": [[1, 0, -1], [0.5, 2, 0], [-1, 1, 1], [0, -0.5, 2]]}
    col.add("example/layer-test-from-upstream-gradient", req)
    # a batch-normalized ReLU layer with running statistics, then a linear output, half-sse
    req = {"layout": "torch",
           "layers": [{"weights": [[1, -1], [0.5, 2], [-1, 0.5]], "activation": "relu",
                       "batchNorm": {"gamma": [1, 0.5, 2], "beta": [0, 0.1, -0.2],
                                     "runningMean": [0, 0, 0], "runningVariance": [1, 1, 1],
                                     "momentum": 0.1}},
                      {"weights": [[1, -2, 0.5]], "bias": [0.25], "activation": "identity"}],
           "x": [[1, 2], [0, -1], [2, 0.5], [-1, 1]],
           "y": [[1], [0], [2], [-1]],
           "loss": "half-sse"}
    col.add("example/batch-norm-layer", req)
    # deeplearning.ai's planar classifier: tanh hidden layer, sigmoid output, BCE on probabilities
    req = {"layout": DFT,
           "layers": [{"weights": [[0.01, -0.02], [0.03, 0.015], [-0.01, 0.02], [0.005, -0.03]],
                       "bias": [0, 0, 0, 0], "activation": "tanh"},
                      {"weights": [[0.8, -1.2, 0.5, 1.5]], "bias": [0], "activation": "sigmoid"}],
           "x": [[1.62, -0.61, -0.53], [-1.07, 0.87, -2.3]],
           "y": [[1, 0, 1]],
           "loss": "binary-cross-entropy",
           "lossInput": "probabilities"}
    col.add("example/tanh-sigmoid-binary-cross-entropy-probabilities", req)


def main():
    col = Collector()
    loss_grid(col)
    regularization_cases(col)
    upstream_cases(col)
    dropout_cases(col)
    batchnorm_cases(col)
    combination_cases(col)
    integer_cases(col)
    examples(col)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = "\n".join(col.cases) + "\n"
    OUT.write_text(data, encoding="utf-8")
    print("torch %s" % torch.__version__)
    print("cases %d" % len(col.cases))
    print("by family: %s" % ", ".join("%s %d" % kv for kv in sorted(col.counts.items())))
    print("finite-difference checked %d cases, worst scaled error %.2e"
          % (col.fd_checked, col.fd_worst))
    print("v1 requests checked against generate.py: %d" % col.v1_checked)
    print("wrote %s (%d bytes)" % (OUT.relative_to(ROOT), len(data.encode("utf-8"))))


if __name__ == "__main__":
    sys.exit(main())
