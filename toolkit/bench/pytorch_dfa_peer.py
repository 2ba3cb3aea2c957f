#!/usr/bin/python3
"""PyTorch peer of `dfa bench`, batch 128, synthetic data, plain SGD:
--model fc3x800: the FC 3072-800-800-800-10 tanh network, DFA (or BP) written by hand (no autograd);
--model cnn: Table 4's CNN (conv 3->32->64->64 5x5 pad 2, tanh, max-pool 3 stride 2, dense 576-128-10), BP by
autograd, DFA by autograd within each block from its signal B_i e (block inputs detached: no signal crosses blocks).
Prints a line per timing and a JSON summary last. Run with Debian's python3-torch:
/usr/bin/python3 toolkit/bench/pytorch_dfa_peer.py.
With --cifar DIR --epochs N it trains on real CIFAR-10 instead (an independent check of the Java numbers).
Needs a BLAS behind torch: Debian's python3-torch uses reference BLAS unless libopenblas0-pthread is installed."""
import argparse
import contextlib
import json
import math
import os
import time

import torch


def build(seed):
    g = torch.Generator().manual_seed(seed)
    dims = [3072, 800, 800, 800, 10]
    w = [torch.randn(o, i, generator=g) * math.sqrt(2.0 / i) for i, o in zip(dims, dims[1:])]
    b = [torch.zeros(o) for o in dims[1:]]
    feedback = torch.randn(800, 10, generator=g) / math.sqrt(800 * 10)  # unified matrix, all slices are 800 rows here
    return w, b, feedback


def step(w, b, feedback, x, y, lr, rule):
    hs = [x]
    for i in range(3):
        hs.append(torch.tanh(torch.addmm(b[i], hs[-1], w[i].t())))
    p = torch.softmax(torch.addmm(b[3], hs[-1], w[3].t()), dim=1)
    e = p - y
    n = x.shape[0]
    delta = e / n  # output layer: batch-averaged true gradient
    signal = e @ feedback.t() if rule == "dfa" else None  # DFA: B e, summed over the batch (authors' code)
    for i in range(3, -1, -1):
        below = None
        if i > 0 and rule == "bp":
            below = delta @ w[i]
        w[i].addmm_(delta.t(), hs[i], alpha=-lr)
        b[i].sub_(delta.sum(0), alpha=lr)
        if i > 0:
            h = hs[i]
            delta = (signal if rule == "dfa" else below) * (1 - h * h)


class Cnn:
    """Table 4's CNN as three conv blocks and a dense block (each ends at a feedback point) and the output layer."""

    def __init__(self, seed):
        torch.manual_seed(seed)
        nn = torch.nn
        pool = lambda: nn.MaxPool2d(3, 2)
        self.blocks = [
            nn.Sequential(nn.Conv2d(3, 32, 5, padding=2), nn.Tanh(), pool()),
            nn.Sequential(nn.Conv2d(32, 64, 5, padding=2), nn.Tanh(), pool()),
            nn.Sequential(nn.Conv2d(64, 64, 5, padding=2), nn.Tanh(), pool(), nn.Flatten()),
            nn.Sequential(nn.Linear(576, 128), nn.Tanh()),
            nn.Linear(128, 10),
        ]
        sizes = [32 * 15 * 15, 64 * 7 * 7, 64 * 3 * 3, 128]
        lmax = max(sizes)
        u = torch.randn(lmax, 10) / math.sqrt(lmax * 10)  # unified matrix, eq. 7-8
        self.feedback = [u[:l] * math.sqrt(lmax / l) for l in sizes]
        self.params = [p for b in self.blocks for p in b.parameters()]

    def step(self, x, y, lr, rule):
        for p in self.params:
            p.grad = None
        if rule == "bp":
            h = x
            for b in self.blocks:
                h = b(h)
            torch.nn.functional.cross_entropy(h, y.argmax(1)).backward()
        else:
            outs, h = [], x
            for b in self.blocks:
                out = b(h)
                outs.append(out)
                h = out.detach()
            loss = torch.nn.functional.cross_entropy(outs[-1], y.argmax(1))
            loss.backward()  # the output layer: its true (batch-averaged) gradient
            with torch.no_grad():
                e = torch.softmax(outs[-1], 1) - y
            for out, b in zip(outs[:-1], self.feedback):  # t_i = B_i e, summed over the batch (authors' code)
                out.backward((e @ b.t()).view_as(out))
        with torch.no_grad():
            for p in self.params:
                p.sub_(p.grad, alpha=lr)


