package io.framefleet.contracts;

import java.time.Instant;

/**
 * A validated text-to-video job, from ingest to the planner. {@code options} has every default
 * filled and the seed fixed, so the same request always samples the same candidates.
 *
 * @param origin how it reached ingest: {@code rest} or {@code event}
 */
public record GenerationRequested(String jobId, Instant submittedAt, String origin, String prompt,
                                  GenerateOptions options, String outputBucket) implements FleetEvent {
    public static final String TYPE = "io.framefleet.job.generation.requested.v1";
}
