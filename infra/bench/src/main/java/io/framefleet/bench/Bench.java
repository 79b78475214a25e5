package io.framefleet.bench;

import io.framefleet.bench.generate.GenerateBench;
import io.framefleet.bench.interp.InterpolationBench;
import io.framefleet.bench.scaling.ScalingBench;
import io.framefleet.bench.sr.SuperResolutionBench;
import io.framefleet.bench.t2v.TextToVideoBench;
import io.framefleet.inference.InferenceDevice;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./framefleet bench}: runs the super-resolution, interpolation and text-to-video benchmarks in one process,
 * prints the tables and writes them to {@code docs/benchmarks.md} (or {@code --out}). With {@code --only}, the
 * part's section replaces its namesake in the existing file and the other sections stay as they were.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure our upscalers and interpolator against FFmpeg's Lanczos and minterpolate on real media,"
                + " and the text-to-video model on held-out and seen prompts of the shapes domain.")
public final class Bench implements Callable<Integer> {

    /** Parts a plain {@code bench} runs; "scaling" and "generate" start whole fleets and run only when named. */
    static final List<String> PARTS = List.of("sr", "interp", "t2v");
    static final String SCALING = "scaling";
    static final String GENERATE = "generate";

    @Option(names = "--only", paramLabel = "sr|interp|t2v|scaling|generate", description = "Run one part only.")
    String only;

    @Option(names = "--generate-runs", paramLabel = "N", defaultValue = "3",
            description = "Timed runs of ./framefleet generate (after one that is not counted). Defaults to ${DEFAULT-VALUE}.")
    int generateRuns;

    @Option(names = "--generate-prompt", paramLabel = "TEXT", defaultValue = "a red circle moving left",
            description = "Prompt of the generate runs. Defaults to '${DEFAULT-VALUE}'.")
    String generatePrompt;

    @Option(names = "--generate-seed", paramLabel = "SEED", defaultValue = "687341275",
            description = "Seed of the generate runs (the default's first round passes the gate). Defaults to ${DEFAULT-VALUE}.")
    long generateSeed;

    @Option(names = "--scaling-workers", paramLabel = "N,N,...", split = ",", defaultValue = "1,2,4",
            description = "Processes per stage, one fleet each. Defaults to ${DEFAULT-VALUE}.")
    List<Integer> scalingWorkers;

    @Option(names = "--scaling-jobs", paramLabel = "J", defaultValue = "4",
            description = "Jobs in the batch. Defaults to ${DEFAULT-VALUE}.")
    int scalingJobs;

    @Option(names = "--scaling-partitions", paramLabel = "P", defaultValue = "4",
            description = "Partitions of every topic (at least the most workers). Defaults to ${DEFAULT-VALUE}.")
    int scalingPartitions;

    @Option(names = "--scaling-frames", paramLabel = "N", defaultValue = "32",
            description = "Source frames of each clip (the first ones; 0: whole clips). Defaults to ${DEFAULT-VALUE}.")
    int scalingFrames;

    @Option(names = "--scaling-timeout", paramLabel = "MINUTES", defaultValue = "20",
            description = "Longest wait for one batch. Defaults to ${DEFAULT-VALUE}.")
    int scalingTimeoutMinutes;

    @Option(names = "--t2v-candidates", paramLabel = "N", defaultValue = "4",
            description = "Candidates per round (the gate picks one of them). Defaults to ${DEFAULT-VALUE}.")
    int t2vCandidates;

    @Option(names = "--t2v-rounds", paramLabel = "R", defaultValue = "1",
            description = "Rounds per combination, each with new seeds. Defaults to ${DEFAULT-VALUE}.")
    int t2vRounds;

    @Option(names = "--t2v-seed", paramLabel = "SEED", defaultValue = "1000",
            description = "First seed; the others follow it. Defaults to ${DEFAULT-VALUE}.")
    long t2vSeed;

    @Option(names = "--t2v-steps", paramLabel = "K", defaultValue = "0",
            description = "Sampler steps. Defaults to the model bundle's.")
    int t2vSteps;

    @Option(names = "--t2v-guidance", paramLabel = "G", defaultValue = "NaN",
            description = "Guidance scale. Defaults to the model bundle's.")
    double t2vGuidance;

