package io.framefleet.deploycheck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "gpu"})
    void shouldRenderEveryService(String render) {
        Manifests m = Renders.get(render);

        for (String service : Invariants.SERVICES) {
            assertThat(m.find("Deployment", service)).as(render + " " + service).isPresent();
            assertThat(m.find("Service", service)).isPresent();
            assertThat(m.find("ServiceAccount", service)).isPresent();
            assertThat(m.find("PodDisruptionBudget", service)).isPresent();
        }
        assertThat(m.ofKind("ScaledObject")).extracting(Manifests::nameOf)
                .containsExactlyInAnyOrder("keyframe", "interpolator", "superres", "evaluator");
        assertThat(m.find("HorizontalPodAutoscaler", "ingest")).isPresent();
        assertThat(m.all()).allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText("framefleet"))
                .isEqualTo("framefleet"));
    }

    @Test
    void shouldGiveTheLocalOverlayItsOwnBrokerStoreAndCredentials() {
        Manifests local = Renders.get("local");

        assertThat(local.find("Kafka", "framefleet")).isPresent();
        assertThat(local.find("Deployment", "minio")).isPresent();
        assertThat(local.ofKind("Secret")).singleElement()
                .satisfies(s -> assertThat(Manifests.nameOf(s)).startsWith("framefleet-s3-"));
        assertThat(Renders.get("base").ofKind("Secret")).as("no secret values in base").isEmpty();
    }
}
