"""Trains one super-resolution model on the photo folder built by data.py.

All photos are decoded once into one pixel buffer on the training device; each step gathers a
batch of random HR patches, each with one of the 8 flips/rotations, in a single indexing op,
makes the LR input with the same antialiased bicubic downscale as the benchmark (torch's
antialias filter, within a few 8-bit levels of PIL's), rounds it to 8 bit and, for a share of
the samples, passes it through a batched JPEG 4:2:0 at a random quality (degrade.py) so the
model also copes with compressed video. No per-sample Python work is left, so the GPU is the
limit. L1 loss, Adam, cosine learning rate over a wall-clock budget, so runs of any length end
at a small learning rate.

Checkpoints are .npz (weights plus step and elapsed seconds) so they move between torch
versions; --resume continues from one (the optimizer's moments restart), --init fine-tunes
from one with a fresh optimizer and schedule (use a smaller --lr and --lr-floor 0).

    /usr/bin/python3 infra/models/sr/train.py --profile fast --scale 2 --data .srdata \
        --out runs --minutes 20
"""
import argparse
import contextlib
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import degrade
import models


class Photos:
    """All photos packed into one flat uint8 pixel buffer on the device, with per-photo offsets
    and sizes, so a whole batch of crops is a single gather."""

    def __init__(self, folder, device):
        pixels, offsets, heights, widths = [], [], [], []
        total = 0
        for name in sorted(os.listdir(folder)):
            if name.lower().endswith((".jpg", ".jpeg", ".png")):
                a = np.asarray(Image.open(os.path.join(folder, name)).convert("RGB"))
                pixels.append(torch.from_numpy(a.reshape(-1, 3).copy()))
                offsets.append(total)
                heights.append(a.shape[0])
                widths.append(a.shape[1])
                total += a.shape[0] * a.shape[1]
        if not pixels:
            raise SystemExit("no photos in " + folder)
        self.pixels = torch.cat(pixels).to(device)
        self.offsets = torch.tensor(offsets, dtype=torch.int64, device=device)
        self.heights = torch.tensor(heights, dtype=torch.int64, device=device)
        self.widths = torch.tensor(widths, dtype=torch.int64, device=device)
        self.device = device

    def __len__(self):
        return len(self.offsets)

    def crops(self, batch, size):
        """batch x 3 x size x size uint8: a random photo, position and one of the 8 flips/rotations
        each, done by transforming the gather's coordinates."""
        d = self.device
        n = torch.randint(0, len(self), (batch,), device=d)
        h, w = self.heights[n], self.widths[n]
        y = (torch.rand(batch, device=d) * (h - size + 1).float()).long().clamp(max=h - size)
        x = (torch.rand(batch, device=d) * (w - size + 1).float()).long().clamp(max=w - size)
        flips = torch.randint(0, 2, (3, batch, 1, 1), device=d).bool()
        i = torch.arange(size, device=d)
        ii, jj = i.view(1, size, 1).expand(batch, size, size), i.view(1, 1, size).expand(batch, size, size)
        rows = torch.where(flips[0], jj, ii)  # transpose
        cols = torch.where(flips[0], ii, jj)
        rows = torch.where(flips[1], size - 1 - rows, rows)
        cols = torch.where(flips[2], size - 1 - cols, cols)
        index = self.offsets[n].view(-1, 1, 1) + (y.view(-1, 1, 1) + rows) * w.view(-1, 1, 1) \
            + x.view(-1, 1, 1) + cols
        return self.pixels[index].permute(0, 3, 1, 2)  # N x 3 x S x S, channels-last in memory


class Batches:
    """HR crops, the benchmark's antialiased bicubic LR rounded to 8 bit and, for a share of the
    samples, JPEG 4:2:0 at a random quality: all batched tensor ops on the training device."""

    def __init__(self, photos, scale, patch, batch, compress, device):
        if compress > 0 and patch % 16:
            raise SystemExit("--patch must be a multiple of 16 when --compress > 0")
        self.photos, self.scale, self.patch, self.batch = photos, scale, patch, batch
        self.compress, self.device = compress, device

    def next(self):
        hr = self.photos.crops(self.batch, self.patch * self.scale).float() / 255.0
        lr = F.interpolate(hr, size=(self.patch, self.patch), mode="bicubic",
                           align_corners=False, antialias=True)
        lr_u8 = (lr * 255.0).round().clamp(0, 255).to(torch.uint8)
        if self.compress > 0:
            pick = torch.rand(self.batch, device=self.device) < self.compress
            quality = torch.randint(20, 86, (self.batch,), device=self.device)
            lr_u8 = torch.where(pick.view(-1, 1, 1, 1), degrade.jpeg(lr_u8, quality), lr_u8)
        return lr_u8.float() / 255.0, hr


