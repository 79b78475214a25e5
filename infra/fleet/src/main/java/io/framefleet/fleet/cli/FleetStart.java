package io.framefleet.fleet.cli;

import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.FleetHome;
import io.framefleet.fleet.FleetSettings;
import io.framefleet.fleet.StoreType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Starts a fleet for a CLI command in a new run folder, saying where and whether it worked. */
final class FleetStart {

    /** A started fleet and how long it took. */
    record Started(Fleet fleet, Duration took) {
    }

    private FleetStart() {
    }

    /**
     * After a one-shot job succeeded and the fleet stopped: its outputs are saved, so the run folder's data goes and
     * its logs stay. A failed job keeps everything, for finding out why.
     */
    static void discardData(Fleet fleet) {
        try {
            long freed = fleet.discardData();
            System.err.printf(Locale.ROOT, "framefleet: deleted the run's data (%.1f MB); its logs stay in %s%n",
                    freed / 1e6, fleet.logs());
        } catch (IOException | RuntimeException e) {
            System.err.println("framefleet: could not delete the run's data: " + e.getMessage());
        }
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
