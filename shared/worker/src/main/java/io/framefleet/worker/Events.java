package io.framefleet.worker;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.MalformedEventException;
import io.framefleet.worker.telemetry.JobTrace;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Kafka adapters for {@link CloudEvents}: binary-mode records keyed by job id. */
public final class Events {

    private Events() {
    }

    /** A message for any SmallRye emitter, keyed by {@link #key}; the headers carry the current trace. */
    public static Message<String> message(FleetEvent event, String source) {
        return message(event, source, null);
    }

    /** As {@link #message(FleetEvent, String)}, to a topic other than the channel's (null keeps the channel's). */
    public static Message<String> message(FleetEvent event, String source, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, byte[]> h : CloudEvents.headers(event, source).entrySet()) {
            headers.add(h.getKey(), h.getValue());
        }
        JobTrace.inject(headers);
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key(event))
                .withHeaders(headers)
                .withTopic(topic)
                .build();
        return Message.of(CloudEvents.toJson(event)).addMetadata(meta);
    }

    /**
     * The record key: the job id, so one job's events keep their order, except for stage tasks, which need no order
     * among themselves: keyed by job, stage and segment, one job's segments spread over a stage's partitions and so
     * over its workers, instead of queuing behind each other on the job's one partition.
     */
    static String key(FleetEvent event) {
        if (event instanceof io.framefleet.contracts.StageTask t) {
            return t.jobId() + "/" + t.stage().path() + "/" + t.segment();
        }
        return event.jobId();
    }

    /**
     * Reads a record as a fleet event from its {@code ce_type} header.
     *
     * @throws MalformedEventException with a reason fit for the dead-letter topic
     */
    public static FleetEvent parse(ConsumerRecord<String, String> record) {
        return CloudEvents.parse(header(record, CloudEvents.H_TYPE), record.value());
    }

    public static <T extends FleetEvent> T parse(ConsumerRecord<String, String> record, Class<T> expected) {
        FleetEvent event = parse(record);
        if (!expected.isInstance(event)) {
            throw new MalformedEventException("expected " + expected.getSimpleName() + " but got "
                    + event.getClass().getSimpleName() + " on " + record.topic());
        }
        return expected.cast(event);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
