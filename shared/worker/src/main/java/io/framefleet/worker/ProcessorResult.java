package io.framefleet.worker;

import io.framefleet.contracts.ObjectRef;

import java.nio.file.Path;
import java.util.List;

/**
 * Files a processor made and where they go. The first output is the task's main output.
 *
 * @param frames frames produced, for throughput metrics
 */
public record ProcessorResult(List<Output> outputs, long frames) {

    public record Output(Path file, ObjectRef target) {
    }

    public static ProcessorResult single(Path file, ObjectRef target, long frames) {
        return new ProcessorResult(List.of(new Output(file, target)), frames);
    }
}
