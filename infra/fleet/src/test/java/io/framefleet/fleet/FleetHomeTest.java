package io.framefleet.fleet;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class FleetHomeTest {

    @Test
    void shouldFindTheCheckoutAboveTheModule() {
        FleetHome home = FleetHome.locate();

        assertThat(home.root().resolve("infra/fleet/pom.xml")).satisfies(pom -> assertThat(Files.isRegularFile(pom)).isTrue());
        assertThat(home.runs()).isEqualTo(home.root().resolve(".framefleet/run"));
    }
}
