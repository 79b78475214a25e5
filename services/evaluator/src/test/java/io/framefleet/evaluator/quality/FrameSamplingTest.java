package io.framefleet.evaluator.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FrameSamplingTest {

    @Test
    void shouldSampleEvenlyIncludingFirstAndLastFrame() {
        FullReference.FrameSampling sampling = new FullReference.FrameSampling(190, 75);

        int[] indices = IntStream.range(0, sampling.count()).map(sampling::frameIndex).toArray();

        assertThat(indices).hasSize(75).startsWith(0).endsWith(189);
        assertThat(IntStream.range(1, indices.length).map(i -> indices[i] - indices[i - 1]).toArray())
                .as("steps between sampled frames, 189 / 74 ≈ 2.55")
                .containsOnly(2, 3);
    }

    @Test
    void shouldTakeEveryFrameOfAShortVideo() {
        FullReference.FrameSampling sampling = new FullReference.FrameSampling(10, 75);

        assertThat(IntStream.range(0, sampling.count()).map(sampling::frameIndex).toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void shouldTakeTheFirstFrameWhenOnlyOneIsAllowed() {
        FullReference.FrameSampling sampling = new FullReference.FrameSampling(190, 1);

        assertThat(sampling.count()).isEqualTo(1);
        assertThat(sampling.frameIndex(0)).isZero();
    }
}
