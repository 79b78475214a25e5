package io.framefleet.generation;

import io.framefleet.generation.shapes.Scene;
import io.framefleet.generation.shapes.ShapeRenderer;
import io.framefleet.generation.shapes.ShapesDomain.Background;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VideoResamplerTest {

    @Test
    void shouldPickFramesEvenlyIncludingTheFirstAndLast() {
        assertThat(VideoResampler.pick(32, 8)).containsExactly(0, 4, 9, 13, 18, 22, 27, 31);
        assertThat(VideoResampler.pick(8, 8)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(VideoResampler.pick(3, 8)).containsExactly(0, 0, 1, 1, 1, 1, 2, 2);
        assertThat(VideoResampler.pick(5, 1)).containsExactly(0);
    }

    @Test
    void shouldAverageAreasExactlyForWholeAndFractionalFactors() {
        // A 4x1 frame of one channel 0, 40, 80, 120 (others 0): halved it is 20, 100; to 3 wide each output
        // covers 4/3 source pixels: (0 + 40/3) * 3/4 = 10, (40*2/3 + 80*2/3) * 3/4 = 60, (80/3 + 120) * 3/4 = 110.
        byte[] frame = new byte[4 * 3];
        for (int x = 0; x < 4; x++) {
            frame[x * 3] = (byte) (40 * x);
        }
        Clip clip = new Clip(4, 1, new byte[][] {frame});

        float[] half = VideoResampler.planar(clip, 1, 2, 1);
        float[] thirds = VideoResampler.planar(clip, 1, 3, 1);

        assertThat(half[0] * 255).isCloseTo(20f, within(1e-3f));
        assertThat(half[1] * 255).isCloseTo(100f, within(1e-3f));
        assertThat(thirds[0] * 255).isCloseTo(10f, within(1e-3f));
        assertThat(thirds[1] * 255).isCloseTo(60f, within(1e-3f));
        assertThat(thirds[2] * 255).isCloseTo(110f, within(1e-3f));
        assertThat(half[2]).as("green plane").isZero();
    }

    @Test
    void shouldKeepAClipOfTheTargetSizeAsItIs() {
        Clip clip = ShapeRenderer.render(new Scene(Combination.of("red circle right"), 1.5, 5, 10, 12, Background.GRAY));

        float[] planar = VideoResampler.planar(clip, 8, 32, 32);

        for (int f = 0; f < 8; f++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 32 * 32; p++) {
                    assertThat(planar[(f * 3 + c) * 1024 + p]).isEqualTo(clip.at(f, p % 32, p / 32, c) / 255f, within(1e-6f));
                }
            }
        }
    }
}
