package io.framefleet.evaluator.quality;

import static io.framefleet.evaluator.quality.ClipWriter.Format.FFV1_GRAY;
import static io.framefleet.evaluator.quality.ClipWriter.Format.LOSSLESS_GRAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.swscale.SWS_LANCZOS;

import io.framefleet.media.MediaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullReferenceTest {

    /** 0.4 s of the real clip: 2.9 M luma samples, plenty for stable means, cheap on two cores. */
    private static final int FRAMES = 10;

    @TempDir
    static Path dir;

    private static List<LumaFrame> sourceFrames;
    private static Path source;

    @BeforeAll
    static void writeSource() throws Exception {
        sourceFrames = CityClip.firstFrames(FRAMES);
        source = ClipWriter.write(dir.resolve("source.mkv"), LOSSLESS_GRAY, CityClip.FPS, sourceFrames);
    }

    @Test
    void shouldScoreIdenticalVideosAtCap() throws Exception {
        Path sameFramesOtherCodec =
                ClipWriter.write(dir.resolve("copy-ffv1.mkv"), FFV1_GRAY, CityClip.FPS, sourceFrames);

        FullReferenceScores scores = FullReference.compare(source, sameFramesOtherCodec, FRAMES);

        assertThat(scores.psnrY()).isEqualTo(LumaFrame.PSNR_CAP_DB);
        assertThat(scores.ssimY()).isEqualTo(1.0);
        assertThat(scores.framesCompared()).isEqualTo(FRAMES);
    }

    @Test
    void shouldScoreNoisierCopyLower() throws Exception {
        Random random = new Random(42);
        Path slightlyNoisy = ClipWriter.write(dir.resolve("noise2.mkv"), LOSSLESS_GRAY, CityClip.FPS,
                sourceFrames.stream().map(frame -> LumaEdits.withNoise(frame, 2, random)).toList());
        Path veryNoisy = ClipWriter.write(dir.resolve("noise8.mkv"), LOSSLESS_GRAY, CityClip.FPS,
                sourceFrames.stream().map(frame -> LumaEdits.withNoise(frame, 8, random)).toList());

        FullReferenceScores slight = FullReference.compare(source, slightlyNoisy, FRAMES);
        FullReferenceScores heavy = FullReference.compare(source, veryNoisy, FRAMES);

        // Rounded Gaussian noise of σ has MSE ≈ σ² + 1/12: 42.0 dB for σ = 2, 30.1 dB for σ = 8
        // (clipping at 0 and 255 removes a little of it).
        assertThat(slight.psnrY()).isCloseTo(42.0, within(0.5));
        assertThat(heavy.psnrY()).isCloseTo(30.1, within(0.5));
        assertThat(slight.ssimY()).isLessThan(1.0).isGreaterThan(heavy.ssimY());
        assertThat(heavy.ssimY()).isGreaterThan(0.5);
    }

    @Test
    void shouldScoreBlurredCopyBelowIdentical() throws Exception {
        Path blurred = ClipWriter.write(dir.resolve("blur.mkv"), LOSSLESS_GRAY, CityClip.FPS,
                sourceFrames.stream().map(frame -> LumaEdits.boxBlurred(frame, 1)).toList());

        FullReferenceScores scores = FullReference.compare(source, blurred, FRAMES);

        assertThat(scores.psnrY()).isLessThan(40);
        assertThat(scores.ssimY()).isLessThan(0.98);
    }

    @Test
    void shouldScoreLanczosUpscaledCopyHighAfterScalingBack() throws Exception {
        Path upscaled = ClipWriter.writeScaled(dir.resolve("upscaled.mkv"), LOSSLESS_GRAY, CityClip.FPS,
                2 * CityClip.WIDTH, 2 * CityClip.HEIGHT, SWS_LANCZOS, sourceFrames);

        FullReferenceScores scores = FullReference.compare(source, upscaled, FRAMES);

        assertThat(scores.psnrY()).isGreaterThan(30).isLessThan(LumaFrame.PSNR_CAP_DB);
        assertThat(scores.ssimY()).isGreaterThan(0.95).isLessThan(1.0);
        assertThat(scores.framesCompared()).isEqualTo(FRAMES);
    }

    @Test
    void shouldPairFrameDoubledCopyAtSourceTimes() throws Exception {
        List<LumaFrame> doubled = new ArrayList<>();
        for (LumaFrame frame : sourceFrames) {
            doubled.add(frame);
            doubled.add(frame);
        }
        Path doubledRate = ClipWriter.write(dir.resolve("doubled.mkv"), LOSSLESS_GRAY, 2 * CityClip.FPS, doubled);

        FullReferenceScores scores = FullReference.compare(source, doubledRate, FRAMES);

        assertThat(scores.psnrY()).isEqualTo(LumaFrame.PSNR_CAP_DB);
        assertThat(scores.ssimY()).isEqualTo(1.0);
        assertThat(scores.framesCompared()).isEqualTo(FRAMES);
    }

    @Test
    void shouldIgnoreInsertedFramesBetweenSourceTimes() throws Exception {
        // An interpolator's new frames fall between source times; only the kept ones are compared.
        LumaFrame garbage = LumaEdits.uniform(CityClip.WIDTH, CityClip.HEIGHT, 200);
        List<LumaFrame> interleaved = new ArrayList<>();
        for (LumaFrame frame : sourceFrames) {
            interleaved.add(frame);
            interleaved.add(garbage);
        }
        Path doubledRate =
                ClipWriter.write(dir.resolve("interleaved.mkv"), LOSSLESS_GRAY, 2 * CityClip.FPS, interleaved);

        FullReferenceScores scores = FullReference.compare(source, doubledRate, FRAMES);

        assertThat(scores.psnrY()).isEqualTo(LumaFrame.PSNR_CAP_DB);
    }

    @Test
    void shouldCompareAtMostMaxFrames() throws Exception {
        Path copy = ClipWriter.write(dir.resolve("copy-sampled.mkv"), LOSSLESS_GRAY, CityClip.FPS, sourceFrames);

        FullReferenceScores scores = FullReference.compare(source, copy, 4);

        assertThat(scores.framesCompared()).isEqualTo(4);
        assertThat(scores.psnrY()).isEqualTo(LumaFrame.PSNR_CAP_DB);
    }

    @Test
    void shouldReportFewerFramesWhenOutputEndsEarly() throws Exception {
        Path truncated = ClipWriter.write(dir.resolve("truncated.mkv"), LOSSLESS_GRAY, CityClip.FPS,
                sourceFrames.subList(0, 6));

        FullReferenceScores scores = FullReference.compare(source, truncated, FRAMES);

        assertThat(scores.framesCompared()).isEqualTo(6);
        assertThat(scores.psnrY()).isEqualTo(LumaFrame.PSNR_CAP_DB);
    }

    @Test
    void shouldRejectMissingOutputAsBadInput() {
        assertThatThrownBy(() -> FullReference.compare(source, dir.resolve("missing.mkv"), FRAMES))
                .isInstanceOf(MediaException.class)
                .hasMessageContaining("missing.mkv");
    }
}
