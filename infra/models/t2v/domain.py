"""The "shapes" domain (docs/generation.md): batched rendering, captions, tokenizer, checker.

Everything renders on the training device as tensor ops, so a batch of clips costs no Python loop.
"""
import math
import random
import re

import torch

FRAMES, SIZE = 8, 32
COLOURS = {
    "red": (230, 30, 30), "green": (30, 200, 40), "blue": (40, 60, 230), "yellow": (240, 230, 40),
    "magenta": (230, 40, 220), "cyan": (40, 220, 230), "white": (245, 245, 245), "orange": (245, 140, 20),
}
COLOUR_NAMES = list(COLOURS)
SHAPES = ["circle", "square", "triangle", "cross"]
MOTIONS = ["left", "right", "up", "down", "still"]
MOTION_DIR = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1), "still": (0, 0)}
BACKGROUNDS = {"black": (0, 0, 0), "gray": (110, 110, 110)}
BG_NAMES = list(BACKGROUNDS)
HELD_OUT = [tuple(s.split()) for s in (
    "blue circle left; green circle left; cyan cross right; magenta cross still; orange cross down; "
    "white cross left; yellow cross left; yellow cross still; blue square down; blue square still; "
    "blue square up; cyan square down; red square right; white square right; blue triangle up; "
    "cyan triangle right; cyan triangle up; green triangle down; green triangle still; "
    "magenta triangle down; magenta triangle up; red triangle down; white triangle left; "
    "white triangle still").split("; ")]
ALL_COMBOS = [(c, s, m) for c in COLOUR_NAMES for s in SHAPES for m in MOTIONS]
SEEN = [k for k in ALL_COMBOS if k not in set(HELD_OUT)]
assert len(HELD_OUT) == 24 and len(SEEN) == 136

# ---------------------------------------------------------------------------------------------
# Rendering

SUPER = 4


def _inside(shape, u, w, r):
    """Boolean coverage of offsets (u, w) from the centre (y grows downwards) for shape ids."""
    au, aw = u.abs(), w.abs()
    circle = u * u + w * w <= r * r
    square = (au <= 0.8 * r) & (aw <= 0.8 * r)
    c30 = math.cos(math.pi / 6)
    tri = (w <= 0.5 * r) & (-c30 * u - 0.5 * w <= 0.5 * r) & (c30 * u - 0.5 * w <= 0.5 * r)
    arm = r / 3.0
    cross = ((au <= r) & (aw <= arm)) | ((au <= arm) & (aw <= r))
    out = torch.where(shape == 0, circle, square)
    out = torch.where(shape == 2, tri, out)
    return torch.where(shape == 3, cross, out)


def render(colour, shape, motion, speed, radius, x0, y0, bg, device="cpu"):
    """Clips as float tensor [B, F, 3, S, S] in 0..255 (8-bit rounded). All args are 1-D tensors."""
    b = colour.shape[0]
    dirs = torch.tensor([MOTION_DIR[m] for m in MOTIONS], dtype=torch.float32, device=device)
    d = dirs[motion]  # [B,2]
    f = torch.arange(FRAMES, device=device, dtype=torch.float32)
    cx = x0[:, None] + d[:, 0:1] * speed[:, None] * f[None]  # [B,F]
    cy = y0[:, None] + d[:, 1:2] * speed[:, None] * f[None]
    sub = (torch.arange(SIZE * SUPER, device=device, dtype=torch.float32) + 0.5) / SUPER  # [S*4]
    u = sub[None, None, None, :] - cx[:, :, None, None]  # [B,F,1,X]
    w = sub[None, None, :, None] - cy[:, :, None, None]  # [B,F,Y,1]
    r = radius[:, None, None, None]
    inside = _inside(shape[:, None, None, None], u, w, r).float()  # [B,F,Y,X]
    cov = inside.view(b, FRAMES, SIZE, SUPER, SIZE, SUPER).mean(dim=(3, 5))  # [B,F,S,S]
    pal = torch.tensor([COLOURS[c] for c in COLOUR_NAMES], dtype=torch.float32, device=device)
    bgs = torch.tensor([BACKGROUNDS[g] for g in BG_NAMES], dtype=torch.float32, device=device)
    fg = pal[colour][:, None, :, None, None]
    back = bgs[bg][:, None, :, None, None]
    img = back + (fg - back) * cov[:, :, None]
    return torch.round(img)


