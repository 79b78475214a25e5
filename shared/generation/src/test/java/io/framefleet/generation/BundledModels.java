package io.framefleet.generation;

import io.framefleet.inference.ModelRepository;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The bundles this module ships, read from its source tree so the tests run the real weights. */
final class BundledModels {

    static final String BASE = "t2v-shapes";
    static final String SCORER = "t2v-scorer";
    static final Path FOLDER = Path.of(System.getProperty("framefleet.models", "src/main/resources/framefleet/models"));

    private BundledModels() {
    }

    static ModelRepository repository() {
        return ModelRepository.folder(FOLDER);
    }

    /** Skips the calling test, saying why, when {@code name} is not bundled. */
    static void assumePresent(String name) {
        Assumptions.assumeTrue(Files.isRegularFile(FOLDER.resolve(name).resolve("model.json")),
                "model " + name + " is not in " + FOLDER.toAbsolutePath().normalize() + "; skipping");
    }
}