def save(model, path, step, elapsed):
    arrays = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    arrays["meta_step"] = np.array(step)
    arrays["meta_elapsed"] = np.array(elapsed)
    tmp = path + ".tmp.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def load(model, path):
    if path.endswith(".pt"):
        # a bundled TorchScript model carries the same weights; its step count lives in model.json
        model.load_state_dict(torch.jit.load(path, map_location="cpu").state_dict())
        return 0, 0.0
    z = np.load(path)
    state = {k: torch.from_numpy(z[k]) for k in z.files if not k.startswith("meta_")}
    model.load_state_dict(state)
    return int(z["meta_step"]), float(z["meta_elapsed"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=["fast", "quality"], required=True)
    ap.add_argument("--scale", type=int, choices=[2, 4], required=True)
    ap.add_argument("--data", required=True, help="folder written by data.py")
    ap.add_argument("--out", required=True, help="folder for the checkpoint sr-<profile>-x<scale>.npz")
    ap.add_argument("--minutes", type=float, required=True, help="wall-clock training budget")
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--patch", type=int, default=None, help="LR patch side")
    ap.add_argument("--lr", type=float, default=None)
    ap.add_argument("--compress", type=float, default=0.3, help="share of samples with JPEG'd LR")
    ap.add_argument("--lr-floor", type=float, default=0.02, help="final learning rate as a share of --lr")
    ap.add_argument("--warmup", type=int, default=200, help="steps of linear warm-up in this run")
    ap.add_argument("--resume", action="store_true", help="continue from the checkpoint in --out")
    ap.add_argument("--init", default=None,
                    help="fine-tune from these weights (.npz, or a bundled model.pt): the step count carries on, the optimizer "
                         "and the learning-rate schedule start afresh over --minutes")
    ap.add_argument("--save-every", type=float, default=60.0, help="seconds between checkpoints")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="auto")
    args = ap.parse_args()

    device = torch.device(("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device)
    cuda = device.type == "cuda"
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if cuda:
        torch.backends.cudnn.benchmark = True
    fast = args.profile == "fast"
    batch = args.batch or ((64 if fast else 32) if cuda else 16)
    patch = args.patch or (64 if fast else 48)
    base_lr = args.lr or (2e-3 if fast else 4e-4)

    name = "sr-%s-x%d" % (args.profile, args.scale)
    os.makedirs(args.out, exist_ok=True)
    ckpt = os.path.join(args.out, name + ".npz")
    model = models.build(args.profile, args.scale)
    step, done = 0, 0.0
    if args.resume and os.path.exists(ckpt):
        step, done = load(model, ckpt)
        print("%s resumed at step %d, %.0f s trained" % (name, step, done), flush=True)
    elif args.init:
        step, _ = load(model, args.init)
        print("%s fine-tunes %s (%d steps trained)" % (name, args.init, step), flush=True)
    model.to(device)
    if cuda:
        model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=base_lr, betas=(0.9, 0.99))

    photos = Photos(args.data, device)
    batches = Batches(photos, args.scale, patch, batch, args.compress, device)
    budget = args.minutes * 60.0
    print("%s: %d params, %d photos, batch %d x %dpx LR, lr %.1e -> %.1e, %s, torch %s, %.0f s budget"
          % (name, models.parameters(model), len(photos), batch, patch, base_lr, base_lr * args.lr_floor,
             device, torch.__version__, budget), flush=True)

    start = time.time() - done
    last_save = last_log = time.time()
    losses = []
    first_step = step
    while True:
        elapsed = time.time() - start
        if elapsed >= budget:
            break
        frac = elapsed / budget
        warm = min(1.0, (step - first_step + 1) / float(max(1, args.warmup)))
        lr = base_lr * warm * (args.lr_floor + (1 - args.lr_floor) * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        lr_img, hr = batches.next()
        if cuda:
            lr_img = lr_img.contiguous(memory_format=torch.channels_last)
        with (torch.autocast(device_type="cuda", dtype=torch.bfloat16) if cuda else contextlib.nullcontext()):
            out = model(lr_img)
        loss = F.l1_loss(out.float(), hr)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        losses.append(loss.item() if step % 10 == 0 else None)
        now = time.time()
        if now - last_log >= 30:
            recent = [l for l in losses if l is not None]
            print("%s step %d  %.0fs  loss %.4f  lr %.2e  %.1f it/s"
                  % (name, step, elapsed, sum(recent) / max(1, len(recent)), lr, len(losses) / (now - last_log)),
                  flush=True)
            losses, last_log = [], now
        if now - last_save >= args.save_every:
            save(model, ckpt, step, time.time() - start)
            last_save = now
    save(model, ckpt, step, time.time() - start)
    print("%s done: %d steps (%d in this run, %.1f/s), %.0f s, saved %s"
          % (name, step, step - first_step, (step - first_step) / max(1e-9, time.time() - start - done),
             time.time() - start, ckpt), flush=True)


if __name__ == "__main__":
    main()
