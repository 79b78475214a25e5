"""Trains one super-resolution model on the photo folder built by data.py.

All photos are decoded once onto the training device; each step crops random HR patches,
flips/rotates them, makes the LR input with the same antialiased bicubic downscale as the
benchmark (torch's antialias filter, within a few 8-bit levels of PIL's), rounds it to 8 bit
and, for a share of the samples, passes it through JPEG with 4:2:0 chroma at a random quality
so the model also copes with compressed video. L1 loss, Adam, cosine learning rate over a
wall-clock budget, so runs of any length end at a small learning rate.

Checkpoints are .npz (weights plus step and elapsed seconds) so they move between torch
versions; --resume continues from one (the optimizer's moments restart).

    /usr/bin/python3 infra/models/sr/train.py --profile fast --scale 2 --data .srdata \
        --out runs --minutes 20
"""
import argparse
import contextlib
import io
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import models


def load_photos(folder, device):
    photos = []
    for name in sorted(os.listdir(folder)):
        if name.lower().endswith((".jpg", ".jpeg", ".png")):
            a = np.asarray(Image.open(os.path.join(folder, name)).convert("RGB"))
            photos.append(torch.from_numpy(a.copy()).permute(2, 0, 1).contiguous().to(device))
    if not photos:
        raise SystemExit("no photos in " + folder)
    return photos


def jpeg(lr_u8, quality):
    im = Image.fromarray(lr_u8.permute(1, 2, 0).cpu().numpy())
    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=quality, subsampling=2)
    buf.seek(0)
    return torch.from_numpy(np.asarray(Image.open(buf).convert("RGB")).copy()).permute(2, 0, 1)


class Batches:
    def __init__(self, photos, scale, patch, batch, compress, device):
        self.photos, self.scale, self.patch, self.batch = photos, scale, patch, batch
        self.compress, self.device = compress, device

    def next(self):
        hr_size = self.patch * self.scale
        crops = []
        for _ in range(self.batch):
            p = random.choice(self.photos)
            y = random.randint(0, p.shape[1] - hr_size)
            x = random.randint(0, p.shape[2] - hr_size)
            c = p[:, y:y + hr_size, x:x + hr_size]
            if random.random() < 0.5:
                c = c.flip(2)
            c = torch.rot90(c, random.randint(0, 3), (1, 2))
            crops.append(c)
        hr = torch.stack(crops).float() / 255.0
        lr = F.interpolate(hr, scale_factor=1.0 / self.scale, mode="bicubic",
                           align_corners=False, antialias=True)
        lr_u8 = (lr * 255.0).round().clamp(0, 255).to(torch.uint8)
        if self.compress > 0:
            for i in range(self.batch):
                if random.random() < self.compress:
                    lr_u8[i] = jpeg(lr_u8[i], random.randint(20, 85)).to(self.device)
        return lr_u8.float() / 255.0, hr


def save(model, path, step, elapsed):
    arrays = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    arrays["meta_step"] = np.array(step)
    arrays["meta_elapsed"] = np.array(elapsed)
    tmp = path + ".tmp.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def load(model, path):
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
    ap.add_argument("--resume", action="store_true", help="continue from the checkpoint in --out")
    ap.add_argument("--init", default=None, help="start from these weights (.npz)")
    ap.add_argument("--save-every", type=float, default=60.0, help="seconds between checkpoints")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="auto")
    args = ap.parse_args()

    device = torch.device(("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device)
    cuda = device.type == "cuda"
    if args.threads:
        torch.set_num_threads(args.threads)
    random.seed(args.seed)
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
        load(model, args.init)
    model.to(device)
    if cuda:
        model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=base_lr, betas=(0.9, 0.99))

    photos = load_photos(args.data, device)
    batches = Batches(photos, args.scale, patch, batch, args.compress, device)
    budget = args.minutes * 60.0
    print("%s: %d params, %d photos, batch %d x %dpx LR, lr %.1e, %s, %.0f s budget"
          % (name, models.parameters(model), len(photos), batch, patch, base_lr, device, budget), flush=True)

    start = time.time() - done
    last_save = last_log = time.time()
    losses = []
    while True:
        elapsed = time.time() - start
        if elapsed >= budget:
            break
        frac = elapsed / budget
        lr = base_lr * min(1.0, (step + 1) / 200.0) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
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
    print("%s done: %d steps, %.0f s, saved %s" % (name, step, time.time() - start, ckpt), flush=True)


if __name__ == "__main__":
    main()
