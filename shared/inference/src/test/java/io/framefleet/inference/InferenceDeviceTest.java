package io.framefleet.inference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferenceDeviceTest {

    @Test
    void shouldParseTheConfiguredDevice() {
        assertThat(InferenceDevice.parse("cpu")).isEqualTo(InferenceDevice.CPU);
        assertThat(InferenceDevice.parse(" GPU ")).isEqualTo(new InferenceDevice("gpu", 0));
        assertThat(InferenceDevice.parse("gpu:3").index()).isEqualTo(3);
        assertThatThrownBy(() -> InferenceDevice.parse("cuda")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu, gpu or gpu:N");
        assertThatThrownBy(() -> InferenceDevice.parse("gpu:-1")).isInstanceOf(IllegalArgumentException.class);
    }

    /** CI has no GPU and the CPU natives see none: a GPU worker must refuse, not fall back. */
    @Test
    void shouldRefuseAGpuThatIsNotThere() {
        assertThat(InferenceDevice.CPU.requireUsable().isGpu()).isFalse();
        int gpus = Engines.pytorch().getGpuCount();
        assertThatThrownBy(() -> new InferenceDevice("gpu", gpus).requireUsable())
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("gpu:" + gpus).hasMessageContaining("refusing to start rather than run on the CPU");
    }
}
