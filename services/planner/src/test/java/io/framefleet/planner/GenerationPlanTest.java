package io.framefleet.planner;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.GenerationRequested;
import io.framefleet.contracts.JobStatus.State;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.TaskMetrics;
import io.framefleet.contracts.TaskProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    private static final String PROMPT = "a red circle moving right";
    private final Planner planner = new Planner(new PlannerSettings(3, Duration.ofSeconds(2), Duration.ofMinutes(10),
            "work"));

    static GenerateOptions options(double threshold, int maxRounds, boolean image) {
        return new GenerateOptions(null, 2.0, 16.0, 128, 128, 42L, 16, 3.0, 4, threshold, maxRounds, "h264", "flow",
                "sr-fast", image, "t2v-shapes").withDefaults();
    }

    static GenerationRequested request(GenerateOptions options) {
        return new GenerationRequested("g1", T0, "event", PROMPT, options, "outputs");
    }

    /** What the keyframe service answers: the candidates under the task's prefix, then the preview. */
    static TaskCompleted keyframeDone(StageTask t) {
        List<ObjectRef> outputs = new ArrayList<>();
        int n = t.params().get("seeds").split(",").length;
        for (int i = 0; i < n; i++) {
            outputs.add(new ObjectRef("work", t.output().key() + "c" + i + ".mkv", 900, "a".repeat(64)));
        }
        outputs.add(new ObjectRef("work", t.output().key() + "preview.png", 3000, "b".repeat(64)));
        return new TaskCompleted(t.taskId(), t.jobId(), t.stage(), t.segment(), t.attempt(), outputs, "t2v-shapes",
                "1.0.0", "keyframe-1", new TaskMetrics(1, 0, 300, 5, 290, 0, 32), Map.of("ignoredWords", "a"));
    }

    static TaskCompleted gateDone(StageTask t, String scores) {
        return new TaskCompleted(t.taskId(), t.jobId(), t.stage(), t.segment(), t.attempt(), List.of(t.output()),
                "gate", "t2v-scorer-1.0.0", "evaluator-1", new TaskMetrics(1, 3, 20, 1, 18, 0, 32),
                Map.of("scores", scores, "best", "0", "bestScore", scores.split(",")[0]));
    }

    static TaskCompleted done(StageTask t) {
        return new TaskCompleted(t.taskId(), t.jobId(), t.stage(), t.segment(), t.attempt(), List.of(t.output()),
                "p", "1", "w", new TaskMetrics(1, 2, 30, 4, 25, 0, 10), null);
    }

    /** Runs keyframe then gate of the round the decision dispatched. */
    private Planner.Decision round(Planner.Decision d, String scores, Instant at) {
        StageTask keyframe = d.tasks().get(0);
        assertThat(keyframe.stage()).isEqualTo(Stage.KEYFRAME);
        Planner.Decision gate = planner.onCompleted(d.state(), keyframeDone(keyframe), at);
        return planner.onCompleted(gate.state(), gateDone(gate.tasks().get(0), scores), at.plusSeconds(1));
    }

    @Test
    void shouldSampleRoundZeroFromConsecutiveSeeds() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        assertThat(d.state().state()).isEqualTo(State.RUNNING);
        StageTask k = d.tasks().get(0);
        assertThat(d.tasks()).hasSize(1);
        assertThat(k.stage()).isEqualTo(Stage.KEYFRAME);
        assertThat(k.segment()).isZero();
        assertThat(k.inputs()).isEmpty();
        assertThat(k.output()).isEqualTo(ObjectRef.of("work", "jobs/g1/keyframe/0-a1/"));
        assertThat(k.params()).containsEntry("seeds", "42,43,44,45").containsEntry("fps", "4/1")
                .containsEntry("steps", "16").containsEntry("guidance", "3.0").containsEntry("model", "t2v-shapes")
                .containsEntry("prompt", PROMPT).doesNotContainKey("negative").doesNotContainKey("processor");
    }

    @Test
    void shouldShowPreviewAtOnceThenScoreTheCandidates() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        TaskCompleted k = keyframeDone(d.tasks().get(0));
        Planner.Decision g = planner.onCompleted(d.state(), k, T0.plusSeconds(1));
        ObjectRef preview = k.outputs().get(4);
        assertThat(g.state().status().outputs()).containsExactly(preview);
        assertThat(g.state().status().state()).isEqualTo(State.RUNNING);
        StageTask gate = g.tasks().get(0);
        assertThat(gate.stage()).isEqualTo(Stage.GATE);
        assertThat(gate.inputs()).isEqualTo(k.outputs().subList(0, 4));
        assertThat(gate.output().key()).isEqualTo("jobs/g1/gate/0-a1.json");
        assertThat(gate.params()).containsEntry("processor", "gate").containsEntry("prompt", PROMPT)
                .containsEntry("threshold", "0.5");
        assertThat(g.state().generation().round(0).ignoredWords()).containsExactly("a");
    }

    @Test
    void shouldSampleAgainWithNextSeedsWhileBestIsBelowThreshold() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        Planner.Decision next = round(d, "0.10,0.42,0.30,0.05", T0.plusSeconds(1));
        assertThat(next.tasks()).singleElement().satisfies(t -> {
            assertThat(t.stage()).isEqualTo(Stage.KEYFRAME);
            assertThat(t.segment()).isEqualTo(1);
            assertThat(t.params()).containsEntry("seeds", "46,47,48,49");
        });
        assertThat(next.state().generation().chosen()).isNull();
        assertThat(next.state().request()).isNull();
    }

    @Test
    void shouldGoOnToCascadeAtOnceWhenThresholdIsReached() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        Planner.Decision next = round(d, "0.10,0.42,0.71,0.55", T0.plusSeconds(1));
        GenerationState.Chosen chosen = next.state().generation().chosen();
        assertThat(chosen.round()).isZero();
        assertThat(chosen.index()).isEqualTo(2);
        assertThat(chosen.seed()).isEqualTo(44);
        assertThat(chosen.reason()).isEqualTo("threshold");
        StageTask interpolate = next.tasks().get(0);
        assertThat(next.tasks()).hasSize(1);
        assertThat(interpolate.stage()).isEqualTo(Stage.INTERPOLATE);
        assertThat(interpolate.inputs()).containsExactly(chosen.clip());
        assertThat(chosen.clip().key()).isEqualTo("jobs/g1/keyframe/0-a1/c2.mkv");
        assertThat(interpolate.params()).containsEntry("srcFps", "4/1").containsEntry("fps", "16/1")
                .containsEntry("frames", "8").containsEntry("expectedFrames", "32")
                .containsEntry("processor", "flow");
    }

    @Test
    void shouldTakeTheBaseClipShapeTheKeyframeServiceReports() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        TaskCompleted k = keyframeDone(d.tasks().get(0));
        TaskCompleted shaped = new TaskCompleted(k.taskId(), k.jobId(), k.stage(), k.segment(), k.attempt(),
                k.outputs(), k.processor(), k.processorVersion(), k.worker(), k.metrics(),
                Map.of("ignoredWords", "", "frames", "16", "width", "48", "height", "40"));
        Planner.Decision g = planner.onCompleted(d.state(), shaped, T0.plusSeconds(1));
        StageTask interpolate = planner.onCompleted(g.state(), gateDone(g.tasks().get(0), "0.9,0.1,0.1,0.1"),
                T0.plusSeconds(2)).tasks().get(0);
        assertThat(interpolate.params()).containsEntry("srcFps", "8/1").containsEntry("frames", "16")
                .containsEntry("expectedFrames", "32");
        assertThat(g.state().generation().round(0).ignoredWords()).isEmpty();
    }

    @Test
    void shouldStopAtMaxRoundsWithTheBestOverAllRoundsThenRunTheCascade() throws Exception {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.9, 3, false)), T0);
        d = round(d, "0.10,0.20,0.61,0.05", T0.plusSeconds(10));
        d = round(d, "0.30,0.60,0.20,0.05", T0.plusSeconds(20));
        d = round(d, "0.61,0.10,0.20,0.05", T0.plusSeconds(30));
        GenerationState g = d.state().generation();
        assertThat(g.rounds()).hasSize(3);
        // A tie with a later round keeps the earlier candidate.
        assertThat(g.chosen().round()).isZero();
        assertThat(g.chosen().index()).isEqualTo(2);
        assertThat(g.chosen().seed()).isEqualTo(44);
        assertThat(g.chosen().score()).isEqualTo(0.61);
        assertThat(g.chosen().reason()).isEqualTo("rounds");
        assertThat(d.state().tasks()).doesNotContainKey(TaskState.key(Stage.KEYFRAME, 3));

        StageTask interpolate = d.tasks().get(0);
        Planner.Decision up = planner.onCompleted(d.state(), done(interpolate), T0.plusSeconds(40));
        StageTask upscale = up.tasks().get(0);
        assertThat(upscale.stage()).isEqualTo(Stage.UPSCALE);
        assertThat(upscale.params()).containsEntry("width", "128").containsEntry("height", "128")
                .containsEntry("processor", "sr-fast").containsEntry("frames", "32");
        Planner.Decision ev = planner.onCompleted(up.state(), done(upscale), T0.plusSeconds(50));
        StageTask evaluate = ev.tasks().get(0);
        assertThat(evaluate.stage()).isEqualTo(Stage.EVALUATE);
        assertThat(evaluate.inputs()).containsExactly(g.chosen().clip(), upscale.output());
        assertThat(evaluate.output()).isEqualTo(ObjectRef.of("outputs", "g1/video.mp4"));
        assertThat(evaluate.params()).containsEntry("prompt", PROMPT).containsEntry("codec", "h264")
                .containsEntry("fps", "16/1").doesNotContainKey("frame");
        JsonNode summary = CloudEvents.json().readTree(evaluate.params().get("generation"));
        assertThat(summary.path("chosen").path("seed").asLong()).isEqualTo(44);
        assertThat(summary.path("reason").asText()).isEqualTo("rounds");
        assertThat(summary.path("rounds")).hasSize(3);
        assertThat(summary.path("rounds").get(1).path("seeds").get(0).asLong()).isEqualTo(46);
        assertThat(summary.path("request").path("options").path("seed").asLong()).isEqualTo(42);
        JsonNode request = CloudEvents.json().readTree(evaluate.params().get("request"));
        assertThat(request.path("media").path("durationSeconds").asDouble()).isEqualTo(2.0);
        JsonNode stages = CloudEvents.json().readTree(evaluate.params().get("stages"));
        assertThat(stages.path("KEYFRAME").path("tasks").asInt()).isEqualTo(3);
        assertThat(stages.path("GATE").path("tasks").asInt()).isEqualTo(3);

        TaskCompleted finished = new TaskCompleted(evaluate.taskId(), "g1", Stage.EVALUATE, 0, 1,
                List.of(evaluate.output(), ObjectRef.of("outputs", "g1/report.json"),
                        ObjectRef.of("outputs", "g1/manifest.json")), "assemble", "1", "evaluator-1",
                new TaskMetrics(1, 2, 3, 4, 5, 0, 32), null);
        Planner.Decision end = planner.onCompleted(ev.state(), finished, T0.plusSeconds(60));
        assertThat(end.state().state()).isEqualTo(State.SUCCEEDED);
        assertThat(end.state().outputs()).hasSize(4);
        assertThat(end.state().outputs().get(3).key()).isEqualTo("jobs/g1/keyframe/0-a1/preview.png");
    }

    @Test
    void shouldMakeImageByUpscalingTheWholeChosenClipAndKeepingItsMiddleFrame() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 1, true)), T0);
        d = round(d, "0.10,0.20,0.30,0.05", T0.plusSeconds(10));
        assertThat(d.state().generation().chosen().reason()).isEqualTo("rounds");
        StageTask upscale = d.tasks().get(0);
        assertThat(d.tasks()).hasSize(1);
        assertThat(upscale.stage()).isEqualTo(Stage.UPSCALE);
        assertThat(d.state().tasks()).doesNotContainKey(TaskState.key(Stage.INTERPOLATE, 0));
        StageTask evaluate = planner.onCompleted(d.state(), done(upscale), T0.plusSeconds(20)).tasks().get(0);
        assertThat(evaluate.params()).containsEntry("codec", "png").containsEntry("frame", "4");
        assertThat(evaluate.output()).isEqualTo(ObjectRef.of("outputs", "g1/image.png"));
    }

    @Test
    void shouldIgnoreDuplicateRequestAndDuplicateOrLateResults() {
        GenerationRequested r = request(options(0.5, 3, false));
        Planner.Decision d = planner.onGenerationRequested(null, r, T0);
        assertThat(planner.onGenerationRequested(d.state(), r, T0.plusSeconds(1)).changed()).isFalse();

        StageTask k1 = d.tasks().get(0);
        // Attempt 1 is lost; attempt 2 goes out; then attempt 1's result arrives after all.
        Planner.Decision lost = planner.tick(d.state(), T0.plus(Duration.ofMinutes(11)));
        Planner.Decision resent = planner.tick(lost.state(), T0.plus(Duration.ofMinutes(12)));
        StageTask k2 = resent.tasks().get(0);
        assertThat(k2.attempt()).isEqualTo(2);
        assertThat(k2.params().get("seeds")).isEqualTo(k1.params().get("seeds"));
        Planner.Decision late = planner.onCompleted(resent.state(), keyframeDone(k1), T0.plus(Duration.ofMinutes(13)));
        assertThat(late.tasks()).extracting(StageTask::stage).containsExactly(Stage.GATE);
        assertThat(late.state().generation().round(0).candidates().get(0).key()).startsWith("jobs/g1/keyframe/0-a1/");
        assertThat(planner.onCompleted(late.state(), keyframeDone(k2), T0.plus(Duration.ofMinutes(14))).changed())
                .isFalse();
        assertThat(planner.onCompleted(late.state(), keyframeDone(k1), T0.plus(Duration.ofMinutes(14))).changed())
                .isFalse();

        StageTask gate = late.tasks().get(0);
        Planner.Decision next = planner.onCompleted(late.state(), gateDone(gate, "0.1,0.2,0.3,0.4"),
                T0.plus(Duration.ofMinutes(15)));
        assertThat(next.tasks()).extracting(StageTask::segment).containsExactly(1);
        Planner.Decision again = planner.onCompleted(next.state(), gateDone(gate, "0.1,0.2,0.3,0.4"),
                T0.plus(Duration.ofMinutes(16)));
        assertThat(again.changed()).isFalse();
        assertThat(again.state().tasks()).doesNotContainKey(TaskState.key(Stage.KEYFRAME, 2));
    }

    @Test
    void shouldShowFirstCandidatePreviewWhileTheRoundIsSampledAndIgnoreStaleProgress() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        StageTask k = d.tasks().get(0);
        ObjectRef first = new ObjectRef("work", k.output().key() + "first/preview.png", 700, "e".repeat(64));
        TaskProgress p = new TaskProgress(k.taskId(), "g1", Stage.KEYFRAME, 0, 1, List.of(first), "candidate 1 of 4",
                "keyframe-1");
        Planner.Decision shown = planner.onProgress(d.state(), p, T0.plusMillis(500));
        assertThat(shown.changed()).isTrue();
        assertThat(shown.tasks()).isEmpty();
        assertThat(shown.state().status().outputs()).containsExactly(first);
        assertThat(shown.state().status().state()).isEqualTo(State.RUNNING);
        // The same progress again (a redelivery) changes nothing.
        assertThat(planner.onProgress(shown.state(), p, T0.plusMillis(600)).changed()).isFalse();
        // Progress of another attempt changes nothing.
        TaskProgress stale = new TaskProgress(k.taskId(), "g1", Stage.KEYFRAME, 0, 2, List.of(first), "x", "k");
        assertThat(planner.onProgress(d.state(), stale, T0.plusMillis(600)).changed()).isFalse();
        // The round's completion replaces it with the whole round's preview; late progress does not bring it back.
        TaskCompleted c = keyframeDone(k);
        Planner.Decision g = planner.onCompleted(shown.state(), c, T0.plusSeconds(1));
        assertThat(g.state().status().outputs()).containsExactly(c.outputs().get(4));
        assertThat(planner.onProgress(g.state(), p, T0.plusSeconds(2)).changed()).isFalse();
    }

    @Test
    void shouldRetryTransientKeyframeFailureWithSameSeeds() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        StageTask k = d.tasks().get(0);
        TaskFailed f = new TaskFailed(k.taskId(), "g1", Stage.KEYFRAME, 0, 1, TaskFailed.Kind.TRANSIENT, "oom", "k");
        Planner.Decision failed = planner.onFailed(d.state(), f, T0.plusSeconds(1));
        Planner.Decision resent = planner.tick(failed.state(), T0.plusSeconds(4));
        assertThat(resent.tasks()).singleElement().satisfies(t -> {
            assertThat(t.attempt()).isEqualTo(2);
            assertThat(t.output().key()).isEqualTo("jobs/g1/keyframe/0-a2/");
            assertThat(t.params()).containsEntry("seeds", "42,43,44,45");
        });
    }

    @Test
    void shouldFailJobWhenGateScoresDoNotFitTheRound() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.5, 3, false)), T0);
        Planner.Decision g = planner.onCompleted(d.state(), keyframeDone(d.tasks().get(0)), T0.plusSeconds(1));
        Planner.Decision bad = planner.onCompleted(g.state(), gateDone(g.tasks().get(0), "0.1,0.2"), T0.plusSeconds(2));
        assertThat(bad.state().state()).isEqualTo(State.FAILED);
        assertThat(bad.state().error()).contains("gate of round 0").contains("scored 2 candidates");
    }

    @Test
    void shouldRefuseRequestWhoseOptionsAreNotFilled() {
        GenerateOptions noSeed = GenerateOptions.defaults();
        Planner.Decision d = planner.onGenerationRequested(null, request(noSeed), T0);
        assertThat(d.state().state()).isEqualTo(State.FAILED);
        assertThat(d.state().error()).contains("cannot plan").contains("not complete");
        assertThat(d.tasks()).isEmpty();
    }

    @Test
    void shouldSurviveRestartThroughTheStateTopicsJson() {
        Planner.Decision d = planner.onGenerationRequested(null, request(options(0.9, 3, false)), T0);
        d = round(d, "0.10,0.20,0.61,0.05", T0.plusSeconds(10));
        JobState restored = CloudEvents.parse(JobState.class, CloudEvents.toJson(d.state()));
        assertThat(restored).isEqualTo(d.state());
        Planner.Decision next = round(new Planner.Decision(restored, d.tasks(), true), "0.95,0.1,0.1,0.1",
                T0.plusSeconds(20));
        assertThat(next.state().generation().chosen().seed()).isEqualTo(46);
    }
}
