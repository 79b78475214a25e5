package io.framefleet.keyframe;

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

    static final Path BROKER_LIB = Path.of(System.getProperty("keyframe.test.kafka-broker-lib",
            "../../infra/kafka-broker/target/lib"));
    static ChildKafka kafka;
    static Path storeRoot;

    @Override
    public Map<String, String> start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("keyframe-it-");
            storeRoot = Files.createDirectories(directory.resolve("store"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the test's folders", e);
        }
        kafka = ChildKafka.start(BROKER_LIB, "./mvnw -B -o -q install -pl services/keyframe -am -DskipTests", directory,
                List.of(Topics.TASKS_KEYFRAME,
                        Topics.deadLetter(Topics.TASKS_KEYFRAME),
                        Topics.TASK_RESULTS));
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("framefleet.storage.local-root", storeRoot.toString());
        config.put("framefleet.keyframe.max-batch", "8");
        String models = System.getProperty("keyframe.test.models");
        if (models != null) {
            config.put("framefleet.keyframe.model-folder", Path.of(models).toAbsolutePath().toString());
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
