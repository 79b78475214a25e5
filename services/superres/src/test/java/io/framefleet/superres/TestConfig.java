package io.framefleet.superres;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The documented defaults, with the device and batch size open to change, for tests that run without Quarkus. */
record TestConfig(String device, int batchSize) implements SuperResConfig {

    TestConfig() {
        this("cpu", 1);
    }

    @Override
    public List<String> fastModels() {
        return List.of("sr-fast-x2", "sr-fast-x4");
    }

    @Override
    public List<String> qualityModels() {
        return List.of("sr-quality-x2", "sr-quality-x4");
    }

    @Override
    public Optional<Path> modelFolder() {
        return Optional.empty();
    }

    @Override
    public Optional<String> modelBucket() {
        return Optional.empty();
    }

    @Override
    public String modelPrefix() {
        return "models";
    }

    @Override
    public Path modelCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "framefleet-models");
    }

    @Override
    public int tileSize() {
        return 512;
    }

    @Override
    public int minTileSize() {
        return 32;
    }

    @Override
    public OptionalLong maxBatchBytes() {
        return OptionalLong.empty();
    }
}
