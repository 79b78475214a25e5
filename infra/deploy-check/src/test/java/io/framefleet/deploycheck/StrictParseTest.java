package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class StrictParseTest {

    private final StrictParser parser = new StrictParser();

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "gpu"})
    void shouldParseEveryObjectWithNoUnknownField(String render) {
        assertThat(parser.problems(Renders.get(render))).isEmpty();
    }

    @Test
    void shouldFailOnAMisspeltFieldOfABuiltInKind() {
        ObjectNode deployment = Renders.get("base").get("Deployment", "superres").deepCopy();
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertThat(parser.problem(deployment)).contains("readinesProbe");
    }

    @Test
    void shouldFailOnAnUnknownFieldDeepInAPodTemplate() {
        ObjectNode deployment = Renders.get("gpu").get("Deployment", "keyframe").deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("tolerations").get(0))
                .put("operater", "Exists");

        assertThat(parser.problem(deployment)).contains("operater");
    }

    @Test
    void shouldFailOnAnUnknownFieldOfAKafkaTopic() {
        ObjectNode topic = Invariants.kafkaTopic(Renders.get("base"), "framefleet.tasks.upscale").orElseThrow().deepCopy();
        ObjectNode spec = (ObjectNode) topic.path("spec");
        spec.set("partition", spec.remove("partitions"));

        assertThat(parser.problem(topic)).contains("partition");
    }

    @Test
    void shouldFailOnAMisspeltScaledObjectField() {
        ObjectNode scaler = Renders.get("gpu").get("ScaledObject", "superres").deepCopy();
        ObjectNode spec = (ObjectNode) scaler.path("spec");
        spec.set("cooldownPeriods", spec.remove("cooldownPeriod"));
        ((ObjectNode) spec.path("triggers").get(0)).put("metricTyp", "Value");

        assertThat(parser.problem(scaler)).contains("cooldownPeriods").contains("metricTyp");
    }

    @Test
    void shouldFailOnAKindItCannotCheck() {
        ObjectNode unknown = Manifests.JSON.createObjectNode().put("apiVersion", "example.io/v1").put("kind", "Widget");

        assertThat(parser.problem(unknown)).contains("no model class");
    }
}
