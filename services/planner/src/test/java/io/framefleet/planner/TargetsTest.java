package io.framefleet.planner;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.MediaInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetsTest {

    private static final MediaInfo NTSC = new MediaInfo(640, 360, 30000, 1001, 100, 3.3, 0, "mp4", "h264", null, null, null);

    @Test
    void shouldConvertToArbitraryFpsWithSegmentsSummingExactly() {
        Targets t = Targets.of(new EnhanceOptions(null, 60.0, null, null, null, null, null, null), NTSC);
        assertThat(t.fpsNum()).isEqualTo(60);
        int sum = t.outputFrames(0, 33) + t.outputFrames(33, 33) + t.outputFrames(66, 34);
        assertThat(sum).isEqualTo(t.outputFrames(0, 100)).isEqualTo(200);
    }

    @Test
    void shouldKeepSizesEvenAndAspectWhenOnlyWidthGiven() {
        Targets t = Targets.of(new EnhanceOptions(null, null, null, 1001, null, null, null, null), NTSC);
        assertThat(t.width()).isEqualTo(1002);
        assertThat(t.height()).isEqualTo(564);
    }

    @Test
    void shouldRejectAbsurdScale() {
        assertThatThrownBy(() -> Targets.of(new EnhanceOptions(null, null, 64.0, null, null, null, null, null), NTSC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale must be 1..8");
    }
}
