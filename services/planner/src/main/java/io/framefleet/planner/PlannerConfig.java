package io.framefleet.planner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Planner settings. */
@ConfigMapping(prefix = "framefleet.planner")
public interface PlannerConfig {

    /** Attempts of one task before its job fails. Defaults to 3. */
    @WithDefault("3")
    int maxAttempts();

    /** Pause before a task's second attempt, doubled for each further one. Defaults to 2s. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** A dispatched task with no result after this is counted lost and sent again. Defaults to 10m. */
    @WithDefault("10m")
    Duration taskTimeout();

    /** How often backoffs and lost tasks are checked. Defaults to 1s. */
    @WithDefault("1s")
    Duration tickInterval();

    /** How long a finished job's state is kept (for status queries and late duplicates). Defaults to 168h (7 days). */
    @WithDefault("168h")
    Duration retention();

    /** Bucket of intermediates. Defaults to work. */
    @WithDefault("work")
    String workBucket();
}
