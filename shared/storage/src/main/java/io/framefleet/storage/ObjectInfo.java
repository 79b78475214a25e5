package io.framefleet.storage;

import java.time.Instant;

/** What a store knows about one object without reading it. */
public record ObjectInfo(String bucket, String key, long size, String eTag, Instant lastModified) {
}
