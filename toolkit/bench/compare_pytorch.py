#!/usr/bin/python3
"""Steps per second of `environment/dfa bench` against its PyTorch peer (pytorch_dfa_peer.py), run in turn, A B A B,
in one invocation on the same machine and threads; prints each pair's ratio and the median ratio (ours / PyTorch's,
above 1: we are faster). Both sides print a JSON line last with "steps_per_second"; this reads those.

  toolkit/bench/compare_pytorch.py --model fc3x800 --rule dfa --pairs 5
  toolkit/bench/compare_pytorch.py --model cnn --rule bp --steps 30 --warmup 10

Extra arguments after -- go to `dfa bench` only (e.g. -- --batch-norm). Environment variables (OPENBLAS_CORETYPE, ...)
pass through unchanged to both; OMP_WAIT_POLICY is PASSIVE for both where unset (environment/dfa sets it so for ours,
and docs/speed.md measured both sides so). --ours-env NAME=VALUE sets a variable for ours only, e.g. to pit our AVX-512
BLAS kernels against PyTorch on the kernels it runs fastest on:

  OPENBLAS_CORETYPE=Haswell toolkit/bench/compare_pytorch.py --model cnn --ours-env OPENBLAS_CORETYPE=SKYLAKEX"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def rate(command, env=None):
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])["steps_per_second"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="fc3x800", choices=["fc3x800", "cnn"])
    ap.add_argument("--rule", default="dfa", choices=["dfa", "bp"])
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--ours-env", action="append", default=[], metavar="NAME=VALUE",
                    help="an environment variable for ours only (repeatable)")
    ap.add_argument("ours", nargs="*", help="extra `dfa bench` arguments (after --)")
    args = ap.parse_args()
    common = ["--model", args.model, "--rule", args.rule, "--steps", str(args.steps), "--warmup", str(args.warmup)]
    ours = [os.path.join(TOP, "environment", "dfa"), "bench", *common, *args.ours]
    peer = ["/usr/bin/python3", os.path.join(HERE, "pytorch_dfa_peer.py"), *common, "--threads", str(args.threads)]
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    ours_env = dict(os.environ)
    for setting in args.ours_env:
        name, eq, value = setting.partition("=")
        if not eq or not name:
            ap.error("--ours-env %r: expected NAME=VALUE" % setting)
        ours_env[name] = value
    ratios = []
    for pair in range(args.pairs):
        a, b = rate(ours, ours_env), rate(peer)
        ratios.append(a / b)
        print(f"pair {pair + 1}: ours {a:.2f} steps/s, PyTorch {b:.2f} steps/s, ratio {a / b:.3f}", flush=True)
    print(json.dumps({"model": args.model, "rule": args.rule, "extra": args.ours, "ours_env": args.ours_env,
                      "pairs": args.pairs,
                      "median_ratio": statistics.median(ratios), "ratios": ratios}))


if __name__ == "__main__":
    sys.exit(main())
