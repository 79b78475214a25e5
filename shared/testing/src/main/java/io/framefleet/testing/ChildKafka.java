package io.framefleet.testing;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.FleetEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real single-node Kafka (KRaft) as a child process, started from the class path infra/kafka-broker lays out,
 * with the topics a test needs; and the clients a worker's integration test talks to it with. Each start costs
 * seconds on two cores, so one per test class.
 */
public final class ChildKafka implements AutoCloseable {

    /** How long {@link #await} waits for a wanted record. */
    public static final Duration WAIT = Duration.ofSeconds(90);

    private final Process process;
    private final Path directory;
    private final String bootstrapServers;

    private ChildKafka(Process process, Path directory, String bootstrapServers) {
        this.process = process;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker with its data and log under {@code directory} and creates {@code topics} (one partition
     * each); returns once they exist.
     *
     * @param brokerLib  the broker's class path folder (infra/kafka-broker/target/lib)
     * @param buildHint  the command that builds it, for the message when it is missing
     */
    public static ChildKafka start(Path brokerLib, String buildHint, Path directory, List<String> topics) {
        if (!Files.isDirectory(brokerLib)) {
            throw new IllegalStateException("no Kafka broker class path at " + brokerLib.toAbsolutePath().normalize()
                    + "; build it with " + buildHint);
        }
        Process process = null;
        try {
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
            String classPath = brokerLib.toAbsolutePath() + "/*" + File.pathSeparator + ownClasses();
            process = new ProcessBuilder(java.toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, KafkaChildMain.class.getName(), properties.toString(),
                    Uuid.randomUuid().toString(), logDir.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("kafka.log").toFile()).start();
            ChildKafka kafka = new ChildKafka(process, directory, "127.0.0.1:" + port);
            kafka.awaitTopics(topics);
            return kafka;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (process != null) {
                new ChildKafka(process, directory, null).close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the test's Kafka broker (log in " + directory + ")", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A consumer of {@code topic} that has joined and sits at the end, so "latest" misses nothing sent after. */
    public KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** Publishes {@code event} as a CloudEvent in binary mode, keyed by its job, and waits for the broker's ack. */
    public void send(String topic, FleetEvent event) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.jobId(), CloudEvents.toJson(event));
            CloudEvents.headers(event, "framefleet/test").forEach((k, v) -> record.headers().add(k, v));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    public static FleetEvent awaitEvent(KafkaConsumer<String, String> consumer, Predicate<FleetEvent> wanted) {
        return parse(await(consumer, record -> wanted.test(parse(record))));
    }

    public static FleetEvent parse(ConsumerRecord<String, String> record) {
        return CloudEvents.parse(new String(record.headers().lastHeader(CloudEvents.H_TYPE).value(),
                StandardCharsets.UTF_8), record.value());
    }

    public static ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
                                                       Predicate<ConsumerRecord<String, String>> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                if (wanted.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing wanted arrived within " + WAIT);
    }

    private void awaitTopics(List<String> topics) throws InterruptedException {
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
                    admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
                            .all().get(10, TimeUnit.SECONDS);
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
    public void close() {
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
