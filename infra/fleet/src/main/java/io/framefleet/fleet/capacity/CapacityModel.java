package io.framefleet.fleet.capacity;

import io.framefleet.contracts.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes each stage of the enhancement cascade for a steady load from measured per-megapixel
 * rates: the work a job brings, the replicas that keep up with it at a target utilisation, the
 * partitions those replicas need, the KEDA lag threshold, and what a job costs.
 *
 * <p>The model treats replicas as independent: each gets {@link StageRate#coresPerWorker} cores
 * of its own, as pods with CPU requests do. On one machine with fewer cores than replicas ask for,
 * throughput stops growing long before this model says (docs/capacity.md compares both).
 *
 * @param utilisation  busy share a replica is planned at (0.7 keeps 30 % for bursts and rebalances)
 * @param reactSeconds how long queued work may wait before KEDA adds a replica
 * @param burst        maximum replicas as a multiple of the steady count (backlogs drain at burst - 1)
 */
public record CapacityModel(StageRates rates, double utilisation, double reactSeconds, double burst, Prices prices) {

    public static final double DEFAULT_UTILISATION = 0.7;
    public static final double DEFAULT_REACT_SECONDS = 60;
    public static final double DEFAULT_BURST = 2;

    /** Prices per hour: one CPU core, one GPU (its host's CPU included). */
    public record Prices(double cpuCoreHour, double gpuHour) {
        public Prices {
            if (cpuCoreHour < 0 || gpuHour < 0) {
                throw new IllegalArgumentException("prices cannot be negative");
            }
        }
    }

    public CapacityModel {
        if (!(utilisation > 0 && utilisation <= 1) || !(reactSeconds > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("utilisation must be in (0, 1], react time positive, burst >= 1");
        }
    }

    /** One stage's plan. */
    public record StagePlan(Stage stage, StageRate rate, long tasksPerJob, double megapixelsPerJob,
                            double workerSecondsPerJob, double taskSeconds, double busyWorkers, int replicas,
                            int maxReplicas, int partitions, long lagThreshold, double cpuSecondsPerJob,
                            double gpuSecondsPerJob, double costPerJob, double provisionedCostPerJob) {
    }

    /** The stages the workload runs, in cascade order; {@code gpu} puts every stage that has a GPU rate on a GPU. */
    public List<StagePlan> plan(Workload load, boolean gpu) {
        StageRate.Device device = gpu ? StageRate.Device.GPU : StageRate.Device.CPU;
        List<StagePlan> plans = new ArrayList<>();
        if (load.fpsFactor() > 1) {
            plans.add(stage(load, rates.forStage(Stage.INTERPOLATE, device), load.segments(),
                    load.outputFrames() * load.sourceMegapixels()));
        }
        if (load.scale() > 1) {
            plans.add(stage(load, rates.forStage(Stage.UPSCALE, device), load.segments(),
                    load.outputFrames() * load.outputMegapixels()));
        }
        // One task per job assembles every segment and scores the result.
        plans.add(stage(load, rates.forStage(Stage.EVALUATE, device), 1, load.outputFrames() * load.outputMegapixels()));
        return plans;
    }

    StagePlan stage(Workload load, StageRate rate, long tasks, double megapixels) {
        double workerSeconds = rate.workerSecondsPerMpx() * megapixels;
        double taskSeconds = workerSeconds / tasks;
        double busy = load.jobsPerHour() / 3600 * workerSeconds;
        int replicas = (int) Math.max(1, Math.ceil(busy / utilisation - 1e-9));
        int maxReplicas = (int) Math.max(replicas, Math.ceil(replicas * burst - 1e-9));
        // A consumer group gives a partition to one member: fewer partitions than replicas leave replicas idle.
        int partitions = maxReplicas;
        long lagThreshold = lagThreshold(reactSeconds, taskSeconds);
        double cpuSeconds = rate.cpuSecondsPerMpx() * megapixels;
        double gpuSeconds = rate.gpuSecondsPerMpx() * megapixels;
        double cost;
        double hourlyPerReplica;
        if (rate.device() == StageRate.Device.GPU) {
            // A GPU is held for the whole task, not only while it computes.
            cost = workerSeconds * prices.gpuHour() / 3600;
            hourlyPerReplica = prices.gpuHour();
        } else {
            cost = cpuSeconds * prices.cpuCoreHour() / 3600;
            hourlyPerReplica = rate.coresPerWorker() * prices.cpuCoreHour();
        }
        double provisioned = replicas * hourlyPerReplica / load.jobsPerHour();
        return new StagePlan(rate.stage(), rate, tasks, megapixels, workerSeconds, taskSeconds, busy, replicas,
                maxReplicas, partitions, lagThreshold, cpuSeconds, gpuSeconds, cost, provisioned);
    }

    /**
     * KEDA's Kafka scaler adds a replica for every {@code lagThreshold} records of lag; with one task
     * per poll, that many tasks take {@code lagThreshold x taskSeconds} to drain, so the threshold is the
     * number of tasks one replica works through within the react time, at least 1. The k8s manifests
     * use the same formula.
     */
    public static long lagThreshold(double reactSeconds, double taskSeconds) {
        return Math.max(1, (long) Math.floor(reactSeconds / taskSeconds + 1e-9));
    }
}
