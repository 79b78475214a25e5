package io.framefleet.fleet;

import io.framefleet.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replicas of a worker service are separate processes sharing its consumer group and the task partitions. */
class ReplicasFleetIT {

    private static final String GROUP = "framefleet-interpolator";

    @TempDir
    Path directory;

    @Test
    void shouldSplitTheTaskPartitionsBetweenTheReplicasOfAWorker() throws Exception {
        FleetSettings settings = FleetSettings.of(StoreType.LOCAL, 0, directory).withReplicas("interpolator", 2)
                .withPartitions(4);
        Fleet ran;
        try (Fleet fleet = Fleet.start(FleetHome.locate(), settings);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers()))) {
            ran = fleet;
            assertThatThrownBy(fleet::discardData).isInstanceOf(IllegalStateException.class);
            assertThat(fleet.replicas("interpolator")).extracting(ServiceProcess::name)
                    .containsExactly("interpolator", "interpolator-2");
            assertThat(fleet.replicas("interpolator")).extracting(ServiceProcess::port).doesNotHaveDuplicates();
            assertThat(fleet.replicas("superres")).hasSize(1);
            assertThat(Files.isRegularFile(fleet.logs().resolve("interpolator-2.log"))).isTrue();
            assertThat(admin.describeTopics(List.of(Topics.TASKS_INTERPOLATE)).allTopicNames().get()
                    .get(Topics.TASKS_INTERPOLATE).partitions()).hasSize(4);

            // Both members hold task partitions once the group has settled; together they hold all four.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Set<TopicPartition> assigned = new HashSet<>();
            List<MemberDescription> members = List.of();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                        .all().get(10, TimeUnit.SECONDS).get(GROUP);
                members = group.members().stream()
                        .filter(m -> m.assignment().topicPartitions().stream()
                                .anyMatch(tp -> tp.topic().equals(Topics.TASKS_INTERPOLATE)))
                        .toList();
                assigned.clear();
                members.forEach(m -> m.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(Topics.TASKS_INTERPOLATE)).forEach(assigned::add));
                if (members.size() == 2 && assigned.size() == 4) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(members).hasSize(2);
            assertThat(assigned).hasSize(4);
        }
        // Stopped, a fleet's run folder can drop its data (what one-shot commands do) and keep its logs.
        assertThat(ran.discardData()).isPositive();
        assertThat(directory.resolve("kafka")).doesNotExist();
        assertThat(directory.resolve("store")).doesNotExist();
        assertThat(ran.logs().resolve("interpolator-2.log")).isRegularFile();
    }
}
