package io.framefleet.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of a stage worker. */
@ConfigMapping(prefix = "framefleet.worker")
public interface WorkerConfig {

    /** Name in results and logs. Defaults to the service name plus the process id. */
    @WithDefault("${quarkus.application.name}-${framefleet.pid:0}")
    String id();

    /** Tries of a transiently failing task inside this worker before it is reported and dead-lettered. Defaults to 3. */
    @WithDefault("3")
    int localRetries();

    /** First pause between local tries, doubled each time. Defaults to 1s. */
    @WithDefault("1s")
    Duration retryBackoff();

    /**
     * The stages ({@code Stage.path()}) this worker serves. Their metrics are registered at start, so an idle stage
     * shows zeros instead of no series at all.
     */
    Optional<List<String>> stages();
}
