package io.framefleet.fleet;

/** Where a fleet keeps its objects. */
public enum StoreType {
    /** A folder on this machine: the embedded default. */
    LOCAL,
    /** S3Mock, a real S3 endpoint over HTTP, started as a child process. */
    S3;

    /** The value of {@code framefleet.storage.type}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
