#!/usr/bin/python3
"""Independent PyTorch reference generator for /api/v1/backprop golden fixtures.

Run from anywhere with the Debian interpreter (PyTorch CPU, float64):

    /usr/bin/python3 scripts/golden/generate.py

Writes src/test/resources/golden/backprop-cases.jsonl, one JSON object per line:
{"name": ..., "request": <backprop request>, "response": <expected backprop response>}.

Every number in a response comes from torch.nn.functional + autograd in float64; nothing is
differentiated by hand.  Layout handling: the weights and x/y are leaf tensors *as sent*; they are
mapped to torch orientation (N x D, W_k as D_k x D_{k-1}) inside the autograd graph, so
weightGradient comes out of autograd in the shape of W as sent.  s_k / z_k are computed in torch
orientation (N x D_k) and transposed for the dimension-first layout; delta_k = dL/ds_k is N x D_k
in every layout, as is outputGradient = dL/dz_L.

The output is deterministic: all data comes from random.Random with fixed seeds.
"""
import json
import math
import random
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)

DT = torch.float64
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "test" / "resources" / "golden" / "backprop-cases.jsonl"

LAYOUTS = ["dimension-first", "sample-first", "torch"]

ACTIVATIONS = {
    "identity": lambda s: s,
    "relu": F.relu,
    "leaky-relu": lambda s: F.leaky_relu(s, negative_slope=0.01),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softplus": lambda s: F.softplus(s, beta=1, threshold=20),
    "elu": lambda s: F.elu(s, alpha=1.0),
    "gelu": lambda s: F.gelu(s, approximate="none"),
    "silu": F.silu,
    "softmax": lambda s: F.softmax(s, dim=1),  # torch orientation: dim 1 = units of one sample
}

LOSSES = {
    "half-sse": lambda out, y: 0.5 * ((out - y) ** 2).sum(),
    "sse": lambda out, y: ((out - y) ** 2).sum(),
    "mse": lambda out, y: F.mse_loss(out, y, reduction="mean"),
    # probability targets (same shape, floating) -> soft-label cross-entropy, mean over N
    "cross-entropy": lambda out, y: F.cross_entropy(out, y, reduction="mean"),
    "binary-cross-entropy": lambda out, y: F.binary_cross_entropy_with_logits(out, y, reduction="mean"),
}

KINKED = {"relu", "leaky-relu", "elu"}  # activations with a kink at 0


# ----------------------------------------------------------------------------------------------
# the reference computation
# ----------------------------------------------------------------------------------------------

def to_torch_orientation(layout, m):
    """x or y as sent -> N x D."""
    return m.t() if layout == "dimension-first" else m


def weight_to_torch(layout, w):
    """W as sent -> D_k x D_{k-1} (nn.Linear orientation), inside the autograd graph."""
    return w.t() if layout == "sample-first" else w


def from_torch_orientation(layout, m):
    """N x D_k -> orientation of s_k / z_k / output in the layout."""
    return m.t() if layout == "dimension-first" else m


