package io.framefleet.contracts;

import java.time.Instant;

/** Someone asked to stop a job. */
public record JobCancelRequested(String jobId, Instant requestedAt, String reason) implements FleetEvent {
    public static final String TYPE = "io.framefleet.job.cancel-requested.v1";
}
