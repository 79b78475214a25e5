package io.framefleet.interpolator.flow;

import java.util.stream.IntStream;

/**
 * Two consecutive frames and what lies between them: the flows both ways, how far each pixel can be trusted, and
 * whether the pair is motion at all (a scene cut and a repeated frame are not).
 * <p>
 * An in-between frame at time t samples frame 0 and frame 1 along the flows from t (approximated from the two
 * flows the way Super SloMo does: linear motion, locally constant flow). Each sample is weighted by how near t is
 * to its frame and by forward-backward consistency at the place it comes from: a pixel of frame 0 that frame 1's
 * flow does not send back is occluded in frame 1, and the frame that still shows it wins. Where neither direction
 * is consistent the flow is not to be trusted and the plain cross-fade takes over, which is what minterpolate
 * and the framerate filter also fall back to.
 * <p>
 * Flows and visibility live at flow resolution (a box-downscaled copy); images are warped at full resolution.
 */
final class FramePair {

    enum Kind { MOTION, CUT, DUPLICATE, UNRELIABLE }

    private static final int FIELDS = 6;

    /** A flow that removes less than this share of the difference explains nothing: cross-fade the pair. */
    private static final double UNEXPLAINED = 0.97;

    private final int width;
    private final int height;
    private final int factor;
    private final int fw;
    private final int fh;
    private final byte[] rgb0;
    private final byte[] rgb1;
    private final Kind kind;
    private final float[] f01;
    private final float[] f10;
    private final float[] vis0;
    private final float[] vis1;
    private final double plainDifference;
    private final double compensatedDifference;

    private FramePair(int width, int height, int factor, byte[] rgb0, byte[] rgb1, Kind kind, float[] f01,
                      float[] f10, float[] vis0, float[] vis1, double plain, double compensated) {
        this.width = width;
        this.height = height;
        this.factor = factor;
        this.fw = width / factor;
        this.fh = height / factor;
        this.rgb0 = rgb0;
        this.rgb1 = rgb1;
        this.kind = kind;
        this.f01 = f01;
        this.f10 = f10;
        this.vis0 = vis0;
        this.vis1 = vis1;
        this.plainDifference = plain;
        this.compensatedDifference = compensated;
    }

    /** The smallest integer downscale that brings {@code width} to at most {@code maxWidth}. */
    static int flowFactor(int width, int maxWidth) {
        return Math.max(1, (width + maxWidth - 1) / maxWidth);
    }

    /** Classifies the pair and, for motion, estimates both flows and their consistency. */
    static FramePair analyse(byte[] rgb0, byte[] rgb1, int width, int height, FlowSettings settings,
                             FlowEstimator flows) {
        int factor = flows.factor();
        int fw = width / factor;
        int fh = height / factor;
        byte[] g0 = grey(rgb0, width, fw, fh, factor);
        byte[] g1 = grey(rgb1, width, fw, fh, factor);
        double plain = meanDifference(g0, g1);
        if (plain < settings.duplicateDifference()) {
            return new FramePair(width, height, factor, rgb0, rgb1, Kind.DUPLICATE, null, null, null, null, plain, 0);
        }
        float[][] both = flows.both(g0, g1);
        float[] f01 = both[0];
        float[] f10 = both[1];
        double compensated = compensatedDifference(g0, g1, f01, fw, fh);
        Kind kind = Kind.MOTION;
        // Film grain and coding noise do not move with the picture, so even good flow leaves ~60% of the plain
        // difference on real footage (cityCC0: 0.60-0.67); a cut leaves ~90% of a large difference.
        if (compensated >= settings.cutDifference() && compensated >= settings.cutRatio() * plain) {
            kind = Kind.CUT;
        } else if (compensated >= UNEXPLAINED * plain) {
            kind = Kind.UNRELIABLE;
        }
        float[][] vis = IntStream.range(0, 2).parallel()
                .mapToObj(d -> d == 0 ? visibility(f01, f10, fw, fh, settings) : visibility(f10, f01, fw, fh, settings))
                .toArray(float[][]::new);
        float[] vis0 = vis[0];
        float[] vis1 = vis[1];
        return new FramePair(width, height, factor, rgb0, rgb1, kind, f01, f10, vis0, vis1, plain, compensated);
    }

    Kind kind() {
        return kind;
    }

    double plainDifference() {
        return plainDifference;
    }

    double compensatedDifference() {
        return compensatedDifference;
    }

    /** The frame at time {@code t} in (0, 1) between frame 0 and frame 1, packed RGB. */
    byte[] at(double t) {
        switch (kind) {
            case DUPLICATE:
            case CUT:
                // Never invent a frame that mixes two shots; a repeated frame stays bit-exact.
                return (t < 0.5 ? rgb0 : rgb1).clone();
            case UNRELIABLE:
                return blend(t);
            default:
                return warp(t);
        }
    }

