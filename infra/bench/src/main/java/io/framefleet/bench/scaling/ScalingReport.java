package io.framefleet.bench.scaling;

import io.framefleet.bench.scaling.BatchResult.StageResult;
import io.framefleet.bench.scaling.ScalingBench.Clip;
import io.framefleet.contracts.Stage;

import java.util.List;
import java.util.Locale;

/** The markdown section of the scaling benchmark. */
final class ScalingReport {

    private ScalingReport() {
    }

    static String markdown(ScalingBench.Settings settings, List<Clip> clips, List<String> jobIds,
                           List<BatchResult> results) {
        StringBuilder md = new StringBuilder("## Fleet scaling\n\n");
        int cores = results.isEmpty() ? MachineCpu.cores() : results.get(0).cores();
        md.append("The same batch of enhancement jobs through a fresh local fleet (`Fleet`, child processes, local store)"
                + " with 1, 2 and 4 processes for each of the three stages the jobs use. **This machine has ")
                .append(cores).append(" cores** (the machine-busy column counts everything running on it, not only"
                        + " the fleet), so once the fleet fills them throughput cannot grow with the process count: the"
                        + " point is to measure where it stops.\n\n");
        md.append("- Batch: ").append(jobIds.size()).append(" jobs, alternating ");
        for (int i = 0; i < clips.size(); i++) {
            Clip c = clips.get(i);
            md.append(i > 0 ? " and " : "").append('`').append(c.name()).append("` (").append(c.width()).append('x')
                    .append(c.height()).append(", ").append(settings.frames() > 0 ? "its first " : "")
                    .append(c.frames()).append(" frames").append(settings.frames() > 0 ? " as FFV1" : "")
                    .append("; Debian package ").append(c.origin()).append(')');
        }
        md.append(String.format(Locale.ROOT, "; every job `--fps-factor %d --scale %s` with the default processors"
                        + " (flow interpolation, sr-fast upscaling, H.264 output). Segments of at most 48 frames, cut at"
                        + " scene changes.%n", settings.fpsFactor(), trim(settings.scale())));
        md.append("- Fleet: interpolator, superres and evaluator each run N processes in their consumer group; ingest,"
                + " planner and keyframe one; every topic has ").append(settings.partitions()).append(" partitions.\n");
        md.append("- A stage task is keyed `<job>/<stage>/<segment>`. The job ids (").append(String.join(", ", jobIds))
                .append(") are chosen so that each partition holds the same number of every stage's tasks; random ids"
                + " would spread them by luck.\n");
        md.append("- Per stage, from the tasks' own metrics on the results topic: *window* from the first task's"
                + " pick-up to the last result; *busy* = read + compute + write summed over tasks; *task CPU* is what the"
                + " tasks report (TaskMetrics.cpuMillis: the worker process's CPU over the compute phase); *process CPU* is the CPU"
                + " time of the stage's processes over the whole batch (`ProcessHandle`), polling and GC included."
                + " *Mpx*: output megapixels (frames x pixels; interpolation at source size, the rest at the scaled"
                + " size).\n");
        md.append("- Per batch: *makespan* from the first submission to the last job's end; *mean job* from ingest's"
                + " acceptance to the end, per job; *linear* = N x the 1-process jobs/hour, what the capacity model"
                + " assumes when each process has its own cores.\n\n");

        double base = results.stream().filter(r -> r.workers() == 1).findFirst().map(BatchResult::jobsPerHour)
                .orElse(Double.NaN);
        md.append("| processes per stage | fleet start (s) | jobs ok | makespan (s) | jobs/hour | speed-up | linear"
                + " (jobs/hour) | mean job (s) | machine busy (cores) | fleet CPU (s) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BatchResult r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %d/%d | %.1f | %.1f | %.2fx | %.1f | %.1f | %.2f of %d |"
                            + " %.1f |%n", r.workers(), r.fleetStartSeconds(), r.succeeded(), r.clipOfJob().size(),
                    r.makespanSeconds(), r.jobsPerHour(), r.jobsPerHour() / base, base * r.workers(),
                    r.meanJobSeconds(), r.busyCores(), r.cores(), r.totalCpuSeconds()));
        }
        md.append("\n| processes | stage | used | tasks | frames | window (s) | tasks/s | frames/s | mean queue (s) |"
                + " mean compute (s) | mean task (s) | busy (s) | task CPU (s) | process CPU (s) | busy s / Mpx |"
                + " process CPU s / Mpx |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BatchResult r : results) {
            for (Stage stage : BatchResult.ORDER) {
                StageResult s = r.stage(stage);
                if (s.tasks().isEmpty()) {
                    md.append(String.format(Locale.ROOT, "| %d | %s | 0 | 0 | | | | | | | | | | | | |%n", r.workers(),
                            stage.path()));
                    continue;
                }
                double window = s.windowSeconds();
                double mpx = s.megapixels(settings.scale());
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %d | %.1f | %.3f | %.2f | %.1f | %.2f | %.2f |"
                                + " %.1f | %.1f | %.1f | %.3f | %.3f |%n", r.workers(), stage.path(), s.processes(),
                        s.tasks().size(), s.frames(), window, s.tasks().size() / window, s.frames() / window,
                        s.meanQueueSeconds(), s.meanComputeSeconds(), s.meanTaskSeconds(), s.busySeconds(),
                        s.threadCpuSeconds(), s.processCpuSeconds(), s.busySeconds() / mpx,
                        s.processCpuSeconds() / mpx));
            }
        }
        md.append('\n');
        return md.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