def forward_backward(req):
    """Returns (response dict, internals) for a /backprop request, computed by autograd."""
    layout = req["layout"]
    loss_name = req.get("loss", "half-sse")
    x = torch.tensor(req["x"], dtype=DT)
    y = torch.tensor(req["y"], dtype=DT)
    z = to_torch_orientation(layout, x)
    yt = to_torch_orientation(layout, y)

    ws, bs, ss, zs = [], [], [], []
    for layer in req["layers"]:
        w = torch.tensor(layer["weights"], dtype=DT, requires_grad=True)
        b = torch.tensor(layer["bias"], dtype=DT, requires_grad=True) if "bias" in layer else None
        s = F.linear(z, weight_to_torch(layout, w), b)
        s.retain_grad()
        z = ACTIVATIONS[layer["activation"]](s)
        if z is not s:
            z.retain_grad()
        ws.append(w)
        bs.append(b)
        ss.append(s)
        zs.append(z)

    out = zs[-1]
    loss = LOSSES[loss_name](out, yt)
    loss.backward()

    def g(t):
        return t.grad if t.grad is not None else torch.zeros_like(t)

    layers = []
    for w, b, s, zk in zip(ws, bs, ss, zs):
        entry = {
            "preActivation": mat(from_torch_orientation(layout, s)),
            "activation": mat(from_torch_orientation(layout, zk)),
            "delta": mat(g(s)),  # N x D_k in every layout
            "weightGradient": mat(g(w)),  # shape of W as sent
        }
        if b is not None:
            entry["biasGradient"] = vec(g(b))
        layers.append(entry)

    resp = {
        "layout": layout,
        "loss": num(loss.item()),
        "output": mat(from_torch_orientation(layout, out)),
        "outputGradient": mat(g(out)),  # N x D_L in every layout
        "layers": layers,
    }
    return resp, {"s": [s.detach() for s in ss], "loss": loss.item()}


def loss_only(req):
    """Loss of a request, no gradients (for the finite-difference self-check)."""
    layout = req["layout"]
    with torch.no_grad():
        z = to_torch_orientation(layout, torch.tensor(req["x"], dtype=DT))
        yt = to_torch_orientation(layout, torch.tensor(req["y"], dtype=DT))
        for layer in req["layers"]:
            w = torch.tensor(layer["weights"], dtype=DT)
            b = torch.tensor(layer["bias"], dtype=DT) if "bias" in layer else None
            z = ACTIVATIONS[layer["activation"]](F.linear(z, weight_to_torch(layout, w), b))
        return LOSSES[req.get("loss", "half-sse")](z, yt).item()


def num(v):
    v = float(v)
    if not math.isfinite(v):
        raise ValueError("non-finite value %r" % v)
    return v + 0.0  # normalise -0.0 to 0.0


def mat(t):
    return [[num(v) for v in row] for row in t.detach().tolist()]


def vec(t):
    return [num(v) for v in t.detach().tolist()]


# ----------------------------------------------------------------------------------------------
# self-checks (verification only: no number written to the file comes from here)
# ----------------------------------------------------------------------------------------------

def shape(m):
    return (len(m), len(m[0]))


def check_shapes(req, resp):
    layout = req["layout"]
    xs = shape(req["x"])
    n = xs[1] if layout == "dimension-first" else xs[0]
    for k, (layer, out) in enumerate(zip(req["layers"], resp["layers"])):
        ws = shape(layer["weights"])
        dk = ws[1] if layout == "sample-first" else ws[0]
        sd = (dk, n) if layout == "dimension-first" else (n, dk)
        assert shape(out["preActivation"]) == sd, (k, "s")
        assert shape(out["activation"]) == sd, (k, "z")
        assert shape(out["delta"]) == (n, dk), (k, "delta")
        assert shape(out["weightGradient"]) == ws, (k, "dW")
        assert ("biasGradient" in out) == ("bias" in layer)
        if "bias" in layer:
            assert len(out["biasGradient"]) == dk
            # biasGradient = sum of delta over the samples
            for j in range(dk):
                tot = sum(out["delta"][i][j] for i in range(n))
                assert abs(tot - out["biasGradient"][j]) <= 1e-9 * (1 + abs(tot)), (k, "db")
    ds = (resp["layers"][-1]["delta"])
    assert shape(resp["outputGradient"]) == shape(ds)
    assert shape(resp["output"]) == shape(req["y"])


