package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.StoreType;
import io.framefleet.storage.ObjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts a fleet, makes one video (or image) from a prompt and downloads it with its preview, report and manifest. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Makes a short video (or, with --image, a picture) from a text prompt with a fleet started for this job.",
            "The base model samples --candidates small clips per round, the scorer keeps the best; below --threshold it "
                + "samples again, up to --rounds rounds; the interpolator and super-resolver then make the asked-for fps and size."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job succeeded; results are in --out",
            "1:the job failed or was cancelled",
            "2:bad input (options, prompt, manifest, or rejected by ingest)",
            "3:the job did not finish within --timeout",
            "4:the fleet did not start"})
final class GenerateCommand implements Callable<Integer> {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Pattern SIZE = Pattern.compile("(\\d+)[xX](\\d+)");
    private static final Pattern PREVIEW_ROUND = Pattern.compile(".*/keyframe/(\\d+)-a\\d+/(first/)?preview\\.png");
    static final String PREVIEW = "preview.png";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT",
            description = "What to show, e.g. \"a red circle moving right on a gray background\". Optional with --replay.")
    String prompt;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the results (preview.png, video.mp4 or image.png, report.json, manifest.json); created if missing.")
    Path out;

    @Option(names = "--seconds", paramLabel = "S", description = "Length of the video, in (0, 30]. Default: 2.")
    Double seconds;

    @Option(names = "--fps", paramLabel = "F", description = "Frame rate of the video. Default: 16.")
    Double fps;

    @Option(names = "--size", paramLabel = "WxH", description = "Size of the video or image, e.g. 256x256. Default: 128x128.")
    String size;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the first candidate; drawn (and recorded in the manifest) when absent.")
    Long seed;

    @Option(names = "--steps", paramLabel = "K", description = "Sampler steps. Default: 16.")
    Integer steps;

    @Option(names = "--guidance", paramLabel = "G", description = "Classifier-free guidance scale. Default: 3.0.")
    Double guidance;

    @Option(names = "--candidates", paramLabel = "N", description = "Clips sampled per round, 1..16. Default: 4.")
    Integer candidates;

    @Option(names = "--negative", paramLabel = "TEXT", description = "What the video should not show (negative prompt).")
    String negative;

    @Option(names = "--threshold", paramLabel = "X", description = "Scorer cosine the best candidate must reach to stop sampling. Default: ingest's.")
    Double threshold;

    @Option(names = "--rounds", paramLabel = "R", description = "Sampling rounds at most, 1..10. Default: 3.")
    Integer rounds;

    @Option(names = "--codec", paramLabel = "h264|ffv1", description = "h264 (MP4) or ffv1 (lossless Matroska). Default: h264.")
    EnhanceCommand.Codec codec;

    @Option(names = "--interpolator", paramLabel = "NAME", description = "Frame interpolation: flow (default), minterpolate or blend.")
    String interpolator;

    @Option(names = "--upscaler", paramLabel = "NAME", description = "Upscaler: sr-fast (default), sr-quality, lanczos or bicubic.")
    String upscaler;

    @Option(names = "--image", description = "Make one picture (image.png) instead of a video.")
    boolean image;

    @Option(names = "--replay", paramLabel = "manifest.json",
            description = "Make again what a manifest.json describes: its prompt, seed and parameters (options given here override).")
    Path replay;

    @Option(names = "--store", paramLabel = "local|s3", defaultValue = "local",
            description = "Object store of the fleet: a local folder or S3Mock. Default: ${DEFAULT-VALUE}.")
    StoreType store;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to wait for the job, e.g. 90s, 30m. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    /** A prompt with its options: what gets submitted. */
    record Request(String prompt, GenerateOptions options) {
    }

    /** The options exactly as given (over the replayed ones); ingest fills the defaults and checks ranges. */
    Request request() throws IOException {
        Request base = replay == null ? new Request(null, null) : Replay.read(replay, CloudEvents.json());
        Integer width = null;
        Integer height = null;
        if (size != null) {
            Matcher m = SIZE.matcher(size.trim());
            if (!m.matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--size must be WxH, e.g. 256x256, not '" + size + "'");
            }
            width = Integer.parseInt(m.group(1));
            height = Integer.parseInt(m.group(2));
        }
        GenerateOptions given = new GenerateOptions(negative, seconds, fps, width, height, seed, steps, guidance,
                candidates, threshold, rounds, codec == null ? null : codec.name().toLowerCase(Locale.ROOT),
                interpolator, upscaler, image ? Boolean.TRUE : null, null);
        String text = prompt != null ? prompt : base.prompt();
        if (text == null || text.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a PROMPT (or --replay manifest.json)");
        }
        return new Request(text, Replay.over(base.options(), given));
    }

    @Override
    public Integer call() throws Exception {
        Request request;
        try {
            request = request();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("framefleet: " + e.getMessage());
            return EnhanceCommand.BAD_INPUT;
        }
        PrintStream stdout = System.out;
        return FleetStart.runOnce(store, stdout, (fleet, objects) -> runJob(fleet, objects, request, stdout));
    }

    private int runJob(Fleet fleet, ObjectStore objects, Request request, PrintStream stdout)
            throws IOException, InterruptedException {
        ObjectMapper json = CloudEvents.json();
        IngestClient ingest = new IngestClient(fleet.ingestUri(), json);
        long submitted = System.nanoTime();
        String jobId;
        try {
            jobId = ingest.generate(request.prompt(), request.options());
        } catch (IngestClient.JobRejectedException e) {
            System.err.println("framefleet: rejected: " + e.getMessage());
            return EnhanceCommand.BAD_INPUT;
        }
        stdout.println("job " + jobId + " submitted: \"" + request.prompt() + "\"");
        Files.createDirectories(out);
        JobView job = await(ingest, objects, jobId, submitted, stdout);
        if (job == null) {
            System.err.println("framefleet: job " + jobId + " did not finish within " + timeout);
            return EnhanceCommand.TIMED_OUT;
        }
        if (!job.succeeded()) {
            System.err.println("framefleet: job " + jobId + " " + job.state() + ": " + job.error());
            return EnhanceCommand.JOB_FAILED;
        }
        new Results(objects, json, out).download(job, stdout);
        return EnhanceCommand.SUCCEEDED;
    }

    /** Polls the job until it ends, saving each new preview as it appears; null when {@link #timeout} passes first. */
    private JobView await(IngestClient ingest, ObjectStore objects, String jobId, long submitted, PrintStream stdout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProgressLine progress = new ProgressLine(System.err, System.console() != null);
        String savedPreview = null;
        try {
            while (System.nanoTime() < deadline) {
                Optional<JobView> job = ingest.job(jobId);
                if (job.isPresent()) {
                    Optional<ObjectRef> preview = preview(job.get());
                    if (preview.isPresent() && !preview.get().key().equals(savedPreview) && !job.get().finished()) {
                        Path target = out.resolve(PREVIEW);
                        objects.download(preview.get().bucket(), preview.get().key(), target);
                        progress.finish();
                        stdout.printf(Locale.ROOT, "preview of round %s%s after %.1f s: %s%n", round(preview.get()),
                                firstOnly(preview.get()) ? " (its first candidate)" : "",
                                (System.nanoTime() - submitted) / 1e9, target);
                        savedPreview = preview.get().key();
                    }
                    progress.show(job.get(), Duration.ofNanos(System.nanoTime() - submitted));
                    if (job.get().finished()) {
                        return job.get();
                    }
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
            return null;
        } finally {
            progress.finish();
        }
    }

    static Optional<ObjectRef> preview(JobView job) {
        return job.outputs().stream().filter(o -> o.key().endsWith("/" + PREVIEW)).reduce((a, b) -> b);
    }

    /** Whether the preview shows only the first candidate of its round, published while the others are sampled. */
    static boolean firstOnly(ObjectRef preview) {
        Matcher m = PREVIEW_ROUND.matcher(preview.key());
        return m.matches() && m.group(2) != null;
    }

    static String round(ObjectRef preview) {
        Matcher m = PREVIEW_ROUND.matcher(preview.key());
        return m.matches() ? m.group(1) : "?";
    }

    /** Reads what a finished job's manifest.json says was asked for. */
    static final class Replay {

        private Replay() {
        }

        static Request read(Path manifest, ObjectMapper json) throws IOException {
            if (!Files.isRegularFile(manifest)) {
                throw new IOException("--replay " + manifest + " is not a readable file");
            }
            JsonNode m = json.readTree(manifest.toFile());
            // The recorded request is authoritative; a top-level "options" may be the cascade's enhancement options.
            JsonNode request = m.path("generation").path("request");
            JsonNode prompt = request.path("prompt").isTextual() ? request.get("prompt") : m.path("prompt");
            JsonNode options = request.path("options").isObject() ? request.get("options") : m.path("options");
            if (!prompt.isTextual() || !options.isObject() || !options.has("seed")) {
                throw new IOException(manifest + " is not the manifest of a generation job (no prompt, options and seed)");
            }
            return new Request(prompt.asText(), json.treeToValue(options, GenerateOptions.class));
        }

        /** The given options over the replayed ones, field by field. */
        static GenerateOptions over(GenerateOptions base, GenerateOptions given) {
            if (base == null) {
                return given;
            }
            return new GenerateOptions(pick(given.negativePrompt(), base.negativePrompt()),
                    pick(given.seconds(), base.seconds()), pick(given.fps(), base.fps()),
                    pick(given.width(), base.width()), pick(given.height(), base.height()),
                    pick(given.seed(), base.seed()), pick(given.steps(), base.steps()),
                    pick(given.guidance(), base.guidance()), pick(given.candidates(), base.candidates()),
                    pick(given.threshold(), base.threshold()), pick(given.maxRounds(), base.maxRounds()),
                    pick(given.codec(), base.codec()), pick(given.interpolator(), base.interpolator()),
                    pick(given.upscaler(), base.upscaler()), pick(given.image(), base.image()),
                    pick(given.model(), base.model()));
        }

        private static <T> T pick(T given, T base) {
            return given != null ? given : base;
        }
    }
}
