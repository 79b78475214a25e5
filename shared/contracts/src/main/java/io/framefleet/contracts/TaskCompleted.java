package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A stage task finished. {@code outputs} holds the produced objects (one segment for
 * interpolate/upscale; the candidates then the preview for keyframe; video, report and
 * manifest for evaluate).
 *
 * @param results small answers that are not objects, e.g. the gate's {@code scores}, {@code best}
 *                and {@code bestScore}; null (and absent from the JSON) for stages without any
 */
public record TaskCompleted(String taskId, String jobId, Stage stage, int segment, int attempt,
                            List<ObjectRef> outputs, String processor, String processorVersion, String worker,
                            TaskMetrics metrics,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> results)
        implements FleetEvent {
    public static final String TYPE = "io.framefleet.task.completed.v1";

    /**
     * @throws IllegalArgumentException when the worker did not report that result
     */
    public String result(String name) {
        String value = results == null ? null : results.get(name);
        if (value == null) {
            throw new IllegalArgumentException("result of task " + taskId + " lacks '" + name + "'");
        }
        return value;
    }
}
