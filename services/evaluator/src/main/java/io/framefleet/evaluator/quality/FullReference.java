package io.framefleet.evaluator.quality;

import io.framefleet.media.MediaException;
import java.nio.file.Path;

/**
 * The enhancement check: how faithful an interpolated and/or upscaled output is to its source.
 *
 * <p>The output is brought back into the source's terms before comparing, so that the scores
 * measure damage, not the enhancement itself: each output frame is scaled back to the source
 * size ({@link LumaFrames}: area filter when shrinking), and source frame {@code i} is paired with
 * output frame {@code round(i × outFps / srcFps)}, the output frame shown at the same instant.
 * That assumes both start at the same instant, which holds when an interpolator keeps the source
 * frames and inserts new ones between them. With an integer rate factor the inserted frames are
 * never compared; with another factor (25 → 60 fps) the nearest output frame stands in, so some
 * interpolated frames are scored against the source frame closest in time.
 *
 * <p>SSIM costs about 10–13 ms of CPU per 720×405 frame, so at most {@code maxFrames} source
 * frames, spread evenly from the first to the last, are scored. Decoding cannot be sampled the
 * same way: both files are read sequentially (seeking lands on keyframes, not exact frames), and
 * unsampled frames are only decoded, not converted. For a 2× output in a slow lossless codec
 * (FFV1) decoding, not SSIM, is the larger cost.
 */
public final class FullReference {

    private FullReference() {
    }

    public static FullReferenceScores compare(Path source, Path output, int maxFrames) {
        if (maxFrames <= 0) {
            throw new IllegalArgumentException("maxFrames must be positive: " + maxFrames);
        }
        int sourceFrames = LumaFrames.countFrames(source);
        if (sourceFrames == 0) {
            throw new MediaException("source has no video frames: " + source);
        }
        FrameSampling sampling = new FrameSampling(sourceFrames, maxFrames);

        try (LumaFrames sourceFrameReader = LumaFrames.open(source)) {
            try (LumaFrames outputFrameReader =
                    LumaFrames.open(output, sourceFrameReader.width(), sourceFrameReader.height())) {
                double rateRatio = outputFrameReader.frameRate() / sourceFrameReader.frameRate();
                return compareSampled(sourceFrameReader, outputFrameReader, sampling, rateRatio, output);
            }
        }
    }

    private static FullReferenceScores compareSampled(LumaFrames source, LumaFrames output, FrameSampling sampling,
            double rateRatio, Path outputPath) {
        SequentialReader sourceReader = new SequentialReader(source);
        SequentialReader outputReader = new SequentialReader(output);
        double psnrSum = 0;
        double ssimSum = 0;
        int compared = 0;
        for (int sample = 0; sample < sampling.count(); sample++) {
            int sourceIndex = sampling.frameIndex(sample);
            LumaFrame reference = sourceReader.frameAt(sourceIndex);
            LumaFrame enhanced = outputReader.frameAt((int) Math.round(sourceIndex * rateRatio));
            if (reference == null || enhanced == null) {
                break;
            }
            psnrSum += reference.psnr(enhanced);
            ssimSum += StructuralSimilarity.mean(reference, enhanced);
            compared++;
        }
        if (compared == 0) {
            throw new MediaException("output has no video frames to compare: " + outputPath);
        }
        return new FullReferenceScores(psnrSum / compared, ssimSum / compared, compared);
    }

    /** Evenly spaced source frame indices, first and last included. */
    record FrameSampling(int frames, int maxSamples) {

        int count() {
            return Math.min(frames, maxSamples);
        }

        int frameIndex(int sample) {
            int count = count();
            if (count == 1) {
                return 0;
            }
            return (int) Math.round((double) sample * (frames - 1) / (count - 1));
        }
    }

    /**
     * Forward-only access by frame index; asking for the same index again returns the same frame,
     * which happens when the output has a lower frame rate than the source.
     */
    private static final class SequentialReader {
        private final LumaFrames frames;
        private int nextIndex;
        private int currentIndex = -1;
        private LumaFrame current;

        SequentialReader(LumaFrames frames) {
            this.frames = frames;
        }

        /** The frame at {@code index}, or null when the video ends before it. */
        LumaFrame frameAt(int index) {
            if (index == currentIndex) {
                return current;
            }
            while (nextIndex < index) {
                if (!frames.skip()) {
                    return null;
                }
                nextIndex++;
            }
            current = frames.next().orElse(null);
            currentIndex = index;
            nextIndex++;
            return current;
        }
    }
}
