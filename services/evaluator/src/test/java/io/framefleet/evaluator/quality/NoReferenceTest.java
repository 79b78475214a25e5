package io.framefleet.evaluator.quality;

import static io.framefleet.evaluator.quality.ClipWriter.Format.LIMITED_RANGE_YUV;
import static io.framefleet.evaluator.quality.ClipWriter.Format.LOSSLESS_GRAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoReferenceTest {

    private static final int FRAMES = 25;

    @TempDir
    static Path dir;

    private static List<LumaFrame> sourceFrames;
    private static NoReferenceScores original;

    @BeforeAll
    static void analyseOriginal() throws Exception {
        sourceFrames = CityClip.firstFrames(FRAMES);
        original = NoReference.analyse(
                ClipWriter.write(dir.resolve("original.mkv"), LOSSLESS_GRAY, CityClip.FPS, sourceFrames));
    }

    @Test
    void shouldFindNoDefectsInTheOriginal() {
        assertThat(original.frames()).isEqualTo(FRAMES);
        assertThat(original.frozenFrames()).isZero();
        assertThat(original.blackFrames()).isZero();
        assertThat(original.temporalFlicker()).isLessThan(1.0);
    }

    @Test
    void shouldCountRepeatedFramesAsFrozen() throws Exception {
        List<LumaFrame> stalled = new ArrayList<>(sourceFrames);
        LumaFrame stuck = sourceFrames.get(10);
        for (int copy = 0; copy < 4; copy++) {
            stalled.add(11, stuck);
        }

        NoReferenceScores scores = NoReference.analyse(
                ClipWriter.write(dir.resolve("stalled.mkv"), LOSSLESS_GRAY, CityClip.FPS, stalled));

        assertThat(scores.frames()).isEqualTo(FRAMES + 4);
        assertThat(scores.frozenFrames()).isEqualTo(4);
    }

    @Test
    void shouldCountBlackFramesButNotDarkOrLitOnes() throws Exception {
        int width = CityClip.WIDTH;
        int height = CityClip.HEIGHT;
        List<LumaFrame> frames = new ArrayList<>(sourceFrames.subList(0, 12));
        for (int i = 0; i < 6; i++) {
            frames.add(LumaEdits.uniform(width, height, 0));
        }
        frames.add(sourceFrames.get(12));
        // Every pixel under 32 but the mean is not under 20: dark grey, not black.
        frames.add(LumaEdits.uniform(width, height, 26));
        frames.add(sourceFrames.get(13));
        // Mean under 20 but a lit band covers 5 % of the picture: a night scene, not black.
        frames.add(blackWithLitTopBand(width, height, 0.05));
        frames.addAll(sourceFrames.subList(14, FRAMES));

        // Limited range on disk: black is Y = 16 there, and must still read as black.
        NoReferenceScores scores = NoReference.analyse(
                ClipWriter.write(dir.resolve("black.mkv"), LIMITED_RANGE_YUV, CityClip.FPS, frames));

        assertThat(scores.frames()).isEqualTo(FRAMES + 8);
        assertThat(scores.blackFrames()).isEqualTo(6);
        assertThat(scores.frozenFrames()).as("a run of black frames is black, not frozen").isZero();
    }

    @Test
    void shouldMeasureMoreFlickerWhenBrightnessAlternates() throws Exception {
        List<LumaFrame> flickering = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            flickering.add(LumaEdits.plus(sourceFrames.get(i), i % 2 == 0 ? 10 : -10));
        }

        NoReferenceScores scores = NoReference.analyse(
                ClipWriter.write(dir.resolve("flicker.mkv"), LOSSLESS_GRAY, CityClip.FPS, flickering));

        // ±10 levels alternating is a 20-level second difference, less what clipping at 0/255 eats.
        assertThat(scores.temporalFlicker()).isGreaterThan(original.temporalFlicker() + 15);
    }

    @Test
    void shouldNotCountSteadyFadeAsFlicker() throws Exception {
        List<LumaFrame> fading = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            fading.add(LumaEdits.times(sourceFrames.get(i), 1.0 - 0.6 * i / (FRAMES - 1)));
        }
        double meanStep = (fading.get(0).meanLuma() - fading.get(FRAMES - 1).meanLuma()) / (FRAMES - 1);

        NoReferenceScores scores = NoReference.analyse(
                ClipWriter.write(dir.resolve("fade.mkv"), LOSSLESS_GRAY, CityClip.FPS, fading));

        assertThat(meanStep).as("the fade darkens by several levels a frame").isGreaterThan(2);
        assertThat(scores.temporalFlicker()).isLessThan(original.temporalFlicker() + 0.5);
    }

    private static LumaFrame blackWithLitTopBand(int width, int height, double share) {
        byte[] pixels = new byte[width * height];
        int litRows = (int) Math.ceil(height * share);
        Arrays.fill(pixels, 0, litRows * width, (byte) 255);
        return new LumaFrame(width, height, pixels);
    }
}
