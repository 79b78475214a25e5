package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to an object in object storage. Media never travels in Kafka: events carry
 * these instead. {@code size} is -1 and {@code sha256} null where the producer did not read
 * the object (for example a client's reference to an upload it has not measured).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRef(String bucket, String key, long size, String sha256) {

    public ObjectRef {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("object reference needs a bucket");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("object reference needs a key");
        }
    }

    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key, -1, null);
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
