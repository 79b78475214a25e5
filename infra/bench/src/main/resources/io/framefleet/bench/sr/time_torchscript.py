"""Forward time of a TorchScript file in this Python's torch, for the DJL-vs-Python overhead row.

Usage: time_torchscript.py MODEL.pt WIDTH HEIGHT THREADS RUNS [WARMUPS]
Prints one line: "median_ms=<float> torch=<version> threads=<n>". Exit status 3 when torch is missing, so the
benchmark can say so instead of failing.
"""
import statistics
import sys
import time

try:
    import torch
except ImportError:
    print("torch is not installed in " + sys.executable)
    sys.exit(3)


def main():
    path, width, height, threads, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    warmups = int(sys.argv[6]) if len(sys.argv) > 6 else 3
    torch.set_num_threads(threads)
    model = torch.jit.load(path, map_location="cpu").eval()
    generator = torch.Generator().manual_seed(0)
    x = torch.rand(1, 3, height, width, generator=generator)
    times = []
    with torch.no_grad():
        # The profiling executor specialises the graph on its first runs, as libtorch does under DJL.
        for _ in range(warmups):
            model(x)
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - start) * 1000.0)
    print("median_ms=%.3f torch=%s threads=%d" % (statistics.median(times), torch.__version__, torch.get_num_threads()))


if __name__ == "__main__":
    main()
