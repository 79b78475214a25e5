package io.framefleet.evaluator.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LumaFrameTest {

    @Test
    void shouldComputePsnrFromMeanSquaredError() {
        LumaFrame dark = LumaEdits.uniform(16, 16, 10);
        LumaFrame lighter = LumaEdits.uniform(16, 16, 20);

        assertThat(dark.meanSquaredError(lighter)).isEqualTo(100.0);
        // 10·log10(255² / 100)
        assertThat(dark.psnr(lighter)).isCloseTo(28.1308, within(1e-4));
    }

    @Test
    void shouldCapPsnrOfIdenticalFrames() {
        LumaFrame frame = LumaEdits.uniform(16, 16, 77);

        assertThat(frame.psnr(LumaEdits.uniform(16, 16, 77))).isEqualTo(LumaFrame.PSNR_CAP_DB);
    }

    @Test
    void shouldMeasureMeanAndShareOfDarkPixels() {
        byte[] pixels = new byte[100];
        Arrays.fill(pixels, 0, 25, (byte) 200);
        LumaFrame frame = new LumaFrame(10, 10, pixels);

        assertThat(frame.meanLuma()).isEqualTo(50.0);
        assertThat(frame.fractionBelow(32)).isEqualTo(0.75);
        assertThat(frame.meanAbsoluteDifference(LumaEdits.uniform(10, 10, 0))).isEqualTo(50.0);
    }

    @Test
    void shouldRejectFramesOfDifferentSize() {
        LumaFrame small = LumaEdits.uniform(8, 8, 0);

        assertThatThrownBy(() -> small.psnr(LumaEdits.uniform(8, 9, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LumaFrame(8, 8, new byte[63])).isInstanceOf(IllegalArgumentException.class);
    }
}
