#!/usr/bin/python3
"""PyTorch peer of `dfa bench`: the same FC 3072-800-800-800-10 tanh network, batch 128, synthetic data,
trained with DFA (or BP) written by hand in PyTorch (no autograd), plain SGD. Prints a line per timing and a
JSON summary last. Run with Debian's python3-torch: /usr/bin/python3 toolkit/bench/pytorch_dfa_peer.py.
With --cifar DIR --epochs N it trains on real CIFAR-10 instead (an independent check of the Java numbers).
Needs a BLAS behind torch: Debian's python3-torch uses reference BLAS unless libopenblas0-pthread is installed."""
import argparse
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
    w, b, feedback = build(0)
    x = torch.randn(args.batch, 3072)
    y = torch.nn.functional.one_hot(torch.arange(args.batch) % 10, 10).float()
    with torch.no_grad():
        for _ in range(args.warmup):
            step(w, b, feedback, x, y, 5e-4, args.rule)
        start = time.perf_counter()
        for _ in range(args.steps):
            step(w, b, feedback, x, y, 5e-4, args.rule)
        seconds = time.perf_counter() - start
    rate = args.steps / seconds
    print(f"pytorch {args.rule} batch {args.batch}, {args.threads} threads: {rate:.1f} steps/s ({1000 / rate:.2f} ms/step)")
    print(json.dumps({"steps_per_second": rate, "rule": args.rule, "threads": args.threads, "torch": torch.__version__,
                      "settings": {k: os.environ.get(k) for k in ["OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE"]},
                      "parallel": torch.__config__.parallel_info().splitlines()[:4]}))


if __name__ == "__main__":
    main()
