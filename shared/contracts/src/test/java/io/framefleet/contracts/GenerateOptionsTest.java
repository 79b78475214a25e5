package io.framefleet.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateOptionsTest {

    private static GenerateOptions size(Integer w, Integer h, String codec) {
        return new GenerateOptions(null, null, null, w, h, null, null, null, null, null, null, codec, null, null, null,
                null);
    }

    @Test
    void shouldFillEveryDefaultButTheSeed() {
        GenerateOptions o = GenerateOptions.defaults();
        assertThat(o.seconds()).isEqualTo(2.0);
        assertThat(o.fps()).isEqualTo(16.0);
        assertThat(o.width()).isEqualTo(128);
        assertThat(o.height()).isEqualTo(128);
        assertThat(o.steps()).isEqualTo(16);
        assertThat(o.guidance()).isEqualTo(3.0);
        assertThat(o.candidates()).isEqualTo(4);
        assertThat(o.threshold()).isEqualTo(GenerateOptions.DEFAULT_THRESHOLD);
        assertThat(o.maxRounds()).isEqualTo(3);
        assertThat(o.codec()).isEqualTo("h264");
        assertThat(o.interpolator()).isEqualTo("flow");
        assertThat(o.upscaler()).isEqualTo("sr-fast");
        assertThat(o.image()).isFalse();
        assertThat(o.model()).isEqualTo("t2v-shapes");
        assertThat(o.seed()).isNull();
        assertThat(o.frames()).isEqualTo(32);
    }

    @Test
    void shouldKeepCallersChoicesWhenFillingDefaults() {
        GenerateOptions o = new GenerateOptions("gray background", 1.5, 24.0, 64, 96, 7L, 8, 0.0, 2, -0.2, 1, "ffv1",
                "minterpolate", "lanczos", true, "other").withDefaults();
        assertThat(o).isEqualTo(new GenerateOptions("gray background", 1.5, 24.0, 64, 96, 7L, 8, 0.0, 2, -0.2, 1,
                "ffv1", "minterpolate", "lanczos", true, "other"));
    }

    @Test
    void shouldNumberSeedsByRoundAndCandidate() {
        GenerateOptions o = GenerateOptions.defaults().withSeed(100);
        assertThat(o.seedOf(0, 0)).isEqualTo(100);
        assertThat(o.seedOf(0, 3)).isEqualTo(103);
        assertThat(o.seedOf(2, 1)).isEqualTo(109);
    }

    @Test
    void shouldRefuseOddSizeForH264OnlyAndSizesOutOfRange() {
        assertThatThrownBy(() -> size(127, 128, null).check()).hasMessageContaining("even for h264");
        assertThat(size(127, 129, "ffv1").check()).isNotNull();
        assertThatThrownBy(() -> size(8, 128, "ffv1").check()).hasMessageContaining("16..2048");
        assertThatThrownBy(() -> size(128, 4096, null).check()).hasMessageContaining("16..2048");
        assertThatThrownBy(() -> size(128, 128, "vp9").check()).hasMessageContaining("codec");
    }

    @Test
    void shouldNameTheOffendingOption() {
        GenerateOptions ok = GenerateOptions.defaults();
        assertThatThrownBy(() -> new GenerateOptions(null, 31.0, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("seconds");
        assertThatThrownBy(() -> new GenerateOptions(null, 0.0, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("seconds");
        assertThatThrownBy(() -> new GenerateOptions(null, null, 0.0, null, null, null, null, null, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("fps");
        assertThatThrownBy(() -> new GenerateOptions(null, null, null, null, null, null, null, null, 17, null,
                null, null, null, null, null, null).check()).hasMessageContaining("candidates");
        assertThatThrownBy(() -> new GenerateOptions(null, null, null, null, null, null, 0, null, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("steps");
        assertThatThrownBy(() -> new GenerateOptions(null, null, null, null, null, null, null, -1.0, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("guidance");
        assertThatThrownBy(() -> new GenerateOptions(null, null, null, null, null, null, null, null, null, null,
                0, null, null, null, null, null).check()).hasMessageContaining("maxRounds");
        assertThatThrownBy(() -> new GenerateOptions(null, null, null, null, null, null, null, null, null, 1.5,
                null, null, null, null, null, null).check()).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new GenerateOptions(null, null, null, null, null, -1L, null, null, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("seed");
        assertThatThrownBy(() -> new GenerateOptions(null, 0.01, 1.0, null, null, null, null, null, null, null,
                null, null, null, null, null, null).check()).hasMessageContaining("at least one frame");
        assertThat(ok.check()).isSameAs(ok);
    }

    @Test
    void shouldRefuseEmptyPrompt() {
        assertThatThrownBy(() -> new PromptSubmitted("  ", null, null).check()).hasMessageContaining("prompt");
        assertThatThrownBy(() -> new PromptSubmitted("x".repeat(501), null, null).check())
                .hasMessageContaining("at most 500");
    }
}
