package io.framefleet.generation;

/**
 * Box-filter resampling: each output pixel is the mean of the source area it covers, partial source
 * pixels weighted by their overlap. Undoes an upscale without ringing and keeps coverage linear.
 */
public final class AreaResampler {

    private AreaResampler() {
    }

    /** Frame {@code f} of the clip at {@code width x height}, RGB interleaved, 0..255 as doubles. */
    public static double[] toSize(Clip clip, int f, int width, int height) {
        int sw = clip.width();
        int sh = clip.height();
        byte[] src = clip.rgb()[f];
        double[] out = new double[width * height * 3];
        if (sw == width && sh == height) {
            for (int i = 0; i < out.length; i++) {
                out[i] = src[i] & 0xff;
            }
            return out;
        }
        if (sw % width == 0 && sh % height == 0) {
            return blocks(src, sw, sw / width, sh / height, width, height);
        }
        double[][] wx = weights(sw, width);
        double[][] wy = weights(sh, height);
        int[] x0 = starts(sw, width);
        int[] y0 = starts(sh, height);
        double[] rows = new double[width * sh * 3];
        for (int y = 0; y < sh; y++) {
            for (int ox = 0; ox < width; ox++) {
                for (int k = 0; k < wx[ox].length; k++) {
                    int p = (y * sw + x0[ox] + k) * 3;
                    double w = wx[ox][k];
                    int q = (y * width + ox) * 3;
                    rows[q] += w * (src[p] & 0xff);
                    rows[q + 1] += w * (src[p + 1] & 0xff);
                    rows[q + 2] += w * (src[p + 2] & 0xff);
                }
            }
        }
        for (int oy = 0; oy < height; oy++) {
            for (int k = 0; k < wy[oy].length; k++) {
                double w = wy[oy][k];
                int row = (y0[oy] + k) * width * 3;
                int q = oy * width * 3;
                for (int i = 0; i < width * 3; i++) {
                    out[q + i] += w * rows[row + i];
                }
            }
        }
        return out;
    }

    /** The common case of a whole-number factor (a 4x upscale coming back): plain block means. */
    private static double[] blocks(byte[] src, int sw, int fx, int fy, int width, int height) {
        double[] out = new double[width * height * 3];
        double norm = 1.0 / (fx * fy);
        for (int y = 0; y < height * fy; y++) {
            int row = (y / fy) * width * 3;
            for (int x = 0; x < width * fx; x++) {
                int p = (y * sw + x) * 3;
                int q = row + (x / fx) * 3;
                out[q] += src[p] & 0xff;
                out[q + 1] += src[p + 1] & 0xff;
                out[q + 2] += src[p + 2] & 0xff;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= norm;
        }
        return out;
    }

    private static int[] starts(int n, int m) {
        int[] s = new int[m];
        for (int o = 0; o < m; o++) {
            s[o] = (int) Math.floor((double) o * n / m);
        }
        return s;
    }

    /** For each output index, the normalised overlaps of the source pixels from {@link #starts} on. */
    private static double[][] weights(int n, int m) {
        double scale = (double) n / m;
        double[][] w = new double[m][];
        for (int o = 0; o < m; o++) {
            double a = o * scale;
            double b = (o + 1) * scale;
            int first = (int) Math.floor(a);
            int last = Math.min(n - 1, (int) Math.ceil(b) - 1);
            w[o] = new double[last - first + 1];
            for (int i = first; i <= last; i++) {
                w[o][i - first] = (Math.min(b, i + 1) - Math.max(a, i)) / scale;
            }
        }
        return w;
    }
}