    private byte[] blend(double t) {
        byte[] out = new byte[rgb0.length];
        float a = (float) (1 - t);
        float b = (float) t;
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) (a * (rgb0[i] & 0xff) + b * (rgb1[i] & 0xff) + 0.5f);
        }
        return out;
    }

    private byte[] warp(double t) {
        float[] fields = fieldsAt((float) t);
        byte[] out = new byte[rgb0.length];
        float tf = (float) t;
        IntStream.range(0, height).parallel().forEach(y -> warpRow(y, tf, fields, out));
        return out;
    }

    /**
     * Per flow-resolution pixel: flow to frame 0 (x, y), flow to frame 1 (x, y), share of frame 0 in the warped
     * mix, and reliability (share of the warped mix against the cross-fade).
     */
    private float[] fieldsAt(float t) {
        float[] fields = new float[FIELDS * fw * fh];
        float a0 = -(1 - t) * t;
        float b0 = t * t;
        float a1 = (1 - t) * (1 - t);
        float b1 = -t * (1 - t);
        IntStream.range(0, fh).parallel().forEach(y -> {
            for (int x = 0; x < fw; x++) {
                int p = y * fw + x;
                float ux = f01[2 * p];
                float uy = f01[2 * p + 1];
                float vx = f10[2 * p];
                float vy = f10[2 * p + 1];
                float t0x = a0 * ux + b0 * vx;
                float t0y = a0 * uy + b0 * vy;
                float t1x = a1 * ux + b1 * vx;
                float t1y = a1 * uy + b1 * vy;
                float v0 = sample(vis0, fw, fh, x + t0x, y + t0y);
                float v1 = sample(vis1, fw, fh, x + t1x, y + t1y);
                float w0 = (1 - t) * v0;
                float w1 = t * v1;
                float share0 = (w0 + 1e-3f * (1 - t)) / (w0 + w1 + 1e-3f);
                int q = FIELDS * p;
                fields[q] = t0x;
                fields[q + 1] = t0y;
                fields[q + 2] = t1x;
                fields[q + 3] = t1y;
                fields[q + 4] = share0;
                fields[q + 5] = Math.max(v0, v1);
            }
        });
        return fields;
    }

    private void warpRow(int y, float t, float[] fields, byte[] out) {
        float[] f = new float[FIELDS];
        float[] tap = new float[3];
        float s = factor;
        float ly = Math.min(Math.max((y + 0.5f) / s - 0.5f, 0), fh - 1);
        int y0 = (int) ly;
        int y1 = Math.min(y0 + 1, fh - 1);
        float wy = ly - y0;
        int row = y * width;
        for (int x = 0; x < width; x++) {
            float lx = Math.min(Math.max((x + 0.5f) / s - 0.5f, 0), fw - 1);
            int x0 = (int) lx;
            int x1 = Math.min(x0 + 1, fw - 1);
            float wx = lx - x0;
            int p00 = FIELDS * (y0 * fw + x0);
            int p01 = FIELDS * (y0 * fw + x1);
            int p10 = FIELDS * (y1 * fw + x0);
            int p11 = FIELDS * (y1 * fw + x1);
            float c00 = (1 - wx) * (1 - wy);
            float c01 = wx * (1 - wy);
            float c10 = (1 - wx) * wy;
            float c11 = wx * wy;
            for (int k = 0; k < FIELDS; k++) {
                f[k] = c00 * fields[p00 + k] + c01 * fields[p01 + k] + c10 * fields[p10 + k] + c11 * fields[p11 + k];
            }
            float share0 = f[4];
            float reliable = f[5];
            int o = 3 * (row + x);
            float[] warped = tap;
            bicubic(rgb0, x + s * f[0], y + s * f[1], share0, warped, false);
            bicubic(rgb1, x + s * f[2], y + s * f[3], 1 - share0, warped, true);
            for (int c = 0; c < 3; c++) {
                float faded = (1 - t) * (rgb0[o + c] & 0xff) + t * (rgb1[o + c] & 0xff);
                float v = reliable * warped[c] + (1 - reliable) * faded;
                out[o + c] = (byte) (int) Math.min(255f, Math.max(0f, v + 0.5f));
            }
        }
    }

    /**
     * Keys cubic (a = -0.5) sample, clamped at the borders: bilinear sampling at sub-pixel positions blurs fine
     * texture, and a moving camera puts nearly every pixel at a sub-pixel position.
     */
    private void bicubic(byte[] rgb, float x, float y, float weight, float[] acc, boolean add) {
        x = Math.min(Math.max(x, 0), width - 1);
        y = Math.min(Math.max(y, 0), height - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        float[] wx = KEYS.get();
        float[] wy = KEYS_Y.get();
        keys(x - x0, wx);
        keys(y - y0, wy);
        float r = 0;
        float g = 0;
        float b = 0;
        for (int j = 0; j < 4; j++) {
            int yy = Math.min(Math.max(y0 - 1 + j, 0), height - 1) * width;
            float rr = 0;
            float gg = 0;
            float bb = 0;
            for (int i = 0; i < 4; i++) {
                int o = 3 * (yy + Math.min(Math.max(x0 - 1 + i, 0), width - 1));
                rr += wx[i] * (rgb[o] & 0xff);
                gg += wx[i] * (rgb[o + 1] & 0xff);
                bb += wx[i] * (rgb[o + 2] & 0xff);
            }
            r += wy[j] * rr;
            g += wy[j] * gg;
            b += wy[j] * bb;
        }
        if (add) {
            acc[0] += weight * r;
            acc[1] += weight * g;
            acc[2] += weight * b;
        } else {
            acc[0] = weight * r;
            acc[1] = weight * g;
            acc[2] = weight * b;
        }
    }

    private static final ThreadLocal<float[]> KEYS = ThreadLocal.withInitial(() -> new float[4]);
    private static final ThreadLocal<float[]> KEYS_Y = ThreadLocal.withInitial(() -> new float[4]);

    private static void keys(float d, float[] w) {
        float d1 = 1 + d;
        float d2 = 1 - d;
        float d3 = 2 - d;
        w[0] = ((-0.5f * d1 + 2.5f) * d1 - 4f) * d1 + 2f;
        w[1] = (1.5f * d - 2.5f) * d * d + 1f;
        w[2] = (1.5f * d2 - 2.5f) * d2 * d2 + 1f;
        w[3] = ((-0.5f * d3 + 2.5f) * d3 - 4f) * d3 + 2f;
    }

    /** Bilinear sample of a one-channel field, clamped at the borders. */
    static float sample(float[] field, int w, int h, float x, float y) {
        return sample(field, 1, 0, w, h, x, y);
    }

    /** Bilinear sample of component {@code c} of a field with {@code channels} interleaved components. */
    private static float sample(float[] field, int channels, int c, int w, int h, float x, float y) {
        x = Math.min(Math.max(x, 0), w - 1);
        y = Math.min(Math.max(y, 0), h - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float wx = x - x0;
        float wy = y - y0;
        return (1 - wy) * ((1 - wx) * field[channels * (y0 * w + x0) + c] + wx * field[channels * (y0 * w + x1) + c])
                + wy * ((1 - wx) * field[channels * (y1 * w + x0) + c] + wx * field[channels * (y1 * w + x1) + c]);
    }

    /**
     * How surely each pixel of the first frame is seen again in the second: 1 where the backward flow at its
     * destination brings it home, falling towards 0 as the round trip misses by more than the tolerance.
     */
    private static float[] visibility(float[] forward, float[] backward, int w, int h, FlowSettings settings) {
        float[] vis = new float[w * h];
        float tol = (float) settings.consistencyTol();
        float rel = (float) settings.consistencyRel();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float ux = forward[2 * p];
                float uy = forward[2 * p + 1];
                float bx = sample(backward, 2, 0, w, h, x + ux, y + uy);
                float by = sample(backward, 2, 1, w, h, x + ux, y + uy);
                float ex = ux + bx;
                float ey = uy + by;
                float allowed = tol + rel * (float) Math.sqrt(ux * ux + uy * uy);
                float miss = (ex * ex + ey * ey) / (allowed * allowed);
                // Leaving the picture is an occlusion too: nothing in the other frame shows that pixel.
                boolean outside = x + ux < -0.5f || x + ux > w - 0.5f || y + uy < -0.5f || y + uy > h - 0.5f;
                vis[p] = outside ? 0f : 1f / (1f + miss);
            }
        }
        return vis;
    }

    private static double compensatedDifference(byte[] g0, byte[] g1, float[] f01, int w, int h) {
        float[] g1f = new float[w * h];
        for (int i = 0; i < g1f.length; i++) {
            g1f[i] = g1[i] & 0xff;
        }
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                sum += Math.abs(sample(g1f, w, h, x + f01[2 * p], y + f01[2 * p + 1]) - (g0[p] & 0xff));
            }
        }
        return sum / (w * h);
    }

    private static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }

    /** Luma (BT.601 weights, 8-bit) of packed RGB, box-averaged over factor x factor blocks. */
    static byte[] grey(byte[] rgb, int width, int fw, int fh, int factor) {
        byte[] out = new byte[fw * fh];
        int n = factor * factor;
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int o = 3 * ((y * factor + dy) * width + x * factor);
                    for (int dx = 0; dx < factor; dx++, o += 3) {
                        sum += 77 * (rgb[o] & 0xff) + 150 * (rgb[o + 1] & 0xff) + 29 * (rgb[o + 2] & 0xff);
                    }
                }
                out[y * fw + x] = (byte) ((sum / n + 128) >> 8);
            }
        }
        return out;
    }
}
