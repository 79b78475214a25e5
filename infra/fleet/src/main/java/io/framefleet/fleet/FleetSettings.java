package io.framefleet.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to start a fleet.
 *
 * @param store        where objects are kept
 * @param ingestPort   HTTP port of the ingest API; 0 picks a free one
 * @param directory    the run's folder: Kafka data, the store, {@code logs/}
 * @param startTimeout how long each child may take to become ready
 * @param replicas     processes per worker service ({@link ServiceProcess#WORKERS}); a service not named runs one
 * @param partitions   partitions of every topic; 0 picks {@link #DEFAULT_PARTITIONS} or the largest replica count,
 *                     whichever is more
 */
public record FleetSettings(StoreType store, int ingestPort, Path directory, Duration startTimeout,
                            Map<String, Integer> replicas, int partitions) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    /** Enough for one process per worker service to have a partition to itself with room to add a few. */
    public static final int DEFAULT_PARTITIONS = 3;

    public FleetSettings {
        if (ingestPort < 0 || ingestPort > 65535) {
            throw new IllegalArgumentException("ingest port out of range: " + ingestPort);
        }
        replicas = Map.copyOf(replicas);
        for (var entry : replicas.entrySet()) {
            if (!ServiceProcess.WORKERS.contains(entry.getKey())) {
                throw new IllegalArgumentException("only worker services run several processes " + ServiceProcess.WORKERS
                        + ", not " + entry.getKey());
            }
            if (entry.getValue() < 1 || entry.getValue() > 16) {
                throw new IllegalArgumentException("replicas of " + entry.getKey() + " must be 1..16 but were "
                        + entry.getValue());
            }
        }
        int most = replicas.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        // A consumer group gives each partition to one member: a replica beyond the partition count would idle.
        if (partitions != 0 && partitions < most) {
            throw new IllegalArgumentException(partitions + " partitions leave replicas idle; " + most
                    + " replicas need at least " + most);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be positive but were " + partitions);
        }
    }

    public FleetSettings(StoreType store, int ingestPort, Path directory, Duration startTimeout) {
        this(store, ingestPort, directory, startTimeout, Map.of(), 0);
    }

    public static FleetSettings of(StoreType store, int ingestPort, Path directory) {
        return new FleetSettings(store, ingestPort, directory, DEFAULT_START_TIMEOUT);
    }

    /** The same settings with {@code count} processes of the worker service {@code service}. */
    public FleetSettings withReplicas(String service, int count) {
        Map<String, Integer> changed = new TreeMap<>(replicas);
        changed.put(service, count);
        return new FleetSettings(store, ingestPort, directory, startTimeout, changed, partitions);
    }

    public FleetSettings withPartitions(int count) {
        return new FleetSettings(store, ingestPort, directory, startTimeout, replicas, count);
    }

    public FleetSettings withDirectory(Path runDirectory) {
        return new FleetSettings(store, ingestPort, runDirectory, startTimeout, replicas, partitions);
    }

    /** Processes of {@code service}: 1 unless set. */
    public int replicasOf(String service) {
        return replicas.getOrDefault(service, 1);
    }

    /** Partitions every topic gets. */
    public int topicPartitions() {
        if (partitions > 0) {
            return partitions;
        }
        return Math.max(DEFAULT_PARTITIONS, replicas.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    }

    /** Every service process the fleet starts: one per service, more for the workers given replicas. */
    public int processCount() {
        return ServiceProcess.NAMES.stream().mapToInt(this::replicasOf).sum();
    }
}
