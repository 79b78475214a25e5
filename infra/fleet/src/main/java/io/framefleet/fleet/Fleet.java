package io.framefleet.fleet;

import io.framefleet.contracts.Topics;
import io.framefleet.fleet.process.ChildProcess;
import io.framefleet.fleet.process.FreePorts;
import io.framefleet.storage.StorageSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole fleet on one machine: a Kafka broker, the object store (a folder, or S3Mock) and
 * every service, each a child process with its log in {@code <directory>/logs/<name>.log}.
 *
 * <p>Children never outlive this process: {@link #close} stops them (also from a shutdown
 * hook on Ctrl-C), and each child carries the {@link io.framefleet.fleet.child.ParentWatch}
 * agent, which ends it when this JVM disappears without running its hooks (kill -9, crash).
 */
public final class Fleet implements AutoCloseable {

    public static final String INBOX_BUCKET = "inbox";
    public static final String WORK_BUCKET = "work";
    public static final String OUTPUTS_BUCKET = "outputs";
    public static final List<String> BUCKETS = List.of(INBOX_BUCKET, WORK_BUCKET, OUTPUTS_BUCKET);

    private final FleetSettings settings;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "framefleet-shutdown");
    private KafkaBroker kafka;
    private S3Server s3;

    private Fleet(FleetSettings settings) {
        this.settings = settings;
    }

    /** Starts every child and returns once all of them are ready; stops what it started if one fails. */
    public static Fleet start(FleetHome home, FleetSettings settings) throws IOException, InterruptedException {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String name : ServiceProcess.NAMES) {
            jars.put(name, home.serviceJar(name));
        }
        Fleet fleet = new Fleet(settings);
        Runtime.getRuntime().addShutdownHook(fleet.shutdownHook);
        try {
            fleet.startInfrastructure(home);
            fleet.startServices(jars);
        } catch (IOException | InterruptedException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void startInfrastructure(FleetHome home) throws IOException, InterruptedException {
        Path dir = settings.directory();
        kafka = KafkaBroker.launch(home, dir.resolve("kafka"), logFile("kafka"));
        watch(kafka.process());
        if (settings.store() == StoreType.S3) {
            s3 = S3Server.launch(home, dir.resolve("s3"), logFile("s3mock"), BUCKETS);
            watch(s3.process());
        } else {
            for (String bucket : BUCKETS) {
                Files.createDirectories(localRoot().resolve(bucket));
            }
        }
        // Both start meanwhile; the topics exist before any service could auto-create them.
        kafka.awaitReady(settings.startTimeout());
        if (s3 != null) {
            s3.awaitReady(settings.startTimeout());
        }
    }

    private void startServices(Map<String, Path> jars) throws IOException, InterruptedException {
        Map<String, String> properties = serviceProperties();
        Map<String, String> environment = s3 == null ? Map.of() : Map.of(
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY,
                "AWS_REGION", S3Server.REGION);
        for (var jar : jars.entrySet()) {
            String name = jar.getKey();
            int port = name.equals(ServiceProcess.INGEST) && settings.ingestPort() > 0 ? settings.ingestPort() : FreePorts.next();
            ServiceProcess service = new ServiceProcess(name, jar.getValue(), port, properties, environment, logFile(name));
            services.put(name, service);
            watch(service.process());
            service.start();
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(settings.startTimeout());
        }
    }

    private Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("framefleet.storage.type", settings.store().id());
        if (s3 == null) {
            properties.put("framefleet.storage.local-root", localRoot().toString());
        } else {
            properties.put("framefleet.storage.endpoint", s3.endpoint().toString());
        }
        properties.put("framefleet.storage.path-style", "true");
        properties.put("framefleet.storage.region", S3Server.REGION);
        properties.put("framefleet.buckets.inbox", INBOX_BUCKET);
        properties.put("framefleet.buckets.work", WORK_BUCKET);
        properties.put("framefleet.buckets.outputs", OUTPUTS_BUCKET);
        // Every service appends its finished spans here, so a run's traces can be read without a collector.
        properties.put("framefleet.tracing.spans-dir", settings.directory().resolve("spans").toString());
        return properties;
    }

    private static void watch(ChildProcess child) {
        child.onUnexpectedExit(ended -> System.err.println("framefleet: " + ended.name() + " exited unexpectedly with code "
                + ended.exitCode() + "; see " + ended.logFile()));
    }

    public URI ingestUri() {
        return service(ServiceProcess.INGEST).uri();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Settings for {@code ObjectStores.open} that reach the store the services use. */
    public StorageSettings storageSettings() {
        return s3 != null ? s3.storageSettings()
                : StorageSettings.local(localRoot());
    }

    public FleetSettings settings() {
        return settings;
    }

    public Path logs() {
        return settings.directory().resolve("logs");
    }

    public List<String> topics() {
        return Topics.all();
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new NoSuchElementException("no service " + name + "; services: " + services.keySet());
        }
        return service;
    }

    /** SIGKILLs one service, as a crash would. */
    public void kill(String name) throws InterruptedException {
        service(name).kill();
    }

    /** Starts a service again (after {@link #kill} or not) and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        service(name).restart(settings.startTimeout());
    }

    /** Stops the services first (they may still commit offsets), then Kafka and the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeTogether(new ArrayList<AutoCloseable>(services.values()));
        List<AutoCloseable> infrastructure = new ArrayList<>();
        if (kafka != null) {
            infrastructure.add(kafka);
        }
        if (s3 != null) {
            infrastructure.add(s3);
        }
        closeTogether(infrastructure);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this close() is running from that very hook.
        }
    }

    private static void closeTogether(List<AutoCloseable> children) {
        List<Thread> stoppers = new ArrayList<>();
        for (AutoCloseable child : children) {
            Thread stopper = new Thread(() -> {
                try {
                    child.close();
                } catch (Exception e) {
                    System.err.println("framefleet: stopping " + child + " failed: " + e);
                }
            }, "framefleet-stop");
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Path localRoot() {
        return settings.directory().resolve("store");
    }

    private Path logFile(String name) {
        return logs().resolve(name + ".log");
    }
}