def sample_params(combos, device="cpu", gen=None):
    """Random geometry for a list of (colour, shape, motion) triples; keeps the object inside."""
    b = len(combos)
    colour = torch.tensor([COLOUR_NAMES.index(c) for c, _, _ in combos], device=device)
    shape = torch.tensor([SHAPES.index(s) for _, s, _ in combos], device=device)
    motion = torch.tensor([MOTIONS.index(m) for _, _, m in combos], device=device)
    rnd = lambda: torch.rand(b, device=device, generator=gen)
    radius = 4.5 + 2.0 * rnd()
    speed = 1.2 + 1.0 * rnd()
    bg = (rnd() < 0.5).long()
    dirs = torch.tensor([MOTION_DIR[m] for m in MOTIONS], dtype=torch.float32, device=device)[motion]
    travel = speed * (FRAMES - 1)
    e = radius
    lo_x = e + torch.clamp(-dirs[:, 0], min=0) * travel
    hi_x = SIZE - e - torch.clamp(dirs[:, 0], min=0) * travel
    lo_y = e + torch.clamp(-dirs[:, 1], min=0) * travel
    hi_y = SIZE - e - torch.clamp(dirs[:, 1], min=0) * travel
    x0 = lo_x + (hi_x - lo_x) * rnd()
    y0 = lo_y + (hi_y - lo_y) * rnd()
    return dict(colour=colour, shape=shape, motion=motion, speed=speed, radius=radius, x0=x0, y0=y0, bg=bg)


def render_combos(combos, device="cpu", gen=None):
    p = sample_params(combos, device, gen)
    return render(device=device, **p), p


# ---------------------------------------------------------------------------------------------
# Captions

COLOUR_WORDS = {c: [c] for c in COLOUR_NAMES}
SHAPE_WORDS = {"circle": ["circle", "ball", "disc", "disk", "dot"], "square": ["square", "box", "block"],
               "triangle": ["triangle"], "cross": ["cross", "plus sign", "plus"]}
VERBS_ING = ["moving", "going", "sliding", "drifting", "travelling", "heading", "gliding"]
VERBS_S = ["moves", "goes", "slides", "drifts", "travels", "heads", "glides"]
DIR_WORDS = {"left": ["left", "to the left", "leftward", "leftwards", "towards the left"],
             "right": ["right", "to the right", "rightward", "rightwards", "towards the right"],
             "up": ["up", "upward", "upwards", "towards the top"],
             "down": ["down", "downward", "downwards", "towards the bottom"]}
EXTRA_ING = {"up": ["rising", "climbing"], "down": ["falling", "sinking", "dropping"]}
EXTRA_S = {"up": ["rises", "climbs"], "down": ["falls", "sinks", "drops"]}
STILL_ING = ["staying still", "standing still", "not moving", "resting", "staying in place", "motionless",
             "static", "stationary"]
STILL_S = ["stays still", "stands still", "does not move", "rests", "stays in place", "is motionless",
           "is static", "is stationary"]
BG_WORDS = {"black": ["on a black background", "on black", "against a black background", "on a black backdrop"],
            "gray": ["on a gray background", "on grey", "against a grey background", "on a gray backdrop"]}


def motion_ing(m, rng):
    if m == "still":
        return rng.choice(STILL_ING)
    if m in EXTRA_ING and rng.random() < 0.25:
        return rng.choice(EXTRA_ING[m])
    return rng.choice(VERBS_ING) + " " + rng.choice(DIR_WORDS[m])


def motion_s(m, rng):
    if m == "still":
        return rng.choice(STILL_S)
    if m in EXTRA_S and rng.random() < 0.25:
        return rng.choice(EXTRA_S[m])
    return rng.choice(VERBS_S) + " " + rng.choice(DIR_WORDS[m])


def caption(c, s, m, bg, rng):
    col, shp = rng.choice(COLOUR_WORDS[c]), rng.choice(SHAPE_WORDS[s])
    bgp = rng.choice(BG_WORDS[BG_NAMES[bg]]) if rng.random() < 0.35 else ""
    t = rng.randrange(8)
    if t == 0:
        out = f"a {col} {shp} {motion_ing(m, rng)}"
    elif t == 1:
        out = f"{col} {shp} {motion_ing(m, rng)}"
    elif t == 2:
        out = f"the {col} {shp} {motion_s(m, rng)}"
    elif t == 3:
        out = f"a {shp} in {col} {motion_ing(m, rng)}"
    elif t == 4:
        out = f"a video of a {col} {shp} {motion_ing(m, rng)}"
    elif t == 5:
        out = f"one small {col} {shp} that {motion_s(m, rng)}"
    elif t == 6:
        out = f"{motion_ing(m, rng)}, a {col} {shp}"
    else:
        out = f"a clip where a {col} {shp} is {motion_ing(m, rng)}"
    if bgp:
        out = f"{out} {bgp}" if rng.random() < 0.7 else f"{bgp}, {out}"
    return out


def canonical(c, s, m):
    return f"a {c} {s} " + ("staying still" if m == "still" else f"moving {m}")


def vocabulary():
    words = set()
    for group in (COLOUR_WORDS, SHAPE_WORDS, DIR_WORDS, EXTRA_ING, EXTRA_S, BG_WORDS):
        for v in group.values():
            for p in v:
                words.update(split_words(p))
    for p in VERBS_ING + VERBS_S + STILL_ING + STILL_S:
        words.update(split_words(p))
    words.update(split_words("a the in of video one small that clip where is staying moving"))
    return ["<pad>"] + sorted(words)


