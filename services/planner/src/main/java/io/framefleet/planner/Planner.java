package io.framefleet.planner;

import io.framefleet.contracts.GenerationRequested;
import io.framefleet.contracts.JobCancelRequested;
import io.framefleet.contracts.JobRejected;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.JobStatus.State;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.TaskProgress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job state machine, as pure functions: (state, event, now) → new state plus the tasks to
 * send. Every transition is idempotent, because Kafka delivers at least once: a repeated
 * request, a late result of an older attempt or a duplicate result changes nothing twice.
 */
public final class Planner {

    private final PlannerSettings settings;

    public Planner(PlannerSettings settings) {
        this.settings = settings;
    }

    /** The outcome of one event: {@code state} is null when the event concerned no known job. */
    public record Decision(JobState state, List<StageTask> tasks, boolean changed) {
        static Decision none(JobState state) {
            return new Decision(state, List.of(), false);
        }
    }

    public Decision onRequested(JobState existing, JobRequested r, Instant now) {
        if (existing != null) {
            return Decision.none(existing);
        }
        JobState job = new JobState(r.jobId(), State.RUNNING, r.origin(), r.submittedAt(), now, r, Map.of(),
                List.of(), null, null, null);
        try {
            Targets targets = Targets.of(r.options(), r.media());
            if (r.segments() == null || r.segments().isEmpty()) {
                throw new IllegalArgumentException("the request has no segments");
            }
            job = job.with(State.RUNNING, CascadePlan.tasks(r, targets, now), List.of(), null, now);
        } catch (IllegalArgumentException e) {
            return new Decision(job.with(State.FAILED, Map.of(), List.of(), "cannot plan: " + e.getMessage(), now),
                    List.of(), true);
        }
        return advance(job, now, true);
    }

    public Decision onRejected(JobState existing, JobRejected r, Instant now) {
        if (existing != null) {
            return Decision.none(existing);
        }
        return new Decision(new JobState(r.jobId(), State.FAILED, r.origin(), r.submittedAt(), now, null, Map.of(),
                List.of(), r.reason(), null, null), List.of(), true);
    }

    public Decision onGenerationRequested(JobState existing, GenerationRequested g, Instant now) {
        if (existing != null) {
            return Decision.none(existing);
        }
        JobState job = new JobState(g.jobId(), State.RUNNING, g.origin(), g.submittedAt(), now, null, Map.of(),
                List.of(), null, new GenerationState(g, List.of(), null), null);
        try {
            job = job.with(State.RUNNING, GenerationPlan.start(g, now), List.of(), null, now);
        } catch (IllegalArgumentException e) {
            return new Decision(job.with(State.FAILED, Map.of(), List.of(), "cannot plan: " + e.getMessage(), now),
                    List.of(), true);
        }
        return advance(job, now, true);
    }

    public Decision onCancel(JobState job, JobCancelRequested c, Instant now) {
        if (job == null || job.terminal()) {
            return Decision.none(job);
        }
        String why = c.reason() == null ? "cancelled" : "cancelled: " + c.reason();
        return new Decision(job.with(State.CANCELLED, job.tasks(), List.of(), why, now), List.of(), true);
    }

    public Decision onCompleted(JobState job, TaskCompleted c, Instant now) {
        if (job == null || job.terminal()) {
            return Decision.none(job);
        }
        TaskState t = job.task(c.stage(), c.segment());
        if (t == null || t.status() == TaskState.Status.DONE || c.attempt() > t.attempt()) {
            return Decision.none(job);
        }
        // Any attempt's output is a valid result; a late one saves the retry in flight.
        ObjectRef out = c.outputs().isEmpty() ? null : c.outputs().get(0);
        Map<String, TaskState> tasks = new LinkedHashMap<>(job.tasks());
        tasks.put(t.key(), t.done(out, c.metrics(), c.processor(), c.processorVersion()));
        JobState next = job.with(State.RUNNING, tasks, job.outputs(), null, now);
        if (c.stage() == Stage.EVALUATE) {
            next = next.with(State.SUCCEEDED, tasks, finalOutputs(job, c), null, now);
            return new Decision(next, List.of(), true);
        }
        try {
            if (c.stage() == Stage.KEYFRAME) {
                next = GenerationPlan.afterKeyframe(next, c, now);
            } else if (c.stage() == Stage.GATE) {
                next = GenerationPlan.afterGate(next, c, now);
            }
        } catch (IllegalArgumentException e) {
            // The worker answered something the plan cannot use; another attempt would answer the same.
            return failed(next, c.stage().path() + " of round " + c.segment() + " gave an unusable result: "
                    + e.getMessage(), now);
        }
        return advance(next, now, true);
    }

