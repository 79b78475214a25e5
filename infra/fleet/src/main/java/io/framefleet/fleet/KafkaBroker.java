package io.framefleet.fleet;

import io.framefleet.contracts.Topics;
import io.framefleet.fleet.child.KafkaServerMain;
import io.framefleet.fleet.process.ChildProcess;
import io.framefleet.fleet.process.FreePorts;
import io.framefleet.fleet.process.JavaCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka (broker and controller in one process) run as a child JVM from
 * the broker class path that infra/kafka-broker lays out. The fleet's topics are created
 * once it answers; {@link Topics#PLANNER_STATE} is compacted.
 *
 * <p>Every topic gets the same partition count: a consumer group hands each partition to one
 * member, so a worker service with more processes than its task topic has partitions leaves
 * the extra ones idle. Tasks are keyed by job id, so more partitions than processes also
 * spread a handful of jobs more evenly.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Partitions when none are asked for ({@link FleetSettings#DEFAULT_PARTITIONS}). */
    public static final int PARTITIONS = FleetSettings.DEFAULT_PARTITIONS;
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final int port;
    private final Path directory;
    private final int partitions;

    private KafkaBroker(ChildProcess process, int port, Path directory, int partitions) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.partitions = partitions;
    }

    /** Starts the broker in {@code directory} and returns once every topic exists. */
    public static KafkaBroker start(FleetHome home, Path directory) throws IOException, InterruptedException {
        KafkaBroker broker = launch(home, directory, directory.resolve("kafka.log"), PARTITIONS);
        try {
            broker.awaitReady(START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Starts the process without waiting, so other children can start meanwhile. */
    static KafkaBroker launch(FleetHome home, Path directory, Path logFile, int partitions) throws IOException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive but were " + partitions);
        }
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path logDir = directory.resolve("data");
        Files.createDirectories(logDir);
        Path serverProperties = directory.resolve("server.properties");
        Files.writeString(serverProperties, serverProperties(port, controllerPort, logDir, partitions), StandardCharsets.UTF_8);
        Path log4j = directory.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J_CONFIG, StandardCharsets.UTF_8);

        List<String> command = new JavaCommand()
                .jvmOption("-Xmx512m")
                .jvmOption("-XX:+UseSerialGC")
                // C1 only: less JIT work competing with the services for two cores while everything starts.
                .jvmOption("-XX:TieredStopAtLevel=1")
                .systemProperty("log4j2.configurationFile", log4j.toString())
                .systemProperty("java.awt.headless", "true")
                .main(List.of(home.brokerLibraries().resolve("*"), codeSource()), KafkaServerMain.class.getName())
                .argument(serverProperties.toString())
                .argument(Uuid.randomUuid().toString())
                .argument(logDir.toString())
                .build();
        ChildProcess process = new ChildProcess("kafka", command, Map.of(), logFile);
        process.start();
        return new KafkaBroker(process, port, directory, partitions);
    }

    /** Waits until the broker answers an admin client, then creates the fleet's topics. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A plain connect first: an admin client would log a warning for every refused attempt.
        process.awaitReady(() -> FreePorts.accepting(port), timeout);
        try (Admin admin = admin()) {
            process.awaitReady(() -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            createTopics(admin, partitions);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int partitions() {
        return partitions;
    }

    public Path directory() {
        return directory;
    }

    public ChildProcess process() {
        return process;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    @Override
    public void close() {
        process.close();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process has ended. */
    public void stop(java.time.Duration grace) throws InterruptedException {
        process.stop(grace);
    }

    private static void createTopics(Admin admin, int partitions) throws InterruptedException {
        List<NewTopic> topics = Topics.all().stream()
                .map(name -> new NewTopic(name, partitions, (short) 1).configs(topicConfig(name)))
                .toList();
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                }
            }
        }
    }

    static Map<String, String> topicConfig(String topic) {
        return topic.equals(Topics.PLANNER_STATE)
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of();
    }

    static String serverProperties(int port, int controllerPort, Path logDir, int partitions) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                // A static voter set: the quorum is read from here at each start, never from the log.
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=" + partitions,
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + partitions,
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=" + partitions,
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "auto.create.topics.enable=true",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
    }

    private static final String LOG4J_CONFIG = String.join("\n",
            "appender.out.type=Console",
            "appender.out.name=out",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=[%d] %p %m (%c)%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.out.ref=out",
            // Per-request and state-change chatter would bury the lines worth reading.
            "logger.request.name=kafka.request.logger",
            "logger.request.level=WARN",
            "logger.state.name=state.change.logger",
            "logger.state.level=WARN",
            "");

    /** Where {@link KafkaServerMain} is loaded from: the fleet's classes folder or jar. */
    private static Path codeSource() {
        try {
            return Path.of(KafkaServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the fleet's own classes", e);
        }
    }
}
