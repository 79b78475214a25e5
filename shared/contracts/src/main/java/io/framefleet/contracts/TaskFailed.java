package io.framefleet.contracts;

/**
 * A stage task could not finish. {@code BAD_INPUT} fails the job at once; {@code TRANSIENT}
 * and {@code ENGINE} failures are retried by the planner with a new attempt while the job's
 * budget allows.
 */
public record TaskFailed(String taskId, String jobId, Stage stage, int segment, int attempt, Kind kind,
                         String reason, String worker) implements FleetEvent {
    public static final String TYPE = "io.framefleet.task.failed.v1";

    public enum Kind { BAD_INPUT, TRANSIENT, ENGINE }
}
