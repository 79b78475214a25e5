package io.framefleet.bench.scaling;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Job ids for the batch. A stage task is keyed {@code <job>/<stage>/<segment>}, so where a job's task of a stage
 * lands depends on its id. With random ids a batch of eight tasks on four partitions is seldom spread evenly, and
 * the comparison between worker counts would measure the hash's luck; these ids put the first segment's task of
 * every stage of job i on partition {@code i mod partitions}, the same way in every run (the batch's clips are
 * one segment each).
 */
final class JobKeys {

    private JobKeys() {
    }

    /** Stages whose task topics the batch's jobs use. */
    static final List<String> STAGES = List.of("interpolate", "upscale", "evaluate");

    /**
     * {@code count} ids; job i's segment-0 tasks of every stage in {@link #STAGES} on partition
     * {@code i mod partitions} under Kafka's default partitioner.
     */
    static List<String> balanced(int count, int partitions) {
        List<String> ids = new ArrayList<>();
        int candidate = 0;
        for (int i = 0; i < count; i++) {
            int wanted = i % partitions;
            String id;
            do {
                id = "bench-" + (candidate++);
            } while (!onPartition(id, wanted, partitions));
            ids.add(id);
        }
        return ids;
    }

    private static boolean onPartition(String jobId, int wanted, int partitions) {
        for (String stage : STAGES) {
            if (partitionOf(jobId + "/" + stage + "/0", partitions) != wanted) {
                return false;
            }
        }
        return true;
    }

    /** The partition the producer's default partitioner picks for this key (murmur2 of its UTF-8 bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
