package io.framefleet.planner.messaging;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.Topics;
import io.framefleet.planner.JobState;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job state kept in Kafka: every change is written to the compacted state topic before the
 * event that caused it is acknowledged, and the whole topic is read back before the first
 * event is handled, so a planner killed at any moment resumes every job.
 */
@ApplicationScoped
public class JobStateStore {

    private static final Logger LOG = Logger.getLogger(JobStateStore.class);

    @Inject
    @Channel("state")
    MutinyEmitter<Record<String, String>> state;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public synchronized JobState get(String jobId) {
        ensureLoaded();
        return jobs.get(jobId);
    }

    public synchronized Collection<JobState> all() {
        ensureLoaded();
        return new ArrayList<>(jobs.values());
    }

    /** Writes the state and waits for the broker's acknowledgement. */
    public synchronized void save(JobState job) {
        ensureLoaded();
        state.sendAndAwait(Record.of(job.jobId(), CloudEvents.toJson(job)));
        jobs.put(job.jobId(), job);
    }

    /** Drops a finished job: a tombstone lets compaction remove it from the topic too. */
    public synchronized void forget(String jobId) {
        ensureLoaded();
        state.sendAndAwait(Record.of(jobId, null));
        jobs.remove(jobId);
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        long t0 = System.nanoTime();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.PLANNER_STATE, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        jobs.remove(r.key());
                    } else {
                        jobs.put(r.key(), CloudEvents.parse(JobState.class, r.value()));
                    }
                }
            }
        }
        loaded = true;
        LOG.infof("loaded %d jobs from %s in %d ms", jobs.size(), Topics.PLANNER_STATE,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
