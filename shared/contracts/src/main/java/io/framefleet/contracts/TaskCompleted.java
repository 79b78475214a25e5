package io.framefleet.contracts;

import java.util.List;

/**
 * A stage task finished. {@code outputs} holds the produced objects (one segment for
 * interpolate/upscale; video, report and manifest for evaluate).
 */
public record TaskCompleted(String taskId, String jobId, Stage stage, int segment, int attempt,
                            List<ObjectRef> outputs, String processor, String processorVersion, String worker,
                            TaskMetrics metrics) implements FleetEvent {
    public static final String TYPE = "io.framefleet.task.completed.v1";
}
