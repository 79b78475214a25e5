package io.framefleet.storage;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for integration tests: S3Mock's Spring Boot exec jar run as a
 * child process (no Docker, no Spring on the test classpath). Register it with
 * {@code @RegisterExtension static final S3MockServer S3 = new S3MockServer();}.
 * <p>
 * S3Mock serves HTTPS on {@code server.port} and plain HTTP on {@code http.port}; tests use HTTP
 * on a free port and leave HTTPS on a random one so parallel builds never collide.
 */
public final class S3MockServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);

    private final Path jar;
    private final Path log;
    private Process process;
    private Path data;
    private Thread killOnExit;
    private URI endpoint;
    private Duration startupTime;

    public S3MockServer() {
        this(Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock-exec.jar")),
                Path.of(System.getProperty("s3mock.log", "target/s3mock.log")));
    }

    public S3MockServer(Path jar, Path log) {
        this.jar = jar.toAbsolutePath();
        this.log = log.toAbsolutePath();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public void start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock jar missing at " + jar
                    + ": run the build through 'verify' so maven-dependency-plugin copies it");
        }
        int port = freePort();
        data = Files.createDirectories(log.getParent()).resolve("s3mock-data-" + port);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A test server lives for seconds: C1 alone starts it a third faster or more (measured).
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-jar", jar.toString(),
                "--http.port=" + port,
                "--server.port=0",
                "--com.adobe.testing.s3mock.store.root=" + data);
        Files.writeString(log, String.join(" ", command) + System.lineSeparator());
        long started = System.nanoTime();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // If the test JVM dies before afterAll, do not leave a server holding ports and memory.
        killOnExit = new Thread(process::destroyForcibly, "s3mock-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitAnswer();
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("S3Mock answered on %s after %d ms (log: %s)%n", endpoint, startupTime.toMillis(), log);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Settings for this server; S3Mock ignores credentials but the SDK refuses to sign without any. */
    public StorageSettings settings() {
        return StorageSettings.s3(endpoint, "us-east-1", true).withStaticCredentials("test-key", "test-secret");
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; nothing left to undo.
        }
        process = null;
        deleteData();
    }

    /** S3Mock keeps what it stored in a root it did not create itself; each run would add to target/. */
    private void deleteData() {
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete S3Mock data in " + data + ": " + e);
        }
    }

    /** Any HTTP answer on the port means Tomcat and the S3 controllers are up. */
    private void awaitAnswer() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + " during startup; "
                        + "see " + log + ":\n" + tail(log));
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                // Refused, or accepted without a complete answer while Tomcat is still wiring up.
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("S3Mock did not answer on " + endpoint + " within " + STARTUP_LIMIT
                + "; see " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
