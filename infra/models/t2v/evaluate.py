"""Python evaluation of a t2v base model: a bundle folder or a training checkpoint, by the checker of domain.py.

    /usr/bin/python3 infra/models/t2v/evaluate.py shared/generation/src/main/resources/framefleet/models/t2v-shapes
    /usr/bin/python3 infra/models/t2v/evaluate.py .runs/t2v/base.npz [--weights model] --guidance 6

The same evaluation train.py runs while training (`evaluate_base`): the 24 held-out combinations and 24 seen ones
(a fixed draw), `--per-combo` samples each, 16-step Euler with classifier-free guidance by default, noise from a
fixed seed. Prints one JSON line: colour / shape / motion / all-three accuracy per split. The Java benchmark
(`./framefleet bench --only t2v`) is the reference; this one is for comparing checkpoints and sampler settings.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import domain as D  # noqa: E402
import train as T  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="a t2v-shapes bundle folder (text.pt, denoiser.pt) or a base .npz checkpoint")
    ap.add_argument("--weights", choices=["ema", "model"], default="ema", help="which weights of a checkpoint")
    ap.add_argument("--steps", type=int, default=16)
    ap.add_argument("--guidance", type=float, default=3.0)
    ap.add_argument("--per-combo", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    vocab = D.vocabulary()
    tok = D.Tokenizer(vocab, T.MAX_TOKENS)
    gen = T.build("base", len(vocab))
    if args.source.endswith(".npz"):
        arrays = np.load(args.source)
        T.load_into(gen, arrays, "e/" if args.weights == "ema" else "m/")
        step = int(arrays["step"])
    else:
        gen.text.load_state_dict(torch.jit.load(os.path.join(args.source, "text.pt")).state_dict())
        gen.denoiser.load_state_dict(torch.jit.load(os.path.join(args.source, "denoiser.pt")).state_dict())
        step = None
    gen.eval()
    started = time.time()
    result = T.evaluate_base(gen, tok, "cpu", per_combo=args.per_combo, steps=args.steps, guidance=args.guidance,
                             seed=args.seed)
    print(json.dumps({"source": args.source, "step": step, "steps": args.steps, "guidance": args.guidance,
                      "per_combo": args.per_combo, "seconds": round(time.time() - started), **result}))


if __name__ == "__main__":
    main()
