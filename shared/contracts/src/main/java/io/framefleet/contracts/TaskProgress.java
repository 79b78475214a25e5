package io.framefleet.contracts;

import java.util.List;

/**
 * Something a stage task has made before it completes, already in storage: the keyframe stage's
 * preview of its first candidate, published while the other candidates are still being sampled.
 * Advisory: a consumer may show {@code outputs} at once, but only {@link TaskCompleted} finishes
 * the task, and progress of an attempt that is no longer current (or already completed) is ignored.
 *
 * @param outputs objects stored so far that are worth showing
 * @param note    what the outputs are, in words (e.g. "candidate 1 of 4")
 */
public record TaskProgress(String taskId, String jobId, Stage stage, int segment, int attempt,
                           List<ObjectRef> outputs, String note, String worker) implements FleetEvent {
    public static final String TYPE = "io.framefleet.task.progress.v1";
}