    /** The evaluator's outputs; a generation job keeps its chosen round's preview after them. */
    private static List<ObjectRef> finalOutputs(JobState job, TaskCompleted c) {
        List<ObjectRef> outputs = new ArrayList<>(c.outputs());
        GenerationState g = job.generation();
        if (g != null && g.chosen() != null) {
            outputs.add(g.round(g.chosen().round()).preview());
        }
        return List.copyOf(outputs);
    }

    /**
     * Shows what a running task has already stored: a keyframe round's first-candidate preview becomes the status's
     * output until the round completes. Progress of another attempt, or of a task already done, changes nothing.
     */
    public Decision onProgress(JobState job, TaskProgress p, Instant now) {
        if (job == null || job.terminal() || p.stage() != Stage.KEYFRAME || p.outputs() == null) {
            return Decision.none(job);
        }
        TaskState t = job.task(p.stage(), p.segment());
        List<ObjectRef> previews = p.outputs().stream().filter(o -> o.key().endsWith(".png")).toList();
        if (t == null || t.status() == TaskState.Status.DONE || p.attempt() != t.attempt() || previews.isEmpty()
                || job.outputs().equals(previews)) {
            return Decision.none(job);
        }
        return new Decision(job.with(job.state(), job.tasks(), previews, job.error(), now), List.of(), true);
    }

    public Decision onFailed(JobState job, TaskFailed f, Instant now) {
        if (job == null || job.terminal()) {
            return Decision.none(job);
        }
        TaskState t = job.task(f.stage(), f.segment());
        if (t == null || t.status() == TaskState.Status.DONE || f.attempt() != t.attempt()) {
            return Decision.none(job);
        }
        String where = f.stage().path() + (GenerationPlan.handles(f.stage()) ? " of round " : " of segment ")
                + f.segment();
        if (f.kind() == TaskFailed.Kind.BAD_INPUT) {
            return failed(job, where + " failed: " + f.reason(), now);
        }
        return retry(job, t, where + " attempt " + t.attempt() + " failed: " + f.reason(), now);
    }

    /** Sends tasks whose backoff ended and retries tasks that have been out too long. */
    public Decision tick(JobState job, Instant now) {
        if (job == null || job.terminal()) {
            return Decision.none(job);
        }
        for (TaskState t : job.tasks().values()) {
            if (t.status() == TaskState.Status.DISPATCHED && t.dueAt() != null && now.isAfter(t.dueAt())) {
                Decision d = retry(job, t, t.stage().path() + " of segment " + t.segment() + " attempt "
                        + t.attempt() + " got no result within " + settings.taskTimeout(), now);
                if (d.state().terminal()) {
                    return d;
                }
                job = d.state();
            }
        }
        return advance(job, now, false);
    }

    private Decision retry(JobState job, TaskState t, String error, Instant now) {
        if (t.attempt() >= settings.maxAttempts()) {
            return failed(job, error + " (gave up after " + t.attempt() + " attempts)", now);
        }
        long backoff = settings.retryBackoff().toMillis() << Math.min(10, t.attempt() - 1);
        Map<String, TaskState> tasks = new LinkedHashMap<>(job.tasks());
        tasks.put(t.key(), t.retried(now.plusMillis(backoff), error));
        return advance(job.with(State.RUNNING, tasks, job.outputs(), null, now), now, true);
    }

    private Decision failed(JobState job, String error, Instant now) {
        return new Decision(job.with(State.FAILED, job.tasks(), List.of(), error, now), List.of(), true);
    }

    /** Promotes tasks whose inputs are ready and dispatches the due ones. */
    private Decision advance(JobState job, Instant now, boolean changed) {
        Map<String, TaskState> tasks = new LinkedHashMap<>(job.tasks());
        List<StageTask> send = new ArrayList<>();
        for (TaskState t : job.tasks().values()) {
            TaskState current = t;
            if (current.status() == TaskState.Status.WAITING && CascadePlan.ready(job, current)) {
                current = current.pending(now);
                changed = true;
            }
            if (current.status() == TaskState.Status.PENDING && !now.isBefore(current.dueAt())) {
                JobState view = job.with(job.state(), tasks, job.outputs(), job.error(), now);
                send.add(CascadePlan.task(view, current, settings));
                current = current.dispatched(now.plus(settings.taskTimeout()));
                changed = true;
            }
            tasks.put(current.key(), current);
        }
        return new Decision(job.with(job.state(), tasks, job.outputs(), job.error(), changed ? now : job.updatedAt()),
                send, changed);
    }
}
