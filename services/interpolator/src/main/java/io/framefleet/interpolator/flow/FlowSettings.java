package io.framefleet.interpolator.flow;

import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

import java.util.Locale;

/**
 * The knobs of the flow interpolator. Every one of them changes the pixels, so all of them are in {@link #version()}.
 *
 * @param preset          DIS optical flow preset
 * @param maxFlowWidth    flow is estimated on frames box-downscaled by the smallest integer factor that brings the
 *                        width to at most this; motion at full resolution is smooth enough that half-resolution flow
 *                        loses little on large frames, and it is four times cheaper
 * @param consistencyTol  forward-backward flow mismatch (flow pixels) at which a pixel counts as half visible;
 *                        DIS's round trip misses by a pixel or two in plenty of places that are not occluded, and
 *                        down-weighting those cost more than it saved on every benchmark clip
 * @param consistencyRel  the same tolerance grows by this fraction of the motion length, as flow error does
 * @param cutRatio        a pair whose motion-compensated difference stays above this fraction of its plain
 *                        difference was not explained by motion: a scene cut when that difference is large
 * @param cutDifference   mean motion-compensated grey difference (0-255, on the grey copies at most
 *                        {@link FramePair#ANALYSIS_WIDTH} wide the pair is classified on) from which a pair can be
 *                        a cut
 * @param duplicateDifference mean grey difference (same copies) below which a pair is a repeated frame (coding
 *                        noise only)
 */
public record FlowSettings(Preset preset, int maxFlowWidth, double consistencyTol, double consistencyRel,
                           double cutRatio, double cutDifference, double duplicateDifference) {

    public enum Preset {
        ULTRAFAST(DISOpticalFlow.PRESET_ULTRAFAST), FAST(DISOpticalFlow.PRESET_FAST),
        MEDIUM(DISOpticalFlow.PRESET_MEDIUM);

        private final int code;

        Preset(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    public static final FlowSettings DEFAULTS = new FlowSettings(Preset.MEDIUM, 600, 6.0, 1.0, 0.8, 20.0, 0.3);

    public FlowSettings {
        if (maxFlowWidth < 16 || !(consistencyTol > 0) || !(consistencyRel >= 0) || !(cutRatio > 0)
                || !(cutDifference > 0) || !(duplicateDifference >= 0)) {
            throw new IllegalArgumentException("invalid flow settings " + this);
        }
    }

    public FlowSettings withPreset(Preset p) {
        return new FlowSettings(p, maxFlowWidth, consistencyTol, consistencyRel, cutRatio, cutDifference,
                duplicateDifference);
    }

    public FlowSettings withMaxFlowWidth(int w) {
        return new FlowSettings(preset, w, consistencyTol, consistencyRel, cutRatio, cutDifference,
                duplicateDifference);
    }

    public FlowSettings withConsistency(double tol, double rel) {
        return new FlowSettings(preset, maxFlowWidth, tol, rel, cutRatio, cutDifference, duplicateDifference);
    }

    /**
     * Algorithm and parameters, e.g. {@code dis-medium-w600-fb6.0+1.00-cut0.80/20.0-dup0.30@320-quad-cubic6}: the
     * pair classification scale, quadratic motion and the detail level from which OpenCV's remap samples bicubically
     * rather than bilinearly ({@link Warp}) are part of the algorithm.
     */
    public String version() {
        return String.format(Locale.ROOT, "dis-%s-w%d-fb%.1f+%.2f-cut%.2f/%.1f-dup%.2f@%d-quad-cubic%.0f",
                preset.name().toLowerCase(Locale.ROOT), maxFlowWidth, consistencyTol, consistencyRel, cutRatio,
                cutDifference, duplicateDifference, FramePair.ANALYSIS_WIDTH, Warp.DETAIL);
    }
}