def check_finite_differences(req, resp):
    """Central differences of the loss for every weight / bias vs. the autograd gradient."""
    base = json.loads(json.dumps(req))
    worst = 0.0
    for k, layer in enumerate(base["layers"]):
        targets = [("weights", i, j) for i in range(len(layer["weights"]))
                   for j in range(len(layer["weights"][0]))]
        if "bias" in layer:
            targets += [("bias", j, None) for j in range(len(layer["bias"]))]
        for field, i, j in targets:
            orig = layer[field][i] if j is None else layer[field][i][j]
            h = 1e-6 * max(1.0, abs(orig))
            vals = []
            for sign in (1, -1):
                if j is None:
                    layer[field][i] = orig + sign * h
                else:
                    layer[field][i][j] = orig + sign * h
                vals.append(loss_only(base))
            if j is None:
                layer[field][i] = orig
                a = resp["layers"][k]["biasGradient"][i]
            else:
                layer[field][i][j] = orig
                a = resp["layers"][k]["weightGradient"][i][j]
            numeric = (vals[0] - vals[1]) / (2 * h)
            scale = max(1.0, abs(a), abs(numeric), abs(resp["loss"]) * 1e-3)
            worst = max(worst, abs(a - numeric) / scale)
    return worst


def has_kink_tie(req, internals, tol=1e-5):
    """True if some kinked activation has an input within tol of 0 (FD is meaningless there)."""
    for layer, s in zip(req["layers"], internals["s"]):
        if layer["activation"] in KINKED and bool((s.abs() < tol).any()):
            return True
    return False


def exact_kink_ties(req, internals):
    n = 0
    for layer, s in zip(req["layers"], internals["s"]):
        if layer["activation"] in KINKED:
            n += int((s == 0).sum())
    return n


# ----------------------------------------------------------------------------------------------
# case construction
# ----------------------------------------------------------------------------------------------

def T(m):
    return [list(r) for r in zip(*m)]


def build_request(layout, weights_torch, biases, acts, x_nd, y_nd, loss):
    """weights_torch: list of D_k x D_{k-1} lists (nn.Linear orientation); x_nd / y_nd: N x D.
    Converts to the layout's orientation (pure re-arrangement of the same numbers)."""
    layers = []
    for w, b, a in zip(weights_torch, biases, acts):
        layer = {"weights": T(w) if layout == "sample-first" else [list(r) for r in w]}
        if b is not None:
            layer["bias"] = list(b)
        layer["activation"] = a
        layers.append(layer)
    if layout == "dimension-first":
        x, y = T(x_nd), T(y_nd)
    else:
        x, y = [list(r) for r in x_nd], [list(r) for r in y_nd]
    req = {"layout": layout, "layers": layers, "x": x, "y": y}
    if loss is not None:
        req["loss"] = loss
    return req


def rnd(v, places=4):
    r = round(v, places)
    return r + 0.0


def gauss_matrix(rng, rows, cols, scale=1.0, places=4):
    return [[rnd(rng.gauss(0.0, 1.0) * scale, places) for _ in range(cols)] for _ in range(rows)]


def prob_rows(rng, n, d):
    """Probability rows with exactly representable entries summing exactly to 1 (c_j / 2^m)."""
    rows = []
    for i in range(n):
        kind = rng.random()
        if kind < 0.3:  # one-hot
            r = [0.0] * d
            r[rng.randrange(d)] = 1.0
        else:
            total = 16
            cuts = sorted(rng.randint(0, total) for _ in range(d - 1))
            parts = [b - a for a, b in zip([0] + cuts, cuts + [total])]
            r = [p / total for p in parts]
        assert sum(r) == 1.0 and all(v >= 0 for v in r)
        rows.append(r)
    return rows


def targets(rng, loss, n, d):
    if loss == "cross-entropy":
        return prob_rows(rng, n, d)
    if loss == "binary-cross-entropy":
        return [[rng.choice([0.0, 1.0]) if rng.random() < 0.4 else rnd(rng.random(), 3)
                 for _ in range(d)] for _ in range(n)]
    return gauss_matrix(rng, n, d, 1.0, 3)


def random_network(rng, sizes, with_bias, scale=1.2):
    ws, bs = [], []
    for k in range(1, len(sizes)):
        ws.append(gauss_matrix(rng, sizes[k], sizes[k - 1], scale / math.sqrt(sizes[k - 1])))
        bs.append([rnd(rng.gauss(0.0, 0.5)) for _ in range(sizes[k])] if with_bias else None)
    return ws, bs


