package io.framefleet.bench;

import io.framefleet.bench.interp.InterpolationBench;
import io.framefleet.bench.sr.SuperResolutionBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./framefleet bench}: runs the super-resolution and interpolation benchmarks in one process, prints the
 * tables and writes them to {@code docs/benchmarks.md} (or {@code --out}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure our upscalers and interpolator against FFmpeg's Lanczos and minterpolate on real media.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--only", paramLabel = "sr|interp", description = "Run one part only.")
    String only;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file to write. Defaults to docs/benchmarks.md.")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder. Defaults to a new temporary folder.")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (only != null && !List.of("sr", "interp").contains(only)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--only must be sr or interp, got " + only);
        }
        Path home = Path.of(System.getProperty("framefleet.home", "."));
        Path target = out != null ? out : home.resolve("docs/benchmarks.md");
        Path scratch = work != null ? Files.createDirectories(work) : Files.createTempDirectory("framefleet-bench");
        Instant started = Instant.now();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Made by `./framefleet bench").append(only == null ? "" : " --only " + only).append("` on ")
                .append(started.truncatedTo(ChronoUnit.SECONDS)).append(": ").append(machine()).append(".\n")
                .append("Every number below comes from that one run (except the GPU section, which says where it comes from);"
                        + " rerun the command to check them.\n\n");
        if (only == null || only.equals("sr")) {
            md.append(new SuperResolutionBench(Files.createDirectories(scratch.resolve("sr"))).run()).append('\n');
        }
        if (only == null || only.equals("interp")) {
            md.append(new InterpolationBench(Files.createDirectories(scratch.resolve("interp"))).run()).append('\n');
        }
        // GPU figures cannot come from this machine's run; they are kept beside it, and say where they come from.
        Path gpu = home.resolve("docs/benchmarks-gpu.md");
        if (only == null && Files.isRegularFile(gpu)) {
            md.append(Files.readString(gpu, StandardCharsets.UTF_8)).append('\n');
        }
        md.append("Whole run: ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s.\n");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        System.err.println("bench: wrote " + target);
        return 0;
    }

    /** CPU model, cores and JVM: the context every timing needs. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the core count and JVM still say enough to compare runs.
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + ")";
    }
}
