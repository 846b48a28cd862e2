"""Golden cases for POST /api/v1/optimizer-step, from torch.optim (1.13, float64).

Each case is one optimizer step: {"name", "request", "response"}. Cases of one scenario are
consecutive steps of ONE live torch optimizer; each later request carries, as its `state`, the
torch state the previous step left (converted to the API's buffer names), so the service is
checked on continuing from a state as well as on starting fresh. Some scenarios set torch's state
by hand before the first step (a given `state` in the first request).

Run from the repository root with Debian's python (it has python3-torch):

    /usr/bin/python3 scripts/golden/optimizer_step.py

Deterministic: fixed seeds, byte-identical output on re-run.
"""

import json
import pathlib

import torch

torch.set_default_dtype(torch.float64)

OUT = pathlib.Path("src/test/resources/golden/optimizer-step-cases.jsonl")

# torch's state keys and the API's buffer names
BUFFERS = {
    "momentum_buffer": "momentumBuffer",
    "exp_avg": "expAvg",
    "exp_avg_sq": "expAvgSq",
    "max_exp_avg_sq": "maxExpAvgSq",
    "square_avg": "squareAvg",
    "grad_avg": "gradAvg",
    "sum": "sum",
}

CLASSES = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "rmsprop": torch.optim.RMSprop,
    "adagrad": torch.optim.Adagrad,
}

# the API's option names and torch's keyword arguments
KEYWORDS = {
    "learningRate": "lr",
    "momentum": "momentum",
    "dampening": "dampening",
    "nesterov": "nesterov",
    "weightDecay": "weight_decay",
    "betas": "betas",
    "epsilon": "eps",
    "amsgrad": "amsgrad",
    "alpha": "alpha",
    "centered": "centered",
    "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
}


def to_json(tensor):
    return tensor.detach().tolist()


def torch_state(optimizer, params):
    """The API's state.parameters for torch's optimizer.state."""
    out = {}
    for name, p in params.items():
        buffers = {}
        for key, value in optimizer.state[p].items():
            if key in BUFFERS and value is not None:
                buffers[BUFFERS[key]] = to_json(value)
        out[name] = buffers
    return out


def set_state(optimizer, params, name, step, buffers):
    """Sets torch's state of one parameter by hand, as the API's `state` describes it."""
    p = params[name]
    state = optimizer.state[p]
    if name_of(optimizer) in ("adam", "adamw", "adagrad"):
        state["step"] = torch.tensor(float(step))
    elif name_of(optimizer) == "rmsprop":
        state["step"] = step
    for api_name, values in buffers.items():
        key = next(k for k, v in BUFFERS.items() if v == api_name)
        state[key] = torch.tensor(values)


def name_of(optimizer):
    return next(n for n, c in CLASSES.items() if type(optimizer) is c)


def scenario(name, optimizer_json, shapes, steps, seed, initial=None):
    """Cases for `steps` consecutive steps; `initial(params) -> (t, {name: buffers})` sets a first state."""
    g = torch.Generator().manual_seed(seed)
    params = {n: torch.randn(*shape, generator=g).requires_grad_(False) for n, shape in shapes.items()}
    kwargs = {KEYWORDS[k]: (tuple(v) if k == "betas" else v) for k, v in optimizer_json.items() if k != "name"}
    optimizer = CLASSES[optimizer_json["name"]](list(params.values()), foreach=False, **kwargs)
    t = None
    if initial is not None:
        t, buffers = initial(params, g)
        for n, b in buffers.items():
            set_state(optimizer, params, n, t, b)
    cases = []
    for i in range(steps):
        grads = {n: torch.randn(*p.shape, generator=g) for n, p in params.items()}
        request = {
            "optimizer": optimizer_json,
            "parameters": {n: to_json(p) for n, p in params.items()},
            "gradients": {n: to_json(gr) for n, gr in grads.items()},
        }
        if t is not None:
            request["state"] = {"step": t, "parameters": torch_state(optimizer, params)}
        for n, p in params.items():
            p.grad = grads[n].clone()
        optimizer.step()
        t = (t or 0) + 1
        for p in params.values():
            if "step" in optimizer.state[p]:
                assert int(optimizer.state[p]["step"]) == t, (name, optimizer.state[p]["step"], t)
        response = {
            "parameters": {n: to_json(p) for n, p in params.items()},
            "state": {"step": t, "parameters": torch_state(optimizer, params)},
        }
        cases.append({"name": f"{name} step {i + 1}", "request": request, "response": response})
    return cases


