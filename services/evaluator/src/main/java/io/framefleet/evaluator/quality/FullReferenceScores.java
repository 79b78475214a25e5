package io.framefleet.evaluator.quality;

/**
 * Fidelity of an enhanced video to its source, on luma at the source's size and frame times.
 *
 * @param psnrY mean over compared frames of per-frame PSNR in dB, each capped at
 *     {@link LumaFrame#PSNR_CAP_DB} (so identical videos score exactly the cap)
 * @param ssimY mean over compared frames of per-frame mean SSIM (1.0 = identical)
 * @param framesCompared source frames that had a counterpart in the output; fewer than asked for
 *     means the output ended early
 */
public record FullReferenceScores(double psnrY, double ssimY, int framesCompared) {
}
