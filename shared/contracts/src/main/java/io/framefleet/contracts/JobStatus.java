package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state of one job as the planner sees it, published on every change.
 *
 * @param stages     per stage: tasks done and total
 * @param progress   0..1 over all tasks
 * @param etaSeconds estimated seconds left, null until a stage has a measured rate
 * @param outputs    final objects (video, report, manifest) once succeeded
 * @param cpuSeconds CPU seconds spent by workers so far (cost)
 * @param gpuSeconds GPU seconds spent by workers so far (cost): compute time of tasks that ran on a GPU
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(String jobId, State state, String stage, Map<String, StageProgress> stages, double progress,
                        Double etaSeconds, List<ObjectRef> outputs, String error, Instant submittedAt,
                        Instant updatedAt, double cpuSeconds, double gpuSeconds) implements FleetEvent {
    public static final String TYPE = "io.framefleet.job.status.v1";

    public enum State {
        ACCEPTED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    public record StageProgress(int done, int total) {
    }
}
