package io.framefleet.interpolator.flow;

import java.util.stream.IntStream;

/**
 * Two consecutive frames and what lies between them: the flows both ways, how far each pixel can be trusted, and
 * whether the pair is motion at all (a scene cut and a repeated frame are not).
 * <p>
 * An in-between frame at time t samples frame 0 and frame 1 along the flows from t, approximated from the two
 * flows the way Super SloMo does (locally constant flow). The motion is quadratic where the pairs on either side
 * are motion too: their flows (frame 0 back to the frame before, frame 1 on to the frame after) give each pixel a
 * velocity and an acceleration, as in QVI. A hand-held camera accelerates all the time, and at half the frame rate
 * a straight path between two frames misses where the picture really was (+1.3 dB on the hand-held benchmark
 * clip). Each sample is weighted by how near t is to its frame and by forward-backward consistency at the place it
 * comes from: a pixel of frame 0 that frame 1's flow does not send back near it is occluded in frame 1, and the
 * frame that still shows it wins. Where neither direction is consistent the flow is not to be trusted and the
 * plain cross-fade takes over, which is what minterpolate and the framerate filter also fall back to.
 * <p>
 * A pair is classified (repeated frame, cut, motion the flow explains or not) on grey copies at most
 * {@link #ANALYSIS_WIDTH} wide whatever the flow resolution, where coding noise averages out. Flows and visibility
 * live at flow resolution (a box-downscaled copy); images are warped at full resolution ({@link Warp}).
 */
final class FramePair {

    enum Kind { MOTION, CUT, DUPLICATE, UNRELIABLE }

    /**
     * A flow that removes less than this share of the difference explains nothing: cross-fade the pair. On the
     * benchmark clips real motion leaves at most 0.66 of the difference (hand-held 0.08-0.29, camera pan
     * 0.56-0.61, stop-motion 0.46-0.66), while nearly still pairs, where the flow only chases coding noise, leave
     * 0.89 and more; warping those resamples a still picture for nothing.
     */
    private static final double UNEXPLAINED = 0.85;

    /** Width (at most) of the grey copies a pair is classified on. */
    static final int ANALYSIS_WIDTH = 320;

    private final int fw;
    private final int fh;
    private final byte[] rgb0;
    private final byte[] rgb1;
    private final Kind kind;
    private final float[] f01;
    private final float[] f10;
    private final float[] vis0;
    private final float[] vis1;
    private final float[] detail0;
    private final float[] detail1;
    private float[] before;
    private float[] after;

    private FramePair(int fw, int fh, byte[] rgb0, byte[] rgb1, Kind kind, float[] f01, float[] f10, float[] vis0,
                      float[] vis1, float[] detail0, float[] detail1) {
        this.fw = fw;
        this.fh = fh;
        this.rgb0 = rgb0;
        this.rgb1 = rgb1;
        this.kind = kind;
        this.f01 = f01;
        this.f10 = f10;
        this.vis0 = vis0;
        this.vis1 = vis1;
        this.detail0 = detail0;
        this.detail1 = detail1;
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
        FlowEstimator.Grey grey0 = flows.grey(rgb0);
        FlowEstimator.Grey grey1 = flows.grey(rgb1);
        byte[] g0 = grey0.flow();
        byte[] g1 = grey1.flow();
        // The pair is judged at one coarse scale whatever the flow resolution: coding noise, which averages out
        // there, must not pass for motion, nor a still pair for a moving one.
        int coarse = flows.coarseFactor();
        int cw = width / coarse;
        int ch = height / coarse;
        byte[] c0 = grey0.coarse();
        byte[] c1 = grey1.coarse();
        double plain = meanDifference(c0, c1);
        if (plain < settings.duplicateDifference()) {
            return new FramePair(fw, fh, rgb0, rgb1, Kind.DUPLICATE, null, null, null, null, null, null);
        }
        float[][] both = flows.both(g0, g1);
        float[] f01 = both[0];
        float[] f10 = both[1];
        double compensated = compensatedDifference(c0, c1, f01, fw, fh, (float) coarse / factor, cw, ch);
        // Film grain and coding noise do not move with the picture, so even good flow leaves a good part of the
        // plain difference on real footage (see UNEXPLAINED); a cut leaves ~90% of a large difference.
        if (compensated >= settings.cutDifference() && compensated >= settings.cutRatio() * plain) {
            return new FramePair(fw, fh, rgb0, rgb1, Kind.CUT, f01, f10, null, null, null, null);
        }
        if (compensated >= UNEXPLAINED * plain) {
            return new FramePair(fw, fh, rgb0, rgb1, Kind.UNRELIABLE, f01, f10, null, null, null, null);
        }
        // Only a pair that is warped needs to know what each frame sees of the other.
        float[][] vis = IntStream.range(0, 2).parallel()
                .mapToObj(d -> d == 0 ? visibility(f01, f10, fw, fh, settings) : visibility(f10, f01, fw, fh, settings))
                .toArray(float[][]::new);
        return new FramePair(fw, fh, rgb0, rgb1, Kind.MOTION, f01, f10, vis[0], vis[1], grey0.detail(),
                grey1.detail());
    }

