"""The super-resolution benchmark protocol: PSNR-Y / SSIM-Y against FFmpeg's Lanczos.

Photos: skimage's astronaut, coffee, chelsea, motorcycle_left, centre-cropped to
min(480, W) x min(480, H) rounded down to multiples of 8. LR: PIL bicubic (antialiased)
downscale by the scale, 8-bit. H.264 variant: that LR as a one-frame libx264 CRF 23 yuv420p
video, decoded back to RGB. Baseline: `ffmpeg -vf scale=W:H:flags=lanczos+accurate_rnd+
full_chroma_int+full_chroma_inp`, RGB in and out. Score on Y (BT.601, 16..235), border of s
pixels cropped, 8-bit rounded output; SSIM with an 11-tap Gaussian window, sigma 1.5.

    /usr/bin/python3 infra/models/sr/eval.py MODEL_DIR_OR_PT [...]

Each argument is a bundled model folder (with model.json) or a TorchScript file with
--scale. Prints one row per model and scale, plus the Lanczos baseline.

    --chain A B       also scores model folder A followed by model folder B (output of A rounded
                      to 8 bit in between, as the service chains models); scale = A's x B's
    --ensemble        also scores each model averaged over the 8 flips/transposes of its input
                      (8 forward passes)
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import torch
from PIL import Image
from skimage.metrics import structural_similarity

DATA = "/usr/lib/python3/dist-packages/skimage/data"
PHOTOS = ["astronaut.png", "coffee.png", "chelsea.png", "motorcycle_left.png"]


def centre_crop(im):
    w, h = im.size
    cw, ch = min(480, w) // 8 * 8, min(480, h) // 8 * 8
    x, y = (w - cw) // 2, (h - ch) // 2
    return im.crop((x, y, x + cw, y + ch))


def ffmpeg(args, stdin=None):
    return subprocess.run(["ffmpeg", "-v", "error", "-y"] + args, input=stdin,
                          stdout=subprocess.PIPE, check=True).stdout


def h264_roundtrip(lr):
    with tempfile.TemporaryDirectory() as tmp:
        src, vid = os.path.join(tmp, "lr.png"), os.path.join(tmp, "lr.mp4")
        lr.save(src)
        ffmpeg(["-i", src, "-c:v", "libx264", "-crf", "23", "-pix_fmt", "yuv420p", vid])
        raw = ffmpeg(["-i", vid, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    return Image.frombytes("RGB", lr.size, raw)


def lanczos(lr, w, h):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "lr.png")
        lr.save(src)
        raw = ffmpeg(["-i", src, "-vf", "scale=%d:%d:flags=lanczos+accurate_rnd+full_chroma_int+full_chroma_inp"
                      % (w, h), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    return np.frombuffer(raw, np.uint8).reshape(h, w, 3)


def luma(rgb_u8):
    x = rgb_u8.astype(np.float64) / 255.0
    return 16.0 + 65.481 * x[..., 0] + 128.553 * x[..., 1] + 24.966 * x[..., 2]


def score(out_u8, hr_u8, s):
    a, b = luma(out_u8)[s:-s, s:-s], luma(hr_u8)[s:-s, s:-s]
    mse = np.mean((a - b) ** 2)
    psnr = 10 * np.log10(255.0 ** 2 / mse)
    ssim = structural_similarity(a, b, data_range=255.0, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False, K1=0.01, K2=0.03)
    return psnr, ssim


def cases(scale):
    """(name, HR uint8, clean LR image, H.264 LR image) for each photo."""
    out = []
    for name in PHOTOS:
        hr = centre_crop(Image.open(os.path.join(DATA, name)).convert("RGB"))
        lr = hr.resize((hr.size[0] // scale, hr.size[1] // scale), Image.BICUBIC)
        out.append((name, np.asarray(hr), lr, h264_roundtrip(lr)))
    return out


def upscale(model, lr):
    x = torch.from_numpy(np.asarray(lr).astype(np.float32) / 255.0).permute(2, 0, 1)[None]
    with torch.no_grad():
        t = time.perf_counter()
        y = model(x)
        dt = time.perf_counter() - t
    y = (y[0].clamp(0, 1) * 255.0).round().byte().permute(1, 2, 0).numpy()
    return y, dt


def as_tensor(lr):
    return torch.from_numpy(np.asarray(lr).astype(np.float32) / 255.0).permute(2, 0, 1)[None]


def chained(first, second):
    def run(lr, w, h):
        with torch.no_grad():
            mid = (first(as_tensor(lr)).clamp(0, 1) * 255.0).round() / 255.0
            y = second(mid)
        return (y[0].clamp(0, 1) * 255.0).round().byte().permute(1, 2, 0).numpy()
    return run


def ensembled(model):
    def run(lr, w, h):
        x = as_tensor(lr)
        total = 0
        with torch.no_grad():
            for k in range(8):
                xi = x.transpose(2, 3) if k & 4 else x
                xi = xi.flip(3) if k & 1 else xi
                xi = xi.flip(2) if k & 2 else xi
                y = model(xi)
                y = y.flip(2) if k & 2 else y
                y = y.flip(3) if k & 1 else y
                total = total + (y.transpose(2, 3) if k & 4 else y)
        return ((total / 8)[0].clamp(0, 1) * 255.0).round().byte().permute(1, 2, 0).numpy()
    return run


def evaluate(label, scale, run, data):
    rows = {}
    for variant, idx in (("clean", 2), ("h264", 3)):
        ps, ss = [], []
        for case in data:
            hr = case[1]
            out = run(case[idx], hr.shape[1], hr.shape[0])
            p, s = score(out, hr, scale)
            ps.append(p)
            ss.append(s)
        rows[variant] = (float(np.mean(ps)), float(np.mean(ss)), ps)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*")
    ap.add_argument("--scale", type=int, default=None, help="scale of TorchScript files given without model.json")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--per-photo", action="store_true")
    ap.add_argument("--chain", nargs=2, action="append", default=[], metavar=("A", "B"))
    ap.add_argument("--ensemble", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    entries = []
    for m in args.models:
        if os.path.isdir(m):
            meta = json.load(open(os.path.join(m, "model.json")))
            entries.append((meta["name"], meta["scale"], os.path.join(m, meta["file"])))
        else:
            entries.append((os.path.basename(m), args.scale, m))
    def folder(m):
        meta = json.load(open(os.path.join(m, "model.json")))
        return meta["name"], meta["scale"], os.path.join(m, meta["file"])
    chains = []
    for a, b in args.chain:
        (na, sa, pa), (nb, sb, pb) = folder(a), folder(b)
        chains.append((na + " > " + nb, sa * sb, pa, pb))
    scales = sorted({e[1] for e in entries} | {c[1] for c in chains}) or [2, 4]

    print("%-22s %2s | %-24s | %-24s | %s" % ("model", "x", "clean PSNR-Y SSIM-Y (dB vs Lanczos)",
                                              "H.264 CRF23 PSNR-Y SSIM-Y (dB)", "CPU s/img"))
    for s in scales:
        data = cases(s)
        base = evaluate("lanczos", s, lambda lr, w, h: lanczos(lr, w, h), data)
        def line(label, r, secs=""):
            c, v = r["clean"], r["h264"]
            print("%-22s %2d | %6.2f %.4f (%+5.2f)      | %6.2f %.4f (%+5.2f)      | %s"
                  % (label, s, c[0], c[1], c[0] - base["clean"][0], v[0], v[1], v[0] - base["h264"][0], secs))
            if args.per_photo:
                print("%28s clean %s  h264 %s" % ("", " ".join("%.2f" % p for p in c[2]),
                                                   " ".join("%.2f" % p for p in v[2])))
        line("lanczos (ffmpeg)", base)
        for name, scale, path in entries:
            if scale != s:
                continue
            model = torch.jit.load(path).eval()
            times = []
            def run(lr, w, h):
                y, dt = upscale(model, lr)
                times.append(dt)
                return y
            r = evaluate(name, s, run, data)
            line(name, r, "%.3f" % (sorted(times)[len(times) // 2]))
            if args.ensemble:
                line(name + " x8 ens", evaluate(name, s, ensembled(model), data))
        for name, scale, pa, pb in chains:
            if scale == s:
                line(name, evaluate(name, s, chained(torch.jit.load(pa).eval(), torch.jit.load(pb).eval()), data))


if __name__ == "__main__":
    main()
