"""Networks of the t2v-shapes bundle: text encoder, factorised space-time denoiser, video-text scorer.

All modules are written to be torch.jit.script-able under torch 1.13 (what DJL loads).
"""
import math
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    """Pre-norm multi-head self-attention over [B, T, C] with an additive mask [B, T] (0 or -1e4)."""

    def __init__(self, dim: int, heads: int, zero_out: bool = False):
        super().__init__()
        self.heads = heads
        self.norm = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, dim * 3)
        self.out = nn.Linear(dim, dim)
        if zero_out:
            nn.init.zeros_(self.out.weight)
            nn.init.zeros_(self.out.bias)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, c = x.shape
        h = self.heads
        qkv = self.qkv(self.norm(x)).reshape(b, t, 3, h, c // h).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(c // h)) + mask[:, None, None, :]
        y = torch.matmul(att.softmax(dim=-1), v).permute(0, 2, 1, 3).reshape(b, t, c)
        return x + self.out(y)


class Mlp(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, dim * 4)
        self.fc2 = nn.Linear(dim * 4, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.fc2(F.gelu(self.fc1(self.norm(x))))


class TextEncoder(nn.Module):
    """tokens int64 [N, L] (0 = padding) → [N, out]; all-padding rows give the learned null embedding."""

    def __init__(self, vocab: int, max_tokens: int = 16, dim: int = 128, out: int = 256, layers: int = 2):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.pos = nn.Parameter(torch.randn(max_tokens, dim) * 0.02)
        self.attn = nn.ModuleList([Attention(dim, 4) for _ in range(layers)])
        self.mlp = nn.ModuleList([Mlp(dim) for _ in range(layers)])
        self.norm = nn.LayerNorm(dim)
        self.proj = nn.Linear(dim, out)
        self.null = nn.Parameter(torch.randn(out) * 0.02)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        valid = (tokens > 0).float()
        x = self.embed(tokens) + self.pos[None, : tokens.shape[1]]
        mask = (1.0 - valid) * -1e4
        for attn, mlp in zip(self.attn, self.mlp):
            x = mlp(attn(x, mask))
        x = self.norm(x)
        count = valid.sum(dim=1, keepdim=True)
        pooled = (x * valid[:, :, None]).sum(dim=1) / count.clamp(min=1.0)
        y = self.proj(pooled)
        empty = (count == 0).float()
        return y * (1.0 - empty) + self.null[None, :] * empty


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t[:, None] * 1000.0 * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


class ResBlock(nn.Module):
    """Per-frame 2-D residual block with FiLM from a per-frame embedding, plus a temporal conv across frames."""

    def __init__(self, cin: int, cout: int, emb: int, frames: int):
        super().__init__()
        self.frames = frames
        self.n1 = nn.GroupNorm(8, cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.film = nn.Linear(emb, cout * 2)
        self.n2 = nn.GroupNorm(8, cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        nn.init.zeros_(self.c2.weight)
        nn.init.zeros_(self.c2.bias)
        # Temporal convolution (kernel 3 across frames) as a 1x1 convolution over the channels of the
        # previous, current and next frame: one dense kernel instead of a permute and a batched conv1d.
        self.tconv = nn.Conv2d(cout * 3, cout, 1)
        nn.init.zeros_(self.tconv.weight)
        nn.init.zeros_(self.tconv.bias)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        # x [B*F, C, H, W], e [B*F, emb]
        h = self.c1(F.silu(self.n1(x)))
        s = self.film(e)
        scale, shift = s.chunk(2, dim=1)
        h = F.silu(self.n2(h) * (1.0 + scale[:, :, None, None]) + shift[:, :, None, None])
        h = self.c2(h)
        bf, c, hh, ww = h.shape
        f = self.frames
        v = h.reshape(bf // f, f, c, hh, ww)
        zero = torch.zeros_like(v[:, :1])
        prev = torch.cat([zero, v[:, :-1]], dim=1)
        nxt = torch.cat([v[:, 1:], zero], dim=1)
        t = self.tconv(torch.cat([prev, v, nxt], dim=2).reshape(bf, 3 * c, hh, ww))
        return self.skip(x) + h + t


class TemporalAttention(nn.Module):
    def __init__(self, dim: int, frames: int):
        super().__init__()
        self.frames = frames
        self.pos = nn.Parameter(torch.randn(frames, dim) * 0.02)
        self.attn = Attention(dim, 4, zero_out=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        bf, c, h, w = x.shape
        f = self.frames
        seq = x.reshape(bf // f, f, c, h * w).permute(0, 3, 1, 2).reshape(-1, f, c) + self.pos[None]
        mask = torch.zeros(seq.shape[0], f, device=x.device, dtype=x.dtype)
        y = self.attn(seq, mask) - self.pos[None]
        return y.reshape(bf // f, h * w, f, c).permute(0, 2, 3, 1).reshape(bf, c, h, w)


class CoMovingTemporalAttention(nn.Module):
    """Temporal attention in a frame that moves with the velocity the prompt asks for.

    Frame f's features are resampled at p + (f - centre) * velocity before attending across frames, so an
    object moving at that velocity sits at one location in every frame and the layer only has to keep it
    there (what plain temporal attention learns easily); the update is resampled back afterwards. The
    velocity comes from the text embedding through a head trained directly on the motion words.
    """

    def __init__(self, dim: int, frames: int, size: int):
        super().__init__()
        self.frames = frames
        self.inner = TemporalAttention(dim, frames)
        self.norm_per_px = 2.0 / size

    def shift(self, x: torch.Tensor, offset: torch.Tensor) -> torch.Tensor:
        # x [B*F, C, H, W]; offset [B*F, 2] in pixels of the full-size clip (x, y)
        bf, c, h, w = x.shape
        ys = torch.linspace(-1.0 + 1.0 / h, 1.0 - 1.0 / h, h, device=x.device, dtype=x.dtype)
        xs = torch.linspace(-1.0 + 1.0 / w, 1.0 - 1.0 / w, w, device=x.device, dtype=x.dtype)
        gy = ys[:, None].expand(h, w)
        gx = xs[None, :].expand(h, w)
        grid = torch.stack([gx, gy], dim=2)[None] + (offset * self.norm_per_px)[:, None, None, :].to(x.dtype)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)

    def forward(self, x: torch.Tensor, velocity: torch.Tensor) -> torch.Tensor:
        bf, c, h, w = x.shape
        f = self.frames
        rel = torch.arange(f, device=x.device, dtype=velocity.dtype) - (f - 1) / 2.0
        offset = (rel[None, :, None] * velocity[:, None, :]).reshape(bf, 2)
        moved = self.shift(x, offset)
        delta = self.inner(moved) - moved
        return x + self.shift(delta, -offset)


class SpatialAttention(nn.Module):
    def __init__(self, dim: int, tokens: int):
        super().__init__()
        self.pos = nn.Parameter(torch.randn(tokens, dim) * 0.02)
        self.attn = Attention(dim, 4, zero_out=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        bf, c, h, w = x.shape
        seq = x.reshape(bf, c, h * w).permute(0, 2, 1) + self.pos[None]
        mask = torch.zeros(bf, h * w, device=x.device, dtype=x.dtype)
        y = self.attn(seq, mask) - self.pos[None]
        return y.permute(0, 2, 1).reshape(bf, c, h, w)


class Denoiser(nn.Module):
    """Rectified-flow velocity v(x_t, t, cond) for clips [N, F, 3, S, S] in [-1, 1].

    Space and time are factorised: 2-D convolutions and spatial attention per frame, temporal
    convolutions and temporal attention across frames. The conditioning reaches every block as a
    per-frame FiLM computed from (text, time, frame index) together, so a motion word can ask each
    frame for its own displacement directly.
    """

    def __init__(self, frames: int = 8, size: int = 32, cond: int = 256, ch=(32, 64, 128), emb: int = 256):
        super().__init__()
        c1, c2, c3 = ch
        self.frames, self.size = frames, size
        self.temb = nn.Sequential(nn.Linear(128, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.fpos = nn.Parameter(torch.randn(frames, emb) * 0.02)
        self.cproj = nn.Linear(cond, emb)
        self.velocity = nn.Sequential(nn.Linear(cond, 64), nn.SiLU(), nn.Linear(64, 2))
        self.frame_mlp = nn.Sequential(nn.SiLU(), nn.Linear(emb, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.inp = nn.Conv2d(3 + 2, c1, 3, padding=1)
        self.e1 = ResBlock(c1, c1, emb, frames)
        self.e1m = CoMovingTemporalAttention(c1, frames, size)
        self.d1 = nn.Conv2d(c1, c2, 3, stride=2, padding=1)
        self.e2 = ResBlock(c2, c2, emb, frames)
        self.e2t = TemporalAttention(c2, frames)
        self.e2m = CoMovingTemporalAttention(c2, frames, size)
        self.d2 = nn.Conv2d(c2, c3, 3, stride=2, padding=1)
        self.m1 = ResBlock(c3, c3, emb, frames)
        self.m1s = SpatialAttention(c3, (size // 4) ** 2)
        self.m1t = TemporalAttention(c3, frames)
        self.m1m = CoMovingTemporalAttention(c3, frames, size)
        self.m2 = ResBlock(c3, c3, emb, frames)
        self.m2s = SpatialAttention(c3, (size // 4) ** 2)
        self.m2t = TemporalAttention(c3, frames)
        self.m2m = CoMovingTemporalAttention(c3, frames, size)
        # Channel reductions before upsampling: the same receptive field for a quarter of the work.
        self.u2 = nn.Conv2d(c3, c2, 3, padding=1)
        self.dec2 = ResBlock(c2 * 2, c2, emb, frames)
        self.dec2t = TemporalAttention(c2, frames)
        self.dec2m = CoMovingTemporalAttention(c2, frames, size)
        self.u1 = nn.Conv2d(c2, c1, 3, padding=1)
        self.dec1 = ResBlock(c1 * 2, c1, emb, frames)
        self.dec1m = CoMovingTemporalAttention(c1, frames, size)
        self.onorm = nn.GroupNorm(8, c1)
        self.out = nn.Conv2d(c1, 3, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)
        lin = (torch.arange(size, dtype=torch.float32) + 0.5) / size * 2 - 1
        gy, gx = torch.meshgrid(lin, lin, indexing="ij")
        self.register_buffer("coords", torch.stack([gx, gy])[None])

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return self.run(x, t, cond)[0]

    @torch.jit.export
    def run(self, x: torch.Tensor, t: torch.Tensor, cond: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """The velocity field and the prompt's frame velocity (pixels a frame, x then y)."""
        n, f, c, h, w = x.shape
        vel = self.velocity(cond)
        base = self.temb(timestep_embedding(t, 128)) + self.cproj(cond)  # [N, emb]
        e = self.frame_mlp(base[:, None, :] + self.fpos[None])  # [N, F, emb]
        e = e.reshape(n * f, -1)
        z = x.reshape(n * f, c, h, w)
        z = self.inp(torch.cat([z, self.coords.expand(n * f, 2, h, w)], dim=1))
        s1 = self.e1m(self.e1(z, e), vel)
        z = self.e2m(self.e2t(self.e2(self.d1(s1), e)), vel)
        s2 = z
        z = self.d2(z)
        z = self.m1m(self.m1t(self.m1s(self.m1(z, e))), vel)
        z = self.m2m(self.m2t(self.m2s(self.m2(z, e))), vel)
        z = F.interpolate(self.u2(z), scale_factor=2.0, mode="nearest")
        z = self.dec2m(self.dec2t(self.dec2(torch.cat([z, s2], dim=1), e)), vel)
        z = F.interpolate(self.u1(z), scale_factor=2.0, mode="nearest")
        z = self.dec1m(self.dec1(torch.cat([z, s1], dim=1), e), vel)
        z = self.out(F.silu(self.onorm(z)))
        return z.reshape(n, f, c, h, w), vel


class VideoEncoder(nn.Module):
    """[N, F, 3, S, S] in [0, 1] → unit vectors [N, out]. Frame differences are an input so motion is explicit."""

    def __init__(self, frames: int = 8, size: int = 32, dim: int = 128, out: int = 128):
        super().__init__()
        self.frames = frames
        self.cnn = nn.Sequential(
            nn.Conv2d(6, 32, 3, padding=1), nn.GELU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(64, 96, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(96, 128, 3, stride=2, padding=1), nn.GELU())
        self.flat = nn.Linear(128 * (size // 8) ** 2, dim)
        self.pos = nn.Parameter(torch.randn(frames, dim) * 0.02)
        self.attn = nn.ModuleList([Attention(dim, 4) for _ in range(2)])
        self.mlp = nn.ModuleList([Mlp(dim) for _ in range(2)])
        self.norm = nn.LayerNorm(dim)
        self.proj = nn.Linear(dim, out)

    def forward(self, v: torch.Tensor) -> torch.Tensor:
        n, f, c, h, w = v.shape
        x = v * 2.0 - 1.0
        d = torch.cat([x[:, 1:] - x[:, :-1], torch.zeros_like(x[:, :1])], dim=1)
        z = self.cnn(torch.cat([x, d], dim=2).reshape(n * f, 2 * c, h, w)).reshape(n, f, -1)
        z = self.flat(z) + self.pos[None]
        mask = torch.zeros(n, f, device=v.device, dtype=v.dtype)
        for attn, mlp in zip(self.attn, self.mlp):
            z = mlp(attn(z, mask))
        y = self.proj(self.norm(z).mean(dim=1))
        return F.normalize(y, dim=1)


class Scorer(nn.Module):
    """forward(video [N, F, 3, S, S] in [0, 1], tokens [N, L]) → cosine similarity [N]."""

    def __init__(self, vocab: int, max_tokens: int = 16, frames: int = 8, size: int = 32):
        super().__init__()
        self.video = VideoEncoder(frames, size)
        self.text = TextEncoder(vocab, max_tokens, dim=128, out=128)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def embed_text(self, tokens: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.text(tokens), dim=1)

    def forward(self, video: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        return (self.video(video) * self.embed_text(tokens)).sum(dim=1)


def count(m):
    return sum(p.numel() for p in m.parameters())
