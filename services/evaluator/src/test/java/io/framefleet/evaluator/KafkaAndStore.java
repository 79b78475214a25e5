package io.framefleet.evaluator;

import io.framefleet.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka as a child process, from the class path infra/kafka-broker lays out, with the topics
 * this service uses; and a fresh local object store. Each start costs seconds on two cores, so one per test class.
 */
public class KafkaAndStore implements QuarkusTestResourceLifecycleManager {

    static final Path BROKER_LIB = Path.of(System.getProperty("evaluator.test.kafka-broker-lib",
            "../../infra/kafka-broker/target/lib"));
    static String bootstrapServers;
    static Path storeRoot;
    private Process process;
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            if (!Files.isDirectory(BROKER_LIB)) {
                throw new IllegalStateException("no Kafka broker class path at " + BROKER_LIB.toAbsolutePath().normalize()
                        + "; build it with ./mvnw -B -o -q install -pl services/evaluator -am -DskipTests");
            }
            directory = Files.createTempDirectory("evaluator-it-");
            int port = freePort();
            int controllerPort = freePort();
            Path logDir = Files.createDirectories(directory.resolve("data"));
            Path properties = directory.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller", "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logDir, "num.partitions=1", "default.replication.factor=1",
                    "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0", ""));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            String classPath = BROKER_LIB.toAbsolutePath() + "/*" + File.pathSeparator + ownClasses();
            process = new ProcessBuilder(java.toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, KafkaChildMain.class.getName(), properties.toString(),
                    Uuid.randomUuid().toString(), logDir.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("kafka.log").toFile()).start();
            bootstrapServers = "127.0.0.1:" + port;
            awaitTopics();
            storeRoot = Files.createDirectories(directory.resolve("store"));
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", bootstrapServers);
            config.put("framefleet.storage.local-root", storeRoot.toString());
            String models = System.getProperty("evaluator.test.models");
            if (models != null) {
                config.put("framefleet.evaluator.model-folder", Path.of(models).toAbsolutePath().toString());
            }
            return config;
        } catch (IOException | InterruptedException e) {
            stop();
            throw new IllegalStateException("cannot start the test's Kafka broker (log in " + directory + ")", e);
        }
    }

    private void awaitTopics() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka child exited with " + process.exitValue()
                            + "; see " + directory.resolve("kafka.log"));
                }
                try {
                    admin.createTopics(List.of(new NewTopic(Topics.TASKS_GATE, 1, (short) 1),
                            new NewTopic(Topics.deadLetter(Topics.TASKS_GATE), 1, (short) 1),
                            new NewTopic(Topics.TASKS_EVALUATE, 1, (short) 1),
                            new NewTopic(Topics.deadLetter(Topics.TASKS_EVALUATE), 1, (short) 1),
                            new NewTopic(Topics.TASK_RESULTS, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not answer in 90 s; see " + directory.resolve("kafka.log"), e);
                    }
                    Thread.sleep(300);
                }
            }
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path ownClasses() {
        try {
            return Path.of(KafkaChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