class Collector:
    def __init__(self):
        self.cases = []
        self.names = set()
        self.fd_checked = 0
        self.fd_worst = 0.0

    def add(self, name, req, fd=True, expect_ties=False):
        assert name not in self.names, "duplicate name " + name
        resp, internals = forward_backward(req)
        check_shapes(req, resp)
        if expect_ties:
            ties = exact_kink_ties(req, internals)
            assert ties > 0, "expected an exact 0 kink input in " + name
        if fd and not has_kink_tie(req, internals):
            worst = check_finite_differences(req, resp)
            assert worst < 1e-5, (name, worst)
            self.fd_checked += 1
            self.fd_worst = max(self.fd_worst, worst)
        # json.dumps(allow_nan=False) below is a second guard against non-finite numbers
        line = json.dumps({"name": name, "request": req, "response": resp},
                          separators=(",", ":"), allow_nan=False)
        self.names.add(name)
        self.cases.append(line)
        return resp


def grid(col):
    """every layout x activation x loss, with bias and the same network without bias."""
    rng = random.Random(20240601)
    idx = 0
    for layout in LAYOUTS:
        for act in ACTIVATIONS:
            for loss in LOSSES:
                depth = idx % 4 + 1
                idx += 1
                n = rng.randint(1, 4)
                d_out = rng.randint(2, 3) if loss == "cross-entropy" else rng.randint(1, 3)
                if depth >= 3:
                    hidden = [rng.randint(1, 3) for _ in range(depth - 1)]
                else:
                    hidden = [rng.randint(1, 4) for _ in range(depth - 1)]
                sizes = [rng.randint(1, 4)] + hidden + [d_out]
                ws, bs = random_network(rng, sizes, True)
                x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
                y = targets(rng, loss, n, d_out)
                acts = [act] * depth
                for with_bias in (True, False):
                    b = bs if with_bias else [None] * depth
                    req = build_request(layout, ws, b, acts, x, y, loss)
                    name = "%s/%s/%s/%s/depth%d/N%d" % (
                        layout, act, loss, "bias" if with_bias else "nobias", depth, n)
                    col.add(name, req)


def mixed_output(col):
    """hidden activation under test, a different output activation, mixed per-layer bias."""
    rng = random.Random(7)
    outs = ["identity", "sigmoid", "softmax", "tanh"]
    losses = list(LOSSES)
    i = 0
    for act in ACTIVATIONS:
        for layout in LAYOUTS:
            out_act = outs[i % len(outs)]
            if out_act == act:
                out_act = "identity" if act != "identity" else "sigmoid"
            loss = losses[i % len(losses)]
            i += 1
            depth = 2 + i % 2
            n = rng.randint(2, 4)
            d_out = rng.randint(2, 3)
            sizes = [rng.randint(2, 4)] + [rng.randint(2, 4) for _ in range(depth - 1)] + [d_out]
            ws, bs = random_network(rng, sizes, True)
            bs = [b if (k + i) % 2 == 0 else None for k, b in enumerate(bs)]  # some layers only
            x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
            y = targets(rng, loss, n, d_out)
            acts = [act] * (depth - 1) + [out_act]
            bias_tag = "".join("b" if b is not None else "-" for b in bs)
            name = "%s/mixed/%s-then-%s/%s/bias[%s]/depth%d/N%d" % (
                layout, act, out_act, loss, bias_tag, depth, n)
            col.add(name, build_request(layout, ws, bs, acts, x, y, loss))


