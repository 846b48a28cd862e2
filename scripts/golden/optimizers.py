"""torch.optim (1.13) behind API.md's optimizer objects, for generate_train.py and
generate_optimizer_step.py.

* make_optimizer(spec, params): the API's {"name", "learningRate", ...} -> a torch.optim optimizer
  with PyTorch's defaults for every field not given (foreach=False: the single-tensor code path).
* load_state / dump_state: one parameter's optimizer state <-> the API's buffers object, e.g.
  {"expAvg": ..., "expAvgSq": ...}, each shaped like its parameter as sent.  The step counter is
  what torch 1.13 keeps in optimizer.state[p]["step"]: a float tensor for adam, adamw and
  adagrad, a Python int for rmsprop, nothing for sgd (the generators count sgd's steps).

Nothing here computes an update: torch.optim's step() does.
"""
import torch

DT = torch.float64

# API buffer name -> torch state key, per optimizer (a buffer exists only under its condition)
BUFFERS = {
    "sgd": {"momentumBuffer": "momentum_buffer"},
    "adam": {"expAvg": "exp_avg", "expAvgSq": "exp_avg_sq", "maxExpAvgSq": "max_exp_avg_sq"},
    "adamw": {"expAvg": "exp_avg", "expAvgSq": "exp_avg_sq", "maxExpAvgSq": "max_exp_avg_sq"},
    "rmsprop": {"squareAvg": "square_avg", "momentumBuffer": "momentum_buffer",
                "gradAvg": "grad_avg"},
    "adagrad": {"sum": "sum"},
}
OPTIMIZER_FIELDS = {
    "sgd": {"momentum", "dampening", "nesterov", "weightDecay"},
    "adam": {"betas", "epsilon", "weightDecay", "amsgrad"},
    "adamw": {"betas", "epsilon", "weightDecay", "amsgrad"},
    "rmsprop": {"alpha", "epsilon", "momentum", "centered", "weightDecay"},
    "adagrad": {"lrDecay", "weightDecay", "initialAccumulatorValue", "epsilon"},
}


def make_optimizer(spec, params):
    """A torch.optim optimizer over params (one group) for the API's optimizer object."""
    name, lr = spec["name"], spec["learningRate"]
    extra = set(spec) - {"name", "learningRate", "updateBiases"} - OPTIMIZER_FIELDS[name]
    assert not extra, "not an option of %s: %s" % (name, extra)
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=spec.get("momentum", 0),
                               dampening=spec.get("dampening", 0),
                               weight_decay=spec.get("weightDecay", 0),
                               nesterov=spec.get("nesterov", False), foreach=False)
    if name in ("adam", "adamw"):
        cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
        return cls(params, lr=lr, betas=tuple(spec.get("betas", (0.9, 0.999))),
                   eps=spec.get("epsilon", 1e-8),
                   weight_decay=spec.get("weightDecay", 0 if name == "adam" else 0.01),
                   amsgrad=spec.get("amsgrad", False), foreach=False)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=spec.get("alpha", 0.99),
                                   eps=spec.get("epsilon", 1e-8),
                                   weight_decay=spec.get("weightDecay", 0),
                                   momentum=spec.get("momentum", 0),
                                   centered=spec.get("centered", False), foreach=False)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, lr_decay=spec.get("lrDecay", 0),
                                   weight_decay=spec.get("weightDecay", 0),
                                   initial_accumulator_value=spec.get("initialAccumulatorValue", 0),
                                   eps=spec.get("epsilon", 1e-10), foreach=False)
    raise ValueError(name)


def required_buffers(spec):
    """The API names of the buffers the optimizer keeps for every parameter."""
    name = spec["name"]
    if name == "sgd":
        return ["momentumBuffer"] if spec.get("momentum", 0) != 0 else []
    if name in ("adam", "adamw"):
        return ["expAvg", "expAvgSq"] + (["maxExpAvgSq"] if spec.get("amsgrad") else [])
    if name == "rmsprop":
        return (["squareAvg"] + (["momentumBuffer"] if spec.get("momentum", 0) > 0 else [])
                + (["gradAvg"] if spec.get("centered") else []))
    return ["sum"]


def load_state(opt, spec, p, step, buffers):
    """optimizer.state[p] from the API's step count and buffers object (values as sent)."""
    name = spec["name"]
    assert set(buffers) == set(required_buffers(spec)), (name, sorted(buffers))
    state = {}
    if name in ("adam", "adamw", "adagrad"):
        state["step"] = torch.tensor(float(step), dtype=DT)
    elif name == "rmsprop":
        state["step"] = int(step)
    for api, key in BUFFERS[name].items():
        if api in buffers:
            t = torch.tensor(buffers[api], dtype=DT)
            assert t.shape == p.shape, (api, tuple(t.shape), tuple(p.shape))
            state[key] = t
    opt.state[p] = state


def dump_state(opt, spec, p, expected_step):
    """The API's buffers object of parameter p after stepping; checks torch's step counter."""
    name = spec["name"]
    state = opt.state[p]
    if name != "sgd":
        step = state["step"]
        step = step.item() if isinstance(step, torch.Tensor) else step
        assert step == expected_step, (name, step, expected_step)
    out = {}
    for api, key in BUFFERS[name].items():
        if key in state and state[key] is not None:
            out[api] = state[key]
    assert sorted(out) == sorted(required_buffers(spec)), (name, sorted(out))
    return out
