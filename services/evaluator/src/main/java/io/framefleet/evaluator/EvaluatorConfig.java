package io.framefleet.evaluator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Settings of the video-text scorer the gate and the report of a generation job use. */
@ConfigMapping(prefix = "framefleet.evaluator")
public interface EvaluatorConfig {

    /**
     * Where the scorer runs: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. It scores a handful of
     * 8x32x32 clips per task, so the CPU is the right place unless a GPU is idle anyway. Defaults to cpu.
     */
    @WithDefault("cpu")
    String device();

    /** Name of the video-text alignment bundle. Defaults to t2v-scorer. */
    @WithDefault("t2v-scorer")
    String scorer();

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

    /** Clips per scorer pass. Defaults to 16 (the most candidates a round may have). */
    @WithDefault("16")
    int maxBatch();
}