def load_cifar(folder):
    import gzip
    import numpy as np

    def read(name):
        path = os.path.join(folder, name)
        raw = gzip.open(path + ".gz").read() if os.path.exists(path + ".gz") else open(path, "rb").read()
        rec = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3073)
        x = rec[:, 1:].reshape(-1, 3, 1024).astype(np.float32) / 255.0
        mean = np.array([0.4914, 0.4822, 0.4465], dtype=np.float32)[None, :, None]
        std = np.array([0.2023, 0.1994, 0.2010], dtype=np.float32)[None, :, None]
        return torch.from_numpy(((x - mean) / std).reshape(-1, 3072)), torch.from_numpy(rec[:, 0].astype(np.int64))

    parts = [read(f"data_batch_{i}.bin") for i in range(1, 6)]
    return torch.cat([p[0] for p in parts]), torch.cat([p[1] for p in parts]), *read("test_batch.bin")


def train_cifar(args):
    xtr, ytr, xte, yte = load_cifar(args.cifar)
    w, b, feedback = build(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    with torch.no_grad():
        for epoch in range(args.epochs):
            order = torch.randperm(len(xtr), generator=g)
            for s in range(len(xtr) // args.batch):
                idx = order[s * args.batch:(s + 1) * args.batch]
                y = torch.nn.functional.one_hot(ytr[idx], 10).float()
                step(w, b, feedback, xtr[idx], y, args.lr, args.rule)
            h = xte
            for i in range(3):
                h = torch.tanh(torch.addmm(b[i], h, w[i].t()))
            acc = (torch.addmm(b[3], h, w[3].t()).argmax(1) == yte).float().mean().item()
            print(json.dumps({"epoch": epoch + 1, "test_accuracy": acc}), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default="fc3x800", choices=["fc3x800", "cnn"])
    ap.add_argument("--rule", default="dfa", choices=["dfa", "bp"])
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--cifar", help="train on the CIFAR-10 binary files in this folder instead of timing")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.cifar:
        train_cifar(args)
        return
    y = torch.nn.functional.one_hot(torch.arange(args.batch) % 10, 10).float()
    if args.model == "cnn":
        net = Cnn(0)
        x = torch.randn(args.batch, 3, 32, 32)
        run = lambda: net.step(x, y, 5e-4, args.rule)
    else:
        w, b, feedback = build(0)
        x = torch.randn(args.batch, 3072)
        run = lambda: step(w, b, feedback, x, y, 5e-4, args.rule)
    with torch.no_grad() if args.model == "fc3x800" else contextlib.nullcontext():
        for _ in range(args.warmup):
            run()
        start = time.perf_counter()
        for _ in range(args.steps):
            run()
        seconds = time.perf_counter() - start
    rate = args.steps / seconds
    print(f"pytorch {args.model} {args.rule} batch {args.batch}, {args.threads} threads: {rate:.1f} steps/s "
          f"({1000 / rate:.2f} ms/step)")
    print(json.dumps({"steps_per_second": rate, "model": args.model, "rule": args.rule, "threads": args.threads,
                      "torch": torch.__version__,
                      "settings": {k: os.environ.get(k) for k in ["OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE"]},
                      "parallel": torch.__config__.parallel_info().splitlines()[:4]}))


if __name__ == "__main__":
    main()
