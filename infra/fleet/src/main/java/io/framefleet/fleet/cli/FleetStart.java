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

/** Starts a fleet for a CLI command in a new run folder, saying where and whether it worked. */
final class FleetStart {

    /** A started fleet and how long it took. */
    record Started(Fleet fleet, Duration took) {
    }

    private FleetStart() {
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
