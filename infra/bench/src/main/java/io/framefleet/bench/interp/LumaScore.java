package io.framefleet.bench.interp;

/**
 * PSNR-Y and SSIM-Y of a rebuilt frame against the original: Y = 16 + 65.481 R + 128.553 G + 24.966 B (R, G, B in
 * [0, 1]) from the decoded RGB of both, so every method is scored through the same conversion whatever pixel format
 * it wrote; SSIM with an 11 x 11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, peak 255.
 */
final class LumaScore {

    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final float[] WINDOW = gaussian(11, 1.5);

    private LumaScore() {
    }

    static float[] luma(byte[] rgb) {
        float[] y = new float[rgb.length / 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = 16f + (65.481f * (rgb[3 * i] & 0xff) + 128.553f * (rgb[3 * i + 1] & 0xff)
                    + 24.966f * (rgb[3 * i + 2] & 0xff)) / 255f;
        }
        return y;
    }

    static double psnr(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Mean SSIM over the positions where the whole window fits. */
    static double ssim(float[] a, float[] b, int w, int h) {
        float[] ab = new float[a.length];
        float[] aa = new float[a.length];
        float[] bb = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        float[] ma = filter(a, w, h);
        float[] mb = filter(b, w, h);
        float[] saa = filter(aa, w, h);
        float[] sbb = filter(bb, w, h);
        float[] sab = filter(ab, w, h);
        int r = WINDOW.length / 2;
        double sum = 0;
        long n = 0;
        for (int y = r; y < h - r; y++) {
            for (int x = r; x < w - r; x++) {
                int p = y * w + x;
                double mua = ma[p];
                double mub = mb[p];
                double va = saa[p] - mua * mua;
                double vb = sbb[p] - mub * mub;
                double cov = sab[p] - mua * mub;
                sum += (2 * mua * mub + C1) * (2 * cov + C2) / ((mua * mua + mub * mub + C1) * (va + vb + C2));
                n++;
            }
        }
        return sum / n;
    }

    /** Separable Gaussian; only the interior (valid) part is read afterwards, so borders are left at zero. */
    private static float[] filter(float[] in, int w, int h) {
        int r = WINDOW.length / 2;
        float[] tmp = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = r; x < w - r; x++) {
                float s = 0;
                int base = y * w + x - r;
                for (int k = 0; k < WINDOW.length; k++) {
                    s += WINDOW[k] * in[base + k];
                }
                tmp[y * w + x] = s;
            }
        }
        float[] out = new float[in.length];
        for (int y = r; y < h - r; y++) {
            for (int x = r; x < w - r; x++) {
                float s = 0;
                for (int k = 0; k < WINDOW.length; k++) {
                    s += WINDOW[k] * tmp[(y - r + k) * w + x];
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }

    private static float[] gaussian(int size, double sigma) {
        float[] g = new float[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - size / 2;
            g[i] = (float) Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= (float) sum;
        }
        return g;
    }
}
