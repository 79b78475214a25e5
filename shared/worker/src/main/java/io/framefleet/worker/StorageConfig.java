package io.framefleet.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where the fleet keeps objects. Every service reads the same keys. */
@ConfigMapping(prefix = "framefleet")
public interface StorageConfig {

    Storage storage();

    Buckets buckets();

    interface Storage {
        /** {@code local} (a directory, the embedded default) or {@code s3}. Defaults to local. */
        @WithDefault("local")
        String type();

        /** Root folder of the local store. Defaults to {@code .framefleet/store}. */
        @WithDefault(".framefleet/store")
        String localRoot();

        /** S3 endpoint URL (MinIO, Ceph, S3Mock); empty means AWS. */
        Optional<String> endpoint();

        /** S3 region. Defaults to us-east-1. */
        @WithDefault("us-east-1")
        String region();

        /** Path-style bucket addressing, needed by most S3-compatible servers. Defaults to true. */
        @WithDefault("true")
        boolean pathStyle();
    }

    interface Buckets {
        /** Where uploads land and the inbox watcher looks. Defaults to inbox. */
        @WithDefault("inbox")
        String inbox();

        /** Intermediates: segments of every stage. Defaults to work. */
        @WithDefault("work")
        String work();

        /** Finished videos, reports and manifests. Defaults to outputs. */
        @WithDefault("outputs")
        String outputs();
    }
}
