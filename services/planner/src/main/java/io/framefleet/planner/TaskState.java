package io.framefleet.planner;

import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.TaskMetrics;

import java.time.Instant;

/**
 * The planner's record of one (stage, segment) task across its attempts.
 *
 * @param dueAt when a PENDING task may be (re)sent; when a DISPATCHED one counts as lost
 */
public record TaskState(Stage stage, int segment, int attempt, Status status, Instant dueAt, ObjectRef output,
                        TaskMetrics metrics, String processor, String processorVersion, String lastError) {

    public enum Status { WAITING, PENDING, DISPATCHED, DONE }

    public static String key(Stage stage, int segment) {
        return stage.path() + "/" + segment;
    }

    public String key() {
        return key(stage, segment);
    }

    TaskState dispatched(Instant lostAfter) {
        return new TaskState(stage, segment, attempt, Status.DISPATCHED, lostAfter, output, metrics, processor,
                processorVersion, lastError);
    }

    TaskState pending(Instant at) {
        return new TaskState(stage, segment, attempt, Status.PENDING, at, output, metrics, processor,
                processorVersion, lastError);
    }

    TaskState retried(Instant at, String error) {
        return new TaskState(stage, segment, attempt + 1, Status.PENDING, at, null, null, null, null, error);
    }

    TaskState done(ObjectRef out, TaskMetrics m, String proc, String version) {
        return new TaskState(stage, segment, attempt, Status.DONE, null, out, m, proc, version, lastError);
    }
}
