package io.framefleet.planner;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.MediaInfo;

/**
 * Frame rate and size a job produces, worked out once from the request. Frame rates are
 * rational so 30000/1001 sources stay exact; sizes are even because H.264 4:2:0 needs it.
 */
public record Targets(int srcFpsNum, int srcFpsDen, int fpsNum, int fpsDen, int width, int height) {

    static final int MAX_SIDE = 8192;

    public static Targets of(EnhanceOptions options, MediaInfo media) {
        options.check();
        int num = media.fpsNum();
        int den = media.fpsDen();
        if (options.fpsFactor() != null) {
            num = media.fpsNum() * options.fpsFactor();
        } else if (options.fps() != null) {
            num = (int) Math.round(options.fps() * 1000);
            den = 1000;
            int g = gcd(num, den);
            num /= g;
            den /= g;
        }
        int width = media.width();
        int height = media.height();
        if (options.scale() != null) {
            width = even(media.width() * options.scale());
            height = even(media.height() * options.scale());
        } else if (options.width() != null || options.height() != null) {
            double aspect = (double) media.width() / media.height();
            width = options.width() != null ? even(options.width()) : even(options.height() * aspect);
            height = options.height() != null ? even(options.height()) : even(options.width() / aspect);
        }
        if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("target size " + width + "x" + height + " is outside 16.." + MAX_SIDE);
        }
        if (media.frames() == 1) {
            // A still image: there is no motion to interpolate, only pixels to add.
            num = media.fpsNum();
            den = media.fpsDen();
        }
        return new Targets(media.fpsNum(), media.fpsDen(), num, den, width, height);
    }

    public boolean changesFps() {
        return (long) fpsNum * srcFpsDen != (long) srcFpsNum * fpsDen;
    }

    public boolean changesSize(MediaInfo media) {
        return width != media.width() || height != media.height();
    }

    /** Output frames for source frames [first, first+count): rounding on the global timeline, so segments sum exactly. */
    public int outputFrames(long first, int count) {
        return (int) (outIndex(first + count) - outIndex(first));
    }

    private long outIndex(long srcFrame) {
        // srcFrame / srcFps * fps, rounded half up, in integers.
        long numer = srcFrame * fpsNum * srcFpsDen;
        long denom = (long) fpsDen * srcFpsNum;
        return (2 * numer + denom) / (2 * denom);
    }

    private static int even(double v) {
        int i = (int) Math.round(v);
        return i + (i & 1);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
