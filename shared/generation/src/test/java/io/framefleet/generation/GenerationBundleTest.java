package io.framefleet.generation;

import io.framefleet.inference.InvalidModelException;
import io.framefleet.inference.ModelRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationBundleTest {

    static final String DIGEST = "c".repeat(64);
    static final String VALID = """
            {"name": "t2v-shapes", "version": "1.0.0", "task": "text-to-video",
             "files": {"text": {"file": "text.pt", "sha256": "%1$s"},
                       "denoiser": {"file": "denoiser.pt", "sha256": "%1$s"},
                       "vocabulary": {"file": "vocab.json", "sha256": "%1$s"}},
             "frames": 8, "height": 32, "width": 32,
             "sample": {"shape": [8, 3, 32, 32], "range": [-1.0, 1.0], "decoder": null},
             "objective": "rectified-flow", "embedding": 256, "max_tokens": 16,
             "defaults": {"steps": 16, "guidance": 3.0}, "parameters": 1234}
            """.formatted(DIGEST);

    static GenerationBundle parse(String json) {
        return GenerationBundle.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "model.json");
    }

    @Test
    void shouldParseTheContractsExample() {
        GenerationBundle b = parse(VALID);

        assertThat(b.sampleShape()).containsExactly(8, 3, 32, 32);
        assertThat(b.sampleSize()).isEqualTo(8 * 3 * 32 * 32);
        assertThat(b.latent()).isFalse();
        assertThat(b.maxTokens()).isEqualTo(16);
        assertThat(b.defaultSteps()).isEqualTo(16);
        assertThat(b.defaultGuidance()).isEqualTo(3.0);
        assertThat(b.parameters()).isEqualTo(1234);
    }

    @Test
    void shouldRefuseDescriptorsTheSamplerCannotRun() {
        assertThatThrownBy(() -> parse(VALID.replace("\"text-to-video\"", "\"video-text-alignment\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("task must be text-to-video");
        assertThatThrownBy(() -> parse(VALID.replace("[8, 3, 32, 32]", "[8, 3, 16, 16]")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("sample.shape must be [8, 3, 32, 32]");
        assertThatThrownBy(() -> parse(VALID.replace("[-1.0, 1.0]", "[0.0, 1.0]")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("sample.range must be [-1.0, 1.0]");
        assertThatThrownBy(() -> parse(VALID.replace("rectified-flow", "epsilon")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("objective must be rectified-flow");
        assertThatThrownBy(() -> parse(VALID.replace("\"decoder\": null", "\"decoder\": \"decoder.pt\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("both present or both absent");
        assertThatThrownBy(() -> parse(VALID.replace("\"embedding\": 256,", "")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("embedding is required");
        assertThatThrownBy(() -> parse(VALID.replace("\"denoiser\": {\"file\": \"denoiser.pt\", \"sha256\": \"" + DIGEST + "\"},", "")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("no files.denoiser");
    }

    @Test
    void shouldAcceptALatentModelWithADecoder() {
        GenerationBundle b = parse(VALID.replace("[8, 3, 32, 32]", "[8, 4, 8, 8]")
                .replace("\"decoder\": null", "\"decoder\": \"decoder\"")
                .replace("\"vocabulary\":", "\"decoder\": {\"file\": \"decoder.pt\", \"sha256\": \"" + DIGEST + "\"}, \"vocabulary\":"));

        assertThat(b.latent()).isTrue();
        assertThat(b.sampleSize()).isEqualTo(8 * 4 * 8 * 8);
    }

    @Test
    void shouldValidateTheBundledModels() {
        BundledModels.assumePresent(BundledModels.BASE);
        BundledModels.assumePresent(BundledModels.SCORER);
        ModelRepository repo = BundledModels.repository();

        GenerationBundle base = GenerationBundle.of(repo.resolveBundle(BundledModels.BASE, GenerationBundle.TASK).descriptor());
        ScorerBundle scorer = ScorerBundle.of(repo.resolveBundle(BundledModels.SCORER, ScorerBundle.TASK).descriptor());

        assertThat(base.frames()).isEqualTo(scorer.frames());
        assertThat(base.tag()).startsWith("t2v-shapes@");
        assertThatThrownBy(() -> repo.resolveBundle(BundledModels.BASE, ScorerBundle.TASK))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("task must be video-text-alignment");
    }

    @Test
    void shouldRefuseABundleWhoseDenoiserWasChanged(@TempDir Path dir) throws Exception {
        BundledModels.assumePresent(BundledModels.BASE);
        Path copy = Files.createDirectories(dir.resolve(BundledModels.BASE));
        try (Stream<Path> files = Files.list(BundledModels.FOLDER.resolve(BundledModels.BASE))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        byte[] pt = Files.readAllBytes(copy.resolve("denoiser.pt"));
        pt[pt.length / 2] ^= 1;
        Files.write(copy.resolve("denoiser.pt"), pt);

        assertThatThrownBy(() -> TextToVideo.builder().setRepository(ModelRepository.folder(dir))
                .setName(BundledModels.BASE).build())
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("t2v-shapes: denoiser.pt (denoiser) has sha256")
                .hasMessageContaining("but model.json declares");
    }
}
