package io.framefleet.fleet;

import io.framefleet.contracts.Topics;
import io.framefleet.fleet.process.ChildProcess;
import io.framefleet.fleet.process.ClassDataArchive;
import io.framefleet.fleet.process.FreePorts;
import io.framefleet.storage.StorageSettings;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

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
    /**
     * How long a service writing its class-data archive may take to stop: the archive is written after the service
     * has stopped, and several services writing at once on two cores took up to about 20 s.
     */
    static final Duration ARCHIVE_GRACE = Duration.ofSeconds(60);
    /** How long {@link #finish} lets a child stop by itself. */
    public static final Duration FINISH_GRACE = Duration.ofSeconds(1);

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
            fleet.startServices(home, jars);
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
        // Both start meanwhile; the topics exist before any service could auto-create them. (Starting the services
        // meanwhile too was slower on two cores: the broker then took three times as long to come up.)
        kafka.awaitReady(settings.startTimeout());
        if (s3 != null) {
            s3.awaitReady(settings.startTimeout());
        }
    }

    private void startServices(FleetHome home, Map<String, Path> jars) throws IOException, InterruptedException {
        Map<String, String> properties = serviceProperties();
        Map<String, String> environment = s3 == null ? Map.of() : Map.of(
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY,
                "AWS_REGION", S3Server.REGION);
        int heapMb = heapPerService(settings.processCount(), physicalMemoryMb());
        Map<String, ClassDataArchive> archives = new LinkedHashMap<>();
        for (var jar : jars.entrySet()) {
            // The quarkus-app folder: the runner jar and every library it loads.
            archives.put(jar.getKey(), ClassDataArchive.of(home.classDataArchives(), jar.getKey(),
                    List.of(jar.getValue().toAbsolutePath().getParent())));
        }
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
                        logFile(name), archives.get(service), replica == 1);
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
        stop(ChildProcess.STOP_GRACE);
    }

    /**
     * As {@link #close}, for a fleet whose work is over and whose state is not kept (a one-shot command's, once its
     * results are saved): each child gets {@link #FINISH_GRACE} after SIGTERM instead of {@link ChildProcess#STOP_GRACE}
     * before it is killed, but a service writing its class-data archive (on a normal exit only) gets
     * {@link #ARCHIVE_GRACE}.
     */
    public void finish() {
        stop(FINISH_GRACE);
    }

    private void stop(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Stopper> stoppers = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            Duration own = service.writesArchive() ? ARCHIVE_GRACE : grace;
            stoppers.add(new Stopper(service.name(), () -> service.stop(own)));
        }
        stopTogether(stoppers);
        List<Stopper> infrastructure = new ArrayList<>();
        if (kafka != null) {
            infrastructure.add(new Stopper("kafka", () -> kafka.stop(grace)));
        }
        if (s3 != null) {
            infrastructure.add(new Stopper("s3mock", () -> s3.stop(grace)));
        }
        stopTogether(infrastructure);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this close() is running from that very hook.
        }
    }

    /** One child to stop, by name for the message when that fails. */
    private record Stopper(String name, Stop stop) {
    }

    @FunctionalInterface
    private interface Stop {
        void run() throws Exception;
    }

    private static void stopTogether(List<Stopper> children) {
        List<Thread> threads = new ArrayList<>();
        for (Stopper child : children) {
            Thread thread = new Thread(() -> {
                try {
                    child.stop().run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    System.err.println("framefleet: stopping " + child.name() + " failed: " + e);
                }
            }, "framefleet-stop");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Deletes what a stopped fleet kept in its run folder (the broker's data, the store's buckets), keeping the
     * logs and spans: a one-shot command calls it once its outputs are saved elsewhere, since an enhance leaves
     * hundreds of megabytes of intermediate segments there. Refused while the fleet runs.
     *
     * @return bytes freed
     */
    public long discardData() throws IOException {
        if (!closed.get()) {
            throw new IllegalStateException("the fleet is still running");
        }
        long freed = 0;
        for (String data : List.of("kafka", "store", "s3")) {
            Path dir = settings.directory().resolve(data);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    freed += Files.isRegularFile(path) ? Files.size(path) : 0;
                    Files.delete(path);
                }
            }
        }
        return freed;
    }

    private Path localRoot() {
        return settings.directory().resolve("store");
    }

    private Path logFile(String name) {
        return logs().resolve(name + ".log");
    }
}
