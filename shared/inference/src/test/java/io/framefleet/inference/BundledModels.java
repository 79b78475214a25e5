package io.framefleet.inference;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The models the superres service ships, read from its source tree so these tests run the real weights. */
final class BundledModels {

    static final Path FOLDER = Path.of(System.getProperty("framefleet.models",
            "../../services/superres/src/main/resources/framefleet/models"));

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
