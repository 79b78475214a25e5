package io.framefleet.worker;

import io.framefleet.contracts.StageTask;

import java.nio.file.Path;
import java.util.List;

/**
 * What a stage service implements: turn local input files into output files. The runtime
 * does everything else (reading inputs, idempotency, storing outputs, results, metrics,
 * error classification). A service may hold several processors; the task's
 * {@code processor} parameter picks one by {@link #name()}.
 */
public interface StageProcessor {

    String name();

    /** Version of the algorithm or model, recorded in results and manifests. */
    String version();

    /** Whether this processor computes on a GPU; its compute time is then counted as GPU-seconds. */
    default boolean usesGpu() {
        return false;
    }

    /**
     * @param inputs the task's inputs, downloaded, in the task's order
     * @param workDir an empty private folder, deleted after the task
     * @throws BadInputException when the inputs or parameters cannot be processed (no retry)
     */
    ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) throws Exception;

    /**
     * What the runtime calls: as {@link #process(StageTask, List, Path)}, with a way to show outputs before returning
     * (a processor that has nothing to show early need not override this).
     */
    default ProcessorResult process(StageTask task, List<Path> inputs, Path workDir, Progress progress)
            throws Exception {
        return process(task, inputs, workDir);
    }
}
