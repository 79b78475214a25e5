package io.framefleet.fleet.cli;

import io.framefleet.fleet.capacity.CapacityModel;
import io.framefleet.fleet.capacity.CapacityModel.StagePlan;
import io.framefleet.fleet.capacity.StageRates;
import io.framefleet.fleet.capacity.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prints the capacity model's plan for one load; starts nothing. */
@Command(name = "capacity",
        mixinStandardHelpOptions = true,
        description = "Replicas, partitions, KEDA lag thresholds and cost per job of each stage for a steady load of"
                + " enhancement jobs, from the measured rates in docs/capacity.md.")
final class CapacityCommand implements Callable<Integer> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--jobs-per-hour", required = true, paramLabel = "J", description = "Jobs arriving per hour.")
    double jobsPerHour;

    @Option(names = "--seconds", required = true, paramLabel = "S", description = "Length of one clip in seconds.")
    double seconds;

    @Option(names = "--size", required = true, paramLabel = "WxH", description = "Source frame size, e.g. 1280x720.")
    String size;

    @Option(names = "--fps", required = true, paramLabel = "F", description = "Source frame rate.")
    double fps;

    @Option(names = "--fps-factor", paramLabel = "K", defaultValue = "2",
            description = "Frame-rate multiplier. Default: ${DEFAULT-VALUE}.")
    int fpsFactor;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "2", description = "Spatial scale. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--gpu", description = "Run the stages that have GPU workers (upscale) on GPUs.")
    boolean gpu;

    @Option(names = "--cpu-hour-cost", paramLabel = "C", defaultValue = "0.04",
            description = "Price of one CPU core for an hour. Default: ${DEFAULT-VALUE} (a placeholder; use yours).")
    double cpuHourCost;

    @Option(names = "--gpu-hour-cost", paramLabel = "G", defaultValue = "3.00",
            description = "Price of one GPU with its host for an hour. Default: ${DEFAULT-VALUE} (a placeholder).")
    double gpuHourCost;

    @Option(names = "--react", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long queued tasks may wait before another replica starts. Default: ${DEFAULT-VALUE}.")
    double react;

    @Option(names = "--utilisation", paramLabel = "U", defaultValue = "0.7",
            description = "Busy share each replica is planned at. Default: ${DEFAULT-VALUE}.")
    double utilisation;

    @Option(names = "--burst", paramLabel = "B", defaultValue = "2",
            description = "Maximum replicas as a multiple of the steady count. Default: ${DEFAULT-VALUE}.")
    double burst;

    @Option(names = "--segment-frames", paramLabel = "N", defaultValue = "48",
            description = "Longest segment ingest cuts. Default: ${DEFAULT-VALUE}.")
    int segmentFrames;

    @Override
    public Integer call() {
        Matcher wh = SIZE.matcher(size.trim());
        if (!wh.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must be WxH, e.g. 1280x720, not " + size);
        }
        Workload load;
        CapacityModel model;
        try {
            load = new Workload(jobsPerHour, seconds, Integer.parseInt(wh.group(1)), Integer.parseInt(wh.group(2)), fps,
                    fpsFactor, scale, segmentFrames);
            model = new CapacityModel(StageRates.bundled(), utilisation, react, burst,
                    new CapacityModel.Prices(cpuHourCost, gpuHourCost));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        print(load, model, model.plan(load, gpu), System.out);
        return 0;
    }

    static void print(Workload load, CapacityModel model, List<StagePlan> plans, PrintStream out) {
        out.printf(Locale.ROOT, "load: %s jobs/hour of %s s %dx%d at %s fps -> %s fps, x%s (%dx%d); %d frames out,"
                        + " %d segments a job%n", num(load.jobsPerHour()), num(load.seconds()), load.width(), load.height(),
                num(load.fps()), num(load.fps() * load.fpsFactor()), num(load.scale()),
                Math.round(load.width() * load.scale()), Math.round(load.height() * load.scale()), load.outputFrames(),
                load.segments());
        out.printf(Locale.ROOT, "model: replicas at %.0f%% utilisation, max replicas x%s, react %s s, prices %s/core-hour"
                        + " and %s/GPU-hour%n%n", model.utilisation() * 100, num(model.burst()), num(model.reactSeconds()),
                num(model.prices().cpuCoreHour()), num(model.prices().gpuHour()));
        out.println("| stage | device | tasks/job | Mpx/job | worker s/job | s/task | busy workers | replicas | max replicas"
                + " | partitions | lag threshold | CPU s/job | GPU s/job | cost/job (used) | cost/job (provisioned) |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double used = 0;
        double provisioned = 0;
        double cpu = 0;
        double gpuSeconds = 0;
        for (StagePlan p : plans) {
            out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %.2f | %d | %d | %d | %d | %.1f | %.1f | %.4f |"
                            + " %.4f |%n", p.stage().path(), p.rate().device().name().toLowerCase(Locale.ROOT),
                    p.tasksPerJob(), p.megapixelsPerJob(), p.workerSecondsPerJob(), p.taskSeconds(), p.busyWorkers(),
                    p.replicas(), p.maxReplicas(), p.partitions(), p.lagThreshold(), p.cpuSecondsPerJob(),
                    p.gpuSecondsPerJob(), p.costPerJob(), p.provisionedCostPerJob());
            used += p.costPerJob();
            provisioned += p.provisionedCostPerJob();
            cpu += p.cpuSecondsPerJob();
            gpuSeconds += p.gpuSecondsPerJob();
        }
        int partitions = plans.stream().mapToInt(StagePlan::partitions).max().orElse(1);
        out.printf(Locale.ROOT, "%ntotal: %.1f CPU s and %.1f GPU s a job; cost a job %.4f used, %.4f provisioned"
                + " (%.2f an hour); task topics need at least %d partitions%n", cpu, gpuSeconds, used, provisioned,
                provisioned * load.jobsPerHour(), partitions);
        out.println("rates: " + String.join("; ", plans.stream().map(p -> p.stage().path() + " "
                + p.rate().device().name().toLowerCase(Locale.ROOT) + " from " + p.rate().source()).toList()));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
