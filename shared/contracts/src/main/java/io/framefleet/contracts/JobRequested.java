package io.framefleet.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A validated, probed and segmented job, from ingest to the planner.
 *
 * @param origin how it reached ingest: {@code rest}, {@code upload} (bucket notification) or {@code event}
 */
public record JobRequested(String jobId, Instant submittedAt, String origin, ObjectRef source, String outputBucket,
                           EnhanceOptions options, MediaInfo media, List<Segment> segments) implements FleetEvent {
    public static final String TYPE = "io.framefleet.job.requested.v1";
}
