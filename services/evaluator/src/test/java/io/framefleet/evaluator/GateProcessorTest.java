package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.Clip;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.ProcessorResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GateProcessorTest {

    private static final String JOB = "gatejob";
    private static final String PROMPT = "a red circle moving right";
    private static AlignmentScorer loaded;

    /** Bad input must be refused before any model is needed: a scorer asked for here fails the test. */
    private static final Supplier<AlignmentScorer> NOT_NEEDED = () -> {
        throw new AssertionError("the scorer was loaded for a task that should have been refused first");
    };

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        if (loaded != null) {
            loaded.close();
        }
    }

    private static synchronized AlignmentScorer scorer(Path cache) {
        if (loaded == null) {
            loaded = Candidates.scorer(cache);
        }
        return loaded;
    }

    @Test
    void shouldScoreEveryCandidateAndAnswerTheBest() throws Exception {
        Candidates.assumeScorerBundled();
        AlignmentScorer scorer = scorer(dir.resolve("models"));
        List<Clip> clips = List.of(Candidates.render("blue square up", 16, 22), Candidates.render("red circle right", 8, 16),
                Candidates.render("green cross still", 16, 16));
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            inputs.add(Candidates.write(dir.resolve("c" + i + ".mkv"), clips.get(i), 4));
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessorResult result = new GateProcessor(() -> scorer).process(task(inputs.size(), PROMPT, "0.5"), inputs, work);

        float[] expected = scorer.score(PROMPT, clips);
        String[] scores = result.results().get("scores").split(",");
        assertThat(scores).hasSize(3);
        int best = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(Double.parseDouble(scores[i])).isCloseTo(expected[i], within(1e-5));
            best = expected[i] > expected[best] ? i : best;
        }
        assertThat(result.results().get("best")).isEqualTo(Integer.toString(best));
        assertThat(Double.parseDouble(result.results().get("bestScore"))).isCloseTo(expected[best], within(1e-5));
        assertThat(result.frames()).isEqualTo(24);

        assertThat(result.outputs()).hasSize(1);
        assertThat(result.outputs().get(0).target().key()).isEqualTo(StageTask.outputKey(JOB, Stage.GATE, 0, 1, "json"));
        JsonNode json = CloudEvents.json().readTree(result.outputs().get(0).file().toFile());
        assertThat(json.path("scores")).hasSize(3);
        assertThat(json.path("best").asInt()).isEqualTo(best);
        assertThat(json.path("scorer").asText()).startsWith("t2v-scorer@");
        assertThat(json.path("shapes").path("asked").asText()).isEqualTo("red circle right");
        assertThat(json.path("shapes").path("candidates").get(1).path("matches").asBoolean()).isTrue();
        assertThat(json.path("shapes").path("candidates").get(0).path("read").asText()).isEqualTo("blue square up");
        assertThat(json.path("shapes").path("candidates").get(0).path("matches").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseATaskWithoutPromptOrWithABadThreshold() throws Exception {
        Path c0 = Candidates.write(dir.resolve("c0.mkv"), Candidates.render("red circle right", 8, 16), 4);
        GateProcessor gate = new GateProcessor(NOT_NEEDED);
        assertThatThrownBy(() -> gate.process(task(1, null, "0.5"), List.of(c0), dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'prompt'");
        assertThatThrownBy(() -> gate.process(task(1, PROMPT, "high"), List.of(c0), dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("threshold must be a number");
        assertThatThrownBy(() -> gate.process(task(1, PROMPT, "1.5"), List.of(c0), dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("-1 to 1");
        assertThatThrownBy(() -> gate.process(task(1, PROMPT, null), List.of(c0), dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'threshold'");
    }

    @Test
    void shouldRefuseACandidateThatIsNotAVideo() throws Exception {
        Path c0 = Candidates.write(dir.resolve("c0.mkv"), Candidates.render("red circle right", 8, 16), 4);
        Path text = Files.writeString(dir.resolve("c1.mkv"), "<html>not found</html>");
        assertThatThrownBy(() -> new GateProcessor(NOT_NEEDED).process(task(2, PROMPT, "0.5"), List.of(c0, text), dir))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("candidate 1")
                .hasMessageContaining("plain text");
    }

    private static StageTask task(int candidates, String prompt, String threshold) {
        List<ObjectRef> inputs = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            inputs.add(ObjectRef.of("work", "jobs/" + JOB + "/keyframe/0-a1/c" + i + ".mkv"));
        }
        Map<String, String> params = new HashMap<>();
        params.put("processor", GateProcessor.NAME);
        if (prompt != null) {
            params.put("prompt", prompt);
        }
        if (threshold != null) {
            params.put("threshold", threshold);
        }
        return new StageTask(StageTask.taskId(JOB, Stage.GATE, 0, 1), JOB, Stage.GATE, 0, 1, inputs,
                ObjectRef.of("work", StageTask.outputKey(JOB, Stage.GATE, 0, 1, "json")), params);
    }
}
