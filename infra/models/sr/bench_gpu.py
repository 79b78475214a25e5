"""Times trained models on a CUDA GPU: frames/s for 960x540 output, batch 1 and 8, fp32/fp16/bf16.

    python3 infra/models/sr/bench_gpu.py CHECKPOINT_DIR   (the .npz files train.py wrote)
"""
import argparse
import os
import time

import torch

import models
from train import load


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--iters", type=int, default=30)
    args = ap.parse_args()
    cuda = torch.cuda.is_available()
    dev = torch.device("cuda" if cuda else "cpu")
    torch.backends.cudnn.benchmark = True
    print("device: %s, torch %s" % (torch.cuda.get_device_name(0) if cuda else "cpu", torch.__version__))
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    print("%-16s %-5s %-16s %5s %-5s %10s %10s" % ("model", "scale", "input->output", "batch", "dtype", "ms/batch", "frames/s"))
    for name in sorted(os.listdir(args.folder)):
        if not name.endswith(".npz"):
            continue
        profile, scale = name[3:-4].split("-x")
        scale = int(scale)
        model = models.build(profile, scale)
        load(model, os.path.join(args.folder, name))
        model = model.to(dev).eval().to(memory_format=torch.channels_last)
        h, w = 540 // scale, 960 // scale
        for batch in (1, 8):
            for dtype in (torch.float32, torch.float16, torch.bfloat16) if cuda else (torch.float32,):
                m = model.to(dtype)
                x = torch.rand(batch, 3, h, w, device=dev, dtype=dtype).contiguous(memory_format=torch.channels_last)
                try:
                    with torch.no_grad():
                        for _ in range(5):
                            m(x)
                        sync()
                        t = time.perf_counter()
                        for _ in range(args.iters):
                            m(x)
                        sync()
                        dt = (time.perf_counter() - t) / args.iters
                except RuntimeError as e:
                    print("%-16s x%-4d %s: %s" % (name[:-4], scale, dtype, str(e).splitlines()[0]))
                    continue
                print("%-16s x%-4d %-16s %5d %-5s %10.2f %10.1f" % (name[:-4], scale, "%dx%d->960x540" % (w, h), batch,
                      str(dtype).split(".")[1].replace("float", "fp").replace("bfp16", "bf16"), dt * 1e3, batch / dt), flush=True)


if __name__ == "__main__":
    main()
