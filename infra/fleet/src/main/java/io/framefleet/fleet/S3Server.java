package io.framefleet.fleet;

import io.framefleet.fleet.process.ChildProcess;
import io.framefleet.fleet.process.FreePorts;
import io.framefleet.fleet.process.JavaCommand;
import io.framefleet.storage.StorageSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Adobe's S3Mock run as a child JVM from its executable jar: an S3 endpoint over plain HTTP
 * on a free loopback port, storing objects under a folder. It accepts any credentials.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** S3Mock checks no signature; these only satisfy clients that insist on credentials. */
    public static final String ACCESS_KEY = "framefleet";
    public static final String SECRET_KEY = "framefleet-secret";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final String STORE = "--com.adobe.testing.s3mock.store.";

    private final ChildProcess process;
    private final int port;

    private S3Server(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts S3Mock storing under {@code root}, with {@code buckets} created, and waits until it answers. */
    public static S3Server start(FleetHome home, Path root, Path logFile, List<String> buckets)
            throws IOException, InterruptedException {
        S3Server server = launch(home, root, logFile, buckets);
        try {
            server.awaitReady(START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static S3Server launch(FleetHome home, Path root, Path logFile, List<String> buckets) throws IOException {
        Files.createDirectories(root);
        int port = FreePorts.next();
        List<String> command = new JavaCommand()
                .jvmOption("-Xmx384m")
                .jvmOption("-XX:+UseSerialGC")
                .jvmOption("-XX:TieredStopAtLevel=1")
                .systemProperty("java.awt.headless", "true")
                .jar(home.s3MockJar())
                // server.port is S3Mock's HTTPS connector; 0 keeps it off the well-known 9191.
                .argument("--server.port=0")
                .argument("--com.adobe.testing.s3mock.httpPort=" + port)
                .argument(STORE + "root=" + root.toAbsolutePath())
                .argument(STORE + "retainFilesOnExit=true")
                .argument(STORE + "region=" + REGION)
                .argument(STORE + "initialBuckets=" + String.join(",", buckets))
                .argument("--spring.main.banner-mode=off")
                .build();
        ChildProcess process = new ChildProcess("s3mock", command, Map.of(), logFile);
        process.start();
        return new S3Server(process, port);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // Listing the buckets also makes S3Mock create the initial ones (it initialises lazily).
        HttpRequest listBuckets = HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(10)).GET().build();
        process.awaitReady(() -> http.send(listBuckets, HttpResponse.BodyHandlers.discarding()).statusCode() == 200, timeout);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public ChildProcess process() {
        return process;
    }

    /** Settings for {@code ObjectStores.open} that reach this server. */
    public StorageSettings storageSettings() {
        return StorageSettings.s3(endpoint(), REGION, true).withStaticCredentials(ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() {
        process.close();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process has ended. */
    public void stop(java.time.Duration grace) throws InterruptedException {
        process.stop(grace);
    }
}
