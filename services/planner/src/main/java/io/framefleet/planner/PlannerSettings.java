package io.framefleet.planner;

import java.time.Duration;

/**
 * Retry policy and limits of the planner's logic (plain values, so the logic runs without Quarkus).
 *
 * @param maxAttempts  attempts of one task before the job fails
 * @param retryBackoff pause before the second attempt, doubled for each further one
 * @param taskTimeout  a dispatched task with no result after this is counted lost and retried
 * @param workBucket   bucket of intermediates
 */
public record PlannerSettings(int maxAttempts, Duration retryBackoff, Duration taskTimeout, String workBucket) {
}
