package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job asked for by another system on {@link Topics#JOB_SUBMISSIONS}: enhance an object that
 * already lies in object storage. {@code jobId} is optional; ingest derives one from the source
 * when it is missing, so a re-published submission makes no second job.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSubmitted(String jobId, ObjectRef source, String outputBucket, EnhanceOptions options)
        implements FleetEvent {
    public static final String TYPE = "io.framefleet.job.submitted.v1";
}
