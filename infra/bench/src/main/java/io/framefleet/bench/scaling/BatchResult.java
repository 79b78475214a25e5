package io.framefleet.bench.scaling;

import io.framefleet.bench.scaling.ScalingBench.Clip;
import io.framefleet.bench.scaling.ScalingBench.TimedTask;
import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.TaskMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one batch on one fleet measured.
 *
 * @param cpuSeconds CPU time of each service's processes (all replicas) while the batch ran
 * @param busyCores  mean busy cores of the whole machine meanwhile, other people's work included
 */
record BatchResult(int workers, int partitions, double fleetStartSeconds, Instant submitted, Map<String, Clip> clipOfJob,
                   Map<String, JobStatus> finished, List<TimedTask> tasks, Map<String, Double> cpuSeconds,
                   double busyCores, int cores) {

    /** Stages an enhancement job runs, and the service that does each. */
    static final Map<Stage, String> STAGES = Map.of(Stage.INTERPOLATE, "interpolator", Stage.UPSCALE, "superres",
            Stage.EVALUATE, "evaluator");
    static final List<Stage> ORDER = List.of(Stage.INTERPOLATE, Stage.UPSCALE, Stage.EVALUATE);

    BatchResult {
        // A redelivered task re-publishes its first result; count each task once.
        Map<String, TimedTask> once = new LinkedHashMap<>();
        for (TimedTask t : tasks) {
            once.putIfAbsent(t.task().taskId(), t);
        }
        tasks = List.copyOf(once.values());
    }

    long succeeded() {
        return finished.values().stream().filter(s -> s.state() == JobStatus.State.SUCCEEDED).count();
    }

    /** From the first submission to the last job's end. */
    double makespanSeconds() {
        return finished.values().stream().map(JobStatus::updatedAt).max(Comparator.naturalOrder())
                .map(end -> Duration.between(submitted, end).toMillis() / 1e3).orElse(Double.NaN);
    }

    double jobsPerHour() {
        return succeeded() * 3600.0 / makespanSeconds();
    }

    /** Mean of accepted-to-finished over the succeeded jobs. */
    double meanJobSeconds() {
        return finished.values().stream().filter(s -> s.state() == JobStatus.State.SUCCEEDED)
                .mapToDouble(s -> Duration.between(s.submittedAt(), s.updatedAt()).toMillis() / 1e3)
                .average().orElse(Double.NaN);
    }

    double totalCpuSeconds() {
        return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    StageResult stage(Stage stage) {
        List<TimedTask> of = new ArrayList<>();
        for (TimedTask t : tasks) {
            if (t.task().stage() == stage) {
                of.add(t);
            }
        }
        return new StageResult(stage, of, cpuSeconds.getOrDefault(STAGES.get(stage), 0.0), clipOfJob);
    }

    String summaryLine() {
        return String.format(Locale.ROOT, "bench scaling: %d worker(s): %d/%d jobs in %.1f s, %.1f jobs/h, mean job %.1f s,"
                        + " machine %.2f of %d cores busy", workers, succeeded(), clipOfJob.size(), makespanSeconds(),
                jobsPerHour(), meanJobSeconds(), busyCores, cores);
    }

    /** One stage of the batch. */
    record StageResult(Stage stage, List<TimedTask> tasks, double processCpuSeconds, Map<String, Clip> clipOfJob) {

        long processes() {
            return tasks.stream().map(t -> t.task().worker()).distinct().count();
        }

        long frames() {
            return tasks.stream().mapToLong(t -> t.task().metrics().frames()).sum();
        }

        /**
         * Megapixels the stage produced: interpolation makes frames at the source size, upscaling and
         * assembly at the scaled size.
         */
        double megapixels(double scale) {
            double factor = stage == Stage.INTERPOLATE ? 1 : scale * scale;
            return tasks.stream().mapToDouble(t -> {
                Clip clip = clipOfJob.get(t.task().jobId());
                return t.task().metrics().frames() * (double) clip.width() * clip.height() * factor / 1e6;
            }).sum();
        }

        /** From the first task's pick-up to the last task's result. */
        double windowSeconds() {
            Instant first = tasks.stream().map(TimedTask::startedAt).min(Comparator.naturalOrder()).orElse(null);
            Instant last = tasks.stream().map(TimedTask::publishedAt).max(Comparator.naturalOrder()).orElse(null);
            return first == null ? Double.NaN : Duration.between(first, last).toMillis() / 1e3;
        }

        double meanComputeSeconds() {
            return tasks.stream().mapToLong(t -> t.task().metrics().computeMillis()).average().orElse(Double.NaN) / 1e3;
        }

        double meanTaskSeconds() {
            return busySeconds() / tasks.size();
        }

        double meanQueueSeconds() {
            return tasks.stream().mapToLong(t -> t.task().metrics().queueMillis()).average().orElse(Double.NaN) / 1e3;
        }

        /** Read, compute and write of every task: the worker time the stage took. */
        double busySeconds() {
            return tasks.stream().mapToLong(t -> {
                TaskMetrics m = t.task().metrics();
                return m.readMillis() + m.computeMillis() + m.writeMillis();
            }).sum() / 1e3;
        }

        /** CPU the tasks report: the calling thread's in older services, the process's over the compute phase now. */
        double threadCpuSeconds() {
            return tasks.stream().mapToLong(t -> t.task().metrics().cpuMillis()).sum() / 1e3;
        }
    }
}
