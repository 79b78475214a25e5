package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaValidationTest {

    private final SchemaValidator validator = new SchemaValidator(Renders.WORK);

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "gpu"})
    void shouldValidateEveryBuiltInAndKedaObject(String render) throws Exception {
        Manifests m = Renders.get(render);

        SchemaValidator.Report report = validator.validate(m);

        assertThat(report.errors()).isEmpty();
        // Strimzi's kinds have no schema in these packages; StrictParser reads them with Strimzi's own model.
        assertThat(report.uncovered()).allSatisfy(u -> assertThat(u).startsWith("kafka.strimzi.io/"));
        assertThat(report.validated()).hasSize(m.all().size() - report.uncovered().size())
                .contains("ScaledObject superres", "Deployment planner", "NetworkPolicy framefleet-default-deny");
    }

    @Test
    void shouldRejectObjectsThatBreakTheirSchema() throws Exception {
        Manifests broken = Renders.get("gpu").copy();
        ((ObjectNode) broken.get("Deployment", "planner").path("spec")).put("replicas", "one");
        ObjectNode trigger = (ObjectNode) broken.get("ScaledObject", "superres").path("spec").path("triggers").get(0)
                .path("metadata");
        trigger.put("lagThreshold", 30);
        ((ObjectNode) broken.get("NetworkPolicy", "framefleet-allow-dns").path("spec")).remove("podSelector");

        SchemaValidator.Report report = validator.validate(broken);

        assertThat(report.errors()).hasSize(3);
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).startsWith("Deployment planner").contains("replicas"));
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).startsWith("ScaledObject superres")
                .contains("lagThreshold"));
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).startsWith("NetworkPolicy framefleet-allow-dns")
                .contains("podSelector"));
    }
}