def randn_like_all(params, g, positive=False, offset=0.0):
    out = {}
    for n, p in params.items():
        x = torch.randn(*p.shape, generator=g)
        out[n] = to_json(x.abs() + offset if positive else x)
    return out


def given(t, **makers):
    """An initial state at step t: for each buffer name, a maker(params, g) -> {parameter: values}."""

    def initial(params, g):
        buffers = {n: {} for n in params}
        for buffer, maker in makers.items():
            for n, values in maker(params, g).items():
                buffers[n][buffer] = values
        return t, buffers

    return initial


def zeros(params, g):
    return {n: to_json(torch.zeros_like(p)) for n, p in params.items()}


def normal(params, g):
    return randn_like_all(params, g)


def positive(params, g):
    return randn_like_all(params, g, positive=True, offset=0.1)


def centered_rmsprop_state(t):
    """squareAvg ≥ gradAvg² so that the centered variance stays positive."""

    def initial(params, g):
        buffers = {}
        for n, p in params.items():
            grad_avg = torch.randn(*p.shape, generator=g)
            square_avg = grad_avg**2 + torch.rand(*p.shape, generator=g) + 0.1
            momentum = torch.randn(*p.shape, generator=g)
            buffers[n] = {
                "squareAvg": to_json(square_avg),
                "momentumBuffer": to_json(momentum),
                "gradAvg": to_json(grad_avg),
            }
        return t, buffers

    return initial


MATRIX_AND_BIAS = {"w": (2, 3), "b": (2,)}
ROW_AND_VECTOR = {"w": (1, 3), "v": (3,)}
COLUMN = {"theta": (3, 1)}
TWO_LAYERS = {"W1": (3, 2), "b1": (3,), "W2": (1, 3), "b2": (1,)}