    @Option(names = "--t2v-minutes", paramLabel = "M", defaultValue = "0",
            description = "Start no new combination after M minutes (0: run all 48). The table says how many ran.")
    double t2vMinutes;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder of text-to-video bundles (<DIR>/<name>/model.json). Defaults to the bundled ones.")
    Path models;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:N", defaultValue = "cpu",
            description = "Where the text-to-video models run. Defaults to ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file to write. Defaults to docs/benchmarks.md.")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder, kept. Defaults to a new temporary folder, deleted at the end.")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (only != null && !PARTS.contains(only) && !only.equals(SCALING) && !only.equals(GENERATE)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--only must be one of " + PARTS
                    + ", " + SCALING + " or " + GENERATE + ", got " + only);
        }
        if (generateRuns < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--generate-runs must be at least 1");
        }
        int mostWorkers = scalingWorkers.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (scalingJobs < 1 || scalingPartitions < mostWorkers || scalingWorkers.stream().anyMatch(n -> n < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--scaling-jobs must be at least 1, --scaling-workers positive and --scaling-partitions at least"
                            + " the most workers (" + mostWorkers + ")");
        }
        if (t2vCandidates < 1 || t2vCandidates > 16 || t2vRounds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--t2v-candidates must be 1..16 and --t2v-rounds at least 1");
        }
        Path home = Path.of(System.getProperty("framefleet.home", "."));
        Path target = out != null ? out : home.resolve("docs/benchmarks.md");
        Path scratch = work != null ? Files.createDirectories(work) : Files.createTempDirectory("framefleet-bench");
        try {
            return run(home, target, scratch);
        } finally {
            if (work == null) {
                // Hundreds of megabytes of clips and frames per run; a folder given by --work is kept.
                deleteTree(scratch);
            }
        }
    }

    private int run(Path home, Path target, Path scratch) throws Exception {
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
        if (only == null || only.equals("t2v")) {
            md.append(new TextToVideoBench(new TextToVideoBench.Settings(t2vCandidates, t2vRounds, t2vSeed, t2vSteps,
                    t2vGuidance, models, InferenceDevice.parse(device), t2vMinutes)).run()).append('\n');
        }
        if (SCALING.equals(only)) {
            md.append(new ScalingBench(Files.createDirectories(scratch.resolve("scaling")), new ScalingBench.Settings(
                    scalingWorkers, scalingJobs, scalingPartitions, 2, 2.0, Duration.ofMinutes(scalingTimeoutMinutes),
                    scalingFrames))
                    .run()).append('\n');
        }
        if (GENERATE.equals(only)) {
            md.append(new GenerateBench(Files.createDirectories(scratch.resolve("generate")), new GenerateBench.Settings(
                    home, generatePrompt, generateSeed, generateRuns)).run()).append('\n');
        }
        // GPU figures cannot come from this machine's run; they are kept beside it, and say where they come from.
        Path gpu = home.resolve("docs/benchmarks-gpu.md");
        if (only == null && Files.isRegularFile(gpu)) {
            md.append(Files.readString(gpu, StandardCharsets.UTF_8)).append('\n');
        }
        md.append("Whole run: ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s.\n");
        Files.createDirectories(target.toAbsolutePath().getParent());
        String text = md.toString();
        if (only != null && Files.isRegularFile(target)) {
            // One part rerun: its section goes in place of the old one, and says which run it comes from.
            String section = text.substring(text.indexOf("\n## ") + 1, text.lastIndexOf("Whole run: ")).stripTrailing();
            int heading = section.indexOf('\n');
            section = section.substring(0, heading + 1) + "\nFrom `./framefleet bench --only " + only + "` on "
                    + started.truncatedTo(ChronoUnit.SECONDS) + " (" + machine() + "), in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s; the other sections come from the run"
                    + " named at the top.\n" + section.substring(heading + 1);
            text = BenchmarksFile.replaceSection(Files.readString(target, StandardCharsets.UTF_8), section);
        }
        Files.writeString(target, text, StandardCharsets.UTF_8);
        System.out.println(md);
        System.err.println("bench: wrote " + target);
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
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
