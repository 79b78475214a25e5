package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.MediaInfo;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Segment;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.GroundTruth;
import io.framefleet.generation.shapes.Scene;
import io.framefleet.generation.shapes.ShapeRenderer;
import io.framefleet.generation.shapes.ShapesDomain;
import io.framefleet.worker.ProcessorResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The last stage of a generation job: the finished video, its alignment and checks in the report. */
class AssembleGenerationTest {

    private static final String JOB = "genjob";
    private static final String PROMPT = "a red circle moving right";

    @TempDir
    Path dir;

    private final Scene scene = new Scene(ShapesDomain.Combination.of("red circle right"), 1.8, 5.5, 8, 16,
            ShapesDomain.Background.BLACK);

    @Test
    void shouldScoreAndCheckTheFinishedVideoAndRecordWhatAReplayNeeds() throws Exception {
        Candidates.assumeScorerBundled();
        Path chosen = Candidates.write(dir.resolve("chosen.mkv"), ShapeRenderer.render(scene), 4);
        Clip finished = GroundTruth.finalLike(scene, new SplittableRandom(2));
        Path segment = Candidates.write(dir.resolve("segment.mkv"), finished, 16);
        Map<String, String> params = params("ffv1", JOB + "/video.mkv");
        params.put("prompt", PROMPT);
        params.put("generation", GenerationCheckTest.GENERATION);
        Path work = Files.createDirectories(dir.resolve("work"));
        try (AlignmentScorer scorer = Candidates.scorer(dir.resolve("models"))) {
            ProcessorResult result = new AssembleProcessor(() -> scorer)
                    .process(task(params, JOB + "/video.mkv"), List.of(chosen, segment), work);

            assertThat(result.outputs()).hasSize(3);
            JsonNode report = CloudEvents.json().readTree(result.outputs().get(1).file().toFile());
            JsonNode g = report.path("generation");
            assertThat(g.path("prompt").asText()).isEqualTo(PROMPT);
            assertThat(g.path("rounds")).hasSize(2);
            float[] expected = scorer.score(PROMPT, List.of(ShapeRenderer.render(scene)));
            assertThat(g.path("alignment").path("chosenClip").asDouble()).isCloseTo(expected[0],
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(g.path("alignment").path("finished").asDouble()).isBetween(-1.0, 1.0);
            assertThat(g.path("shapes").path("finished").path("read").asText()).isEqualTo("red circle right");
            assertThat(g.path("shapes").path("finished").path("matches").asBoolean()).isTrue();
            assertThat(g.path("noReference").path("frames").asInt()).isEqualTo(32);
            assertThat(report.path("output").path("frames").asInt()).isEqualTo(32);

            JsonNode manifest = CloudEvents.json().readTree(result.outputs().get(2).file().toFile());
            assertThat(manifest.path("seeds").toString()).isEqualTo("[42,43,44,45]");
            assertThat(manifest.path("models").path("evaluationScorer").asText()).isEqualTo(scorer.bundle().tag());
            assertThat(manifest.path("generation").path("chosen").path("seed").asLong()).isEqualTo(44);
        }
    }

    @Test
    void shouldKeepTheFrameAnImageJobAsksFor() throws Exception {
        Clip clip = ShapeRenderer.render(scene);
        Path chosen = Candidates.write(dir.resolve("chosen.mkv"), clip, 4);
        Path segment = Candidates.write(dir.resolve("segment.mkv"), clip, 4);
        Map<String, String> params = params("png", JOB + "/image.png");
        params.put("fps", "4/1");
        params.put("width", "32");
        params.put("height", "32");
        params.put("frame", "4");
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessorResult result = new AssembleProcessor(() -> {
            throw new AssertionError("an enhancement-style task needs no scorer");
        }).process(task(params, JOB + "/image.png"), List.of(chosen, segment), work);

        BufferedImage png = ImageIO.read(result.outputs().get(0).file().toFile());
        assertThat(png.getWidth()).isEqualTo(32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                int want = clip.at(4, x, y, 0) << 16 | clip.at(4, x, y, 1) << 8 | clip.at(4, x, y, 2);
                assertThat(rgb).as("pixel %d,%d", x, y).isEqualTo(want);
            }
        }
    }

    @Test
    void shouldScoreAndCheckTheImageOfATextToImageJob() throws Exception {
        Candidates.assumeScorerBundled();
        Clip clip = ShapeRenderer.render(scene);
        Path chosen = Candidates.write(dir.resolve("chosen.mkv"), clip, 4);
        Path segment = Candidates.write(dir.resolve("segment.mkv"), GroundTruth.upscaleBilinear(clip, 4), 4);
        Map<String, String> params = params("png", JOB + "/image.png");
        params.put("fps", "4/1");
        params.put("frame", "4");
        params.put("prompt", PROMPT);
        params.put("generation", GenerationCheckTest.GENERATION);
        Path work = Files.createDirectories(dir.resolve("work"));
        try (AlignmentScorer scorer = Candidates.scorer(dir.resolve("models"))) {
            ProcessorResult result = new AssembleProcessor(() -> scorer)
                    .process(task(params, JOB + "/image.png"), List.of(chosen, segment), work);
            JsonNode g = CloudEvents.json().readTree(result.outputs().get(1).file().toFile()).path("generation");
            assertThat(g.path("alignment").path("finished").asDouble()).isBetween(-1.0, 1.0);
            // One picture shows the colour and the shape but no motion: the check cannot pass it as a video.
            assertThat(g.path("shapes").path("finished").path("read").asText()).isEqualTo("red circle ?");
            assertThat(g.path("shapes").path("finished").path("matches").asBoolean()).isFalse();
            assertThat(g.path("shapes").path("finished").path("colourMatches").asBoolean()).isTrue();
            assertThat(g.path("shapes").path("finished").path("shapeMatches").asBoolean()).isTrue();
        }
    }

    private static Map<String, String> params(String codec, String outputKey) {
        Map<String, String> params = new HashMap<>();
        params.put("processor", "assemble");
        params.put("codec", codec);
        params.put("fps", "16/1");
        params.put("width", "128");
        params.put("height", "128");
        params.put("stages", "{}");
        ObjectRef source = ObjectRef.of("work", "jobs/" + JOB + "/keyframe/1-a1/c0.mkv");
        MediaInfo media = new MediaInfo(32, 32, 4, 1, 8, 2.0, 0, "matroska", "ffv1", null, null, null);
        JobRequested request = new JobRequested(JOB, Instant.parse("2026-11-26T01:00:00Z"), "rest", source, "outputs",
                new EnhanceOptions(null, 16.0, null, 128, 128, codec.equals("png") ? "h264" : codec, "flow", "sr-fast"),
                media, List.of(new Segment(0, 0, 8, true, source)));
        params.put("request", CloudEvents.toJson(request));
        return params;
    }

    private static StageTask task(Map<String, String> params, String outputKey) {
        return new StageTask(StageTask.taskId(JOB, Stage.EVALUATE, 0, 1), JOB, Stage.EVALUATE, 0, 1,
                List.of(ObjectRef.of("work", "chosen.mkv"), ObjectRef.of("work", "segment.mkv")),
                ObjectRef.of("outputs", outputKey), params);
    }
}
