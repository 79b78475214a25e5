package io.framefleet.planner;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Segment;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enhancement cascade: per segment, interpolate (at the source size, where it is cheap)
 * then upscale; then one evaluation that assembles and scores the whole video. Stages that
 * would change nothing are left out.
 */
public final class CascadePlan {

    private CascadePlan() {
    }

    /** The tasks of a new job: first stage PENDING, later ones WAITING on their inputs. */
    public static Map<String, TaskState> tasks(JobRequested request, Targets targets, Instant now) {
        boolean interpolate = targets.changesFps();
        boolean upscale = targets.changesSize(request.media());
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        for (Segment s : request.segments()) {
            if (interpolate) {
                put(tasks, new TaskState(Stage.INTERPOLATE, s.index(), 1, TaskState.Status.PENDING, now,
                        null, null, null, null, null));
            }
            if (upscale) {
                put(tasks, new TaskState(Stage.UPSCALE, s.index(), 1,
                        interpolate ? TaskState.Status.WAITING : TaskState.Status.PENDING, now,
                        null, null, null, null, null));
            }
        }
        put(tasks, new TaskState(Stage.EVALUATE, 0, 1,
                interpolate || upscale ? TaskState.Status.WAITING : TaskState.Status.PENDING, now,
                null, null, null, null, null));
        return tasks;
    }

    /** True when everything the task reads is done (a generation job's keyframe and gate tasks included). */
    public static boolean ready(JobState job, TaskState t) {
        return switch (t.stage()) {
            case INTERPOLATE -> true;
            case UPSCALE -> done(job.task(Stage.INTERPOLATE, t.segment()), true);
            case EVALUATE -> job.tasks().values().stream()
                    .filter(o -> o.stage() != Stage.EVALUATE)
                    .allMatch(o -> o.status() == TaskState.Status.DONE);
            case KEYFRAME, GATE -> GenerationPlan.ready(job, t);
        };
    }

    /** The message for one attempt of a task. */
    public static StageTask task(JobState job, TaskState t, PlannerSettings settings) {
        if (GenerationPlan.handles(t.stage())) {
            return GenerationPlan.task(job, t, settings);
        }
        JobRequested r = job.request();
        Targets targets = Targets.of(r.options(), r.media());
        EnhanceOptions o = r.options().withDefaults();
        Map<String, String> params = new LinkedHashMap<>();
        List<ObjectRef> inputs = new ArrayList<>();
        ObjectRef output;
        switch (t.stage()) {
            case INTERPOLATE -> {
                Segment s = r.segments().get(t.segment());
                inputs.add(s.object());
                if (t.segment() + 1 < r.segments().size() && !r.segments().get(t.segment() + 1).sceneCut()) {
                    inputs.add(r.segments().get(t.segment() + 1).object());
                }
                params.put("processor", o.interpolator());
                params.put("srcFps", targets.srcFpsNum() + "/" + targets.srcFpsDen());
                params.put("fps", targets.fpsNum() + "/" + targets.fpsDen());
                params.put("frames", Integer.toString(s.frames()));
                params.put("expectedFrames", Integer.toString(targets.outputFrames(s.firstFrame(), s.frames())));
                output = intermediate(settings, job, t);
            }
            case UPSCALE -> {
                TaskState before = job.task(Stage.INTERPOLATE, t.segment());
                inputs.add(before != null ? before.output() : r.segments().get(t.segment()).object());
                params.put("processor", o.upscaler());
                params.put("width", Integer.toString(targets.width()));
                params.put("height", Integer.toString(targets.height()));
                Segment s = r.segments().get(t.segment());
                params.put("fps", (before != null ? targets.fpsNum() + "/" + targets.fpsDen()
                        : targets.srcFpsNum() + "/" + targets.srcFpsDen()));
                params.put("frames", Integer.toString(before != null
                        ? targets.outputFrames(s.firstFrame(), s.frames()) : s.frames()));
                output = intermediate(settings, job, t);
            }
            case EVALUATE -> {
                inputs.add(r.source());
                for (Segment s : r.segments()) {
                    inputs.add(finalOutput(job, s));
                }
                GenerationState g = job.generation();
                boolean image = g != null && g.request().options().image();
                boolean still = r.media().frames() == 1 || image;
                String codec = still ? "png" : o.codec();
                String name = still ? "image.png" : "ffv1".equals(codec) ? "video.mkv" : "video.mp4";
                params.put("processor", "assemble");
                params.put("codec", codec);
                params.put("fps", targets.fpsNum() + "/" + targets.fpsDen());
                params.put("width", Integer.toString(targets.width()));
                params.put("height", Integer.toString(targets.height()));
                params.put("request", CloudEvents.toJson(r));
                params.put("stages", CloudEvents.toJson(stageSummary(job)));
                if (g != null) {
                    params.put("prompt", g.request().prompt());
                    params.put("generation", CloudEvents.toJson(GenerationPlan.summary(g)));
                }
                if (image) {
                    // The middle frame: the clip's motion is half done, the object well inside the frame.
                    params.put("frame", Long.toString(r.media().frames() / 2));
                }
                output = ObjectRef.of(r.outputBucket(), job.jobId() + "/" + name);
            }
            default -> throw new IllegalStateException("unknown stage " + t.stage());
        }
        return new StageTask(StageTask.taskId(job.jobId(), t.stage(), t.segment(), t.attempt()), job.jobId(),
                t.stage(), t.segment(), t.attempt(), inputs, output, params);
    }

    /** Per stage: tasks, summed metrics and the processor, for the evaluator's report. */
    static Map<String, Map<String, Object>> stageSummary(JobState job) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (TaskState t : job.tasks().values()) {
            if (t.status() != TaskState.Status.DONE || t.metrics() == null) {
                continue;
            }
            Map<String, Object> s = out.computeIfAbsent(t.stage().name(), k -> new LinkedHashMap<>());
            TaskMetrics m = t.metrics();
            add(s, "tasks", 1);
            add(s, "attempts", t.attempt());
            add(s, "queueMillis", m.queueMillis());
            add(s, "readMillis", m.readMillis());
            add(s, "computeMillis", m.computeMillis());
            add(s, "writeMillis", m.writeMillis());
            add(s, "cpuMillis", m.cpuMillis());
            add(s, "gpuMillis", m.gpuMillis());
            add(s, "frames", m.frames());
            s.put("processor", t.processor());
            s.put("processorVersion", t.processorVersion());
        }
        return out;
    }

    private static void add(Map<String, Object> sums, String name, long value) {
        sums.merge(name, value, (a, b) -> (Long) a + (Long) b);
    }

    private static ObjectRef finalOutput(JobState job, Segment s) {
        TaskState up = job.task(Stage.UPSCALE, s.index());
        if (up != null) {
            return up.output();
        }
        TaskState in = job.task(Stage.INTERPOLATE, s.index());
        return in != null ? in.output() : s.object();
    }

    private static ObjectRef intermediate(PlannerSettings settings, JobState job, TaskState t) {
        return ObjectRef.of(settings.workBucket(),
                StageTask.outputKey(job.jobId(), t.stage(), t.segment(), t.attempt(), "mkv"));
    }

    private static boolean done(TaskState t, boolean absentMeansDone) {
        return t == null ? absentMeansDone : t.status() == TaskState.Status.DONE;
    }

    private static void put(Map<String, TaskState> tasks, TaskState t) {
        tasks.put(t.key(), t);
    }
}
