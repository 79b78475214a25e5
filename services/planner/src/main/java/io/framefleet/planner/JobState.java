package io.framefleet.planner;

import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner knows of one job; persisted whole to the compacted state topic
 * after every change, so a restarted planner continues where it stopped.
 *
 * @param request    null for a job rejected at ingest; for a generation job, null until its base clip is
 *                   chosen, then the cascade's request built from it
 * @param tasks      by {@link TaskState#key()}, in cascade order
 * @param generation null for an enhancement job
 * @param trace      the job's trace context ({@code traceparent}) as it came in, so work the planner starts on its own
 *                   (a task sent again after a timeout) stays in the job's trace; null for jobs stored before it
 */
public record JobState(String jobId, JobStatus.State state, String origin, Instant submittedAt, Instant updatedAt,
                       JobRequested request, Map<String, TaskState> tasks, List<ObjectRef> outputs, String error,
                       GenerationState generation, String trace) {

    public boolean terminal() {
        return state.terminal();
    }

    public TaskState task(Stage stage, int segment) {
        return tasks.get(TaskState.key(stage, segment));
    }

    JobState with(JobStatus.State newState, Map<String, TaskState> newTasks, List<ObjectRef> newOutputs,
                  String newError, Instant now) {
        return new JobState(jobId, newState, origin, submittedAt, now, request, newTasks, newOutputs, newError,
                generation, trace);
    }

    JobState withGeneration(GenerationState g, Map<String, TaskState> newTasks, List<ObjectRef> newOutputs,
                            Instant now) {
        return new JobState(jobId, state, origin, submittedAt, now, request, newTasks, newOutputs, error, g, trace);
    }

    JobState withRequest(JobRequested r) {
        return new JobState(jobId, state, origin, submittedAt, updatedAt, r, tasks, outputs, error, generation, trace);
    }

    public JobState withTrace(String traceparent) {
        return new JobState(jobId, state, origin, submittedAt, updatedAt, request, tasks, outputs, error, generation,
                traceparent);
    }

    /** The status event other systems see. */
    public JobStatus status() {
        Map<String, JobStatus.StageProgress> stages = new LinkedHashMap<>();
        Map<Stage, int[]> counts = new EnumMap<>(Stage.class);
        long cpuMillis = 0;
        long gpuMillis = 0;
        int done = 0;
        String current = null;
        for (TaskState t : tasks.values()) {
            int[] c = counts.computeIfAbsent(t.stage(), s -> new int[2]);
            c[1]++;
            if (t.status() == TaskState.Status.DONE) {
                c[0]++;
                done++;
                cpuMillis += t.metrics() == null ? 0 : t.metrics().cpuMillis();
                gpuMillis += t.metrics() == null ? 0 : t.metrics().gpuMillis();
            } else if (current == null && t.status() != TaskState.Status.WAITING) {
                current = t.stage().name();
            }
        }
        counts.forEach((stage, c) -> stages.put(stage.name(), new JobStatus.StageProgress(c[0], c[1])));
        double progress = tasks.isEmpty() ? (terminal() ? 1 : 0) : (double) done / tasks.size();
        if (state == JobStatus.State.SUCCEEDED) {
            progress = 1;
        }
        Double eta = null;
        if (!terminal() && progress > 0 && submittedAt != null) {
            double elapsed = Duration.between(submittedAt, updatedAt).toMillis() / 1000.0;
            eta = Math.max(0, elapsed / progress * (1 - progress));
        }
        return new JobStatus(jobId, state, terminal() ? null : current, stages, progress, eta, outputs, error,
                submittedAt, updatedAt, cpuMillis / 1000.0, gpuMillis / 1000.0);
    }
}