def edges(col):
    """N = 1, width-1 input / hidden / output, depth 1, loss omitted (default half-sse)."""
    rng = random.Random(99)
    configs = [
        ("N1", [3, 2, 2], 1),
        ("N1-depth1", [4, 3], 1),
        ("input-width1", [1, 3, 2], 3),
        ("hidden-width1", [3, 1, 2], 3),
        ("output-width1", [3, 3, 1], 4),
        ("all-width1", [1, 1, 1, 1], 2),
        ("all-width1-N1", [1, 1], 1),
        ("depth1", [3, 2], 4),
        ("depth1-width1-out", [2, 1], 5),
        ("depth4-N5", [2, 3, 2, 3, 2], 5),
    ]
    acts_cycle = list(ACTIVATIONS)
    losses = ["half-sse", "sse", "mse", "binary-cross-entropy", "cross-entropy"]
    i = 0
    for layout in LAYOUTS:
        for tag, sizes, n in configs:
            act = acts_cycle[i % len(acts_cycle)]
            loss = losses[i % len(losses)]
            i += 1
            if loss == "cross-entropy" and sizes[-1] == 1:
                loss = "mse"
            with_bias = i % 2 == 0
            ws, bs = random_network(rng, sizes, with_bias)
            x = gauss_matrix(rng, n, sizes[0], 1.0, 3)
            y = targets(rng, loss, n, sizes[-1])
            depth = len(sizes) - 1
            name = "%s/edge/%s/%s/%s/%s/depth%d/N%d" % (
                layout, tag, act, loss, "bias" if with_bias else "nobias", depth, n)
            col.add(name, build_request(layout, ws, bs, [act] * depth, x, y, loss))
        # default loss: "loss" omitted -> half-sse
        ws, bs = random_network(rng, [2, 3, 2], True)
        x = gauss_matrix(rng, 3, 2, 1.0, 3)
        y = gauss_matrix(rng, 3, 2, 1.0, 3)
        name = "%s/edge/default-loss-omitted/tanh-identity/bias/depth2/N3" % layout
        col.add(name, build_request(layout, ws, bs, ["tanh", "identity"], x, y, None))
        # cross-entropy with a single output unit: softmax of one logit is 1, the gradient 0
        ws, bs = random_network(rng, [2, 1], True)
        x = gauss_matrix(rng, 2, 2, 1.0, 3)
        name = "%s/edge/cross-entropy-width1/identity/bias/depth1/N2" % layout
        col.add(name, build_request(layout, ws, bs, ["identity"], x, [[1.0], [1.0]],
                                    "cross-entropy"))


# API.md's worked example (dimension-first) and its expected response
WORKED_REQUEST = {
    "layout": "dimension-first",
    "layers": [
        {"weights": [[1, -1], [0, 2], [1, 1]], "activation": "relu"},
        {"weights": [[1, -2, 1]], "bias": [0.5], "activation": "identity"},
    ],
    "x": [[1, 0, -1, 2], [2, 1, 0, -1]],
    "y": [[1, 0, 0, 1]],
    "loss": "half-sse",
}
WORKED_RESPONSE = {
    "layout": "dimension-first",
    "loss": 24.5,
    "output": [[-4.5, -2.5, 0.5, 4.5]],
    "outputGradient": [[-5.5], [-2.5], [0.5], [3.5]],
    "layers": [
        {"preActivation": [[-1, -1, -1, 3], [4, 2, 0, -2], [3, 1, -1, 1]],
         "activation": [[0, 0, 0, 3], [4, 2, 0, 0], [3, 1, 0, 1]],
         "delta": [[0, 11, -5.5], [0, 5, -2.5], [0, 0, 0], [3.5, 0, 3.5]],
         "weightGradient": [[7, -3.5], [11, 27], [1.5, -17]]},
        {"preActivation": [[-4.5, -2.5, 0.5, 4.5]],
         "activation": [[-4.5, -2.5, 0.5, 4.5]],
         "delta": [[-5.5], [-2.5], [0.5], [3.5]],
         "weightGradient": [[10.5, -27, -15.5]],
         "biasGradient": [-4]},
    ],
}


