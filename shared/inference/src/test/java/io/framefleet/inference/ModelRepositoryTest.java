package io.framefleet.inference;

import io.framefleet.storage.LocalObjectStore;
import io.framefleet.storage.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRepositoryTest {

    static final String NAME = "sr-fast-x2";

    static String descriptor(String overrides) {
        String base = """
                {"name": "sr-fast-x2", "version": "1.0.0", "task": "super-resolution", "file": "model.pt",
                 "sha256": "%s", "scale": 2, "halo": 6, "parameters": 10,
                 "input":  {"layout": "NCHW", "colour": "RGB", "range": [0.0, 1.0], "dtype": "float32"},
                 "output": {"layout": "NCHW", "colour": "RGB", "range": [0.0, 1.0], "dtype": "float32"}%s}
                """;
        return String.format(base, "a".repeat(64), overrides);
    }

    static ModelDescriptor parse(String json) {
        return ModelDescriptor.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void shouldParseAValidDescriptorAndTagItsVersion() {
        ModelDescriptor d = parse(descriptor(""));
        assertThat(d.scale()).isEqualTo(2);
        assertThat(d.halo()).isEqualTo(6);
        assertThat(d.tag()).isEqualTo("sr-fast-x2@1.0.0+aaaaaaaaaaaa");
    }

    @Test
    void shouldRejectDescriptorsTheRuntimeCannotFeed() {
        assertThatThrownBy(() -> parse(descriptor("").replace("\"NCHW\", \"colour\": \"RGB\", \"range\": [0.0, 1.0], \"dtype\": \"float32\"},\n \"output\"",
                "\"NHWC\", \"colour\": \"RGB\", \"range\": [0.0, 1.0], \"dtype\": \"float32\"},\n \"output\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("input.layout must be NCHW");
        assertThatThrownBy(() -> parse(descriptor("").replace("[0.0, 1.0], \"dtype\": \"float32\"}%",
                "").replaceFirst("\\[0\\.0, 1\\.0]", "[0.0, 255.0]")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("range must be [0.0, 1.0]");
        assertThatThrownBy(() -> parse(descriptor("").replace("\"scale\": 2,", "")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("scale is required");
        assertThatThrownBy(() -> parse(descriptor("").replace("\"model.pt\"", "\"../../etc/passwd\"")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("plain file name");
        assertThatThrownBy(() -> parse("[1, 2]")).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> parse("{not json")).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldRefuseAModelFileWhoseDigestDoesNotMatch(@TempDir Path dir) throws Exception {
        BundledModels.assumePresent(NAME);
        Path folder = copyBundled(dir);
        byte[] pt = Files.readAllBytes(folder.resolve(NAME).resolve("model.pt"));
        pt[pt.length / 2] ^= 1;
        Files.write(folder.resolve(NAME).resolve("model.pt"), pt);

        assertThatThrownBy(() -> SrModel.builder().setRepository(ModelRepository.folder(folder)).setName(NAME).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("but model.json declares");
    }

    @Test
    void shouldDownloadABucketModelOnceAndLoadIt(@TempDir Path dir) throws Exception {
        BundledModels.assumePresent(NAME);
        Path folder = copyBundled(dir);
        try (ObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
            store.ensureBucket("models");
            store.put("models", "sr/" + NAME + "/model.json", folder.resolve(NAME).resolve("model.json"));
            store.put("models", "sr/" + NAME + "/model.pt", folder.resolve(NAME).resolve("model.pt"));
            ModelRepository repo = ModelRepository.objectStore(store, "models", "sr", dir.resolve("cache"));

            ModelRepository.LocalModel first = repo.resolve(NAME);
            assertThat(first.file()).startsWith(dir.resolve("cache"));
            FileTime cached = Files.getLastModifiedTime(first.file());
            Thread.sleep(20);
            assertThat(repo.resolve(NAME).file()).isEqualTo(first.file());
            assertThat(Files.getLastModifiedTime(first.file())).as("not downloaded again").isEqualTo(cached);
            assertThat(repo.find("sr-nothing-x2")).isEmpty();
            try (SrModel model = SrModel.builder().setRepository(repo).setName(NAME).build()) {
                assertThat(model.scale()).isEqualTo(2);
            }
        }
    }

    @Test
    void shouldNameTheRepositoryWhenAModelIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelRepository.folder(dir).resolve("sr-nothing-x2"))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("no model sr-nothing-x2 in model folder");
    }

    private static Path copyBundled(Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("models").resolve(NAME));
        for (String f : new String[] {"model.json", "model.pt"}) {
            Files.copy(BundledModels.FOLDER.resolve(NAME).resolve(f), folder.resolve(f));
        }
        return folder.getParent();
    }
}
