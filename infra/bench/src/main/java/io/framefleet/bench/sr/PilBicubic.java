package io.framefleet.bench.sr;

/**
 * Bicubic downscaling exactly as PIL's {@code Image.resize(size, Image.BICUBIC)} does it on 8-bit RGB, which is
 * what the SR literature's "bicubic degradation" means (MATLAB imresize): Keys a = -0.5, the kernel widened by the
 * reduction factor (antialiasing), weights normalised, then quantised to 22-bit fixed point, a horizontal pass
 * rounded to 8 bit, then a vertical pass. Reproducing the fixed-point steps, not just the maths, is what makes the
 * low-resolution inputs byte-identical to the ones the Python evaluation feeds its models.
 */
final class PilBicubic {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubic() {
    }

    static RgbImage resize(RgbImage in, int width, int height) {
        Coefficients horizontal = Coefficients.of(in.width(), width);
        Coefficients vertical = Coefficients.of(in.height(), height);
        byte[] mid = new byte[3 * width * in.height()];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < width; x++) {
                int first = horizontal.first[x];
                int[] k = horizontal.weights[x];
                for (int c = 0; c < 3; c++) {
                    long acc = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < k.length; i++) {
                        acc += (long) (in.rgb()[3 * (y * in.width() + first + i) + c] & 0xff) * k[i];
                    }
                    mid[3 * (y * width + x) + c] = clip8(acc);
                }
            }
        }
        byte[] out = new byte[3 * width * height];
        for (int y = 0; y < height; y++) {
            int first = vertical.first[y];
            int[] k = vertical.weights[y];
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    long acc = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < k.length; i++) {
                        acc += (long) (mid[3 * ((first + i) * width + x) + c] & 0xff) * k[i];
                    }
                    out[3 * (y * width + x) + c] = clip8(acc);
                }
            }
        }
        return new RgbImage(out, width, height);
    }

    private static byte clip8(long acc) {
        long v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }

    static double keys(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** PIL's precompute_coeffs and normalize_coeffs_8bpc, step for step (including its rounding of the bounds). */
    private record Coefficients(int[] first, int[][] weights) {

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(1.0, scale);
            double support = SUPPORT * filterScale;
            int[] first = new int[outSize];
            int[][] weights = new int[outSize][];
            for (int o = 0; o < outSize; o++) {
                double centre = (o + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = Math.max(0, (int) (centre - support + 0.5));
                int xmax = Math.min(inSize, (int) (centre + support + 0.5)) - xmin;
                double[] k = new double[xmax];
                double sum = 0;
                for (int x = 0; x < xmax; x++) {
                    k[x] = keys((x + xmin - centre + 0.5) * ss);
                    sum += k[x];
                }
                int[] fixed = new int[xmax];
                for (int x = 0; x < xmax; x++) {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                first[o] = xmin;
                weights[o] = fixed;
            }
            return new Coefficients(first, weights);
        }
    }
}