def same_numbers(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_numbers(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_numbers(u, v) for u, v in zip(a, b))
    if isinstance(a, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return a == b


def integer_ties(col):
    """Small-integer cases with kink inputs exactly 0, incl. API.md's worked example."""
    resp = col.add("dimension-first/api-md-worked-example/relu-identity/half-sse/depth2/N4",
                   WORKED_REQUEST, expect_ties=True)
    assert same_numbers(resp, WORKED_RESPONSE), "worked example does not match API.md"

    # the same worked example in the other layouts (same numbers, re-arranged)
    wt = [WORKED_REQUEST["layers"][0]["weights"], WORKED_REQUEST["layers"][1]["weights"]]
    x_nd, y_nd = T(WORKED_REQUEST["x"]), T(WORKED_REQUEST["y"])
    for layout in ["sample-first", "torch"]:
        req = build_request(layout, wt, [None, [0.5]], ["relu", "identity"], x_nd, y_nd,
                            "half-sse")
        r = col.add("%s/api-md-worked-example/relu-identity/half-sse/depth2/N4" % layout, req,
                    expect_ties=True)
        assert r["loss"] == 24.5
        assert r["layers"][0]["delta"] == WORKED_RESPONSE["layers"][0]["delta"]
        assert r["outputGradient"] == WORKED_RESPONSE["outputGradient"]
        for k in range(2):
            want = WORKED_RESPONSE["layers"][k]["weightGradient"]
            got = r["layers"][k]["weightGradient"]
            assert same_numbers(T(got) if layout == "sample-first" else got, want)
        assert same_numbers(T(r["output"]), WORKED_RESPONSE["output"])
    # worked example with the other kinked activations in the hidden layer
    for act in ["leaky-relu", "elu"]:
        for layout in LAYOUTS:
            req = build_request(layout, wt, [None, [0.5]], [act, "identity"], x_nd, y_nd,
                                "half-sse")
            col.add("%s/api-md-worked-example/%s-identity/half-sse/depth2/N4" % (layout, act),
                    req, expect_ties=True)

    # random small-integer networks, redrawn until an exact 0 kink input occurs
    rng = random.Random(31337)
    losses = ["half-sse", "sse", "mse", "binary-cross-entropy", "cross-entropy"]
    i = 0
    for layout in LAYOUTS:
        for act in ["relu", "leaky-relu", "elu"]:
            for depth in (1, 2, 3):
                loss = losses[i % len(losses)]
                i += 1
                while True:
                    n = rng.randint(2, 4)
                    sizes = [rng.randint(2, 3) for _ in range(depth)] + [rng.randint(2, 3)]
                    ws = [[[rng.randint(-2, 2) for _ in range(sizes[k - 1])]
                           for _ in range(sizes[k])] for k in range(1, len(sizes))]
                    bs = [[rng.randint(-1, 1) for _ in range(sizes[k])] if rng.random() < 0.5
                          else None for k in range(1, len(sizes))]
                    x = [[rng.randint(-2, 2) for _ in range(sizes[0])] for _ in range(n)]
                    if loss == "cross-entropy":
                        y = prob_rows(rng, n, sizes[-1])
                    elif loss == "binary-cross-entropy":
                        y = [[rng.choice([0, 1, 0.5]) for _ in range(sizes[-1])] for _ in range(n)]
                    else:
                        y = [[rng.randint(-2, 2) for _ in range(sizes[-1])] for _ in range(n)]
                    acts = [act] * depth
                    req = build_request(layout, ws, bs, acts, x, y, loss)
                    _, internals = forward_backward(req)
                    if exact_kink_ties(req, internals) > 0:
                        break
                name = "%s/ties/%s/%s/%s/depth%d/N%d" % (
                    layout, act, loss, "bias" if any(b is not None for b in bs) else "nobias",
                    depth, n)
                col.add(name, req, expect_ties=True)


def stability(col):
    """Huge pre-activations / logits: every result must be finite."""
    big = [
        # (tag, activation, loss, weights (torch orientation), bias, x (N x D), y (N x D))
        ("softplus-pm1000", "softplus", "half-sse", [[1000]], None, [[1], [-1]], [[0], [0]]),
        ("softplus-threshold-20", "softplus", "half-sse", [[1]], None,
         [[20], [20.5], [19.5], [-20]], [[0], [0], [0], [0]]),
        ("sigmoid-pm1000", "sigmoid", "half-sse", [[1000]], None, [[1], [-1]], [[0.5], [0.5]]),
        ("sigmoid-pm1000-bce", "sigmoid", "binary-cross-entropy", [[1000]], None,
         [[1], [-1]], [[1], [0]]),
        ("tanh-pm1000", "tanh", "mse", [[1000]], None, [[1], [-1]], [[0], [0]]),
        ("elu-pm1000", "elu", "sse", [[1000]], None, [[1], [-1]], [[0], [0]]),
        ("gelu-pm1000", "gelu", "half-sse", [[1000]], None, [[1], [-1]], [[0], [0]]),
        ("silu-pm1000", "silu", "half-sse", [[1000]], None, [[1], [-1]], [[0], [0]]),
        ("leaky-relu-pm1000", "leaky-relu", "mse", [[1000]], None, [[1], [-1]], [[0], [0]]),
        ("cross-entropy-logits-1000-0", "identity", "cross-entropy", [[1000, 0], [0, 0]], None,
         [[1, 0], [1, 0], [-1, 0]], [[1, 0], [0, 1], [0.5, 0.5]]),
        ("bce-logits-pm1000", "identity", "binary-cross-entropy", [[1000], [-1000]], None,
         [[1], [-1]], [[1, 0], [0, 1]]),
        ("bce-logits-pm1000-soft", "identity", "binary-cross-entropy", [[1000], [-1000]], None,
         [[1], [-1], [0.001]], [[0.25, 0.75], [0.5, 0.5], [0, 1]]),
        ("softmax-large-logits", "softmax", "half-sse", [[1000, 0], [999, 0], [-1000, 0]],
         None, [[1, 0], [1, 1], [-1, 0]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
        ("softmax-large-logits-ce", "softmax", "cross-entropy", [[1000], [0], [-1000]], [0, 1, 2],
         [[1], [-1]], [[1, 0, 0], [0, 0, 1]]),
    ]
    for layout in LAYOUTS:
        for tag, act, loss, w, b, x, y in big:
            req = build_request(layout, [w], [b], [act], x, y, loss)
            n = len(x)
            col.add("%s/stability/%s/%s/%s/depth1/N%d" % (layout, tag, act, loss, n), req,
                    fd=False)
        # a deeper net that saturates its hidden sigmoid / softplus layer
        for act in ["sigmoid", "softplus", "tanh", "silu"]:
            w1 = [[500, -500], [-800, 300], [2, 1]]
            w2 = [[1, -1, 0.5], [0.25, 2, -1]]
            x = [[1, 2], [-2, -1], [0.5, -3]]
            y = [[0.5, 0.5], [1, 0], [0, 1]]
            req = build_request(layout, [w1, w2], [[0, 0, 0], [0.5, -0.5]], [act, "identity"],
                                x, y, "cross-entropy")
            col.add("%s/stability/saturated-hidden/%s-identity/cross-entropy/depth2/N3"
                    % (layout, act), req, fd=False)


def main():
    col = Collector()
    grid(col)
    mixed_output(col)
    edges(col)
    integer_ties(col)
    stability(col)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = "\n".join(col.cases) + "\n"
    OUT.write_text(data, encoding="utf-8")
    print("torch %s" % torch.__version__)
    print("cases %d" % len(col.cases))
    print("finite-difference checked %d cases, worst scaled error %.2e"
          % (col.fd_checked, col.fd_worst))
    print("wrote %s (%d bytes)" % (OUT.relative_to(ROOT), len(data.encode("utf-8"))))


if __name__ == "__main__":
    sys.exit(main())
