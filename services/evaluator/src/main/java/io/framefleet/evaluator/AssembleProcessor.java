package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.MediaInfo;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.StageTask;
import io.framefleet.evaluator.quality.FullReference;
import io.framefleet.evaluator.quality.FullReferenceScores;
import io.framefleet.evaluator.quality.NoReference;
import io.framefleet.evaluator.quality.NoReferenceScores;
import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.shapes.ShapesChecker;
import io.framefleet.media.Assembler;
import io.framefleet.media.Probe;
import io.framefleet.media.Stills;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Rational;
import io.framefleet.worker.StageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last stage: joins the segments into the finished video with the source's audio, checks
 * it (duration, full-reference quality against the source, no-reference defects) and writes
 * the video, {@code report.json} and {@code manifest.json} beside each other.
 *
 * <p>A generation job's task also carries the {@code prompt} and the {@code generation} summary: its
 * finished video is then scored against the prompt and checked by the shapes checker
 * ({@link GenerationCheck}), and an image job keeps the frame the task names.
 */
public class AssembleProcessor implements StageProcessor {

    static final int MAX_COMPARED_FRAMES = 60;

    private final Supplier<AlignmentScorer> scorer;
    private final ShapesChecker checker = new ShapesChecker();

    public AssembleProcessor(Supplier<AlignmentScorer> scorer) {
        this.scorer = scorer;
    }

    @Override
    public String name() {
        return "assemble";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) throws IOException, BadInputException {
        long t0 = System.nanoTime();
        JobRequested request = CloudEvents.parse(JobRequested.class, task.param("request"));
        Rational fps = Rational.parse(task.param("fps"));
        String codec = task.param("codec");
        Path source = inputs.get(0);
        List<Path> segments = inputs.subList(1, inputs.size());
        Path video = workDir.resolve(task.output().key().substring(task.output().key().lastIndexOf('/') + 1));
        boolean still = "png".equals(codec);
        long frames;
        if (still && task.params().containsKey("frame")) {
            StillFrames.writePng(segments.get(0), frameIndex(task), video);
            frames = 1;
        } else if (still) {
            Stills.writePng(segments.get(0), video);
            frames = 1;
        } else {
            // Segments carry no rotation; the source's display rotation goes back on the finished video.
            frames = Assembler.assemble(segments, request.media().hasAudio() ? source : null,
                    request.media().rotation(), fps.num(), fps.den(), codec, video);
        }
        long t1 = System.nanoTime();
        MediaInfo out = Probe.probe(video);
        double frameSeconds = 1.0 / fps.value();
        if (!still && Math.abs(out.durationSeconds() - request.media().durationSeconds())
                > frameSeconds + 1.0 / request.media().fps()) {
            throw new BadInputException(String.format("assembled video lasts %.3f s but the source %.3f s",
                    out.durationSeconds(), request.media().durationSeconds()));
        }
        FullReferenceScores fr = FullReference.compare(source, video, MAX_COMPARED_FRAMES);
        NoReferenceScores nr = NoReference.analyse(video);
        GenerationCheck generation = null;
        if (task.params().containsKey("generation")) {
            String prompt = task.params().get("prompt");
            if (prompt == null) {
                throw new BadInputException("a generation job's evaluate task lacks parameter 'prompt'");
            }
            generation = GenerationCheck.measure(prompt, task.param("generation"), source, video, scorer.get(), checker);
        }
        long t2 = System.nanoTime();

        String prefix = task.output().key().substring(0, task.output().key().lastIndexOf('/') + 1);
        ObjectRef reportRef = ObjectRef.of(task.output().bucket(), prefix + "report.json");
        ObjectRef manifestRef = ObjectRef.of(task.output().bucket(), prefix + "manifest.json");
        ObjectNode report = Reports.report(task, request, out, frames, fr, nr,
                Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Instant.now());
        ObjectNode manifest = Reports.manifest(task, request, out);
        if (generation != null) {
            report.set("generation", generation.report(nr));
            generation.manifest(manifest);
        }
        Path reportFile = workDir.resolve("report.json");
        Path manifestFile = workDir.resolve("manifest.json");
        Files.writeString(reportFile, CloudEvents.json().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        Files.writeString(manifestFile, CloudEvents.json().writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        return new ProcessorResult(List.of(
                new ProcessorResult.Output(video, task.output()),
                new ProcessorResult.Output(reportFile, reportRef),
                new ProcessorResult.Output(manifestFile, manifestRef)), frames);
    }

    private static int frameIndex(StageTask task) throws BadInputException {
        try {
            int frame = Integer.parseInt(task.param("frame").trim());
            if (frame < 0) {
                throw new BadInputException("frame must not be negative, got " + frame);
            }
            return frame;
        } catch (NumberFormatException e) {
            throw new BadInputException("frame must be a frame index, got '" + task.param("frame") + "'");
        }
    }
}
