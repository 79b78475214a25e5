package io.framefleet.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Ingest settings. */
@ConfigMapping(prefix = "framefleet.ingest")
public interface IngestConfig {

    /** Longest segment in frames; scene cuts always start a new one. Defaults to 48. */
    @WithDefault("48")
    int maxSegmentFrames();

    /** Scene-cut sensitivity handed to the detector; lower finds more cuts. Defaults to 0 (the detector's own default). */
    @WithDefault("0")
    double sceneThreshold();

    /** Largest source accepted, in bytes. Defaults to 4 GiB. */
    @WithDefault("4294967296")
    long maxSourceBytes();

    InboxWatch inboxWatch();

    Uploads uploads();

    /** What is done to a video that arrives by bucket notification, where no caller gives options. */
    interface Uploads {
        /** Frame-rate multiplier. Defaults to 2. */
        @WithDefault("2")
        int fpsFactor();

        /** Spatial scale. Defaults to 2. */
        @WithDefault("2")
        double scale();

        /** Output codec, h264 or ffv1. Defaults to h264. */
        @WithDefault("h264")
        String codec();
    }

    interface InboxWatch {
        /** Lists the inbox bucket and emits notifications, for stores that cannot notify. Defaults to true. */
        @WithDefault("true")
        boolean enabled();

        /** Pause between listings. Defaults to 2s. */
        @WithDefault("2s")
        Duration interval();

        /** Only keys under this prefix are watched (the CLI's own uploads go elsewhere). Defaults to drop/. */
        @WithDefault("drop/")
        String prefix();
    }
}
