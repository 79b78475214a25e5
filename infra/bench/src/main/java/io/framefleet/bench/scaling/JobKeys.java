package io.framefleet.bench.scaling;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Job ids for the batch. Every task of a job is keyed by its job id, so all of one job's tasks
 * of a stage land in one partition and are done by one process, one after another. With random
 * ids a batch of eight jobs on four partitions is seldom spread evenly, and the comparison
 * between worker counts would measure the hash's luck; these ids put the same number of jobs
 * on every partition, the same way in every run.
 */
final class JobKeys {

    private JobKeys() {
    }

    /** {@code count} ids, job i on partition {@code i mod partitions} under Kafka's default partitioner. */
    static List<String> balanced(int count, int partitions) {
        List<String> ids = new ArrayList<>();
        int candidate = 0;
        for (int i = 0; i < count; i++) {
            int wanted = i % partitions;
            String id;
            do {
                id = "bench-" + (candidate++);
            } while (partitionOf(id, partitions) != wanted);
            ids.add(id);
        }
        return ids;
    }

    /** The partition the producer's default partitioner picks for this key (murmur2 of its UTF-8 bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
