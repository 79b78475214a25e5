"""Checkpoints → the TorchScript bundles the Java side loads (docs/generation.md).

  /usr/bin/python3 infra/models/t2v/export.py RUN_DIR OUT_MODELS_DIR [--version 1.0.0]

Writes OUT/t2v-shapes/{text.pt, denoiser.pt, vocab.json, model.json} from RUN_DIR/base.npz and
OUT/t2v-scorer/{scorer.pt, vocab.json, model.json} from RUN_DIR/scorer.npz (EMA weights). Must run
with Debian's torch 1.13 so DJL's libtorch loads the files. Refuses to write a bundle whose scripted
modules disagree with the eager ones.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import domain as D  # noqa: E402
import train as T  # noqa: E402

LICENSE = "same terms as the framefleet repository (weights trained here, no third-party weights)"
SOURCE = "infra/models/t2v (trained on the synthetic shapes domain of docs/generation.md)"


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def entry(folder, name):
    return {"file": name, "sha256": sha(os.path.join(folder, name))}


def meta_line(arr, kind):
    meta = json.loads(str(arr["meta"]))
    step = int(arr["step"])
    dev = meta.get("device", "?")
    return (f"{kind}: {step} steps of batch {meta.get('batch', '?')} on {dev}, "
            f"{meta.get('minutes', '?')} min last run; seen combinations only (held-out 24 never rendered or captioned)")


def export_base(run, out, version, vocab):
    arr = np.load(os.path.join(run, "base.npz"))
    gen = T.build("base", len(vocab))
    T.load_into(gen, arr, "e/")
    gen.eval()
    folder = os.path.join(out, "t2v-shapes")
    os.makedirs(folder, exist_ok=True)
    text = torch.jit.script(gen.text)
    den = torch.jit.script(gen.denoiser)
    tok = D.Tokenizer(vocab, T.MAX_TOKENS)
    tokens = tok.batch(["a red circle moving left", "", "blue cross staying still on grey", "zzz"])
    x = torch.randn(3, D.FRAMES, 3, D.SIZE, D.SIZE)
    t = torch.tensor([0.9, 0.5, 0.1])
    with torch.no_grad():
        ce, cs = gen.text(tokens), text(tokens)
        assert torch.allclose(ce, cs, atol=1e-5), "text encoder: scripted != eager"
        assert torch.allclose(cs[1], cs[3]), "all-padding prompts must give the null embedding"
        ve, vs = gen.denoiser(x, t, ce[:3]), den(x, t, cs[:3])
        assert torch.allclose(ve, vs, atol=1e-4), "denoiser: scripted != eager"
        one = den(x[:1], t[:1], cs[:1])
        assert torch.allclose(one, vs[:1], atol=1e-4), "denoiser: batch rows are not independent"
    text.save(os.path.join(folder, "text.pt"))
    den.save(os.path.join(folder, "denoiser.pt"))
    with open(os.path.join(folder, "vocab.json"), "w") as f:
        json.dump(vocab, f)
    params = sum(p.numel() for p in gen.parameters())
    desc = {
        "name": "t2v-shapes", "version": version, "task": "text-to-video",
        "files": {"text": entry(folder, "text.pt"), "denoiser": entry(folder, "denoiser.pt"),
                  "vocabulary": entry(folder, "vocab.json")},
        "frames": D.FRAMES, "height": D.SIZE, "width": D.SIZE,
        "sample": {"shape": [D.FRAMES, 3, D.SIZE, D.SIZE], "range": [-1.0, 1.0], "decoder": None},
        "objective": "rectified-flow",
        "embedding": int(cs.shape[1]), "max_tokens": T.MAX_TOKENS,
        "defaults": {"steps": 16, "guidance": 3.0},
        "parameters": params, "license": LICENSE, "source": SOURCE, "training": meta_line(arr, "base"),
    }
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(desc, f, indent=2)
        f.write("\n")
    print(f"wrote {folder}: {params:,} parameters")


def export_scorer(run, out, version, vocab):
    arr = np.load(os.path.join(run, "scorer.npz"))
    model = T.build("scorer", len(vocab))
    T.load_into(model, arr, "e/")
    model.eval()
    folder = os.path.join(out, "t2v-scorer")
    os.makedirs(folder, exist_ok=True)
    scripted = torch.jit.script(model)
    tok = D.Tokenizer(vocab, T.MAX_TOKENS)
    clips, _ = D.render_combos([("red", "circle", "left"), ("blue", "cross", "up")])
    v = clips / 255.0
    tokens = tok.batch(["a red circle moving left", "a red circle moving left"])
    with torch.no_grad():
        a, b = model(v, tokens), scripted(v, tokens)
        assert torch.allclose(a, b, atol=1e-5), "scorer: scripted != eager"
        print(f"scorer check: own caption {float(b[0]):.3f}, other clip {float(b[1]):.3f}")
    scripted.save(os.path.join(folder, "scorer.pt"))
    with open(os.path.join(folder, "vocab.json"), "w") as f:
        json.dump(vocab, f)
    params = sum(p.numel() for p in model.parameters())
    desc = {
        "name": "t2v-scorer", "version": version, "task": "video-text-alignment",
        "files": {"scorer": entry(folder, "scorer.pt"), "vocabulary": entry(folder, "vocab.json")},
        "frames": D.FRAMES, "height": D.SIZE, "width": D.SIZE,
        "input": {"shape": [D.FRAMES, 3, D.SIZE, D.SIZE], "range": [0.0, 1.0]},
        "max_tokens": T.MAX_TOKENS,
        "parameters": params, "license": LICENSE, "source": SOURCE, "training": meta_line(arr, "scorer"),
    }
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(desc, f, indent=2)
        f.write("\n")
    print(f"wrote {folder}: {params:,} parameters")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("out")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--only", nargs="*", default=["base", "scorer"], help="which kinds to export")
    args = ap.parse_args()
    vocab = D.vocabulary()
    if "base" in args.only and os.path.exists(os.path.join(args.run, "base.npz")):
        export_base(args.run, args.out, args.version, vocab)
    if "scorer" in args.only and os.path.exists(os.path.join(args.run, "scorer.npz")):
        export_scorer(args.run, args.out, args.version, vocab)


if __name__ == "__main__":
    main()
