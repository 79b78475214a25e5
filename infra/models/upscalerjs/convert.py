"""Converts the pretrained @upscalerjs ESRGAN packages (slim, medium, thick) to TorchScript.

The packages hold TensorFlow.js layers models (Keras graph JSON + float32 weight shards).
This reads the graph, rebuilds it with torch ops (Conv2D, Concatenate, Add, Activation,
UpSampling2D, the package's MultiplyBeta and PixelShuffle (tf.depthToSpace) layers), proves
the conversion on the package's own fixture (assets/fixture.png) against its published
outputs (assets/samples/<s>x/result.png), and writes model.pt + model.json per scale with
the framefleet contract (RGB in [0, 1] in and out; slim/medium work in [0, 255] inside).

    /usr/bin/python3 infra/models/upscalerjs/convert.py OUT_DIR [--variants slim medium thick] [--scales 2 4]

The packages are fetched with `npm pack` into a temporary folder unless --packages names a
folder that already holds the unpacked <variant>/package trees.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

VERSION = "1.0.0"


def fetch(variant, folder):
    dest = os.path.join(folder, variant)
    if os.path.isdir(os.path.join(dest, "package")):
        return os.path.join(dest, "package")
    os.makedirs(dest, exist_ok=True)
    spec = "@upscalerjs/esrgan-%s@%s" % (variant, VERSION)
    out = subprocess.run(["npm", "pack", "--loglevel=error", spec], cwd=dest,
                         check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(os.path.join(dest, out)) as tar:
        tar.extractall(dest)
    return os.path.join(dest, "package")


def read_weights(model_dir, manifest):
    weights = {}
    for group in manifest:
        blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            if w.get("dtype", "float32") != "float32" or "quantization" in w:
                raise SystemExit("unsupported weight encoding for " + w["name"])
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            weights[w["name"]] = np.frombuffer(blob, np.float32, n, offset).reshape(w["shape"])
            offset += 4 * n
    return weights


class KerasGraph(nn.Module):
    """Runs a Keras functional graph in NCHW; layer order in the JSON is a topological order."""

    def __init__(self, topology, weights, in_scale, out_scale):
        super().__init__()
        cfg = topology["model_config"]["config"]
        self.in_scale, self.out_scale = in_scale, out_scale
        self.convs = nn.ModuleDict()
        self.steps = []
        radius, factor = {}, {}
        for layer in cfg["layers"]:
            kind, c, name = layer["class_name"], layer["config"], layer["config"]["name"]
            ins = [n[0] for n in layer["inbound_nodes"][0]] if layer["inbound_nodes"] else []
            if kind == "InputLayer":
                self.input_name = name
                radius[name], factor[name] = 0.0, 1
                continue
            r = max(radius[i] for i in ins)
            f = factor[ins[0]]
            arg = None
            if kind == "Conv2D":
                kh, kw = c["kernel_size"]
                assert c["strides"] == [1, 1] and c["dilation_rate"] == [1, 1] and kh == kw and kh % 2 == 1
                assert c["activation"] in ("linear", "relu"), c["activation"]
                pad = kh // 2 if c["padding"] == "same" else 0
                assert pad == kh // 2, "valid padding only for 1x1"
                k = weights[name + "/kernel"]
                conv = nn.Conv2d(k.shape[2], k.shape[3], kh, padding=pad, bias=c["use_bias"])
                conv.weight.data = torch.from_numpy(k.transpose(3, 2, 0, 1).copy())
                if c["use_bias"]:
                    conv.bias.data = torch.from_numpy(weights[name + "/bias"].copy())
                self.convs[name] = conv
                arg = c["activation"]
                r += (kh // 2) / f
            elif kind == "Activation":
                assert c["activation"] in ("relu", "linear"), c["activation"]
                arg = c["activation"]
            elif kind == "Concatenate":
                assert c["axis"] in (3, -1)
            elif kind == "Add":
                pass
            elif kind == "MultiplyBeta":
                arg = 0.2  # the package's custom layer: tf.mul(x, BETA) with BETA = 0.2
            elif kind == "UpSampling2D":
                assert c["interpolation"] == "nearest" and c["size"][0] == c["size"][1]
                arg = c["size"][0]
                f *= arg
            elif kind.startswith("PixelShuffle"):
                arg = int(kind[len("PixelShuffle"):-1])
                f *= arg
            else:
                raise SystemExit("unsupported layer " + kind)
            radius[name], factor[name] = r, f
            self.steps.append((kind, name, ins, arg))
        self.output_name = cfg["output_layers"][0][0]
        self.scale = factor[self.output_name]
        self.halo = int(math.ceil(radius[self.output_name]))

    def forward(self, x):
        t = {self.input_name: x * self.in_scale}
        for kind, name, ins, arg in self.steps:
            a = [t[i] for i in ins]
            if kind == "Conv2D":
                y = self.convs[name](a[0])
                y = F.relu(y) if arg == "relu" else y
            elif kind == "Activation":
                y = F.relu(a[0]) if arg == "relu" else a[0]
            elif kind == "Concatenate":
                y = torch.cat(a, 1)
            elif kind == "Add":
                y = a[0]
                for b in a[1:]:
                    y = y + b
            elif kind == "MultiplyBeta":
                y = a[0] * arg
            elif kind == "UpSampling2D":
                y = F.interpolate(a[0], scale_factor=float(arg), mode="nearest")
            else:
                y = depth_to_space(a[0], arg)
            t[name] = y
        return t[self.output_name] / self.out_scale


def depth_to_space(x, bs: int):
    # tf.depthToSpace (NHWC) reads channel (i*bs + j)*C + c for output pixel offset (i, j);
    # pixel_shuffle reads c*bs*bs + i*bs + j, so regroup the channels first.
    n, ch, h, w = x.shape
    c = ch // (bs * bs)
    return x.reshape(n, bs, bs, c, h, w).permute(0, 3, 4, 1, 5, 2).reshape(n, c, h * bs, w * bs)


def to_tensor(im):
    return torch.from_numpy(np.asarray(im.convert("RGB")).astype(np.float32) / 255.0).permute(2, 0, 1)[None]


def check_fixture(model, package, scale):
    """Max and mean abs difference, in 8-bit levels, against the package's sample output."""
    fixture = to_tensor(Image.open(os.path.join(package, "assets", "fixture.png")))
    sample = os.path.join(package, "assets", "samples", "%dx" % scale, "result.png")
    ref = np.asarray(Image.open(sample).convert("RGB")).astype(np.float32)
    with torch.no_grad():
        y = model(fixture)[0].clamp(0, 1).permute(1, 2, 0).numpy() * 255.0
    d = np.abs(np.round(y) - ref)
    return float(d.max()), float(d.mean()), float(np.mean(d == 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--variants", nargs="+", default=["slim", "medium", "thick"])
    ap.add_argument("--scales", nargs="+", type=int, default=[2, 4])
    ap.add_argument("--packages", default=None, help="folder with unpacked packages (default: npm pack into a temp dir)")
    args = ap.parse_args()
    torch.set_num_threads(2)
    work = args.packages or tempfile.mkdtemp(prefix="upscalerjs-")
    for variant in args.variants:
        package = fetch(variant, work)
        meta = json.load(open(os.path.join(package, "package.json")))
        for scale in args.scales:
            model_dir = os.path.join(package, "models", "x%d" % scale)
            spec = json.load(open(os.path.join(model_dir, "model.json")))
            weights = read_weights(model_dir, spec["weightsManifest"])
            rdn = variant in ("slim", "medium")  # the package marks these 'rdn': [0, 255] in and out
            model = KerasGraph(spec["modelTopology"], weights, 255.0 if rdn else 1.0, 255.0 if rdn else 1.0).eval()
            assert model.scale == scale
            with torch.no_grad():
                traced = torch.jit.trace(model, torch.rand(1, 3, 24, 20), check_trace=False)
                # a trace must not bake the example's size in: compare on another size and batch
                probe = torch.rand(2, 3, 13, 17)
                shape_diff = (traced(probe) - model(probe)).abs().max().item()
            assert shape_diff < 1e-3, shape_diff
            mx, mean, same = check_fixture(traced, package, scale)
            name = "esrgan-%s-x%d" % (variant, scale)
            folder = os.path.join(args.out, name)
            os.makedirs(folder, exist_ok=True)
            pt = os.path.join(folder, "model.pt")
            traced.save(pt)
            digest = hashlib.sha256(open(pt, "rb").read()).hexdigest()
            tensor = {"layout": "NCHW", "colour": "RGB", "range": [0.0, 1.0], "dtype": "float32"}
            params = sum(p.numel() for p in model.parameters())
            info = {
                "name": name, "version": meta["version"], "task": "super-resolution",
                "file": "model.pt", "sha256": digest, "scale": scale,
                "input": tensor, "output": dict(tensor), "halo": model.halo,
                "parameters": params, "profile": "pretrained",
                "license": meta.get("license", "MIT"),
                "source": "npm @upscalerjs/esrgan-%s %s (TensorFlow.js layers model), converted by "
                          "infra/models/upscalerjs/convert.py" % (variant, meta["version"]),
                "training": "pretrained %s weights as published in the package; not retrained here"
                            % ("RDN" if rdn else "RRDN (ESRGAN generator)"),
            }
            with open(os.path.join(folder, "model.json"), "w") as f:
                json.dump(info, f, indent=2)
                f.write("\n")
            print("%-18s %8d params  halo %3d  fixture vs package sample: max %.0f, mean %.4f levels, %.3f%% identical;"
                  " trace on another size %.1e" % (name, params, model.halo, mx, mean, 100 * same, shape_diff), flush=True)


if __name__ == "__main__":
    main()
