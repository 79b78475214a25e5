import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.framefleet.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Entry point of the framefleet/kafka image: a single-node KRaft broker (broker and controller
 * in one JVM) that creates the fleet's topics itself once it answers, so a compose file or a
 * test needs no separate init container. The topic list is read from the contracts jar on the
 * class path ({@link Topics#all()}), the one list the services and the local fleet use too.
 *
 * <p>Configured by environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
 * KAFKA_LISTEN_HOST (0.0.0.0), KAFKA_ADVERTISED_HOST (127.0.0.1), KAFKA_DATA (/var/lib/kafka),
 * KAFKA_PARTITIONS (3), FRAMEFLEET_CREATE_TOPICS (true).
 *
 * <p>Once the topics exist it writes {@link #TOPICS_READY}; compose's health check tests for
 * that file, so no service subscribes (and auto-creates a topic uncompacted) before.
 */
public final class KafkaNode {

    static final Path TOPICS_READY = Path.of("/tmp/framefleet-topics-ready");

    private KafkaNode() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(env("KAFKA_CONTROLLER_PORT", "9093"));
        String listenHost = env("KAFKA_LISTEN_HOST", "0.0.0.0");
        String advertisedHost = env("KAFKA_ADVERTISED_HOST", "127.0.0.1");
        Path data = Path.of(env("KAFKA_DATA", "/var/lib/kafka"));
        int partitions = Integer.parseInt(env("KAFKA_PARTITIONS", "3"));
        Files.deleteIfExists(TOPICS_READY);
        Path logDir = Files.createDirectories(data.resolve("log"));
        Path properties = data.resolve("server.properties");
        Files.writeString(properties, serverProperties(port, controllerPort, listenHost, advertisedHost, logDir, partitions),
                StandardCharsets.UTF_8);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // A static voter set (controller.quorum.voters) and no --standalone, so a restart
            // with the same volume finds its quorum from the properties, never from the log.
            Method format = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class);
            int exitCode = (int) format.invoke(null, (Object) new String[] {
                "format", "--config", properties.toString(), "--cluster-id", Uuid.randomUuid().toString(),
                "--ignore-formatted"}, System.out);
            if (exitCode != 0) {
                System.err.println("kafka storage format failed with exit code " + exitCode);
                System.exit(exitCode);
            }
        }
        if (Boolean.parseBoolean(env("FRAMEFLEET_CREATE_TOPICS", "true"))) {
            Thread topics = new Thread(() -> createTopics("127.0.0.1:" + port, partitions), "framefleet-topics");
            topics.setDaemon(true);
            topics.start();
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {properties.toString()});
    }

    /**
     * Creates every topic before a service subscribes: a consumer's metadata request would
     * otherwise auto-create framefleet.planner.state without compaction. Exits the JVM when
     * the topics cannot be made, so the container fails instead of serving a half-made broker.
     */
    private static void createTopics(String bootstrap, int partitions) {
        awaitListener(bootstrap);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
            admin.describeCluster().nodes().get(120, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String name : Topics.all()) {
                Map<String, String> config = name.equals(Topics.PLANNER_STATE)
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        : Map.of();
                topics.add(new NewTopic(name, partitions, (short) 1).configs(config));
            }
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            Files.writeString(TOPICS_READY, String.valueOf(topics.size()));
            // The container suite waits for this line.
            System.out.println("framefleet: " + topics.size() + " topics ready");
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("framefleet: topics could not be created; stopping the broker");
            System.exit(3);
        }
    }

    /** A plain connect first: an admin client logs a warning for every refused attempt. */
    private static void awaitListener(String bootstrap) {
        String host = bootstrap.substring(0, bootstrap.lastIndexOf(':'));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static String serverProperties(int port, int controllerPort, String listenHost, String advertisedHost, Path logDir,
                                   int partitions) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://" + listenHost + ":" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + advertisedHost + ":" + port,
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
                // As the local fleet's broker: a topic a service names outside Topics.all() still works.
                "auto.create.topics.enable=true",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
