package io.framefleet.ingest;

import io.framefleet.contracts.EnhanceOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    private static EnhanceOptions opts(Integer factor, Double fps, Double scale, String interpolator) {
        return new EnhanceOptions(factor, fps, scale, null, null, null, interpolator, null);
    }

    @Test
    void shouldFillDefaultsForAcceptedOptions() throws RejectedException {
        EnhanceOptions o = Options.validate(opts(2, null, 2.0, null));
        assertThat(o.codec()).isEqualTo("h264");
        assertThat(o.interpolator()).isEqualTo("flow");
        assertThat(o.upscaler()).isEqualTo("sr-fast");
    }

    @Test
    void shouldRejectConflictingOrAbsurdOptions() {
        assertThatThrownBy(() -> Options.validate(opts(2, 60.0, null, null))).hasMessageContaining("not both");
        assertThatThrownBy(() -> Options.validate(opts(100, null, null, null))).hasMessageContaining("fpsFactor must be 1..8");
        assertThatThrownBy(() -> Options.validate(opts(null, null, 1000.0, null))).hasMessageContaining("scale must be 1..8");
        assertThatThrownBy(() -> Options.validate(opts(null, null, null, "magic"))).hasMessageContaining("unknown interpolator 'magic'");
    }
}
