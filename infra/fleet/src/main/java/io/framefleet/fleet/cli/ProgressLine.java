package io.framefleet.fleet.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * One line of job progress. On a terminal it is redrawn in place; elsewhere (a log, CI) a line
 * is printed only when something other than the clock changed.
 */
final class ProgressLine {

    private final PrintStream out;
    private final boolean redraw;
    private String lastShown = "";
    private int lastWidth;

    ProgressLine(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    void show(JobView job, Duration elapsed) {
        String progress = describe(job);
        String line = progress + "  " + clock(elapsed);
        if (redraw) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            out.flush();
            lastWidth = line.length();
        } else if (!progress.equals(lastShown)) {
            out.println(line);
        }
        lastShown = progress;
    }

    /** Ends the redrawn line so what follows starts on its own. */
    void finish() {
        if (redraw && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
    }

    /** e.g. {@code RUNNING UPSCALE  interpolate 3/3  upscale 1/3  evaluate 0/1  47%  eta 0:12}. */
    static String describe(JobView job) {
        StringJoiner line = new StringJoiner("  ");
        line.add(job.state() + (job.stage() == null ? "" : " " + job.stage()));
        job.stages().forEach((stage, count) ->
                line.add(stage.toLowerCase(Locale.ROOT) + " " + count.done() + "/" + count.total()));
        if (job.progress() != null) {
            line.add(Math.round(job.progress() * 100) + "%");
        }
        if (job.etaSeconds() != null && !job.finished()) {
            line.add("eta " + clock(Duration.ofSeconds(Math.round(job.etaSeconds()))));
        }
        return line.toString();
    }

    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