def split_words(text):
    return [w for w in re.split(r"[^a-z]+", text.lower()) if w]


class Tokenizer:
    def __init__(self, vocab, max_tokens=16):
        self.vocab, self.index, self.max_tokens = vocab, {w: i for i, w in enumerate(vocab)}, max_tokens

    def encode(self, text):
        ids = [self.index[w] for w in split_words(text) if w in self.index and w != "<pad>"][: self.max_tokens]
        return ids + [0] * (self.max_tokens - len(ids))

    def batch(self, texts, device="cpu"):
        return torch.tensor([self.encode(t) for t in texts], dtype=torch.long, device=device)


# ---------------------------------------------------------------------------------------------
# Analytic checker (for monitoring training; the Java ShapesChecker is the benchmark's)

def check(clips):
    """clips: float [B, F, 3, S, S] in 0..255 → list of (colour, shape, motion) or None per clip."""
    out = []
    b, nf = clips.shape[0], clips.shape[1]
    corners = torch.cat([clips[:, :, :, :2, :2].reshape(b, -1, 3), clips[:, :, :, -2:, -2:].reshape(b, -1, 3),
                         clips[:, :, :, :2, -2:].reshape(b, -1, 3), clips[:, :, :, -2:, :2].reshape(b, -1, 3)], 1)
    bg = corners.median(dim=1).values  # [B,3]
    diff = (clips - bg[:, None, :, None, None]).abs().amax(dim=2)  # [B,F,S,S]
    pal = torch.tensor([COLOURS[c] for c in COLOUR_NAMES], dtype=torch.float32)
    ys, xs = torch.meshgrid(torch.arange(SIZE, dtype=torch.float32) + 0.5,
                            torch.arange(SIZE, dtype=torch.float32) + 0.5, indexing="ij")
    for i in range(b):
        mask = diff[i] > 50  # [F,S,S]
        strong = diff[i] > 0.8 * diff[i].amax()
        if mask.sum() < 6 * nf:
            out.append(None)
            continue
        pix = clips[i].permute(0, 2, 3, 1)[strong]
        col = COLOUR_NAMES[int(((pal - pix.mean(0)) ** 2).sum(1).argmin())]
        wgt = (diff[i] / 255.0).clamp(0, 1) * mask
        m = wgt.sum(dim=(1, 2)).clamp(min=1e-6)
        cx, cy = (wgt * xs).sum(dim=(1, 2)) / m, (wgt * ys).sum(dim=(1, 2)) / m
        t = torch.arange(nf, dtype=torch.float32) - (nf - 1) / 2
        vx, vy = float((t * cx).sum() / (t * t).sum()), float((t * cy).sum() / (t * t).sum())
        if max(abs(vx), abs(vy)) < 0.5:
            mot = "still"
        elif abs(vx) > abs(vy):
            mot = "right" if vx > 0 else "left"
        else:
            mot = "down" if vy > 0 else "up"
        # shape: best IoU of the middle frame's coverage against templates at its centroid
        k = nf // 2
        cov = (diff[i, k] / max(float(diff[i, k].amax()), 1.0)).clamp(0, 1)
        radii = torch.arange(4.0, 7.01, 0.25)
        n = len(radii) * 4
        shp = torch.arange(4).repeat_interleave(len(radii))
        rr = radii.repeat(4)
        sub = (torch.arange(SIZE * 2, dtype=torch.float32) + 0.5) / 2
        u = sub[None, None, :] - cx[k]
        w = sub[None, :, None] - cy[k]
        tmpl = _inside(shp[:, None, None], u, w, rr[:, None, None]).float().view(n, SIZE, 2, SIZE, 2).mean((2, 4))
        inter = torch.minimum(tmpl, cov[None]).sum((1, 2))
        union = torch.maximum(tmpl, cov[None]).sum((1, 2))
        best = int((inter / union).argmax())
        out.append((col, SHAPES[int(shp[best])], mot))
    return out


if __name__ == "__main__":
    # Validate the checker on ground truth renders.
    g = torch.Generator().manual_seed(0)
    rng = random.Random(0)
    combos = [rng.choice(ALL_COMBOS) for _ in range(2000)]
    clips, _ = render_combos(combos, gen=g)
    got = check(clips)
    acc = [sum(1 for a, b in zip(got, combos) if a is not None and a[j] == b[j]) / len(combos) for j in range(3)]
    allok = sum(1 for a, b in zip(got, combos) if a == b) / len(combos)
    print(f"checker on {len(combos)} ground-truth clips: colour {acc[0]:.4f} shape {acc[1]:.4f} "
          f"motion {acc[2]:.4f} all {allok:.4f}")
    bad = [(a, b) for a, b in zip(got, combos) if a != b][:10]
    print("misses:", bad)
    tok = Tokenizer(vocabulary())
    print(len(tok.vocab), "words;", caption("red", "circle", "left", 0, rng), tok.encode("a red circle zooming left"))
