package io.framefleet.contracts;

/** Data of a CloudEvent of the fleet. The record key and the CloudEvent subject are the job id. */
public sealed interface FleetEvent permits JobSubmitted, JobRequested, PromptSubmitted, GenerationRequested, JobRejected, JobCancelRequested,
        StageTask, TaskCompleted, TaskFailed, TaskProgress, JobStatus {

    String jobId();
}
