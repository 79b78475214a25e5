package io.framefleet.fleet.capacity;

import io.framefleet.contracts.Stage;

/**
 * What one stage costs per output megapixel on one kind of worker, as measured.
 *
 * @param workerSecondsPerMpx wall time a worker process is busy (read, compute, write) per output megapixel
 * @param cpuSecondsPerMpx    CPU time of the worker process per output megapixel, every thread included
 * @param gpuSecondsPerMpx    time the accelerator computes per output megapixel (0 on CPU workers)
 * @param coresPerWorker      cores one worker process was given when measured (its pod's CPU request)
 * @param source              where the numbers come from
 */
public record StageRate(Stage stage, Device device, double workerSecondsPerMpx, double cpuSecondsPerMpx,
                        double gpuSecondsPerMpx, double coresPerWorker, String source) {

    /** Where a stage's worker runs. */
    public enum Device { CPU, GPU }

    public StageRate {
        if (!(workerSecondsPerMpx > 0) || cpuSecondsPerMpx < 0 || gpuSecondsPerMpx < 0 || !(coresPerWorker > 0)) {
            throw new IllegalArgumentException("rates of " + stage + " on " + device + " must be positive");
        }
    }
}