    Kind kind() {
        return kind;
    }

    /**
     * The pairs on either side, when they are motion too: their flows (frame 0 to the frame before it, frame 1 to
     * the frame after it) make the motion quadratic.
     */
    void neighbours(FramePair previous, FramePair next) {
        before = previous != null && previous.kind == Kind.MOTION && kind == Kind.MOTION ? previous.f10 : null;
        after = next != null && next.kind == Kind.MOTION && kind == Kind.MOTION ? next.f01 : null;
    }

    /** The frame at time {@code t} in (0, 1) between frame 0 and frame 1, packed RGB. */
    byte[] at(double t, Warp warp) {
        switch (kind) {
            case CUT:
                // Never invent a frame that mixes two shots.
                return (t < 0.5 ? rgb0 : rgb1).clone();
            case DUPLICATE:
            case UNRELIABLE:
                return blend(t);
            default:
                float tf = (float) t;
                float[][] fields = fieldsAt(tf);
                return warp.at(rgb0, rgb1, detail0, detail1, fields[0], fields[1], fields[2], tf);
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

    /**
     * Per flow-resolution pixel: flow to frame 0 (x, y), flow to frame 1 (x, y), and the mix: share of frame 0
     * in the warped mix and reliability (share of the warped mix against the cross-fade).
     */
    private float[][] fieldsAt(float t) {
        float[] to0 = new float[2 * fw * fh];
        float[] to1 = new float[2 * fw * fh];
        float[] mix = new float[2 * fw * fh];
        float s = 1 - t;
        boolean quadratic0 = before != null;
        boolean quadratic1 = after != null;
        IntStream.range(0, fh).parallel().forEach(y -> {
            for (int x = 0; x < fw; x++) {
                int p = y * fw + x;
                float ux = f01[2 * p];
                float uy = f01[2 * p + 1];
                float vx = f10[2 * p];
                float vy = f10[2 * p + 1];
                // Where frame 0's pixel is at t, and frame 1's: linear motion, or quadratic through the frames
                // before and after the pair when their flows are known (acceleration of a hand-held camera).
                float p0x = quadratic0 ? travelled(ux, before[2 * p], t) : t * ux;
                float p0y = quadratic0 ? travelled(uy, before[2 * p + 1], t) : t * uy;
                float p1x = quadratic1 ? travelled(vx, after[2 * p], s) : s * vx;
                float p1y = quadratic1 ? travelled(vy, after[2 * p + 1], s) : s * vy;
                // Flows from t, read at t's pixel as if the motion field were locally constant, each direction's
                // estimate weighted by its nearness in time (Super SloMo's combination, generalised).
                float t0x = s * -p0x + t * (vx - p1x);
                float t0y = s * -p0y + t * (vy - p1y);
                float t1x = s * (ux - p0x) + t * -p1x;
                float t1y = s * (uy - p0y) + t * -p1y;
                to0[2 * p] = t0x;
                to0[2 * p + 1] = t0y;
                to1[2 * p] = t1x;
                to1[2 * p + 1] = t1y;
                float v0 = sample(vis0, fw, fh, x + t0x, y + t0y);
                float v1 = sample(vis1, fw, fh, x + t1x, y + t1y);
                float w0 = (1 - t) * v0;
                float w1 = t * v1;
                mix[2 * p] = (w0 + 1e-3f * (1 - t)) / (w0 + w1 + 1e-3f);
                mix[2 * p + 1] = Math.max(v0, v1);
            }
        });
        return new float[][] {to0, to1, mix};
    }

    /**
     * How far a pixel moves in time {@code t} (in frame intervals) towards the next frame, given its flow to the
     * next frame ({@code ahead}) and to the previous one ({@code behind}): constant acceleration through the three.
     */
    private static float travelled(float ahead, float behind, float t) {
        return 0.5f * (ahead - behind) * t + 0.5f * (ahead + behind) * t * t;
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

    /**
     * Mean absolute difference between {@code g0} and {@code g1} sampled along the flow {@code f01} (given at a
     * finer resolution, {@code ratio} of its pixels to one of theirs).
     */
    private static double compensatedDifference(byte[] g0, byte[] g1, float[] f01, int fw, int fh, float ratio,
                                                int w, int h) {
        float[] g1f = floats(g1);
        double sum = 0;
        for (int y = 0; y < h; y++) {
            float fy = (y + 0.5f) * ratio - 0.5f;
            for (int x = 0; x < w; x++) {
                float fx = (x + 0.5f) * ratio - 0.5f;
                float dx = sample(f01, 2, 0, fw, fh, fx, fy) / ratio;
                float dy = sample(f01, 2, 1, fw, fh, fx, fy) / ratio;
                sum += Math.abs(sample(g1f, w, h, x + dx, y + dy) - (g0[y * w + x] & 0xff));
            }
        }
        return sum / (w * h);
    }

    private static float[] floats(byte[] g) {
        float[] f = new float[g.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = g[i] & 0xff;
        }
        return f;
    }

    private static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }
}
