package io.framefleet.inference;

import io.framefleet.storage.LocalObjectStore;
import io.framefleet.storage.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleDescriptorTest {

    static final String TASK = "text-to-video";

    /** A bundle of two small files in {@code folder/demo}, with their true digests. */
    static Path bundle(Path folder) throws Exception {
        Path dir = Files.createDirectories(folder.resolve("demo"));
        Files.writeString(dir.resolve("vocab.json"), "[\"<pad>\", \"red\"]");
        Files.writeString(dir.resolve("weights.bin"), "not a model, only bytes with a digest");
        Files.writeString(dir.resolve("model.json"), """
                {"name": "demo", "version": "1.0.0", "task": "text-to-video",
                 "files": {"vocabulary": {"file": "vocab.json", "sha256": "%s"},
                           "weights": {"file": "weights.bin", "sha256": "%s"}},
                 "frames": 8}
                """.formatted(ModelDescriptor.sha256Of(dir.resolve("vocab.json")),
                ModelDescriptor.sha256Of(dir.resolve("weights.bin"))));
        return folder;
    }

    static BundleDescriptor parse(String json) {
        return BundleDescriptor.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json", TASK);
    }

    @Test
    void shouldParseTheFilesInOrderAndKeepTheTaskFields(@TempDir Path dir) throws Exception {
        BundleDescriptor d = ModelRepository.folder(bundle(dir)).findBundle("demo", TASK).orElseThrow();

        assertThat(d.files().keySet()).containsExactly("vocabulary", "weights");
        assertThat(d.json().path("frames").asInt()).isEqualTo(8);
        assertThat(d.tag()).startsWith("demo@1.0.0+").hasSize("demo@1.0.0+".length() + 12);
    }

    @Test
    void shouldRejectMalformedBundles() {
        String ok = "{\"name\": \"demo\", \"version\": \"1\", \"task\": \"text-to-video\", \"files\": {\"text\": "
                + "{\"file\": \"text.pt\", \"sha256\": \"" + "b".repeat(64) + "\"}}}";
        assertThat(parse(ok).file("text").file()).isEqualTo("text.pt");
        assertThatThrownBy(() -> parse(ok.replace("text-to-video", "super-resolution")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("test.json: task must be text-to-video");
        assertThatThrownBy(() -> parse(ok.replace("\"text.pt\"", "\"../text.pt\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("files.text.file must be a plain file name");
        assertThatThrownBy(() -> parse(ok.replace("b".repeat(64), "B".repeat(64))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("files.text.sha256 must be 64");
        assertThatThrownBy(() -> parse(ok.replace("\"files\"", "\"file\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("files is required");
        assertThatThrownBy(() -> parse(ok).file("decoder"))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("demo: model.json has no files.decoder");
    }

    @Test
    void shouldRefuseABundleWithADamagedFile(@TempDir Path dir) throws Exception {
        Path folder = bundle(dir);
        Files.writeString(folder.resolve("demo").resolve("weights.bin"), "changed after the digest was taken");

        assertThatThrownBy(() -> ModelRepository.folder(folder).resolveBundle("demo", TASK))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("weights.bin (weights) has sha256")
                .hasMessageContaining("but model.json declares");
    }

    @Test
    void shouldCopyABucketBundleIntoTheCacheOnceAndVerifyIt(@TempDir Path dir) throws Exception {
        Path folder = bundle(dir.resolve("src"));
        try (ObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
            store.ensureBucket("models");
            for (String f : new String[] {"model.json", "vocab.json", "weights.bin"}) {
                store.put("models", "t2v/demo/" + f, folder.resolve("demo").resolve(f));
            }
            ModelRepository repo = ModelRepository.objectStore(store, "models", "t2v", dir.resolve("cache"));

            ModelRepository.LocalBundle local = repo.resolveBundle("demo", TASK);

            assertThat(local.file("weights")).startsWith(dir.resolve("cache"));
            assertThat(Files.readString(local.file("vocabulary"))).isEqualTo("[\"<pad>\", \"red\"]");
            assertThat(repo.findBundle("nothing", TASK)).isEmpty();
            assertThatThrownBy(() -> repo.resolveBundle("nothing", TASK))
                    .isInstanceOf(InvalidModelException.class).hasMessageContaining("no model nothing in bucket models/t2v/");
        }
    }
}
