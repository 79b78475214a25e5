package io.framefleet.keyframe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Settings of the text-to-video base model this service runs. */
@ConfigMapping(prefix = "framefleet.keyframe")
public interface KeyframeConfig {

    /**
     * Where the model runs: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. A worker configured for a GPU
     * refuses to start when that GPU is not usable. Defaults to cpu.
     */
    @WithDefault("cpu")
    String device();

    /**
     * The model loaded (and warmed up) at start-up, and the one a task without a {@code model} parameter gets.
     * Defaults to t2v-shapes.
     */
    @WithDefault("t2v-shapes")
    String model();

    /**
     * A folder of model bundles ({@code <folder>/<name>/model.json}) used instead of the bundled ones. Defaults to
     * none (the bundled models).
     */
    Optional<Path> modelFolder();

    /**
     * A bucket of model bundles ({@code <bucket>/<prefix>/<name>/model.json}) in the fleet's object store, used
     * instead of the bundled ones; takes precedence over {@code model-folder}. Defaults to none.
     */
    Optional<String> modelBucket();

    /** Key prefix of the models in {@code model-bucket}. Defaults to models. */
    @WithDefault("models")
    String modelPrefix();

    /** Local folder that bucket and bundled models are copied to once per digest. Defaults to ${java.io.tmpdir}/framefleet-models. */
    @WithDefault("${java.io.tmpdir}/framefleet-models")
    Path modelCache();

    /**
     * Denoiser rows per forward pass; each candidate takes two (with and without the prompt), so a task of more
     * candidates than half of it runs in several passes per step. Defaults to 32 (16 candidates at once).
     */
    @WithDefault("32")
    int maxBatch();

    /** Runs one tiny generation at start-up so the first task does not pay for the engine's first calls. Defaults to true. */
    @WithDefault("true")
    boolean warmUp();
}
