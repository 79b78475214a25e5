package io.framefleet.evaluator.quality;

/**
 * One picture as 8-bit full-range luma (0 = black, 255 = white), rows packed without padding.
 *
 * <p>The array is owned by this frame: {@link LumaFrames} hands out a fresh one per frame and
 * nothing here writes to it, so frames can be kept (e.g. as the "previous" frame) safely.
 */
public record LumaFrame(int width, int height, byte[] pixels) {

    /** PSNR reported for identical pictures, where the formula would give infinity. */
    public static final double PSNR_CAP_DB = 100.0;

    private static final double PEAK_SQUARED = 255.0 * 255.0;

    public LumaFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " luma samples for " + width + "x" + height
                            + ", got " + pixels.length);
        }
    }

    public double meanLuma() {
        long sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xFF;
        }
        return (double) sum / pixels.length;
    }

    /** Share of pixels strictly darker than {@code level}, in [0, 1]. */
    public double fractionBelow(int level) {
        int below = 0;
        for (byte pixel : pixels) {
            if ((pixel & 0xFF) < level) {
                below++;
            }
        }
        return (double) below / pixels.length;
    }

    /** Mean of |this - other| over all pixels, in luma levels. */
    public double meanAbsoluteDifference(LumaFrame other) {
        requireSameSize(other);
        long sum = 0;
        byte[] theirs = other.pixels;
        for (int i = 0; i < pixels.length; i++) {
            sum += Math.abs((pixels[i] & 0xFF) - (theirs[i] & 0xFF));
        }
        return (double) sum / pixels.length;
    }

    public double meanSquaredError(LumaFrame other) {
        requireSameSize(other);
        long sum = 0;
        byte[] theirs = other.pixels;
        for (int i = 0; i < pixels.length; i++) {
            int difference = (pixels[i] & 0xFF) - (theirs[i] & 0xFF);
            sum += difference * difference;
        }
        return (double) sum / pixels.length;
    }

    /** Peak signal-to-noise ratio in dB for an 8-bit peak of 255, capped at {@link #PSNR_CAP_DB}. */
    public double psnr(LumaFrame other) {
        double mse = meanSquaredError(other);
        if (mse == 0) {
            return PSNR_CAP_DB;
        }
        return Math.min(PSNR_CAP_DB, 10 * Math.log10(PEAK_SQUARED / mse));
    }

    void requireSameSize(LumaFrame other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException(
                    "frames differ in size: " + width + "x" + height + " vs " + other.width + "x" + other.height);
        }
    }
}
