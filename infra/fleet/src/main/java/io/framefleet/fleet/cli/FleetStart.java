package io.framefleet.fleet.cli;

import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.FleetHome;
import io.framefleet.fleet.FleetSettings;
import io.framefleet.fleet.StoreType;
import io.framefleet.storage.ObjectStore;
import io.framefleet.storage.ObjectStores;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Starts a fleet for a CLI command in a new run folder, saying where and whether it worked; runs one-shot jobs on it. */
final class FleetStart {

    /** A started fleet and how long it took. */
    record Started(Fleet fleet, Duration took) {
    }

    private FleetStart() {
    }

    /** A one-shot command's job on a started fleet; returns the command's exit code. */
    @FunctionalInterface
    interface Job {
        int run(Fleet fleet, ObjectStore objects) throws IOException, InterruptedException;
    }

    /**
     * A one-shot command's whole fleet: starts it, runs {@code job}, stops it at once ({@link Fleet#finish}) and
     * prints the time line. After a success the job's outputs are saved, so the run folder's data goes and its logs
     * stay; a failed job keeps everything, for finding out why, and says where the logs are.
     */
    static int runOnce(StoreType store, PrintStream stdout, Job job) throws Exception {
        long started = System.nanoTime();
        Started run = start(store, 0);
        if (run == null) {
            return EnhanceCommand.FLEET_FAILED;
        }
        Fleet fleet = run.fleet();
        System.err.printf(Locale.ROOT, "framefleet: fleet ready in %.1f s; logs in %s%n", seconds(run.took()),
                fleet.logs());
        try (fleet; ObjectStore objects = ObjectStores.open(fleet.storageSettings())) {
            long jobStarted = System.nanoTime();
            int exitCode = job.run(fleet, objects);
            Duration jobTook = Duration.ofNanos(System.nanoTime() - jobStarted);
            long stopStarted = System.nanoTime();
            fleet.finish();
            stdout.printf(Locale.ROOT, "time: total %.1f s, fleet start %.1f s, job %.1f s, fleet stop %.1f s%n",
                    seconds(Duration.ofNanos(System.nanoTime() - started)), seconds(run.took()), seconds(jobTook),
                    seconds(Duration.ofNanos(System.nanoTime() - stopStarted)));
            if (exitCode != EnhanceCommand.SUCCEEDED) {
                System.err.println("framefleet: service logs are in " + fleet.logs());
            } else {
                discardData(fleet);
            }
            return exitCode;
        }
    }

    private static void discardData(Fleet fleet) {
        try {
            long freed = fleet.discardData();
            System.err.printf(Locale.ROOT, "framefleet: deleted the run's data (%.1f MB); its logs stay in %s%n",
                    freed / 1e6, fleet.logs());
        } catch (IOException | RuntimeException e) {
            System.err.println("framefleet: could not delete the run's data: " + e.getMessage());
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** @return null when the fleet did not start (the reason is printed) */
    static Started start(StoreType store, int ingestPort) throws InterruptedException {
        return start(FleetSettings.of(store, ingestPort, Path.of(".")));
    }

    /** As {@link #start(StoreType, int)} with more settings; their directory is replaced by a new run folder. */
    static Started start(FleetSettings settings) throws InterruptedException {
        long started = System.nanoTime();
        FleetHome home = FleetHome.locate();
        Path runDirectory = home.runs().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        System.err.println("framefleet: starting the fleet (" + settings.store().id() + " store) in " + runDirectory);
        try {
            Fleet fleet = Fleet.start(home, settings.withDirectory(runDirectory));
            return new Started(fleet, Duration.ofNanos(System.nanoTime() - started));
        } catch (IllegalStateException | IOException e) {
            System.err.println("framefleet: the fleet did not start: " + e.getMessage());
            return null;
        }
    }
}
