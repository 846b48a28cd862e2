"""The peer of issue 14: the service's POST /api/v1/backprop written with FastAPI and PyTorch, to
measure the service against over HTTP. The same request body (layouts dimension-first,
sample-first and torch; relu, identity, sigmoid, tanh; half-sse, sse, mse, cross-entropy with
their default reductions), float64 autograd, the same numbers in the answer (output,
outputGradient, inputGradient, and per layer preActivation, activation, delta,
activationGradient, weightGradient, biasGradient), without the service's validation and warnings.

Two endpoints, the same computation:
- POST /api/v1/backprop-pydantic, as FastAPI's tutorial has one write it: the body declared as
  pydantic models (which validate every number) and a dict returned (which FastAPI encodes with
  jsonable_encoder, then json.dumps);
- POST /api/v1/backprop, lean, which flatters the peer: json.loads of the body and json.dumps of
  the answer, several times faster than the above on 300,000 numbers.

  /usr/bin/python3 scripts/bench/peer.py --port 8583 --workers 2

(Debian: apt-get install -y python3-fastapi python3-uvicorn python3-uvloop python3-httptools
python3-torch.) PEER_TORCH_THREADS sets PyTorch's threads per worker (default 1: one worker a core).

Each worker process listens on a socket of its own, bound to the same port with SO_REUSEPORT, so
that the kernel spreads connections across the workers. `uvicorn --workers N` shares one socket,
and whichever worker wakes first accepts: in four of six runs of wrk's 16 connections, all 16
went to one worker, which left a core idle and halved the peer's figure.
"""
import argparse
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
from typing import List, Optional

import torch
import torch.nn.functional as F
from fastapi import FastAPI, Request, Response
from pydantic import BaseModel

torch.set_num_threads(int(os.environ.get("PEER_TORCH_THREADS", "1")))

ACTIVATIONS = {"relu": F.relu, "identity": lambda s: s, "sigmoid": torch.sigmoid, "tanh": torch.tanh}

app = FastAPI()


def loss_of(name, out, y):
    if name == "half-sse":
        return 0.5 * ((out - y) ** 2).sum()
    if name == "sse":
        return ((out - y) ** 2).sum()
    if name == "mse":
        return F.mse_loss(out, y)
    if name == "cross-entropy":
        return F.cross_entropy(out, y)
    raise ValueError(f"unknown loss {name}")


def backprop(request):
    layout = request["layout"]
    # PyTorch's orientation inside: x is N x D, W is D_k x D_{k-1}
    t = lambda rows: torch.tensor(rows, dtype=torch.float64)
    sample_last = layout == "dimension-first"
    x = t(request["x"])
    y = t(request["y"])
    if sample_last:
        x, y = x.T, y.T
    x.requires_grad_(True)
    layers = []
    for layer in request["layers"]:
        W = t(layer["weights"])
        if layout == "sample-first":
            W = W.T
        W = W.contiguous().requires_grad_(True)
        b = t(layer["bias"]).requires_grad_(True) if "bias" in layer else None
        layers.append((W, b, ACTIVATIONS[layer["activation"]]))
    z = x
    s_list, z_list = [], []
    for W, b, f in layers:
        s = F.linear(z, W, b)
        s.retain_grad()
        z = f(s)
        if z is s:
            z = s.clone()
        z.retain_grad()
        s_list.append(s)
        z_list.append(z)
    loss = loss_of(request.get("loss", "half-sse"), z, y)
    loss.backward()

    # the answer in the request's layout: s and z oriented as x is sent, the gradients N x D in
    # every layout (the service's dimension-first-throughout is not served here), weights as sent
    forward_out = (lambda m: m.T) if sample_last else (lambda m: m)
    rows = lambda m: m.detach().tolist()
    answer_layers = []
    for (W, b, _), s, z in zip(layers, s_list, z_list):
        dW = W.grad.T if layout == "sample-first" else W.grad
        answer = {
            "preActivation": rows(forward_out(s)),
            "activation": rows(forward_out(z)),
            "delta": rows(s.grad),
            "activationGradient": rows(z.grad),
            "weightGradient": rows(dW),
        }
        if b is not None:
            answer["biasGradient"] = rows(b.grad)
        answer_layers.append(answer)
    output_gradient = z_list[-1].grad
    return {
        "layout": layout,
        "loss": loss.item(),
        "output": rows(forward_out(z_list[-1])),
        "outputGradient": rows(output_gradient),
        "inputGradient": rows(x.grad),
        "layers": answer_layers,
    }


@app.post("/api/v1/backprop")
async def post_backprop(request: Request):
    answer = backprop(json.loads(await request.body()))
    return Response(content=json.dumps(answer), media_type="application/json")


class Layer(BaseModel):
    weights: List[List[float]]
    bias: Optional[List[float]] = None
    activation: str


class BackpropRequest(BaseModel):
    layout: str
    layers: List[Layer]
    x: List[List[float]]
    y: List[List[float]]
    loss: str = "half-sse"


@app.post("/api/v1/backprop-pydantic")
def post_backprop_pydantic(request: BackpropRequest):
    return backprop(request.dict(exclude_none=True))


def serve_one(host, port):
    # the parent's handlers are the parent's: a worker stops as uvicorn stops on a signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    import uvicorn

    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


def require_free(host, port):
    """Fails when anything listens on the port: with SO_REUSEPORT, a listener left over from an
    earlier run would share the port with the workers without an error, and take connections."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as e:
        sys.exit(f"peer: port {port} is in use ({e.strerror}); stop what listens there first")
    finally:
        probe.close()


def main():
    arguments = argparse.ArgumentParser(description="The FastAPI + PyTorch peer of the service")
    arguments.add_argument("--host", default="127.0.0.1")
    arguments.add_argument("--port", type=int, default=8583)
    arguments.add_argument("--workers", type=int, default=os.cpu_count())
    options = arguments.parse_args()
    require_free(options.host, options.port)
    workers = [
        multiprocessing.Process(target=serve_one, args=(options.host, options.port), daemon=True)
        for _ in range(options.workers)
    ]
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        for worker in workers:
            worker.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for worker in workers:
        worker.start()
    # a worker that ends on its own ends the peer: fewer workers than cores would be measured
    # as the peer and be a fraction of it
    multiprocessing.connection.wait([worker.sentinel for worker in workers])
    failed = not stopping
    if failed:
        ended = next(worker for worker in workers if not worker.is_alive())
        print(f"peer: a worker ended (exit code {ended.exitcode}); stopping the others", file=sys.stderr)
        stop(None, None)
    for worker in workers:
        worker.join()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
