package io.framefleet.containers;

import io.framefleet.storage.ObjectStore;
import io.framefleet.storage.ObjectStores;
import io.framefleet.storage.StorageSettings;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet run from its images: Kafka, S3Mock and the six services, each a container on the
 * host network (no registry image can be pulled here, and host networking needs no bridge NAT),
 * each on a free port and configured through environment variables only, as k8s and compose
 * configure them. Container logs are written to {@code target/container-logs} on close.
 */
final class ContainerFleet implements AutoCloseable {

    static final Duration KAFKA_START = Duration.ofMinutes(2);
    static final Duration SERVICE_START = Duration.ofMinutes(4);
    /** S3Mock checks no signature; any key pair works. */
    static final String ACCESS_KEY = "framefleet";
    static final String SECRET_KEY = "framefleet-secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final Set<Integer> taken = new HashSet<>();
    private final Path logs;
    private int kafkaPort;
    private int s3Port;
    private ObjectStore store;

    ContainerFleet(Path logs) {
        this.logs = logs;
    }

    /** Starts every container and returns once each service answers ready. */
    ContainerFleet start() throws IOException, InterruptedException {
        kafkaPort = freePort();
        s3Port = freePort();
        GenericContainer<?> kafka = container("kafka")
                .withEnv("KAFKA_PORT", String.valueOf(kafkaPort))
                .withEnv("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()))
                .withEnv("KAFKA_LISTEN_HOST", "127.0.0.1")
                .withEnv("KAFKA_ADVERTISED_HOST", "127.0.0.1")
                .waitingFor(Wait.forLogMessage(".*framefleet: \\d+ topics ready.*\\n", 1).withStartupTimeout(KAFKA_START));
        GenericContainer<?> s3 = container("s3mock")
                .withEnv("S3MOCK_PORT", String.valueOf(s3Port))
                .waitingFor(Wait.forLogMessage(".*Started S3MockApplication.*\\n", 1).withStartupTimeout(KAFKA_START));
        // Both start together: their JVM starts dominate and overlap well on two cores.
        s3.withStartupAttempts(1);
        Thread s3Start = new Thread(s3::start, "s3mock-start");
        s3Start.start();
        kafka.start();
        s3Start.join();
        if (!s3.isRunning()) {
            throw new IllegalStateException("S3Mock did not start; see " + logs);
        }
        // Listing the buckets makes S3Mock create the initial ones (it initialises lazily).
        awaitHttp("s3mock", s3Endpoint().resolve("/"), Duration.ofSeconds(60));
        store = ObjectStores.open(storageSettings());

        for (String name : FleetImages.SERVICE_PORTS.keySet()) {
            int port = freePort();
            servicePorts.put(name, port);
            container(name)
                    .withEnv("QUARKUS_HTTP_PORT", String.valueOf(port))
                    .withEnv("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort)
                    .withEnv("FRAMEFLEET_STORAGE_TYPE", "s3")
                    .withEnv("FRAMEFLEET_STORAGE_ENDPOINT", s3Endpoint().toString())
                    .withEnv("FRAMEFLEET_STORAGE_PATH_STYLE", "true")
                    .withEnv("FRAMEFLEET_STORAGE_REGION", "us-east-1")
                    .withEnv("FRAMEFLEET_BUCKETS_INBOX", "inbox")
                    .withEnv("FRAMEFLEET_BUCKETS_WORK", "work")
                    .withEnv("FRAMEFLEET_BUCKETS_OUTPUTS", "outputs")
                    .withEnv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
                    .withEnv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
                    .withEnv("AWS_REGION", "us-east-1")
                    // Six JVMs on a small machine: keep each heap modest.
                    .withEnv("JAVA_TOOL_OPTIONS", "-Xmx768m -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true")
                    .withEnv(extraServiceEnv())
                    .start();
        }
        for (String name : FleetImages.SERVICE_PORTS.keySet()) {
            awaitHttp(name, serviceUri(name, "/q/health/ready"), SERVICE_START);
        }
        return this;
    }

    /**
     * Settings given to every service on top of the above, from {@code -Dframefleet.containers.env=K=V,K=V}:
     * to try a setting without editing the suite.
     */
    static Map<String, String> extraServiceEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        String spec = System.getProperty("framefleet.containers.env", "");
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return env;
    }

    private GenericContainer<?> container(String name) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(FleetImages.image(name)))
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> cmd.withName("framefleet-it-" + name + "-" + ProcessHandle.current().pid()));
        containers.put(name, container);
        return container;
    }

    private void awaitHttp(String name, URI uri, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            GenericContainer<?> container = containers.get(name);
            if (container != null && !container.isRunning()) {
                throw new IllegalStateException(name + " exited; its log:\n" + tail(container.getLogs(), 4000));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready at " + uri + " within " + timeout + ": " + tail(last, 2000));
    }

    private int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    URI serviceUri(String name, String path) {
        return URI.create("http://127.0.0.1:" + servicePorts.get(name) + path);
    }

    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    StorageSettings storageSettings() {
        return StorageSettings.s3(s3Endpoint(), "us-east-1", true).withStaticCredentials(ACCESS_KEY, SECRET_KEY);
    }

    ObjectStore store() {
        return store;
    }

    List<String> names() {
        return new ArrayList<>(containers.keySet());
    }

    /** The container's log so far (stdout and stderr). */
    String logs(String name) {
        return containers.get(name).getLogs();
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
        List<String> names = new ArrayList<>(containers.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            GenericContainer<?> container = containers.get(name);
            try {
                if (container.getContainerId() != null) {
                    Files.createDirectories(logs);
                    Files.writeString(logs.resolve(name + ".log"), container.getLogs(), StandardCharsets.UTF_8);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("could not save the log of " + name + ": " + e);
            }
            container.stop();
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
    }
}