def all_cases():
    cases = []
    cases += scenario("sgd plain", {"name": "sgd", "learningRate": 0.1}, MATRIX_AND_BIAS, 2, 1)
    cases += scenario(
        "sgd momentum dampening weight decay, fresh state",
        {"name": "sgd", "learningRate": 0.05, "momentum": 0.9, "dampening": 0.1, "weightDecay": 0.01},
        MATRIX_AND_BIAS,
        3,
        2,
    )
    cases += scenario(
        "sgd nesterov, given momentum buffer",
        {"name": "sgd", "learningRate": 0.2, "momentum": 0.8, "nesterov": True, "weightDecay": 0.05},
        ROW_AND_VECTOR,
        3,
        3,
        given(5, momentumBuffer=normal),
    )
    cases += scenario(
        "sgd momentum from a zero velocity",
        {"name": "sgd", "learningRate": 0.1, "momentum": 0.9},
        COLUMN,
        2,
        4,
        given(0, momentumBuffer=zeros),
    )
    cases += scenario(
        "sgd dampening from a zero buffer",
        {"name": "sgd", "learningRate": 0.1, "momentum": 0.5, "dampening": 0.5},
        ROW_AND_VECTOR,
        2,
        5,
        given(0, momentumBuffer=zeros),
    )
    cases += scenario(
        "adam betas epsilon weight decay, fresh state",
        {"name": "adam", "learningRate": 0.01, "betas": [0.8, 0.95], "epsilon": 1e-6, "weightDecay": 0.1},
        MATRIX_AND_BIAS,
        3,
        6,
    )
    cases += scenario("adam defaults", {"name": "adam", "learningRate": 0.001}, TWO_LAYERS, 2, 7)
    cases += scenario(
        "adam amsgrad, given state",
        {"name": "adam", "learningRate": 0.05, "betas": [0.7, 0.9], "amsgrad": True},
        ROW_AND_VECTOR,
        3,
        8,
        given(4, expAvg=normal, expAvgSq=positive, maxExpAvgSq=positive),
    )
    cases += scenario("adamw defaults", {"name": "adamw", "learningRate": 0.01}, MATRIX_AND_BIAS, 3, 9)
    cases += scenario(
        "adamw amsgrad weight decay, given state",
        {"name": "adamw", "learningRate": 0.1, "betas": [0.5, 0.9], "epsilon": 1e-4, "weightDecay": 0.2,
         "amsgrad": True},
        COLUMN,
        3,
        10,
        given(2, expAvg=normal, expAvgSq=positive, maxExpAvgSq=positive),
    )
    cases += scenario(
        "rmsprop alpha epsilon, fresh state",
        {"name": "rmsprop", "learningRate": 0.01, "alpha": 0.9, "epsilon": 1e-6},
        MATRIX_AND_BIAS,
        2,
        11,
    )
    cases += scenario(
        "rmsprop momentum centered weight decay, fresh state",
        {"name": "rmsprop", "learningRate": 0.02, "alpha": 0.8, "momentum": 0.5, "centered": True,
         "weightDecay": 0.1},
        TWO_LAYERS,
        3,
        12,
    )
    cases += scenario(
        "rmsprop momentum centered, given state",
        {"name": "rmsprop", "learningRate": 0.05, "momentum": 0.3, "centered": True},
        ROW_AND_VECTOR,
        3,
        13,
        centered_rmsprop_state(7),
    )
    cases += scenario(
        "rmsprop momentum, given state",
        {"name": "rmsprop", "learningRate": 0.05, "momentum": 0.9, "weightDecay": 0.01},
        COLUMN,
        2,
        14,
        given(3, squareAvg=positive, momentumBuffer=normal),
    )
    cases += scenario(
        "adagrad lr decay weight decay initial accumulator, fresh state",
        {"name": "adagrad", "learningRate": 0.1, "lrDecay": 0.1, "weightDecay": 0.05,
         "initialAccumulatorValue": 0.5, "epsilon": 1e-8},
        MATRIX_AND_BIAS,
        3,
        15,
    )
    cases += scenario(
        "adagrad lr decay, given state",
        {"name": "adagrad", "learningRate": 0.5, "lrDecay": 0.25},
        ROW_AND_VECTOR,
        3,
        16,
        given(2, sum=positive),
    )
    return cases


def self_check(cases):
    # plain SGD is θ − ηg, by hand
    first = cases[0]
    for n, w in first["request"]["parameters"].items():
        g = first["request"]["gradients"][n]
        expected = (torch.tensor(w) - 0.1 * torch.tensor(g)).tolist()
        assert torch.allclose(torch.tensor(first["response"]["parameters"][n]), torch.tensor(expected),
                              rtol=0, atol=1e-15)
    # the course's v = μv − ηg, w ← w + v from v = 0 gives the same parameters
    course = [c for c in cases if c["name"].startswith("sgd momentum from a zero velocity")]
    v = torch.zeros(3, 1)
    w = torch.tensor(course[0]["request"]["parameters"]["theta"])
    for case in course:
        v = 0.9 * v - 0.1 * torch.tensor(case["request"]["gradients"]["theta"])
        w = w + v
        assert torch.allclose(torch.tensor(case["response"]["parameters"]["theta"]), w, rtol=1e-14, atol=1e-15)
    # every name is unique
    assert len({c["name"] for c in cases}) == len(cases)


def main():
    cases = all_cases()
    self_check(cases)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("torch", torch.__version__)
    print("cases", len(cases))


if __name__ == "__main__":
    main()
