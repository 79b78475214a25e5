package io.framefleet.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TorchScriptModuleTest {

    @Test
    void shouldRunAModuleOnJavaTensorsAndMatchTheUpscalersOutput() {
        BundledModels.assumePresent("sr-fast-x2");
        Path file = BundledModels.FOLDER.resolve("sr-fast-x2").resolve("model.pt");
        float[] pixels = new float[3 * 6 * 10];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 % 101) / 100f;
        }
        try (TorchScriptModule module = TorchScriptModule.load(file, InferenceDevice.CPU, "sr-fast-x2");
             SrModel model = SrModel.builder().setRepository(BundledModels.repository()).setName("sr-fast-x2").build();
             ImageUpscaler upscaler = ImageUpscaler.builder().setModels(java.util.List.of(model)).build()) {
            Tensor out = module.forwardOne(Tensor.of(pixels, 1, 3, 6, 10));

            assertThat(out.hasShape(1, 3, 12, 20)).as("shape %s", out).isTrue();
            PlanarImage same = upscaler.runStage(model, java.util.List.of(new PlanarImage(pixels, 10, 6))).get(0);
            assertThat(out.floats()).containsExactly(same.data());
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotTorchScriptAndTensorsOfTheWrongSize(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a TorchScript archive");

        assertThatThrownBy(() -> TorchScriptModule.load(junk, InferenceDevice.CPU, "junk"))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("cannot load junk");
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6 values, got 5");
        assertThat(Tensor.ofLongs(new long[] {1, 2}, 2).toString()).isEqualTo("int64[2]");
    }
}
