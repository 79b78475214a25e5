"""Batched training degradations that run on the training device.

`jpeg` reproduces baseline JPEG's lossy steps on a batch of 8-bit RGB images: JFIF YCbCr,
4:2:0 chroma by 2x2 averaging, 8x8 DCT, quantisation with the IJG tables scaled by a
per-image quality, and a decoder with triangle ("fancy") chroma upsampling. Entropy coding is
lossless, so what is left out is only libjpeg's fixed-point rounding: the output lands within a
level or two of PIL's encoder/decoder at the same quality (check_against_pil measures that).
Running it as tensor ops keeps the GPU, not a per-sample Python loop, the limit of a training
step.
"""
import math

import torch
import torch.nn.functional as F

_LUMA = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
_CHROMA = [
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99] + [99] * 32


def _dct_matrix(device):
    k = torch.arange(8, dtype=torch.float32, device=device)
    m = torch.cos((2 * k[None, :] + 1) * k[:, None] * math.pi / 16) * math.sqrt(2 / 8)
    m[0] /= math.sqrt(2)
    return m  # orthonormal: coefficients = M @ block @ M.T


def _tables(quality, device):
    """IJG quality scaling: N x 8 x 8 luma and chroma tables for an N-vector of qualities."""
    q = quality.to(device=device, dtype=torch.float32).clamp(1, 100)
    scale = torch.where(q < 50, 5000.0 / q, 200.0 - 2.0 * q)[:, None, None]
    out = []
    for base in (_LUMA, _CHROMA):
        b = torch.tensor(base, dtype=torch.float32, device=device).view(1, 8, 8)
        out.append(torch.floor((b * scale + 50) / 100).clamp(1, 255))
    return out


def _code(plane, table, m):
    """Quantise and reconstruct an N x H x W plane (H, W multiples of 8) in 8x8 blocks."""
    n, h, w = plane.shape
    blocks = (plane - 128.0).view(n, h // 8, 8, w // 8, 8).permute(0, 1, 3, 2, 4)
    coef = m @ blocks @ m.t()
    t = table[:, None, None]
    coef = torch.round(coef / t) * t
    back = m.t() @ coef @ m
    return back.permute(0, 1, 3, 2, 4).reshape(n, h, w) + 128.0


def jpeg(rgb_u8, quality):
    """rgb_u8: N x 3 x H x W uint8 (H, W multiples of 16); quality: N ints 1..100. Returns uint8."""
    n, _, h, w = rgb_u8.shape
    if h % 16 or w % 16:
        raise ValueError("jpeg needs sides that are multiples of 16, got %dx%d" % (h, w))
    x = rgb_u8.float()
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128.0
    cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128.0
    # the encoder stores 8-bit samples
    y, cb, cr = (torch.round(c).clamp(0, 255) for c in (y, cb, cr))
    chroma = F.avg_pool2d(torch.stack([cb, cr], 1), 2)
    ql, qc = _tables(quality, x.device)
    m = _dct_matrix(x.device)
    y = _code(y, ql, m).clamp(0, 255)
    chroma = torch.stack([_code(chroma[:, i], qc, m) for i in range(2)], 1).clamp(0, 255)
    # libjpeg's fancy upsampling is the 3/4-1/4 triangle filter, i.e. half-pixel bilinear
    chroma = F.interpolate(chroma, scale_factor=2.0, mode="bilinear", align_corners=False)
    cb, cr = chroma[:, 0] - 128.0, chroma[:, 1] - 128.0
    out = torch.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], 1)
    return torch.round(out).clamp(0, 255).to(torch.uint8)


def check_against_pil(images=8, size=64, seed=0):
    """Mean absolute difference (8-bit levels) to PIL's JPEG on smooth-ish random crops."""
    import io
    import numpy as np
    from PIL import Image
    torch.manual_seed(seed)
    base = torch.rand(images, 3, size // 8, size // 8)
    noisy = F.interpolate(base, size=(size, size), mode="bicubic", align_corners=False)
    noisy = noisy + 0.05 * torch.randn(images, 3, size, size)
    u8 = (noisy.clamp(0, 1) * 255).round().to(torch.uint8)
    qualities = torch.randint(20, 86, (images,))
    ours = jpeg(u8, qualities)
    diffs, changes = [], []
    for i in range(images):
        buf = io.BytesIO()
        Image.fromarray(u8[i].permute(1, 2, 0).numpy()).save(buf, format="JPEG", quality=int(qualities[i]),
                                                             subsampling=2)
        buf.seek(0)
        pil = torch.from_numpy(np.asarray(Image.open(buf).convert("RGB")).copy()).permute(2, 0, 1)
        diffs.append((ours[i].float() - pil.float()).abs().mean().item())
        changes.append((pil.float() - u8[i].float()).abs().mean().item())
    return sum(diffs) / images, sum(changes) / images


if __name__ == "__main__":
    d, c = check_against_pil()
    print("mean |ours - PIL| %.2f levels; PIL's JPEG itself changes pixels by %.2f levels" % (d, c))
