package io.framefleet.worker.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where spans go besides the OTLP endpoint. */
@ConfigMapping(prefix = "framefleet.tracing")
public interface TracingConfig {

    /**
     * A folder to append finished spans to as JSON lines, one file per process ({@link SpanFileExporter}); "none"
     * (the default) sends them to the OTLP endpoint instead.
     */
    @WithDefault("none")
    String spansDir();
}
