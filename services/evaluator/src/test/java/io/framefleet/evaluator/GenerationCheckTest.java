package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.evaluator.quality.NoReferenceScores;
import io.framefleet.generation.shapes.GroundTruth;
import io.framefleet.generation.shapes.Scene;
import io.framefleet.generation.shapes.ShapeRenderer;
import io.framefleet.generation.shapes.ShapesChecker;
import io.framefleet.generation.shapes.ShapesDomain;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationCheckTest {

    /** The planner's summary of a two-round job, as docs/generation.md describes it. */
    static final String GENERATION = """
            {"request": {"jobId": "j1", "submittedAt": "2026-11-26T01:00:00Z", "origin": "rest",
                         "prompt": "a red circle moving right",
                         "options": {"negativePrompt": "blurry", "seconds": 2.0, "fps": 16.0, "width": 128, "height": 128,
                                     "seed": 42, "steps": 16, "guidance": 3.0, "candidates": 2, "threshold": 0.5,
                                     "maxRounds": 3, "codec": "h264", "image": false, "model": "t2v-shapes"},
                         "outputBucket": "outputs"},
             "model": "t2v-shapes", "threshold": 0.5, "candidates": 2, "maxRounds": 3,
             "rounds": [{"round": 0, "seeds": [42, 43], "scores": [0.21, 0.33], "best": 1, "bestScore": 0.33,
                         "ignoredWords": [], "keyframe": {"processor": "t2v", "version": "t2v-shapes@1.0.0+abc"},
                         "gate": {"processor": "gate", "version": "t2v-scorer@1.0.0+def"}},
                        {"round": 1, "seeds": [44, 45], "scores": [0.61, 0.12], "best": 0, "bestScore": 0.61,
                         "ignoredWords": [], "keyframe": {"processor": "t2v", "version": "t2v-shapes@1.0.0+abc"},
                         "gate": {"processor": "gate", "version": "t2v-scorer@1.0.0+def"}}],
             "chosen": {"round": 1, "index": 0, "seed": 44, "score": 0.61, "clip": {"bucket": "work", "key": "c0.mkv"}},
             "reason": "threshold", "why": "0.610 reached the threshold 0.500 in round 1"}
            """;

    @Test
    void shouldReportRoundsChoiceAlignmentAndWhatTheCheckerRead() throws Exception {
        Scene scene = new Scene(ShapesDomain.Combination.of("red circle right"), 1.8, 5.5, 8, 16,
                ShapesDomain.Background.BLACK);
        ShapesChecker checker = new ShapesChecker();
        ShapesChecker.Verdict base = checker.check(ShapeRenderer.render(scene));
        ShapesChecker.Verdict finished = checker.check(GroundTruth.finalLike(scene, new SplittableRandom(1)));
        GenerationCheck check = new GenerationCheck("a red circle moving right", CloudEvents.json().readTree(GENERATION),
                "t2v-scorer@1.0.0+def", 0.61f, 0.58f, ShapesDomain.parse("a red circle moving right"), base, finished);

        ObjectNode report = check.report(new NoReferenceScores(0.5, 0, 0, 32));
        assertThat(report.path("prompt").asText()).isEqualTo("a red circle moving right");
        assertThat(report.path("negativePrompt").asText()).isEqualTo("blurry");
        assertThat(report.path("rounds")).hasSize(2);
        assertThat(report.path("rounds").get(1).path("seeds").toString()).isEqualTo("[44,45]");
        assertThat(report.path("rounds").get(1).has("keyframe")).isFalse();
        assertThat(report.path("chosen").path("seed").asLong()).isEqualTo(44);
        assertThat(report.path("reason").asText()).isEqualTo("threshold");
        assertThat(report.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(report.path("alignment").path("finished").asDouble()).isEqualTo(0.58, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(report.path("alignment").path("chosenClip").asDouble()).isEqualTo(0.61, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(report.path("shapes").path("asked").asText()).isEqualTo("red circle right");
        assertThat(report.path("shapes").path("heldOut").asBoolean()).isFalse();
        assertThat(report.path("shapes").path("finished").path("matches").asBoolean()).isTrue();
        assertThat(report.path("shapes").path("finished").path("motion").asText()).isEqualTo("right");
        assertThat(report.path("shapes").path("chosenClip").path("read").asText()).isEqualTo("red circle right");
        assertThat(report.path("noReference").path("frames").asInt()).isEqualTo(32);

        ObjectNode manifest = CloudEvents.json().createObjectNode();
        check.manifest(manifest);
        assertThat(manifest.path("prompt").asText()).isEqualTo("a red circle moving right");
        assertThat(manifest.path("negativePrompt").asText()).isEqualTo("blurry");
        assertThat(manifest.path("seeds").toString()).isEqualTo("[42,43,44,45]");
        assertThat(manifest.path("seed").asLong()).isEqualTo(42);
        assertThat(manifest.path("steps").asInt()).isEqualTo(16);
        assertThat(manifest.path("guidance").asDouble()).isEqualTo(3.0);
        assertThat(manifest.path("models").path("base").asText()).isEqualTo("t2v-shapes@1.0.0+abc");
        assertThat(manifest.path("models").path("gateScorer").asText()).isEqualTo("t2v-scorer@1.0.0+def");
        // The CLI's --replay reads the request back from here.
        assertThat(manifest.path("generation").path("request").path("options").path("seed").asLong()).isEqualTo(42);
    }

    @Test
    void shouldSayWhyAPromptOutsideTheDomainIsNotChecked() throws Exception {
        JsonNode generation = CloudEvents.json().readTree(GENERATION);
        GenerationCheck check = new GenerationCheck("a sunset over the sea", generation, "t2v-scorer@1.0.0+def",
                0.2f, 0.1f, Optional.empty(), null, null);
        ObjectNode report = check.report(new NoReferenceScores(0.5, 0, 0, 32));
        assertThat(report.path("shapes").path("asked").isNull()).isTrue();
        assertThat(report.path("shapes").path("note").asText()).contains("not checked");
    }
}
