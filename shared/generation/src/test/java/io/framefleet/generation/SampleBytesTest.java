package io.framefleet.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleBytesTest {

    @Test
    void shouldClampScaleAndRoundHalvesToEvenLikeTheTrainingCode() {
        assertThat(TextToVideo.toByte(-1f)).isZero();
        assertThat(TextToVideo.toByte(-3f)).isZero();
        assertThat(TextToVideo.toByte(1f)).isEqualTo(255);
        assertThat(TextToVideo.toByte(7f)).isEqualTo(255);
        // (0 + 1) * 127.5 = 127.5 exactly: torch.round gives 128, the even neighbour; 1/255 - 1 gives 0.5 -> 0.
        assertThat(TextToVideo.toByte(0f)).isEqualTo(128);
        assertThat(TextToVideo.toByte(0.5f / 127.5f - 1f)).isEqualTo(0);
        assertThat(TextToVideo.toByte(Float.NaN)).isZero();
    }
}
