package io.framefleet.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SceneDetectorTest {

    @Test
    void shouldFindOnlyTheHardCutAtFrame116() {
        // ffmpeg's scdet and select='gt(scene,0.3)' both report exactly one change, at 4.64 s = frame 116.
        assertThat(SceneDetector.detectCuts(TestMedia.city(), SceneDetector.DEFAULT_THRESHOLD)).containsExactly(116L);
    }

    @Test
    void shouldFindNoCutInOneContinuousShot() {
        // movie.mp4 is one shot of a moving object on a static background; ffmpeg's scene score stays below 0.3.
        assertThat(SceneDetector.detectCuts(TestMedia.movie(), SceneDetector.DEFAULT_THRESHOLD)).isEmpty();
    }

    @Test
    void shouldNotCutOnSmallChangeInStaticShot() {
        Deque<Double> staticShot = history(0.1, 0.1, 0.2, 0.1);

        // 5x the median, but a static shot's median is floored and 6 levels is no cut.
        assertThat(SceneDetector.isCut(6.0, staticShot, 6.0)).isFalse();
        assertThat(SceneDetector.isCut(40.0, staticShot, 6.0)).isTrue();
    }

    @Test
    void shouldNotCutOnStrongButSteadyMotion() {
        Deque<Double> pan = history(12.0, 14.0, 13.0, 15.0);

        assertThat(SceneDetector.isCut(20.0, pan, 6.0)).isFalse();
        assertThat(SceneDetector.isCut(90.0, pan, 6.0)).isTrue();
    }

    @Test
    void shouldRejectThresholdThatIsNotARatioAboveOne() {
        assertThatThrownBy(() -> SceneDetector.detectCuts(TestMedia.city(), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Deque<Double> history(Double... values) {
        return new ArrayDeque<>(List.of(values));
    }
}
