"""Exports trained weights (.npz from train.py) as a bundled model: TorchScript + model.json.

Run with Debian's torch 1.13 (/usr/bin/python3) so that DJL's libtorch loads the file.
Before writing, it checks the model contract: any H, W >= 1 and batch size work, and a tile
cut with `halo` pixels of context reproduces the whole-image output.

    /usr/bin/python3 infra/models/sr/export.py --profile fast --scale 2 --weights runs/sr-fast-x2.npz \
        --version 1.1.0 --training "..." --out services/superres/src/main/resources/framefleet/models
"""
import argparse
import hashlib
import json
import os

import torch

import models
from train import load

LICENSE = "same terms as the framefleet repository (weights trained here, no third-party weights)"
SOURCE = "infra/models/sr (trained on photographs from Debian wallpaper packages)"


def check_contract(scripted, scale, halo):
    with torch.no_grad():
        for n, h, w in ((1, 1, 1), (2, 5, 3), (1, 17, 32)):
            y = scripted(torch.rand(n, 3, h, w))
            assert tuple(y.shape) == (n, 3, h * scale, w * scale), y.shape
        img = torch.rand(1, 3, 96, 112)
        whole = scripted(img)
        y0, x0, th, tw = 40, 48, 16, 20
        tile = scripted(img[:, :, y0 - halo:y0 + th + halo, x0 - halo:x0 + tw + halo])
        inner = tile[:, :, halo * scale:(halo + th) * scale, halo * scale:(halo + tw) * scale]
        ref = whole[:, :, y0 * scale:(y0 + th) * scale, x0 * scale:(x0 + tw) * scale]
        diff = (inner - ref).abs().max().item()
        assert diff < 1e-4, "tile with halo %d differs from the whole image by %g" % (halo, diff)
        return diff


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=["fast", "quality"], required=True)
    ap.add_argument("--scale", type=int, choices=[2, 4], required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--training", required=True, help="one line: data, degradation, steps, hardware")
    ap.add_argument("--out", required=True, help="models folder; the model goes to OUT/sr-<profile>-x<scale>/")
    args = ap.parse_args()

    name = "sr-%s-x%d" % (args.profile, args.scale)
    model = models.build(args.profile, args.scale)
    step, elapsed = load(model, args.weights)
    model.eval()
    halo = model.receptive_radius()
    scripted = torch.jit.script(model)
    diff = check_contract(scripted, args.scale, halo)

    folder = os.path.join(args.out, name)
    os.makedirs(folder, exist_ok=True)
    pt = os.path.join(folder, "model.pt")
    scripted.save(pt)
    with open(pt, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    tensor = {"layout": "NCHW", "colour": "RGB", "range": [0.0, 1.0], "dtype": "float32"}
    meta = {
        "name": name, "version": args.version, "task": "super-resolution",
        "file": "model.pt", "sha256": digest,
        "scale": args.scale,
        "input": tensor, "output": dict(tensor),
        "halo": halo,
        "parameters": models.parameters(model),
        "profile": args.profile,
        "license": LICENSE, "source": SOURCE, "training": args.training,
    }
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print("%s %s: %d params, halo %d (tile check %.1e), %d steps / %.0f s trained, %d bytes -> %s"
          % (name, args.version, meta["parameters"], halo, diff, step, elapsed, os.path.getsize(pt), folder))


if __name__ == "__main__":
    main()
