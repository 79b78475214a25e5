package io.framefleet.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of every event type. */
final class ContractSamples {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30Z");
    private static final ObjectRef SOURCE = new ObjectRef("inbox", "clips/city.mp4", 1_234_567,
            "a".repeat(64));

    private ContractSamples() {
    }

    static TaskCompleted completed() {
        return new TaskCompleted("j1/upscale/0/1", "j1", Stage.UPSCALE, 0, 1,
                List.of(new ObjectRef("work", "jobs/j1/upscale/0-a1.mkv", 99, "b".repeat(64))),
                "lanczos", "ffmpeg-8.0.1", "superres-1", new TaskMetrics(3, 10, 500, 20, 480, 0, 50), null);
    }

    static TaskCompleted gateCompleted() {
        return new TaskCompleted("j3/gate/1/1", "j3", Stage.GATE, 1, 1,
                List.of(new ObjectRef("work", "jobs/j3/gate/1-a1.json", 120, "d".repeat(64))),
                "scorer", "t2v-scorer-1.0.0", "evaluator-1", new TaskMetrics(1, 2, 40, 1, 35, 0, 32),
                Map.of("scores", "0.41,0.63,0.12,0.58", "best", "1", "bestScore", "0.63"));
    }

    static List<FleetEvent> all() {
        EnhanceOptions options = new EnhanceOptions(2, null, 2.0, null, null, "h264", "minterpolate", "lanczos");
        MediaInfo media = new MediaInfo(720, 405, 25, 1, 75, 3.0, 0, "mpeg", "mpeg1video", null, null, null);
        Segment segment = new Segment(0, 0, 75, true, new ObjectRef("work", "jobs/j1/ingest/0.mkv", 10, "c".repeat(64)));
        return List.of(
                new JobSubmitted("j1", SOURCE, "outputs", options),
                new JobRequested("j1", T, "rest", SOURCE, "outputs", options, media, List.of(segment)),
                new JobRejected("j2", T, "upload", SOURCE, "not a video: no video stream"),
                new JobCancelRequested("j1", T, "user asked"),
                new StageTask("j1/interpolate/0/1", "j1", Stage.INTERPOLATE, 0, 1, List.of(segment.object()),
                        new ObjectRef("work", "jobs/j1/interpolate/0-a1.mkv", -1, null), Map.of("processor", "minterpolate")),
                completed(),
                new TaskProgress("j3/keyframe/0/1", "j3", Stage.KEYFRAME, 0, 1,
                        List.of(new ObjectRef("work", "jobs/j3/keyframe/0-a1/first/preview.png", 2101, "e".repeat(64))),
                        "candidate 1 of 4", "keyframe-1"),
                new TaskFailed("j1/upscale/0/1", "j1", Stage.UPSCALE, 0, 1, TaskFailed.Kind.BAD_INPUT, "corrupt segment", "superres-1"),
                new PromptSubmitted("a red circle moving right", new GenerateOptions(null, 2.0, 16.0, 128, 128,
                        null, null, null, 4, null, null, "h264", null, null, null, null), null),
                new GenerationRequested("j3", T, "event", "a red circle moving right",
                        GenerateOptions.defaults().withSeed(42), "outputs"),
                new StageTask("j3/keyframe/0/1", "j3", Stage.KEYFRAME, 0, 1, List.of(),
                        new ObjectRef("work", "jobs/j3/keyframe/0-a1/", -1, null),
                        Map.of("prompt", "a red circle moving right", "seeds", "42,43,44,45", "steps", "16",
                                "guidance", "3.0", "fps", "4.0", "model", "t2v-shapes")),
                gateCompleted(),
                new JobStatus("j1", JobStatus.State.RUNNING, "UPSCALE", Map.of("UPSCALE", new JobStatus.StageProgress(1, 3)),
                        0.4, 12.5, List.of(), null, T, T, 3.2, 0.8));
    }
}
