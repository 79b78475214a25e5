package io.framefleet.contracts;

import java.util.List;
import java.util.Map;

/**
 * One unit of work for a stage worker. {@code taskId} is the idempotency key
 * {@code <job>/<stage>/<segment>/<attempt>}; the output is written under a key derived from it,
 * so a re-delivered task rewrites (or finds) the same object.
 *
 * @param inputs what to read: keyframe = [] (it samples from the prompt); gate = [the round's candidates];
 *               interpolate = [segment, next segment of the same scene if any];
 *               upscale = [segment]; evaluate = [source, segment 0..n-1] (a generation job's source is the
 *               chosen base clip)
 * @param output where to write (the evaluator writes its outputs beside it under the job's prefix; keyframe
 *               gets a prefix ending in {@code /} and writes its candidates and preview under it)
 * @param params stage parameters: processor name, factors, target size and fps, codec
 */
public record StageTask(String taskId, String jobId, Stage stage, int segment, int attempt,
                        List<ObjectRef> inputs, ObjectRef output, Map<String, String> params) implements FleetEvent {
    public static final String TYPE_PREFIX = "io.framefleet.task.";

    public static String taskId(String jobId, Stage stage, int segment, int attempt) {
        return jobId + "/" + stage.path() + "/" + segment + "/" + attempt;
    }

    /** Key of an intermediate output: {@code jobs/<job>/<stage>/<segment>-a<attempt>.<ext>}. */
    public static String outputKey(String jobId, Stage stage, int segment, int attempt, String extension) {
        return "jobs/" + jobId + "/" + stage.path() + "/" + segment + "-a" + attempt + "." + extension;
    }

    /** Prefix under which a task with several outputs writes: {@code jobs/<job>/<stage>/<segment>-a<attempt>/}. */
    public static String outputPrefix(String jobId, Stage stage, int segment, int attempt) {
        return "jobs/" + jobId + "/" + stage.path() + "/" + segment + "-a" + attempt + "/";
    }

    /** Key of the record that says this task already finished (same bucket as intermediates). */
    public String doneMarkerKey() {
        return outputKey(jobId, stage, segment, attempt, "done.json");
    }

    public String type() {
        return TYPE_PREFIX + stage.path() + ".v1";
    }

    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("task " + taskId + " lacks parameter '" + name + "'");
        }
        return value;
    }
}
