"""Super-resolution networks shipped with framefleet.

Both families work at low resolution and upscale with pixel shuffle, so their cost grows with
the input, not the output. Each adds its learned residual to a plain interpolation of the
input, which gives a sensible picture from the first training step and lets short training
runs spend their capacity on detail. The code runs unchanged on torch 1.13 and 2.x and
scripts to TorchScript.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FastSR(nn.Module):
    """A few 3x3 convolutions at input resolution, pixel shuffle, bilinear skip."""

    def __init__(self, scale: int, channels: int = 24, body: int = 4):
        super().__init__()
        self.scale = scale
        layers = [nn.Conv2d(3, channels, 3, padding=1), nn.ReLU(inplace=True)]
        for _ in range(body):
            layers += [nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(inplace=True)]
        layers += [nn.Conv2d(channels, 3 * scale * scale, 3, padding=1)]
        self.body = nn.Sequential(*layers)
        self.shuffle = nn.PixelShuffle(scale)
        # The last layer starts near zero so the untrained model is the bilinear skip.
        nn.init.normal_(layers[-1].weight, std=1e-3)
        nn.init.zeros_(layers[-1].bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skip = F.interpolate(x, scale_factor=float(self.scale), mode="bilinear", align_corners=False)
        return skip + self.shuffle(self.body(x))

    def receptive_radius(self) -> int:
        convs = sum(1 for m in self.body if isinstance(m, nn.Conv2d))
        return convs + 1  # +1: the bilinear skip reads one neighbour


class ResBlock(nn.Module):
    def __init__(self, channels: int, res_scale: float):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.res_scale = res_scale

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.conv2(F.relu(self.conv1(x))) * self.res_scale


class QualitySR(nn.Module):
    """EDSR-style residual network (no batch norm) with a pixel-shuffle tail and bicubic skip."""

    def __init__(self, scale: int, channels: int = 64, blocks: int = 16, res_scale: float = 1.0):
        super().__init__()
        self.scale = scale
        self.blocks = blocks
        self.head = nn.Conv2d(3, channels, 3, padding=1)
        self.body = nn.Sequential(*[ResBlock(channels, res_scale) for _ in range(blocks)])
        self.body_tail = nn.Conv2d(channels, channels, 3, padding=1)
        up = []
        for _ in range({2: 1, 4: 2}[scale]):
            up += [nn.Conv2d(channels, 4 * channels, 3, padding=1), nn.PixelShuffle(2)]
        self.up = nn.Sequential(*up)
        self.out = nn.Conv2d(channels, 3, 3, padding=1)
        nn.init.normal_(self.out.weight, std=1e-3)
        nn.init.zeros_(self.out.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skip = F.interpolate(x, scale_factor=float(self.scale), mode="bicubic", align_corners=False)
        f = self.head(x)
        f = f + self.body_tail(self.body(f))
        return skip + self.out(self.up(f))

    def receptive_radius(self) -> int:
        lr_convs = 1 + 2 * self.blocks + 1 + 1  # head, blocks, body tail, first upsampling conv
        # later upsampling and output convs run at higher resolution: one LR pixel covers them
        return lr_convs + 2  # +2: the bicubic skip reads two neighbours


def build(profile: str, scale: int) -> nn.Module:
    if profile == "fast":
        # x2 is held to a CPU frame budget (480x270 in well under 0.1 s on two cores); x4 reads
        # a quarter of the pixels for the same output, so it can afford a wider, deeper body.
        return FastSR(scale, 24, 3) if scale == 2 else FastSR(scale, 48, 5)
    if profile == "quality":
        return QualitySR(scale)
    raise ValueError("unknown profile " + profile)


def parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
