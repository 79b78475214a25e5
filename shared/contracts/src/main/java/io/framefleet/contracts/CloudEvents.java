package io.framefleet.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 in Kafka binary mode: attributes as {@code ce_*} headers, the data as the
 * record value (JSON), the job id as record key and subject.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    public static final String H_SPEC_VERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_SOURCE = "ce_source";
    public static final String H_TYPE = "ce_type";
    public static final String H_TIME = "ce_time";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_CONTENT_TYPE = "content-type";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<String, Class<? extends FleetEvent>> TYPES = Map.ofEntries(
            Map.entry(JobSubmitted.TYPE, JobSubmitted.class),
            Map.entry(JobRequested.TYPE, JobRequested.class),
            Map.entry(JobRejected.TYPE, JobRejected.class),
            Map.entry(JobCancelRequested.TYPE, JobCancelRequested.class),
            Map.entry(PromptSubmitted.TYPE, PromptSubmitted.class),
            Map.entry(GenerationRequested.TYPE, GenerationRequested.class),
            Map.entry(TaskCompleted.TYPE, TaskCompleted.class),
            Map.entry(TaskFailed.TYPE, TaskFailed.class),
            Map.entry(TaskProgress.TYPE, TaskProgress.class),
            Map.entry(JobStatus.TYPE, JobStatus.class),
            Map.entry(StageTask.TYPE_PREFIX + "keyframe.v1", StageTask.class),
            Map.entry(StageTask.TYPE_PREFIX + "gate.v1", StageTask.class),
            Map.entry(StageTask.TYPE_PREFIX + "interpolate.v1", StageTask.class),
            Map.entry(StageTask.TYPE_PREFIX + "upscale.v1", StageTask.class),
            Map.entry(StageTask.TYPE_PREFIX + "evaluate.v1", StageTask.class));

    private CloudEvents() {
    }

    /** The shared JSON mapper (ISO-8601 instants, unknown fields ignored so consumers tolerate additions). */
    public static ObjectMapper json() {
        return MAPPER;
    }

    /** Every CloudEvent type the fleet publishes, with its data record. */
    public static Map<String, Class<? extends FleetEvent>> types() {
        return TYPES;
    }

    public static String typeOf(FleetEvent event) {
        if (event instanceof StageTask task) {
            return task.type();
        }
        try {
            return (String) event.getClass().getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("event class without TYPE: " + event.getClass(), e);
        }
    }

    /** The binary-mode headers of a new event. */
    public static Map<String, byte[]> headers(FleetEvent event, String source) {
        Map<String, byte[]> h = new LinkedHashMap<>();
        h.put(H_SPEC_VERSION, bytes(SPEC_VERSION));
        h.put(H_ID, bytes(UUID.randomUUID().toString()));
        h.put(H_SOURCE, bytes(source));
        h.put(H_TYPE, bytes(typeOf(event)));
        h.put(H_TIME, bytes(Instant.now().toString()));
        if (event.jobId() != null) {
            h.put(H_SUBJECT, bytes(event.jobId()));
        }
        h.put(H_CONTENT_TYPE, bytes(CONTENT_TYPE));
        return h;
    }

    public static String toJson(Object data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + data.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event's data given its {@code ce_type}.
     *
     * @throws MalformedEventException when the type is unknown, the header missing or the JSON does not fit
     */
    public static FleetEvent parse(String type, String json) {
        if (type == null) {
            throw new MalformedEventException("missing " + H_TYPE + " header (CloudEvents binary mode expected)");
        }
        Class<? extends FleetEvent> cls = TYPES.get(type);
        if (cls == null) {
            throw new MalformedEventException("unknown event type '" + type + "'");
        }
        return parse(cls, json);
    }

    public static <T> T parse(Class<T> cls, String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event data for " + cls.getSimpleName());
        }
        try {
            T value = MAPPER.readValue(json, cls);
            if (value == null) {
                throw new MalformedEventException("null event data for " + cls.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("malformed " + cls.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("invalid " + cls.getSimpleName() + ": " + e.getMessage(), e);
        }
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
