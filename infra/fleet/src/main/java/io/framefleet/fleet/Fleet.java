package io.framefleet.fleet;

import io.framefleet.contracts.Topics;
import io.framefleet.fleet.process.ChildProcess;
import io.framefleet.fleet.process.FreePorts;
import io.framefleet.storage.StorageSettings;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * A worker service given more than one replica runs as that many processes: the first is
 * named after the service, the others {@code <service>-2}, {@code <service>-3}, … with their
 * own port and log, all in the service's consumer group, so Kafka spreads the task
 * partitions over them.
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
        kafka = KafkaBroker.launch(home, dir.resolve("kafka"), logFile("kafka"), settings.topicPartitions());
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
        int heapMb = heapPerService(settings.processCount(), physicalMemoryMb());
        for (var jar : jars.entrySet()) {
            String service = jar.getKey();
            for (int replica = 1; replica <= settings.replicasOf(service); replica++) {
                String name = replica == 1 ? service : service + "-" + replica;
                int port = name.equals(ServiceProcess.INGEST) && settings.ingestPort() > 0 ? settings.ingestPort() : FreePorts.next();
                Map<String, String> own = new LinkedHashMap<>(properties);
                if (ServiceProcess.WORKERS.contains(service)) {
                    // Results and logs say which process did a task (others have no worker settings and refuse it).
                    own.put("framefleet.worker.id", name);
                }
                ServiceProcess process = new ServiceProcess(name, jar.getValue(), port, heapMb, own, environment,
                        logFile(name));
                services.put(name, process);
                watch(process.process());
                process.start();
            }
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(settings.startTimeout());
        }
    }

    /**
     * Half the machine's memory shared by the service processes, after Kafka's 512 MiB, capped
     * at {@link ServiceProcess#DEFAULT_HEAP_MB}: the other half is left for what lives outside the
     * heap (libtorch, FFmpeg, thread stacks, the page cache of the store). Never below 384 MiB,
     * which one 1440x810 segment in flight needs.
     */
    static int heapPerService(int processes, long physicalMb) {
        long share = (physicalMb / 2 - 512) / Math.max(1, processes);
        return (int) Math.max(384, Math.min(ServiceProcess.DEFAULT_HEAP_MB, share));
    }

    private static long physicalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return 8192;
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

    /** The processes of one service: the service's own, then its replicas. */
    public List<ServiceProcess> replicas(String service) {
        return services.values().stream()
                .filter(p -> p.name().equals(service) || p.name().startsWith(service + "-"))
                .toList();
    }

    /** Every service process, in start order. */
    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public int partitions() {
        return kafka.partitions();
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
