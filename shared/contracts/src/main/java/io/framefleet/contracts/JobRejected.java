package io.framefleet.contracts;

import java.time.Instant;

/** A job ingest refused (unreadable media, bad options); the planner records it as failed with the reason. */
public record JobRejected(String jobId, Instant submittedAt, String origin, ObjectRef source, String reason)
        implements FleetEvent {
    public static final String TYPE = "io.framefleet.job.rejected.v1";
}
