package io.framefleet.keyframe;

import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.worker.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyframeRequestTest {

    static StageTask task(Map<String, String> changes) {
        Map<String, String> params = new HashMap<>(Map.of("prompt", "red circle moving left", "seeds", "42,43,44,45",
                "steps", "16", "guidance", "3.0", "fps", "4/1", "model", "t2v-shapes"));
        changes.forEach((k, v) -> {
            if (v == null) {
                params.remove(k);
            } else {
                params.put(k, v);
            }
        });
        return new StageTask("job-1/keyframe/0/1", "job-1", Stage.KEYFRAME, 0, 1, List.of(),
                ObjectRef.of("work", StageTask.outputPrefix("job-1", Stage.KEYFRAME, 0, 1)), params);
    }

    @Test
    void shouldReadAPlannersTask() throws Exception {
        KeyframeRequest r = KeyframeRequest.of(task(Map.of("negative", "gray")), "t2v-shapes");

        assertThat(r.seeds()).containsExactly(42, 43, 44, 45);
        assertThat(r.steps()).isEqualTo(16);
        assertThat(r.guidance()).isEqualTo(3.0);
        assertThat(r.fps().toString()).isEqualTo("4/1");
        assertThat(r.negative()).isEqualTo("gray");
        assertThat(r.output()).isEqualTo("jobs/job-1/keyframe/0-a1/");
    }

    @Test
    void shouldTakeAnEmptyPromptAsUnconditionalAndABlankNegativeAsNone() throws Exception {
        KeyframeRequest r = KeyframeRequest.of(task(Map.of("prompt", "", "negative", "  ", "model", "t2v-other")), "t2v-shapes");

        assertThat(r.prompt()).isEmpty();
        assertThat(r.negative()).isNull();
        assertThat(r.model()).isEqualTo("t2v-other");
    }

    @Test
    void shouldUseTheWorkersModelWhenTheTaskNamesNone() throws Exception {
        Map<String, String> noModel = new HashMap<>();
        noModel.put("model", null);
        assertThat(KeyframeRequest.of(task(noModel), "t2v-shapes").model()).isEqualTo("t2v-shapes");
    }

    @Test
    void shouldRefuseEveryOutOfRangeParameterWithAReason() {
        String seventeen = IntStream.range(0, 17).mapToObj(Integer::toString).collect(Collectors.joining(","));
        Map<String, String> noPrompt = new HashMap<>();
        noPrompt.put("prompt", null);
        expectBad(Map.of("steps", "0"), "steps must be 1 to 200, got 0");
        expectBad(Map.of("steps", "201"), "steps must be 1 to 200, got 201");
        expectBad(Map.of("steps", "many"), "steps must be an integer");
        expectBad(Map.of("guidance", "-0.5"), "guidance must be 0 to 30");
        expectBad(Map.of("guidance", "30.5"), "guidance must be 0 to 30");
        expectBad(Map.of("guidance", "NaN"), "guidance must be 0 to 30");
        expectBad(Map.of("seeds", ""), "at least one seed");
        expectBad(Map.of("seeds", seventeen), "at most 16 seeds");
        expectBad(Map.of("seeds", "1,two"), "seed 1 is not an integer");
        expectBad(Map.of("fps", "0/1"), "fps must be a positive rate");
        expectBad(Map.of("model", "../../etc"), "model must be a model name");
        expectBad(Map.of("model", ""), "model must be a model name");
        expectBad(noPrompt, "lacks parameter 'prompt'");
    }

    private static void expectBad(Map<String, String> changes, String reason) {
        assertThatThrownBy(() -> KeyframeRequest.of(task(changes), "t2v-shapes"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(reason);
    }
}
