package io.framefleet.fleet.cli;

import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.FleetSettings;
import io.framefleet.fleet.StoreType;
import io.framefleet.fleet.process.FreePorts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Starts the fleet and keeps it running until Ctrl-C. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = "Starts Kafka, the object store and every service, and runs them until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    /** The inbox prefix ingest watches (framefleet.ingest.inbox-watch.prefix). */
    static final String INBOX_PREFIX = "drop/";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "local|s3", defaultValue = "local",
            description = "Object store of the fleet: a local folder or S3Mock. Default: ${DEFAULT-VALUE}.")
    StoreType store;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port of the ingest API. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--replicas", paramLabel = "SERVICE=N", split = ",",
            description = "Processes of a worker service (keyframe, interpolator, superres, evaluator), e.g. superres=4.")
    Map<String, Integer> replicas = new LinkedHashMap<>();

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Partitions of every topic. Default: 3, or the largest --replicas count if more.")
    int partitions;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 1..65535, not " + port);
        }
        if (FreePorts.accepting(port)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "port " + port + " is in use; pick another with --port");
        }
        FleetSettings settings;
        try {
            settings = FleetSettings.of(store, port, Path.of(".")).withPartitions(partitions);
            for (var entry : replicas.entrySet()) {
                settings = settings.withReplicas(entry.getKey(), entry.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        FleetStart.Started run = FleetStart.start(settings);
        if (run == null) {
            return EnhanceCommand.FLEET_FAILED;
        }
        Fleet fleet = run.fleet();
        System.out.printf(Locale.ROOT, "framefleet is up (%.1f s); Ctrl-C stops it%n", run.took().toMillis() / 1e3);
        System.out.println("  API      " + fleet.ingestUri()
                + "  (POST /v1/jobs, POST /v1/prompts, GET /v1/jobs/{id}, /q/health)");
        var storage = fleet.storageSettings();
        if (storage.isLocal()) {
            Path drop = storage.localRoot().resolve(Fleet.INBOX_BUCKET).resolve(INBOX_PREFIX);
            Files.createDirectories(drop);
            System.out.println("  inbox    " + drop + "  (copy videos here; local store, one folder per bucket)");
            System.out.println("  outputs  " + storage.localRoot().resolve(Fleet.OUTPUTS_BUCKET));
        } else {
            System.out.println("  S3       " + storage.endpoint() + "  (path-style, region " + storage.region()
                    + ", buckets " + String.join(", ", Fleet.BUCKETS) + ", any credentials)");
            System.out.println("  inbox    s3://" + Fleet.INBOX_BUCKET + "/" + INBOX_PREFIX + "  (put videos here)");
        }
        System.out.println("  Kafka    " + fleet.bootstrapServers());
        System.out.println("  topics   " + String.join(", ", fleet.topics()));
        System.out.println("  workers  " + fleet.services().stream().map(p -> p.name()).toList()
                + ", " + fleet.partitions() + " partitions a topic");
        System.out.println("  logs     " + fleet.logs());
        // The fleet's shutdown hook stops every child on Ctrl-C.
        new CountDownLatch(1).await();
        return 0;
    }
}
