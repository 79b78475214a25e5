package io.framefleet.fleet;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a fleet.
 *
 * @param store        where objects are kept
 * @param ingestPort   HTTP port of the ingest API; 0 picks a free one
 * @param directory    the run's folder: Kafka data, the store, {@code logs/}
 * @param startTimeout how long each child may take to become ready
 */
public record FleetSettings(StoreType store, int ingestPort, Path directory, Duration startTimeout) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    public FleetSettings {
        if (ingestPort < 0 || ingestPort > 65535) {
            throw new IllegalArgumentException("ingest port out of range: " + ingestPort);
        }
    }

    public static FleetSettings of(StoreType store, int ingestPort, Path directory) {
        return new FleetSettings(store, ingestPort, directory, DEFAULT_START_TIMEOUT);
    }
}
