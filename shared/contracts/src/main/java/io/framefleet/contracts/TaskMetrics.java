package io.framefleet.contracts;

/**
 * Where a task's time went, in milliseconds: waiting on the topic, reading inputs, computing,
 * writing outputs; and CPU time of the worker's compute thread.
 */
public record TaskMetrics(long queueMillis, long readMillis, long computeMillis, long writeMillis, long cpuMillis,
                          long gpuMillis, long frames) {
}
