package io.framefleet.bench.sr;

/**
 * The SR literature's scores on the luma channel: Y = 16 + 65.481 R + 128.553 G + 24.966 B (R, G, B in [0, 1],
 * Y kept unrounded), a border of {@code scale} pixels cropped, PSNR with peak 255, and SSIM with an 11 x 11
 * Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, averaged over the windows that fit inside the image.
 */
final class LumaMetrics {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private LumaMetrics() {
    }

    record Score(double psnr, double ssim) {
    }

    static Score score(RgbImage reference, RgbImage test, int border) {
        if (reference.width() != test.width() || reference.height() != test.height()) {
            throw new IllegalArgumentException("sizes differ: " + reference.width() + "x" + reference.height()
                    + " and " + test.width() + "x" + test.height());
        }
        int w = reference.width() - 2 * border;
        int h = reference.height() - 2 * border;
        double[] a = luma(reference, border, w, h);
        double[] b = luma(test, border, w, h);
        return new Score(psnr(a, b), ssim(a, b, w, h));
    }

    static double[] luma(RgbImage image, int border, int w, int h) {
        double[] y = new double[w * h];
        byte[] rgb = image.rgb();
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int p = 3 * ((row + border) * image.width() + col + border);
                y[row * w + col] = 16 + (65.481 * (rgb[p] & 0xff) + 128.553 * (rgb[p + 1] & 0xff)
                        + 24.966 * (rgb[p + 2] & 0xff)) / 255.0;
            }
        }
        return y;
    }

    static double psnr(double[] a, double[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            se += d * d;
        }
        double mse = se / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    static double ssim(double[] a, double[] b, int w, int h) {
        double[] g = gaussian();
        double[] ab = new double[a.length];
        double[] aa = new double[a.length];
        double[] bb = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        double[] muA = blur(a, w, h, g);
        double[] muB = blur(b, w, h, g);
        double[] sAA = blur(aa, w, h, g);
        double[] sBB = blur(bb, w, h, g);
        double[] sAB = blur(ab, w, h, g);
        double sum = 0;
        for (int i = 0; i < muA.length; i++) {
            double ma = muA[i];
            double mb = muB[i];
            double va = sAA[i] - ma * ma;
            double vb = sBB[i] - mb * mb;
            double cov = sAB[i] - ma * mb;
            sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        }
        return sum / muA.length;
    }

    /** Separable Gaussian filter over the windows that fit ("valid"): (w - 10) x (h - 10) values. */
    private static double[] blur(double[] x, int w, int h, double[] g) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] mid = new double[ow * h];
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < ow; c++) {
                double acc = 0;
                for (int k = 0; k < WINDOW; k++) {
                    acc += g[k] * x[y * w + c + k];
                }
                mid[y * ow + c] = acc;
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int c = 0; c < ow; c++) {
                double acc = 0;
                for (int k = 0; k < WINDOW; k++) {
                    acc += g[k] * mid[(y + k) * ow + c];
                }
                out[y * ow + c] = acc;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }
}
