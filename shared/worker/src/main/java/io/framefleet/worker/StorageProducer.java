package io.framefleet.worker;

import io.framefleet.storage.ObjectStore;
import io.framefleet.storage.ObjectStores;
import io.framefleet.storage.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/** One object store per service, built from {@link StorageConfig}, its buckets created at start. */
@ApplicationScoped
public class StorageProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(StorageConfig config) {
        StorageConfig.Storage s = config.storage();
        ObjectStore store = ObjectStores.open(new StorageSettings(s.type(), Path.of(s.localRoot()),
                s.endpoint().map(URI::create).orElse(null), s.region(), s.pathStyle(), null, null));
        try {
            store.ensureBucket(config.buckets().inbox());
            store.ensureBucket(config.buckets().work());
            store.ensureBucket(config.buckets().outputs());
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("object store at " + s.endpoint().orElse(s.localRoot()) + " is unusable", e);
        }
        return store;
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
