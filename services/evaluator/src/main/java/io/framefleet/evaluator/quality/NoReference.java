package io.framefleet.evaluator.quality;

import java.nio.file.Path;

/**
 * Defects that show in one video without a reference: flicker, frozen frames, black frames.
 *
 * <p>All three are whole-frame luma statistics, so they are computed on luma area-downscaled to
 * {@value #ANALYSIS_WIDTH} pixels wide: 20× fewer pixels than 720×405, 64× fewer than 1280×720,
 * and the averaging also removes most sensor and coding noise, which would otherwise blur the
 * frozen-frame threshold.
 *
 * <p><b>Temporal flicker</b>: mean over interior frames of {@code |m[t] − (m[t−1] + m[t+1]) / 2|},
 * where {@code m} is a frame's mean luma (levels). It is the second temporal difference of the
 * brightness: a frame that is brighter or darker than both neighbours (what a bad interpolator or
 * an unstable exposure produces) counts fully (an alternating ±a wobble scores 2a, the same as
 * the plain first difference), while steady fades and exposure ramps, which the first difference
 * would count as flicker, score zero. Motion barely moves the mean, so it does not count either.
 * A hard scene cut of height c still adds c/2 at two frames; over a clip it is diluted.
 *
 * <p><b>Frozen frame</b>: mean absolute luma difference to the previous frame below
 * {@value #FROZEN_BELOW_LEVELS} levels, and not black (a run of black frames is reported as black,
 * not as frozen). Measured at this width: consecutive cityCC0 frames differ by 0.83 to several
 * levels (mostly above 1.2); a repeated frame differs by exactly 0 when stored losslessly or
 * intra-coded at a steady quality, and by 0.02–0.45 when openh264 at a starved 400 kb/s
 * re-encodes it as P-frames. A lossy encoder that re-codes the repeat at another quality (a
 * keyframe, rate control) can push one repeat above the threshold: counts on lossy video are a
 * lower bound. Very slow real motion (a near-static tripod shot) can fall under it.
 *
 * <p><b>Black frame</b>: mean luma below {@value #BLACK_MEAN_BELOW} and at least
 * {@value #BLACK_PIXEL_SHARE} of pixels below {@value #BLACK_PIXEL_BELOW} (full-range levels).
 * The pixel rule has the shape of FFmpeg's {@code blackdetect} (98 % of pixels under a darkness
 * threshold, 10 % of the range there; 32 ≈ 12.5 % leaves room for noise and coding, and limited
 * range black, Y = 16, is 0 here). The pixel rule lets a night scene with lit windows covering
 * a few percent of the picture through; the mean rule keeps a uniformly dim grey picture (all
 * pixels around 25) from counting as black.
 */
public final class NoReference {

    static final int ANALYSIS_WIDTH = 160;
    static final double FROZEN_BELOW_LEVELS = 0.5;
    static final double BLACK_MEAN_BELOW = 20;
    static final int BLACK_PIXEL_BELOW = 32;
    static final double BLACK_PIXEL_SHARE = 0.98;

    private NoReference() {
    }

    public static NoReferenceScores analyse(Path video) {
        try (LumaFrames frames = LumaFrames.openDownscaled(video, ANALYSIS_WIDTH)) {
            int count = 0;
            int frozen = 0;
            int black = 0;
            double flickerSum = 0;
            double meanBeforePrevious = Double.NaN;
            double previousMean = Double.NaN;
            LumaFrame previous = null;
            for (LumaFrame frame = frames.next().orElse(null); frame != null; frame = frames.next().orElse(null)) {
                double mean = frame.meanLuma();
                boolean isBlack = isBlack(frame, mean);
                if (isBlack) {
                    black++;
                } else if (previous != null && frame.meanAbsoluteDifference(previous) < FROZEN_BELOW_LEVELS) {
                    frozen++;
                }
                if (count >= 2) {
                    flickerSum += Math.abs(previousMean - (meanBeforePrevious + mean) / 2);
                }
                meanBeforePrevious = previousMean;
                previousMean = mean;
                previous = frame;
                count++;
            }
            double flicker = count >= 3 ? flickerSum / (count - 2) : 0;
            return new NoReferenceScores(flicker, frozen, black, count);
        }
    }

    static boolean isBlack(LumaFrame frame, double meanLuma) {
        return meanLuma < BLACK_MEAN_BELOW && frame.fractionBelow(BLACK_PIXEL_BELOW) >= BLACK_PIXEL_SHARE;
    }
}
