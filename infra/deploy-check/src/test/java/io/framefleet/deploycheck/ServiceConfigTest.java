package io.framefleet.deploycheck;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceConfigTest {

    @Test
    void shouldReadTheEvaluatorsTwoTaskChannelsAndItsShutdownTimeout() throws Exception {
        ServiceConfig evaluator = ServiceConfig.read(Renders.REPO, "evaluator");

        assertThat(evaluator.httpPort()).isEqualTo(8094);
        assertThat(evaluator.channelFor("framefleet.tasks.evaluate")).map(ServiceConfig.Channel::groupId)
                .contains("framefleet-evaluator");
        assertThat(evaluator.channelFor("framefleet.tasks.gate")).map(ServiceConfig.Channel::groupId)
                .contains("framefleet-evaluator-gate");
        assertThat(evaluator.shutdownTimeout()).contains(Duration.ofSeconds(60));
    }

    @Test
    void shouldReadQuarkusDurations() {
        assertThat(ServiceConfig.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(ServiceConfig.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ServiceConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ServiceConfig.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(ServiceConfig.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
    }
}
