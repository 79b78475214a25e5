"""Train the t2v-shapes base model (text encoder + denoiser) or the video-text scorer.

  /usr/bin/python3 infra/models/t2v/train.py base   --minutes 40 --out .runs/t2v [--resume]
  /usr/bin/python3 infra/models/t2v/train.py scorer --minutes 15 --out .runs/t2v [--resume]

Data is rendered on the training device for every step from the 136 seen (colour, shape, motion)
combinations only; the 24 held-out ones never appear, as videos or as captions. Checkpoints are
.npz (portable across torch versions) written every few minutes and at the end; --resume continues
from OUT/<kind>.npz (weights, EMA, step; Adam's moments restart).
"""
import argparse
import contextlib
import json
import math
import os
import random
import re
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import domain as D  # noqa: E402
import models as M  # noqa: E402

MAX_TOKENS = 16


def autocast(enabled):
    return torch.autocast(device_type="cuda", dtype=torch.bfloat16) if enabled else contextlib.nullcontext()


class Generator(torch.nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.text = M.TextEncoder(vocab, MAX_TOKENS)
        self.denoiser = M.Denoiser()


def build(kind, vocab):
    return Generator(vocab) if kind == "base" else M.Scorer(vocab, MAX_TOKENS)


class CaptionBank:
    """Pre-tokenised captions per (combo, background), so a batch of captions is one gather."""

    def __init__(self, tok, combos, per=160, seed=0, device="cpu"):
        rng = random.Random(seed)
        self.index = {k: i for i, k in enumerate(combos)}
        toks = []
        for c, s, m in combos:
            for bg in range(2):
                toks.append([tok.encode(D.caption(c, s, m, bg, rng)) for _ in range(per)])
        self.tokens = torch.tensor(toks, dtype=torch.long, device=device)  # [K*2, per, L]
        self.per = per

    def draw(self, combo_idx, bg):
        row = combo_idx * 2 + bg
        col = torch.randint(0, self.per, row.shape, device=row.device)
        return self.tokens[row, col]


def save(path, model, ema, step, extra):
    arrays = {"m/" + k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    arrays.update({"e/" + k: v.detach().float().cpu().numpy() for k, v in ema.state_dict().items()})
    arrays["step"] = np.array(step)
    arrays["meta"] = np.array(json.dumps(extra))
    tmp = path + ".tmp.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def load_into(module, arrays, prefix):
    sd = {k[len(prefix):]: torch.from_numpy(np.asarray(arrays[k])) for k in arrays.files if k.startswith(prefix)}
    ref = module.state_dict()
    sd = {k: v.to(ref[k].dtype) if k in ref else v for k, v in sd.items()}
    module.load_state_dict(sd)


@torch.no_grad()
def sample(gen, tokens, seeds_or_noise, steps=16, guidance=3.0):
    """Euler on the rectified flow with classifier-free guidance (the sampler the Java side runs)."""
    dev = tokens.device
    x = seeds_or_noise
    n = x.shape[0]
    cond = gen.text(tokens)
    uncond = gen.text(torch.zeros_like(tokens))
    both = torch.cat([cond, uncond])
    for k in range(steps):
        t, t_next = 1.0 - k / steps, 1.0 - (k + 1) / steps
        tt = torch.full((2 * n,), t, device=dev)
        v = gen.denoiser(torch.cat([x, x]), tt, both)
        vc, vu = v[:n], v[n:]
        x = x + (t_next - t) * (vu + guidance * (vc - vu))
    return ((x.clamp(-1, 1) + 1) * 127.5).round()


def evaluate_base(gen, tok, device, per_combo=2, steps=16, guidance=3.0, seed=1234):
    g = torch.Generator(device="cpu").manual_seed(seed)
    rng = random.Random(seed)
    seen = rng.sample(D.SEEN, 24)
    res = {}
    for split, combos in (("held-out", D.HELD_OUT), ("seen", seen)):
        combos = [k for k in combos for _ in range(per_combo)]
        toks = tok.batch([D.canonical(*k) for k in combos], device)
        noise = torch.randn(len(combos), D.FRAMES, 3, D.SIZE, D.SIZE, generator=g).to(device)
        clips = sample(gen, toks, noise, steps, guidance).float().cpu()
        got = D.check(clips)
        acc = [sum(1 for a, b in zip(got, combos) if a is not None and a[j] == b[j]) / len(combos) for j in range(3)]
        allok = sum(1 for a, b in zip(got, combos) if a == b) / len(combos)
        res[split] = dict(colour=acc[0], shape=acc[1], motion=acc[2], all=allok)
    return res


@torch.no_grad()
def evaluate_scorer(model, tok, device, seed=99):
    """Top-1 retrieval of each held-out/seen video among all 160 canonical captions."""
    g = torch.Generator(device="cpu").manual_seed(seed)
    texts = tok.batch([D.canonical(*k) for k in D.ALL_COMBOS], device)
    temb = model.embed_text(texts)
    res = {}
    for split, combos in (("held-out", D.HELD_OUT), ("seen", random.Random(seed).sample(D.SEEN, 24))):
        combos = [k for k in combos for _ in range(4)]
        clips, _ = D.render_combos(combos, "cpu", g)
        v = model.video((clips / 255.0).to(device))
        pick = (v @ temb.t()).argmax(dim=1).cpu()
        got = [D.ALL_COMBOS[int(i)] for i in pick]
        acc = [sum(1 for a, b in zip(got, combos) if a[j] == b[j]) / len(combos) for j in range(3)]
        res[split] = dict(colour=acc[0], shape=acc[1], motion=acc[2],
                          all=sum(1 for a, b in zip(got, combos) if a == b) / len(combos))
    return res


def degrade(clips01, gen=None):
    """Scorer robustness: the candidates it scores are generated, so not exactly clean renders."""
    n = clips01.shape[0]
    dev = clips01.device
    sigma = torch.rand(n, 1, 1, 1, 1, device=dev) * 0.04
    x = clips01 + sigma * torch.randn_like(clips01)
    blur = torch.rand(n, device=dev) < 0.3
    if blur.any():
        b = x[blur]
        s = b.shape
        flat = b.reshape(-1, 3, s[-2], s[-1])
        k = torch.tensor([0.25, 0.5, 0.25], device=dev)
        k2 = (k[:, None] * k[None, :])[None, None].repeat(3, 1, 1, 1)
        flat = F.conv2d(F.pad(flat, (1, 1, 1, 1), mode="replicate"), k2, groups=3)
        x[blur] = flat.reshape(s).to(x.dtype)
    return x.clamp(0, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["base", "scorer"])
    ap.add_argument("--minutes", type=float, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--batch", type=int, default=0)
    ap.add_argument("--lr", type=float, default=0)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--eval-minutes", type=float, default=2.0, help="wall-clock between evaluations")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--init", default="", help="start from a bundle folder's TorchScript weights (t2v-shapes or "
                    "t2v-scorer) when RUN holds no checkpoint of this kind")
    ap.add_argument("--no-eval", action="store_true", help="skip the sampling evaluations (slow on a CPU)")
    args = ap.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    vocab = D.vocabulary()
    tok = D.Tokenizer(vocab, MAX_TOKENS)
    with open(os.path.join(args.out, "vocab.json"), "w") as f:
        json.dump(vocab, f)
    model = build(args.kind, len(vocab)).to(device)
    ema = build(args.kind, len(vocab)).to(device)
    ema.load_state_dict(model.state_dict())
    ema.requires_grad_(False)
    ckpt = os.path.join(args.out, args.kind + ".npz")
    step = 0
    if args.resume and os.path.exists(ckpt):
        arr = np.load(ckpt)
        # A checkpoint brought back from another machine may hold only the (fp16) EMA weights.
        load_into(model, arr, "m/" if any(k.startswith("m/") for k in arr.files) else "e/")
        load_into(ema, arr, "e/")
        step = int(arr["step"])
        print(f"resumed {ckpt} at step {step}", flush=True)
    elif args.init:
        parts = {"text": "text.pt", "denoiser": "denoiser.pt"} if args.kind == "base" else {"": "scorer.pt"}
        for attr, name in parts.items():
            target = getattr(model, attr) if attr else model
            # A scripted module keeps the eager module's parameter names, so its state loads as is.
            target.load_state_dict(torch.jit.load(os.path.join(args.init, name), map_location="cpu").state_dict())
        ema.load_state_dict(model.state_dict())
        # Step counts continue from the bundle's, so an exported model.json says how long it trained in all.
        with open(os.path.join(args.init, "model.json")) as f:
            done = re.search(r"(\d+) steps", json.load(f).get("training", ""))
        step = int(done.group(1)) if done else 0
        print(f"initialised from {args.init} (step {step})", flush=True)
    batch = args.batch or (256 if device == "cuda" else 16)
    lr = args.lr or (5e-4 if args.kind == "base" else 1e-3)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01 if args.kind == "scorer" else 0.0)
    bank = CaptionBank(tok, D.SEEN, device=device, seed=args.seed + step)
    combo_ids = torch.arange(len(D.SEEN), device=device)
    amp = device == "cuda"
    print(f"{args.kind}: {M.count(model):,} parameters, device {device}, batch {batch}, lr {lr}, "
          f"{args.minutes} min", flush=True)
    start = time.time()
    budget = args.minutes * 60
    last_eval = last_save = start
    step0 = step
    losses = []
    while True:
        elapsed = time.time() - start
        if elapsed >= budget:
            break
        frac = elapsed / budget
        warm = min(1.0, (step - step0 + 1) / 300)
        for gr in opt.param_groups:
            gr["lr"] = lr * warm * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        pick = combo_ids[torch.randint(0, len(D.SEEN), (batch,), device=device)]
        combos = [D.SEEN[int(i)] for i in pick.cpu()]
        p = D.sample_params(combos, device)
        clips = D.render(device=device, **p)
        tokens = bank.draw(pick, p["bg"])
        with autocast(amp):
            if args.kind == "base":
                x0 = clips / 127.5 - 1.0
                drop = torch.rand(batch, device=device) < 0.1
                tokens = torch.where(drop[:, None], torch.zeros_like(tokens), tokens)
                t = torch.sigmoid(torch.randn(batch, device=device))
                uni = torch.rand(batch, device=device) < 0.1
                t = torch.where(uni, torch.rand(batch, device=device), t)
                noise = torch.randn_like(x0)
                xt = (1 - t)[:, None, None, None, None] * x0 + t[:, None, None, None, None] * noise
                v, vel = model.denoiser.run(xt, t, model.text(tokens))
                # The velocity head learns what each motion word means directly: the mean speed of the domain
                # along the motion's direction (the prompt does not say the speed), zero for the empty prompt.
                want = torch.tensor([D.MOTION_DIR[m] for m in D.MOTIONS], dtype=torch.float32,
                                    device=device)[p["motion"]] * 1.7 * (~drop)[:, None].float()
                loss = F.mse_loss(v.float(), noise - x0) + 0.1 * F.mse_loss(vel.float(), want)
            else:
                video = model.video(degrade(clips / 255.0))
                # hard negatives: the same video's caption with one attribute changed (to a seen combination)
                neg = []
                for c, s, m in combos:
                    while True:
                        j = random.randrange(3)
                        alt = [c, s, m]
                        alt[j] = random.choice((D.COLOUR_NAMES, D.SHAPES, D.MOTIONS)[j])
                        alt = tuple(alt)
                        if alt != (c, s, m) and alt in bank.index:
                            break
                    neg.append(bank.index[alt])
                neg = torch.tensor(neg, device=device)
                ntok = bank.draw(neg, p["bg"])
                text = model.embed_text(torch.cat([tokens, ntok]))
                labels = torch.cat([pick, neg])
                match = (pick[:, None] == labels[None, :]).float()
                scale = model.logit_scale.exp().clamp(max=100)
                logits = scale * video.float() @ text.float().t()
                l_v = -(F.log_softmax(logits, dim=1) * match / match.sum(1, keepdim=True)).sum(1).mean()
                lt = logits[:, :batch].t()
                m2 = match[:, :batch].t()
                l_t = -(F.log_softmax(lt, dim=1) * m2 / m2.sum(1, keepdim=True)).sum(1).mean()
                loss = 0.5 * (l_v + l_t)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        decay = min(0.999, (1 + step - step0) / (10 + step - step0))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.lerp_(pm, 1 - decay)
            for be, bm in zip(ema.buffers(), model.buffers()):
                be.copy_(bm)
        losses.append(float(loss.detach()))
        if step % 50 == 0:
            print(json.dumps({"step": step, "min": round((time.time() - start) / 60, 2),
                              "loss": round(sum(losses[-50:]) / len(losses[-50:]), 5)}), flush=True)
        now = time.time()
        if not args.no_eval and now - last_eval >= args.eval_minutes * 60 and now - start < budget - 30:
            last_eval = now
            ema.eval()
            with autocast(amp):
                res = evaluate_base(ema, tok, device) if args.kind == "base" else evaluate_scorer(ema, tok, device)
            print(json.dumps({"step": step, "min": round((now - start) / 60, 2),
                              "loss": round(sum(losses[-200:]) / len(losses[-200:]), 5),
                              "s_per_step": round((now - start) / max(1, step - step0), 4), **res}), flush=True)
        if now - last_save >= 300:
            last_save = now
            save(ckpt, model, ema, step, {"kind": args.kind})
    ema.eval()
    res = {}
    if not args.no_eval:
        with autocast(amp):
            res = evaluate_base(ema, tok, device) if args.kind == "base" else evaluate_scorer(ema, tok, device)
    print(json.dumps({"final": True, "step": step, "min": round((time.time() - start) / 60, 2), **res}), flush=True)
    save(ckpt, model, ema, step, {"kind": args.kind, "minutes": args.minutes, "device": device, "batch": batch})
    np.savez(os.path.join(args.out, args.kind + "-ema16.npz"),
             **{"e/" + k: v.detach().cpu().numpy().astype(np.float16 if v.is_floating_point() else None)
                for k, v in ema.state_dict().items()}, step=np.array(step),
             meta=np.array(json.dumps({"kind": args.kind, "minutes": args.minutes, "device": device, "batch": batch})))
    print(f"saved {ckpt} at step {step} after {(time.time() - start) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
