package io.framefleet.planner;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.JobCancelRequested;
import io.framefleet.contracts.JobRejected;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.JobStatus.State;
import io.framefleet.contracts.MediaInfo;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Segment;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.TaskMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Planner planner = new Planner(new PlannerSettings(3, Duration.ofSeconds(2), Duration.ofMinutes(10), "work"));

    static JobRequested request(EnhanceOptions options) {
        MediaInfo media = new MediaInfo(720, 404, 25, 1, 75, 3.0, 0, "mpeg", "mpeg1video", null, null, null);
        List<Segment> segments = List.of(
                new Segment(0, 0, 40, true, ObjectRef.of("work", "jobs/j1/ingest/0.mkv")),
                new Segment(1, 40, 20, false, ObjectRef.of("work", "jobs/j1/ingest/1.mkv")),
                new Segment(2, 60, 15, true, ObjectRef.of("work", "jobs/j1/ingest/2.mkv")));
        return new JobRequested("j1", T0, "rest", ObjectRef.of("inbox", "a.mp4"), "outputs", options, media, segments);
    }

    static TaskCompleted completed(StageTask t) {
        return new TaskCompleted(t.taskId(), t.jobId(), t.stage(), t.segment(), t.attempt(), List.of(t.output()),
                "p", "1", "w", new TaskMetrics(1, 2, 30, 4, 25, 0, 10), null);
    }

    static TaskFailed failed(StageTask t, TaskFailed.Kind kind) {
        return new TaskFailed(t.taskId(), t.jobId(), t.stage(), t.segment(), t.attempt(), kind, "boom", "w");
    }

    @Test
    void shouldRunCascadeInterpolateThenUpscaleThenEvaluate() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(2, null, 2.0, null, null, null, null, null)), T0);
        assertThat(d.tasks()).extracting(StageTask::stage).containsOnly(Stage.INTERPOLATE).hasSize(3);
        StageTask i0 = d.tasks().get(0);
        assertThat(i0.inputs()).hasSize(2);                     // segment 1 continues the scene
        assertThat(d.tasks().get(1).inputs()).hasSize(1);       // segment 2 starts a new scene
        assertThat(i0.params()).containsEntry("expectedFrames", "80").containsEntry("fps", "50/1");
        assertThat(d.tasks().stream().mapToInt(t -> Integer.parseInt(t.params().get("expectedFrames"))).sum()).isEqualTo(150);

        JobState job = d.state();
        Planner.Decision up0 = planner.onCompleted(job, completed(i0), T0.plusSeconds(1));
        assertThat(up0.tasks()).singleElement().satisfies(t -> {
            assertThat(t.stage()).isEqualTo(Stage.UPSCALE);
            assertThat(t.inputs()).containsExactly(i0.output());
            assertThat(t.params()).containsEntry("width", "1440").containsEntry("height", "808");
        });
        job = up0.state();
        job = planner.onCompleted(job, completed(d.tasks().get(1)), T0).state();
        Planner.Decision last = planner.onCompleted(job, completed(d.tasks().get(2)), T0);
        job = last.state();
        List<StageTask> ups = new java.util.ArrayList<>(up0.tasks());
        ups.addAll(planner.onCompleted(up0.state(), completed(d.tasks().get(1)), T0).tasks());
        ups.addAll(last.tasks());
        assertThat(ups).hasSize(3);
        Planner.Decision ev = null;
        for (StageTask u : ups) {
            ev = planner.onCompleted(job, completed(u), T0);
            job = ev.state();
        }
        assertThat(ev.tasks()).singleElement().satisfies(t -> {
            assertThat(t.stage()).isEqualTo(Stage.EVALUATE);
            assertThat(t.inputs()).hasSize(4).first().isEqualTo(ObjectRef.of("inbox", "a.mp4"));
            assertThat(t.output().key()).isEqualTo("j1/video.mp4");
        });
        Planner.Decision done = planner.onCompleted(job, completed(ev.tasks().get(0)), T0);
        assertThat(done.state().state()).isEqualTo(State.SUCCEEDED);
        assertThat(done.state().status().progress()).isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreDuplicateRequestAndDuplicateResult() {
        JobRequested r = request(new EnhanceOptions(2, null, null, null, null, null, null, null));
        Planner.Decision d = planner.onRequested(null, r, T0);
        assertThat(planner.onRequested(d.state(), r, T0).changed()).isFalse();
        TaskCompleted c = completed(d.tasks().get(0));
        JobState after = planner.onCompleted(d.state(), c, T0).state();
        Planner.Decision again = planner.onCompleted(after, c, T0);
        assertThat(again.changed()).isFalse();
        assertThat(again.tasks()).isEmpty();
    }

    @Test
    void shouldRetryTransientFailureWithBackoffThenGiveUp() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(null, null, 2.0, null, null, null, null, null)), T0);
        StageTask t = d.tasks().get(0);
        Planner.Decision f1 = planner.onFailed(d.state(), failed(t, TaskFailed.Kind.TRANSIENT), T0);
        assertThat(f1.tasks()).isEmpty();                                   // waits for the backoff
        assertThat(planner.tick(f1.state(), T0.plusMillis(1000)).tasks()).isEmpty();
        Planner.Decision resent = planner.tick(f1.state(), T0.plusMillis(2001));
        assertThat(resent.tasks()).singleElement().satisfies(r -> {
            assertThat(r.attempt()).isEqualTo(2);
            assertThat(r.output().key()).isEqualTo("jobs/j1/upscale/0-a2.mkv");
        });
        // A late failure of attempt 1 changes nothing.
        assertThat(planner.onFailed(resent.state(), failed(t, TaskFailed.Kind.TRANSIENT), T0).changed()).isFalse();
        Planner.Decision f2 = planner.onFailed(resent.state(), failed(resent.tasks().get(0), TaskFailed.Kind.ENGINE), T0);
        StageTask third = planner.tick(f2.state(), T0.plusSeconds(60)).tasks().get(0);
        assertThat(third.attempt()).isEqualTo(3);
        JobState s = planner.tick(f2.state(), T0.plusSeconds(60)).state();
        Planner.Decision gaveUp = planner.onFailed(s, failed(third, TaskFailed.Kind.TRANSIENT), T0);
        assertThat(gaveUp.state().state()).isEqualTo(State.FAILED);
        assertThat(gaveUp.state().error()).contains("upscale of segment 0").contains("gave up after 3 attempts");
    }

    @Test
    void shouldFailJobAtOnceOnBadInput() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(2, null, null, null, null, null, null, null)), T0);
        Planner.Decision f = planner.onFailed(d.state(), failed(d.tasks().get(1), TaskFailed.Kind.BAD_INPUT), T0);
        assertThat(f.state().state()).isEqualTo(State.FAILED);
        assertThat(f.state().error()).contains("interpolate of segment 1 failed: boom");
        assertThat(planner.onCompleted(f.state(), completed(d.tasks().get(0)), T0).changed()).isFalse();
    }

    @Test
    void shouldResendTaskThatGotNoResultWithinTimeout() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(2, null, null, null, null, null, null, null)), T0);
        assertThat(planner.tick(d.state(), T0.plus(Duration.ofMinutes(9))).tasks()).isEmpty();
        Planner.Decision lost = planner.tick(d.state(), T0.plus(Duration.ofMinutes(11)));
        Planner.Decision resent = planner.tick(lost.state(), T0.plus(Duration.ofMinutes(12)));
        assertThat(resent.tasks()).hasSize(3).allSatisfy(t -> assertThat(t.attempt()).isEqualTo(2));
        // The first attempt's result arriving late still completes the task.
        Planner.Decision late = planner.onCompleted(resent.state(), completed(d.tasks().get(0)), T0);
        assertThat(late.state().task(Stage.INTERPOLATE, 0).status()).isEqualTo(TaskState.Status.DONE);
    }

    @Test
    void shouldCancelAndIgnoreLaterResults() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(2, null, null, null, null, null, null, null)), T0);
        Planner.Decision c = planner.onCancel(d.state(), new JobCancelRequested("j1", T0, "user"), T0);
        assertThat(c.state().state()).isEqualTo(State.CANCELLED);
        assertThat(planner.onCompleted(c.state(), completed(d.tasks().get(0)), T0).changed()).isFalse();
    }

    @Test
    void shouldRecordRejectedJobAsFailedWithReason() {
        Planner.Decision d = planner.onRejected(null, new JobRejected("j9", T0, "upload", null, "not a video"), T0);
        assertThat(d.state().state()).isEqualTo(State.FAILED);
        assertThat(d.state().status().error()).isEqualTo("not a video");
    }

    @Test
    void shouldFailPlanForConflictingOptions() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(2, 50.0, null, null, null, null, null, null)), T0);
        assertThat(d.state().state()).isEqualTo(State.FAILED);
        assertThat(d.state().error()).contains("fpsFactor or fps");
    }

    @Test
    void shouldEvaluateDirectlyWhenNothingChanges() {
        Planner.Decision d = planner.onRequested(null, request(new EnhanceOptions(null, null, null, null, null, "ffv1", null, null)), T0);
        assertThat(d.tasks()).singleElement().satisfies(t -> {
            assertThat(t.stage()).isEqualTo(Stage.EVALUATE);
            assertThat(t.output().key()).isEqualTo("j1/video.mkv");
        });
    }
}
