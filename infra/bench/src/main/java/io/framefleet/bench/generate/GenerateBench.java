package io.framefleet.bench.generate;

import io.framefleet.bench.Median;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end time of {@code ./framefleet generate}: the launcher run as a user runs it, once per run, each starting its
 * own fleet, making the video and stopping the fleet; measured from outside (the whole command) and read from what the
 * command prints (fleet start, when each preview was saved after submission, job, fleet stop).
 */
public final class GenerateBench {

    static final Pattern READY = Pattern.compile("fleet ready in ([0-9.]+) s");
    static final Pattern FIRST = Pattern.compile("preview of round 0 \\(its first candidate\\) after ([0-9.]+) s");
    static final Pattern ROUND = Pattern.compile("preview of round 0 after ([0-9.]+) s");
    static final Pattern LAST_ROUND = Pattern.compile("preview of round (\\d+)");
    static final Pattern TIME = Pattern.compile(
            "time: total ([0-9.]+) s, fleet start ([0-9.]+) s, job ([0-9.]+) s, fleet stop ([0-9.]+) s");
    static final double TOTAL_TARGET = 60;
    static final double PREVIEW_TARGET = 10;

    /** @param seed fixed, so every run samples and gates the same candidates */
    public record Settings(Path home, String prompt, long seed, int runs) {
    }

    /** What one run printed and took. */
    record Run(double command, double total, double fleetStart, double firstPreview, double roundPreview, double job,
               double stop, int rounds, boolean built) {

        static Run parse(String out, double command) {
            Matcher time = TIME.matcher(out);
            if (!time.find()) {
                throw new IllegalStateException("generate printed no timing line:\n" + out);
            }
            int rounds = 0;
            for (Matcher m = LAST_ROUND.matcher(out); m.find(); ) {
                rounds = Math.max(rounds, Integer.parseInt(m.group(1)) + 1);
            }
            return new Run(command, Double.parseDouble(time.group(1)), Double.parseDouble(time.group(2)),
                    first(FIRST, out), first(ROUND, out), Double.parseDouble(time.group(3)),
                    Double.parseDouble(time.group(4)), rounds, out.contains("framefleet: building"));
        }

        private static double first(Pattern p, String out) {
            Matcher m = p.matcher(out);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
    }

    private final Path work;
    private final Settings settings;

    public GenerateBench(Path work, Settings settings) {
        this.work = work;
        this.settings = settings;
    }

    public String run() throws IOException, InterruptedException {
        // Not counted: the first run after a build writes the services' class-data archives as they stop.
        List<String> archivesBefore = archives();
        Run warmUp = generate(0);
        boolean wrote = !archives().equals(archivesBefore);
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= settings.runs(); i++) {
            runs.add(generate(i));
        }
        return report(warmUp, wrote, runs);
    }

    private List<String> archives() throws IOException {
        Path dir = settings.home().resolve(".framefleet/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private Run generate(int i) throws IOException, InterruptedException {
        Path out = work.resolve("run-" + i);
        List<String> command = List.of(settings.home().resolve("framefleet").toString(), "generate",
                settings.prompt(), "--seed", Long.toString(settings.seed()), "--out", out.toString());
        Path log = work.resolve("run-" + i + ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(settings.home().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("generate run " + i + " took over 10 minutes; see " + log);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("generate run " + i + " exited " + p.exitValue() + ":\n" + printed);
        }
        Run r = Run.parse(printed, seconds);
        System.err.printf(Locale.ROOT, "bench: generate run %d: %.1f s, first preview after %.1f s%n", i,
                r.command(), r.firstPreview());
        return r;
    }

    String report(Run warmUp, boolean wroteArchives, List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append("## Text-to-video end to end (`./framefleet generate`)\n\n");
        md.append(String.format(Locale.ROOT, "`./framefleet generate \"%s\" --seed %d --out DIR`, run %d times one"
                + " after another, each with a fleet of its own (the embedded default: Kafka, a local folder store and"
                + " the six services, started for the command and stopped after it), 2 s at 16 fps, 128x128, 4"
                + " candidates a round, 16 steps. *Command*: the whole command as measured from outside, launcher and"
                + " JVM start included. *First preview*: when the command had saved the first candidate's preview,"
                + " counted from the job's submission; *round preview*: the whole round's. The other columns are what"
                + " the command prints.%n%n", settings.prompt(), settings.seed(), runs.size()));
        md.append("| run | command (s) | fleet start (s) | first preview (s) | round preview (s) | job (s)"
                + " | fleet stop (s) | rounds |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            if (r.built()) {
                throw new IllegalStateException("the launcher rebuilt the project in timed run " + (i + 1)
                        + ": a source changed during the benchmark");
            }
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n", i + 1,
                    r.command(), r.fleetStart(), r.firstPreview(), r.roundPreview(), r.job(), r.stop(), r.rounds()));
        }
        md.append(String.format(Locale.ROOT, "| **median** | **%.1f** | %.1f | **%.1f** | %.1f | %.1f | %.1f | |%n",
                median(runs, Run::command), median(runs, Run::fleetStart), median(runs, Run::firstPreview),
                median(runs, Run::roundPreview), median(runs, Run::job), median(runs, Run::stop)));
        double worstCommand = runs.stream().mapToDouble(Run::command).max().orElse(Double.NaN);
        double worstPreview = runs.stream().mapToDouble(Run::firstPreview).max().orElse(Double.NaN);
        md.append(String.format(Locale.ROOT, "%nTargets: the whole command under %.0f s: %s (slowest run %.1f s);"
                        + " a preview within %.0f s of submission: %s (latest %.1f s).%n", TOTAL_TARGET,
                worstCommand < TOTAL_TARGET ? "met in every run" : "NOT met in every run", worstCommand,
                PREVIEW_TARGET, worstPreview <= PREVIEW_TARGET ? "met in every run" : "NOT met in every run",
                worstPreview));
        md.append(String.format(Locale.ROOT, "%nBefore these, one run that is not counted: %.1f s (fleet start %.1f s,"
                + " stop %.1f s)%s; it %s. The first run after a build writes each service's class-data archive as the"
                + " service stops, and the runs after it map them (`infra/fleet/README.md`).%n", warmUp.command(),
                warmUp.fleetStart(), warmUp.stop(),
                warmUp.built() ? ", the launcher's build of changed sources included" : "",
                wroteArchives ? "wrote class-data archives"
                        : "found every class-data archive already written"));
        return md.toString();
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return Median.of(runs.stream().mapToDouble(f).toArray());
    }
}
