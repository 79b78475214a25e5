package io.framefleet.storage;

/** Opens the store that {@link StorageSettings} describe; the one place that knows both kinds. */
public final class ObjectStores {

    private ObjectStores() {
    }

    /** The caller owns the store and closes it (S3 holds HTTP connections). */
    public static ObjectStore open(StorageSettings settings) {
        if (settings.isLocal()) {
            return new LocalObjectStore(settings.localRoot());
        }
        return new S3ObjectStore(settings);
    }
}
