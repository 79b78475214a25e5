package io.framefleet.interpolator.flow;

import io.framefleet.worker.Rational;

/**
 * Where each output frame falls between the source frames: output frame k, shown at k / dstFps, sits at source
 * position p = k * srcFps / dstFps; it lies between frames i = floor(p) and i + 1, a fraction t = p - i of the way.
 * Integer arithmetic keeps 24 to 60 (p = 0.4, 0.8, 1.2 ...) exact: t == 0 means "this source frame, unchanged".
 */
public record Timeline(Rational src, Rational dst) {

    /** Source frame just before output frame {@code k}. */
    public long frameBefore(long k) {
        return Math.floorDiv(numerator(k), denominator());
    }

    /** How far output frame {@code k} lies from {@link #frameBefore} towards the next frame, in [0, 1). */
    public double fraction(long k) {
        return (double) Math.floorMod(numerator(k), denominator()) / denominator();
    }

    private long numerator(long k) {
        // p = k * (srcNum / srcDen) / (dstNum / dstDen) = k * srcNum * dstDen / (srcDen * dstNum)
        return k * src.num() * (long) dst.den();
    }

    private long denominator() {
        return (long) src.den() * dst.num();
    }
}
