package io.framefleet.evaluator.quality;

/**
 * Defects visible in one video on its own. See {@link NoReference} for the definitions.
 *
 * @param temporalFlicker mean frame-to-frame brightness wobble, in 8-bit full-range luma levels
 * @param frozenFrames non-black frames (nearly) identical to the frame before them
 * @param blackFrames frames that are black
 * @param frames frames analysed (all decoded frames)
 */
public record NoReferenceScores(double temporalFlicker, int frozenFrames, int blackFrames, int frames) {
}
