package io.framefleet.fleet;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetSettingsTest {

    private final FleetSettings plain = FleetSettings.of(StoreType.LOCAL, 0, Path.of("run"));

    @Test
    void shouldRunOneProcessPerServiceOnThreePartitionsByDefault() {
        assertThat(plain.replicasOf("superres")).isEqualTo(1);
        assertThat(plain.processCount()).isEqualTo(ServiceProcess.NAMES.size());
        assertThat(plain.topicPartitions()).isEqualTo(3);
    }

    @Test
    void shouldRaisePartitionsToTheLargestReplicaCount() {
        FleetSettings four = plain.withReplicas("superres", 4).withReplicas("interpolator", 2);
        assertThat(four.topicPartitions()).isEqualTo(4);
        assertThat(four.processCount()).isEqualTo(ServiceProcess.NAMES.size() + 3 + 1);
        assertThat(four.withPartitions(8).topicPartitions()).isEqualTo(8);
    }

    @Test
    void shouldRefuseFewerPartitionsThanReplicas() {
        assertThatThrownBy(() -> plain.withReplicas("superres", 4).withPartitions(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle");
    }

    @Test
    void shouldRefuseReplicasOfServicesThatAreNotWorkers() {
        assertThatThrownBy(() -> plain.withReplicas("planner", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("planner");
        assertThatThrownBy(() -> plain.withReplicas("superres", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldShareHalfTheMemoryBetweenTheServicesWithinBounds() {
        // 24 GiB: six services get the full default, eighteen share (12288 - 512) / 18 = 654 MiB.
        assertThat(Fleet.heapPerService(6, 24 * 1024)).isEqualTo(768);
        assertThat(Fleet.heapPerService(18, 24 * 1024)).isEqualTo(654);
        assertThat(Fleet.heapPerService(18, 4 * 1024)).isEqualTo(384);
    }
}
