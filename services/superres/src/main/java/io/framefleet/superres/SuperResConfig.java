package io.framefleet.superres;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Settings of the learned upscalers ({@code sr-fast}, {@code sr-quality}). */
@ConfigMapping(prefix = "framefleet.superres")
public interface SuperResConfig {

    /**
     * Where the models run: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. A worker configured for a GPU
     * refuses to start when that GPU is not usable. Defaults to cpu.
     */
    @WithDefault("cpu")
    String device();

    /** Models of {@code sr-fast}, one per scale, chained for larger factors. Defaults to sr-fast-x2,sr-fast-x4. */
    @WithDefault("sr-fast-x2,sr-fast-x4")
    List<String> fastModels();

    /** Models of {@code sr-quality}. Defaults to sr-quality-x2,sr-quality-x4. */
    @WithDefault("sr-quality-x2,sr-quality-x4")
    List<String> qualityModels();

    /**
     * A folder of models ({@code <folder>/<name>/model.json}) used instead of the bundled ones. Defaults to none
     * (the bundled models).
     */
    Optional<Path> modelFolder();

    /**
     * A bucket of models ({@code <bucket>/<prefix>/<name>/model.json}) in the fleet's object store, used instead of
     * the bundled ones; takes precedence over {@code model-folder}. Defaults to none.
     */
    Optional<String> modelBucket();

    /** Key prefix of the models in {@code model-bucket}. Defaults to models. */
    @WithDefault("models")
    String modelPrefix();

    /** Local folder that bucket and bundled models are copied to once per digest. Defaults to ${java.io.tmpdir}/framefleet-models. */
    @WithDefault("${java.io.tmpdir}/framefleet-models")
    Path modelCache();

    /** Core size of a tile in input pixels; frames that fit are not tiled. Defaults to 512. */
    @WithDefault("512")
    int tileSize();

    /** Smallest tile an out-of-memory retry goes down to. Defaults to 32. */
    @WithDefault("32")
    int minTileSize();

    /** Frames (or tiles) per forward pass. Defaults to 1: on a CPU larger batches are no faster. */
    @WithDefault("1")
    int batchSize();

    /**
     * Most bytes of input plus output tensors per forward pass; above it a batch is retried with smaller tiles, as
     * on an engine out-of-memory error. Defaults to no limit.
     */
    OptionalLong maxBatchBytes();
}
