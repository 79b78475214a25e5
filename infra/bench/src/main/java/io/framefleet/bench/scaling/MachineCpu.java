package io.framefleet.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU counters from {@code /proc/stat}: how busy all cores were between two
 * readings, whoever used them (other builds on a shared machine count too).
 */
record MachineCpu(long busyTicks, long totalTicks) {

    static MachineCpu read() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = 0;
            // user nice system idle iowait irq softirq steal: guest time is already inside user.
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                long v = Long.parseLong(fields[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new MachineCpu(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(0, 0);
        }
    }

    /** Mean busy cores from this reading to {@code later}; NaN where /proc/stat is unreadable. */
    double busyCoresUntil(MachineCpu later) {
        long total = later.totalTicks - totalTicks;
        if (total <= 0) {
            return Double.NaN;
        }
        return cores() * (double) (later.busyTicks - busyTicks) / total;
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
