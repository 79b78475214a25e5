package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the caller wants done to a video. Exactly one of {@code fpsFactor} / {@code fps} may be
 * set (neither keeps the frame rate); exactly one of {@code scale} / {@code width}+{@code height}
 * (neither keeps the size).
 *
 * @param fpsFactor   integer frame-rate multiplier, 1..8
 * @param fps         target frame rate, 1..240
 * @param scale       spatial scale factor, 1..8
 * @param width       target width in pixels
 * @param height      target height in pixels
 * @param codec       {@code h264} (MP4) or {@code ffv1} (lossless Matroska)
 * @param interpolator processor name of the interpolation stage
 * @param upscaler    processor name of the super-resolution stage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnhanceOptions(Integer fpsFactor, Double fps, Double scale, Integer width, Integer height,
                             String codec, String interpolator, String upscaler) {

    public static final String DEFAULT_CODEC = "h264";
    public static final String DEFAULT_INTERPOLATOR = "flow";
    public static final String DEFAULT_UPSCALER = "sr-fast";

    /**
     * Checks the ranges and the pairs that exclude each other; ingest refuses such a request
     * at the door and the planner refuses to plan it.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public EnhanceOptions check() {
        if (fpsFactor != null && fps != null) {
            throw new IllegalArgumentException("give fpsFactor or fps, not both");
        }
        if (fpsFactor != null && (fpsFactor < 1 || fpsFactor > 8)) {
            throw new IllegalArgumentException("fpsFactor must be 1..8 but was " + fpsFactor);
        }
        if (fps != null && !(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be in (0, 240] but was " + fps);
        }
        if (scale != null && (width != null || height != null)) {
            throw new IllegalArgumentException("give scale or width/height, not both");
        }
        if (scale != null && !(scale >= 1 && scale <= 8)) {
            throw new IllegalArgumentException("scale must be 1..8 but was " + scale);
        }
        for (Integer side : new Integer[] {width, height}) {
            if (side != null && (side < 16 || side > 8192)) {
                throw new IllegalArgumentException("width and height must be 16..8192 but got " + side);
            }
        }
        return this;
    }

    /** Fills the defaults, leaving the caller's choices alone. */
    public EnhanceOptions withDefaults() {
        return new EnhanceOptions(fpsFactor, fps, scale, width, height,
                codec == null ? DEFAULT_CODEC : codec,
                interpolator == null ? DEFAULT_INTERPOLATOR : interpolator,
                upscaler == null ? DEFAULT_UPSCALER : upscaler);
    }
}
