package io.framefleet.inference;

/**
 * Separable Lanczos-3 resampling of planar float images, the last step of a chain that overshoots the target
 * (x4 for a x3 job) or lands beside it (odd sizes). Downscaling widens the kernel by the reduction factor, so it
 * filters rather than aliases; edges repeat the border pixel. Values are not clamped here: clamping once, at the
 * conversion to 8 bit, keeps the ringing of successive stages from compounding.
 */
public final class Lanczos {

    private static final int A = 3;

    private Lanczos() {
    }

    public static PlanarImage resize(PlanarImage src, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        if (width == src.width() && height == src.height()) {
            return src;
        }
        Kernel kx = Kernel.of(src.width(), width);
        Kernel ky = Kernel.of(src.height(), height);
        int sw = src.width();
        int sh = src.height();
        float[] in = src.data();
        float[] mid = new float[3 * width * sh];
        for (int c = 0; c < 3; c++) {
            int inPlane = c * sw * sh;
            int midPlane = c * width * sh;
            for (int y = 0; y < sh; y++) {
                int row = inPlane + y * sw;
                for (int x = 0; x < width; x++) {
                    mid[midPlane + y * width + x] = kx.apply(in, row, 1, x);
                }
            }
        }
        float[] out = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            int midPlane = c * width * sh;
            int outPlane = c * width * height;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[outPlane + y * width + x] = ky.apply(mid, midPlane + x, width, y);
                }
            }
        }
        return new PlanarImage(out, width, height);
    }

    /** For every output position: the first input index and the normalised weights of its taps. */
    private record Kernel(int in, int[] first, float[][] weights) {

        static Kernel of(int in, int out) {
            double scale = (double) out / in;
            double stretch = Math.max(1.0, 1.0 / scale);
            double support = A * stretch;
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) / scale - 0.5;
                int lo = (int) Math.floor(centre - support) + 1;
                int hi = (int) Math.ceil(centre + support) - 1;
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    w[i - lo] = lanczos((i - centre) / stretch);
                    sum += w[i - lo];
                }
                float[] fw = new float[w.length];
                for (int i = 0; i < w.length; i++) {
                    fw[i] = (float) (w[i] / sum);
                }
                first[o] = lo;
                weights[o] = fw;
            }
            return new Kernel(in, first, weights);
        }

        float apply(float[] data, int offset, int stride, int o) {
            float[] w = weights[o];
            int lo = first[o];
            int n = w.length;
            int last = in - 1;
            float acc = 0f;
            for (int k = 0; k < n; k++) {
                int i = lo + k;
                int clamped = i < 0 ? 0 : (i > last ? last : i);
                acc += w[k] * data[offset + clamped * stride];
            }
            return acc;
        }
    }

    private static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= A) {
            return 0;
        }
        double px = Math.PI * x;
        return A * Math.sin(px) * Math.sin(px / A) / (px * px);
    }
}
