package io.framefleet.fleet;

import io.framefleet.contracts.Topics;
import io.framefleet.fleet.process.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One broker for the class (each start costs seconds on two cores); the last test closes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerIT {

    @TempDir
    static Path directory;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        long started = System.nanoTime();
        broker = KafkaBroker.start(FleetHome.locate(), directory);
        System.out.printf("kafka child ready with topics in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void shouldCreateEveryFleetTopicWithThreePartitions() throws Exception {
        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.all()).allTopicNames().get(10, TimeUnit.SECONDS);

            assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all());
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(KafkaBroker.PARTITIONS));
        }
    }

    @Test
    @Order(1)
    void shouldCompactOnlyThePlannerState() throws Exception {
        try (Admin admin = broker.admin()) {
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PLANNER_STATE);
            ConfigResource tasks = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TASKS_UPSCALE);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(state, tasks)).all().get(10, TimeUnit.SECONDS);

            assertThat(configs.get(state).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(configs.get(tasks).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    @Test
    @Order(2)
    void shouldDeliverARecordWithItsKeyAndHeadersToAConsumerGroup() throws Exception {
        ProducerRecord<String, String> sent = new ProducerRecord<>(Topics.JOB_STATUS, "job-1", "{\"state\":\"RUNNING\"}");
        sent.headers().add("ce_type", "io.framefleet.job.status.v1".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(sent).get(10, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.JOB_STATUS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("job-1");
            assertThat(record.value()).isEqualTo("{\"state\":\"RUNNING\"}");
            assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("io.framefleet.job.status.v1");
        });
    }

    @Test
    @Order(3)
    void shouldStopTheProcessAndFreeItsPortWhenClosed() {
        assertThat(FreePorts.accepting(broker.port())).isTrue();

        broker.close();

        assertThat(broker.process().isAlive()).isFalse();
        assertThat(FreePorts.accepting(broker.port())).isFalse();
    }
}
