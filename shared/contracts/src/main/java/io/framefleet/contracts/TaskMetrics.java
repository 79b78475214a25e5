package io.framefleet.contracts;

/**
 * Where a task's time went, in milliseconds: waiting on the topic, reading inputs, computing,
 * writing outputs; the worker process's CPU time over the compute phase (all its threads: one task runs at a
 * time); and the compute time on a GPU when the processor ran on one.
 */
public record TaskMetrics(long queueMillis, long readMillis, long computeMillis, long writeMillis, long cpuMillis,
                          long gpuMillis, long frames) {
}
