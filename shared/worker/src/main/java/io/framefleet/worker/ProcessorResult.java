package io.framefleet.worker;

import io.framefleet.contracts.ObjectRef;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Files a processor made and where they go. The first output is the task's main output.
 *
 * @param frames  frames produced, for throughput metrics
 * @param results small answers for the planner that are not objects (see {@code TaskCompleted.results});
 *                null when the stage has none
 */
public record ProcessorResult(List<Output> outputs, long frames, Map<String, String> results) {

    public ProcessorResult(List<Output> outputs, long frames) {
        this(outputs, frames, null);
    }

    public record Output(Path file, ObjectRef target) {
    }

    public static ProcessorResult single(Path file, ObjectRef target, long frames) {
        return new ProcessorResult(List.of(new Output(file, target)), frames);
    }
}
