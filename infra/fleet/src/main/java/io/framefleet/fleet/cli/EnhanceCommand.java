package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.StoreType;
import io.framefleet.storage.ObjectStore;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
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
import java.util.UUID;
import java.util.concurrent.Callable;

/** Starts a fleet, runs one enhancement job through it and downloads the results. */
@Command(name = "enhance",
        mixinStandardHelpOptions = true,
        description = "Raises the frame rate and/or resolution of a video with a fleet started for this job.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job succeeded; results are in --out",
            "1:the job failed or was cancelled",
            "2:bad input (options, file, or rejected by ingest)",
            "3:the job did not finish within --timeout",
            "4:the fleet did not start"})
final class EnhanceCommand implements Callable<Integer> {

    static final int SUCCEEDED = 0;
    static final int JOB_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int TIMED_OUT = 3;
    static final int FLEET_FAILED = 4;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The video file to enhance.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the results (video, report.json, manifest.json); created if missing.")
    Path out;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    FrameRate frameRate;

    @Option(names = "--scale", paramLabel = "S", description = "Spatial scale factor, e.g. 2.")
    Double scale;

    @Option(names = "--codec", paramLabel = "h264|ffv1", description = "h264 (MP4) or ffv1 (lossless Matroska). Ingest's default: h264.")
    Codec codec;

    @Option(names = "--interpolator", paramLabel = "NAME", description = "Frame interpolation: flow (default: our motion-compensated interpolator), minterpolate or blend (FFmpeg).")
    String interpolator;

    @Option(names = "--upscaler", paramLabel = "NAME", description = "Upscaler: sr-fast (default), sr-quality (learned models), lanczos or bicubic (FFmpeg).")
    String upscaler;

    @Option(names = "--store", paramLabel = "local|s3", defaultValue = "local",
            description = "Object store of the fleet: a local folder or S3Mock. Default: ${DEFAULT-VALUE}.")
    StoreType store;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to wait for the job, e.g. 90s, 30m. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    static final class FrameRate {
        @Option(names = "--fps-factor", paramLabel = "K", description = "Multiply the frame rate by K (1..8).")
        Integer factor;

        @Option(names = "--fps", paramLabel = "F", description = "Target frame rate.")
        Double fps;
    }

    enum Codec { H264, FFV1 }

    /** The options exactly as the user gave them; ingest fills the defaults and checks ranges. */
    EnhanceOptions options() {
        return new EnhanceOptions(
                frameRate == null ? null : frameRate.factor,
                frameRate == null ? null : frameRate.fps,
                scale, null, null,
                codec == null ? null : codec.name().toLowerCase(Locale.ROOT),
                interpolator, upscaler);
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "INPUT " + input + " is not a readable file");
        }
        PrintStream stdout = System.out;
        return FleetStart.runOnce(store, stdout, (fleet, objects) -> runJob(fleet, objects, stdout));
    }

    private int runJob(Fleet fleet, ObjectStore objects, PrintStream stdout) throws IOException, InterruptedException {
        ObjectMapper json = io.framefleet.contracts.CloudEvents.json();
        objects.ensureBucket(Fleet.INBOX_BUCKET);
        String key = "cli/" + UUID.randomUUID() + "/" + input.getFileName();
        ObjectRef source = objects.put(Fleet.INBOX_BUCKET, key, input);
        IngestClient ingest = new IngestClient(fleet.ingestUri(), json);
        String jobId;
        try {
            jobId = ingest.submit(source, options());
        } catch (IngestClient.JobRejectedException e) {
            System.err.println("framefleet: rejected: " + e.getMessage());
            return BAD_INPUT;
        }
        stdout.println("job " + jobId + " submitted (" + source + ")");

        JobView job = await(ingest, jobId);
        if (job == null) {
            System.err.println("framefleet: job " + jobId + " did not finish within " + timeout);
            return TIMED_OUT;
        }
        if (!job.succeeded()) {
            System.err.println("framefleet: job " + jobId + " " + job.state() + ": " + job.error());
            return JOB_FAILED;
        }
        new Results(objects, json, out).download(job, stdout);
        return SUCCEEDED;
    }

    /** Polls the job until it ends; null when {@link #timeout} passes first. */
    private JobView await(IngestClient ingest, String jobId) throws IOException, InterruptedException {
        long polling = System.nanoTime();
        long deadline = polling + timeout.toNanos();
        ProgressLine progress = new ProgressLine(System.err, System.console() != null);
        try {
            while (System.nanoTime() < deadline) {
                Optional<JobView> job = ingest.job(jobId);
                if (job.isPresent()) {
                    progress.show(job.get(), Duration.ofNanos(System.nanoTime() - polling));
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
}
