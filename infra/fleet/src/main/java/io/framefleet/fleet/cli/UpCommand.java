package io.framefleet.fleet.cli;

import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.FleetHome;
import io.framefleet.fleet.FleetSettings;
import io.framefleet.fleet.StoreType;
import io.framefleet.fleet.process.FreePorts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Starts the fleet and keeps it running until Ctrl-C. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = "Starts Kafka, the object store and every service, and runs them until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "local|s3", defaultValue = "local",
            description = "Object store of the fleet: a local folder or S3Mock. Default: ${DEFAULT-VALUE}.")
    StoreType store;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port of the ingest API. Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 1..65535, not " + port);
        }
        if (FreePorts.accepting(port)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "port " + port + " is in use; pick another with --port");
        }
        long started = System.nanoTime();
        FleetHome home = FleetHome.locate();
        Path runDirectory = home.runs().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        System.err.println("framefleet: starting the fleet (" + store.id() + " store) in " + runDirectory);
        Fleet fleet;
        try {
            fleet = Fleet.start(home, FleetSettings.of(store, port, runDirectory));
        } catch (IllegalStateException | IOException e) {
            System.err.println("framefleet: the fleet did not start: " + e.getMessage());
            return EnhanceCommand.FLEET_FAILED;
        }
        System.out.printf(Locale.ROOT, "framefleet is up (%.1f s); Ctrl-C stops it%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  API      " + fleet.ingestUri() + "  (POST /v1/jobs, GET /v1/jobs/{id}, /q/health)");
        var storage = fleet.storageSettings();
        if (storage.isLocal()) {
            System.out.println("  inbox    " + storage.localRoot().resolve(Fleet.INBOX_BUCKET) + "  (local store, one folder per bucket)");
        } else {
            System.out.println("  S3       " + storage.endpoint() + "  (path-style, region " + storage.region()
                    + ", buckets " + String.join(", ", Fleet.BUCKETS) + ", any credentials)");
        }
        System.out.println("  Kafka    " + fleet.bootstrapServers());
        System.out.println("  topics   " + String.join(", ", fleet.topics()));
        System.out.println("  logs     " + fleet.logs());
        // The fleet's shutdown hook stops every child on Ctrl-C.
        new CountDownLatch(1).await();
        return 0;
    }
}
