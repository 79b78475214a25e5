package io.framefleet.fleet;

import io.framefleet.fleet.process.ChildProcess;
import io.framefleet.fleet.process.ClassDataArchive;
import io.framefleet.fleet.process.JavaCommand;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One Quarkus service of the fleet, run from its {@code quarkus-run.jar}, ready when its health says so. */
public final class ServiceProcess implements AutoCloseable {

    public static final String INGEST = "ingest";
    /** Every service, in the order they are started. */
    public static final List<String> NAMES = List.of(INGEST, "planner", "keyframe", "interpolator", "superres",
            "evaluator");
    /** Services that take stage tasks from a consumer group and may run as several processes. */
    public static final List<String> WORKERS = List.of("keyframe", "interpolator", "superres", "evaluator");
    /** Services that only route events and hold job state: no hot loops of their own. */
    static final List<String> CONTROL_PLANE = List.of(INGEST, "planner");
    /**
     * For {@link #CONTROL_PLANE}: the client compiler only and the serial collector, which start on about 40% less
     * CPU (6.8 against 4.0 CPU-seconds for the planner to start and settle for 2 s here); the fleet's six services
     * start at once on the machine's cores, so that is CPU the others start on.
     */
    static final List<String> CONTROL_PLANE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Heap of a service when the machine has room for it; {@link Fleet} gives less when many processes share it. */
    public static final int DEFAULT_HEAP_MB = 768;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final ChildProcess process;
    private final ClassDataArchive archive;
    private final boolean writesArchive;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> systemProperties,
                          Map<String, String> environment, Path logFile) {
        this(name, jar, port, DEFAULT_HEAP_MB, systemProperties, environment, logFile, null, false);
    }

    /**
     * @param name          the process's name: the service's, or {@code <service>-<i>} for its i-th replica
     * @param heapMb        maximum Java heap; models and FFmpeg buffers live outside it
     * @param archive       the service's class-data archive, or null for none
     * @param writesArchive whether this process writes the archive when there is none yet (one replica should)
     */
    public ServiceProcess(String name, Path jar, int port, int heapMb, Map<String, String> systemProperties,
                          Map<String, String> environment, Path logFile, ClassDataArchive archive,
                          boolean writesArchive) {
        this.name = name;
        this.port = port;
        this.archive = archive;
        JavaCommand java = new JavaCommand().jvmOption("-Xmx" + heapMb + "m");
        if (CONTROL_PLANE.contains(name)) {
            CONTROL_PLANE_JVM_OPTIONS.forEach(java::jvmOption);
        }
        List<String> archiveOptions = archive == null ? List.of() : archive.jvmOptions(writesArchive);
        archiveOptions.forEach(java::jvmOption);
        this.writesArchive = archiveOptions.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        List<String> command = java
                .systemProperties(systemProperties)
                .systemProperty("quarkus.http.port", Integer.toString(port))
                .jar(jar)
                .build();
        this.process = new ChildProcess(name, command, environment, logFile);
    }

    public void start() throws IOException {
        process.start();
    }

    /** Waits for {@code GET /q/health/ready} to answer 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        process.awaitReady(() -> HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200, timeout);
    }

    /** Kills the service with SIGKILL, as a crash or an evicted pod would end. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the service again on the same port with the same settings and waits until it is ready. */
    public void restart(Duration timeout) throws IOException, InterruptedException {
        process.stop(ChildProcess.STOP_GRACE);
        commitArchive();
        process.start();
        awaitReady(timeout);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://localhost:" + port);
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
        commitArchive();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process has ended. */
    public void stop(Duration grace) throws InterruptedException {
        process.stop(grace);
        commitArchive();
    }

    /** Whether this process writes its service's class-data archive when it exits normally. */
    public boolean writesArchive() {
        return writesArchive;
    }

    private void commitArchive() {
        if (archive != null && !process.isAlive()) {
            archive.commit(process.exitCode());
        }
    }
}
