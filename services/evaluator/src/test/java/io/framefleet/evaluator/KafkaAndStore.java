package io.framefleet.evaluator;

import io.framefleet.contracts.Topics;
import io.framefleet.testing.ChildKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka as a child process with the topics this service uses, and a fresh local object store.
 */
public class KafkaAndStore implements QuarkusTestResourceLifecycleManager {

    static final Path BROKER_LIB = Path.of(System.getProperty("evaluator.test.kafka-broker-lib",
            "../../infra/kafka-broker/target/lib"));
    static ChildKafka kafka;
    static Path storeRoot;

    @Override
    public Map<String, String> start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("evaluator-it-");
            storeRoot = Files.createDirectories(directory.resolve("store"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the test's folders", e);
        }
        kafka = ChildKafka.start(BROKER_LIB, "./mvnw -B -o -q install -pl services/evaluator -am -DskipTests", directory,
                List.of(Topics.TASKS_GATE,
                        Topics.deadLetter(Topics.TASKS_GATE),
                        Topics.TASKS_EVALUATE,
                        Topics.deadLetter(Topics.TASKS_EVALUATE),
                        Topics.TASK_RESULTS));
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("framefleet.storage.local-root", storeRoot.toString());
        String models = System.getProperty("evaluator.test.models");
        if (models != null) {
            config.put("framefleet.evaluator.model-folder", Path.of(models).toAbsolutePath().toString());
        }
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
