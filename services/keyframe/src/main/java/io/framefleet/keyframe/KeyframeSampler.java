package io.framefleet.keyframe;

import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.StageTask;
import io.framefleet.generation.Clip;
import io.framefleet.generation.GenerationBundle;
import io.framefleet.generation.TextToVideo;
import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.ModelRepository;
import io.framefleet.media.RgbSegmentWriter;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Progress;
import io.framefleet.worker.StageProcessor;
import org.jboss.logging.Logger;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyframe stage: a task's prompt and seeds to one base clip per seed ({@code c<i>.mkv}, lossless RGB FFV1 at
 * the task's fps) and {@code preview.png} (each candidate's frames side by side, one row per candidate), under the
 * task's output prefix; with several seeds, {@code first/preview.png} (the first candidate alone) is published as
 * progress while the others are sampled. Results: {@code ignoredWords} (comma-separated) and the clips' {@code frames},
 * {@code width}, {@code height}.
 * <p>
 * The configured model is loaded by {@link #load()} at start-up; a task naming another model of the repository
 * loads that one on first use and keeps it.
 */
public class KeyframeSampler implements StageProcessor, AutoCloseable {

    public static final String NAME = "t2v";
    /** Where, under the task's output prefix, the first candidate's preview is published before the task completes. */
    public static final String FIRST_PREVIEW = "first/preview.png";
    private static final Logger LOG = Logger.getLogger(KeyframeSampler.class);

    private final ModelRepository repository;
    private final InferenceDevice device;
    private final String defaultModel;
    private final int maxBatch;
    private final Map<String, TextToVideo> models = new HashMap<>();
    /** The tag of the model the calling thread's last task ran, which {@link #version()} reports for it. */
    private final ThreadLocal<String> lastTag = new ThreadLocal<>();

    public KeyframeSampler(ModelRepository repository, InferenceDevice device, String defaultModel, int maxBatch) {
        this.repository = repository;
        this.device = device;
        this.defaultModel = defaultModel;
        this.maxBatch = maxBatch;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The tag ({@code name@version+digest}) of the model the task just run used: what ran, exactly. */
    @Override
    public String version() {
        String tag = lastTag.get();
        return tag != null ? tag : load().bundle().tag();
    }

    @Override
    public boolean usesGpu() {
        return device.isGpu();
    }

    /** Loads the configured model (once) and returns it. */
    public TextToVideo load() {
        return model(defaultModel);
    }

    /** One tiny generation, so the engine's first (slow) calls happen before the first task. */
    public void warmUp() {
        long t0 = System.nanoTime();
        load().generate("", null, new long[] {0}, 1, 0.0);
        LOG.infof("warmed up %s in %d ms", load(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) throws BadInputException {
        return process(task, inputs, workDir, Progress.NONE);
    }

    /**
     * With more than one seed, the first candidate is sampled alone and its preview ({@code first/preview.png})
     * published as progress before the others are sampled (as one batch), so a preview exists after one candidate's
     * time, not all of them.
     */
    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir, Progress progress)
            throws BadInputException {
        KeyframeRequest request = KeyframeRequest.of(task, defaultModel);
        TextToVideo t2v = modelFor(request.model());
        lastTag.set(t2v.bundle().tag());
        long[] seeds = request.seeds();
        String bucket = task.output().bucket();
        List<Clip> clips = new ArrayList<>(seeds.length);
        if (seeds.length > 1) {
            clips.addAll(t2v.generate(request.prompt(), request.negative(), new long[] {seeds[0]}, request.steps(),
                    request.guidance()));
            Path first = workDir.resolve("first-preview.png");
            writePreview(clips, first);
            progress.publish(List.of(new ProcessorResult.Output(first,
                    ObjectRef.of(bucket, request.output() + FIRST_PREVIEW))), "candidate 1 of " + seeds.length);
            seeds = Arrays.copyOfRange(seeds, 1, seeds.length);
        }
        clips.addAll(t2v.generate(request.prompt(), request.negative(), seeds, request.steps(), request.guidance()));
        List<ProcessorResult.Output> outputs = new ArrayList<>(clips.size() + 1);
        long frames = 0;
        for (int i = 0; i < clips.size(); i++) {
            Clip clip = clips.get(i);
            Path file = workDir.resolve("c" + i + ".mkv");
            try (RgbSegmentWriter writer = RgbSegmentWriter.open(file, clip.width(), clip.height(),
                    request.fps().num(), request.fps().den())) {
                for (byte[] frame : clip.rgb()) {
                    writer.write(frame);
                }
                frames += writer.frames();
            }
            outputs.add(new ProcessorResult.Output(file, ObjectRef.of(bucket, request.output() + "c" + i + ".mkv")));
        }
        Path preview = workDir.resolve("preview.png");
        writePreview(clips, preview);
        outputs.add(new ProcessorResult.Output(preview, ObjectRef.of(bucket, request.output() + "preview.png")));
        Clip firstClip = clips.get(0);
        Map<String, String> results = new LinkedHashMap<>();
        results.put("ignoredWords", String.join(",", t2v.ignoredWords(request.prompt(), request.negative())));
        results.put("frames", Integer.toString(firstClip.frames()));
        results.put("width", Integer.toString(firstClip.width()));
        results.put("height", Integer.toString(firstClip.height()));
        return new ProcessorResult(outputs, frames, results);
    }

    /** Candidates as rows, their frames left to right, at the clips' own size. */
    static void writePreview(List<Clip> clips, Path png) {
        Clip first = clips.get(0);
        int w = first.width();
        int h = first.height();
        BufferedImage image = new BufferedImage(w * first.frames(), h * clips.size(), BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < clips.size(); row++) {
            Clip clip = clips.get(row);
            for (int f = 0; f < clip.frames(); f++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        image.setRGB(f * w + x, row * h + y,
                                clip.at(f, x, y, 0) << 16 | clip.at(f, x, y, 1) << 8 | clip.at(f, x, y, 2));
                    }
                }
            }
        }
        try {
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private TextToVideo modelFor(String name) throws BadInputException {
        if (!name.equals(defaultModel) && repository.findBundle(name, GenerationBundle.TASK).isEmpty()) {
            throw new BadInputException("no text-to-video model " + name + " in " + repository + "; this worker runs "
                    + defaultModel);
        }
        return model(name);
    }

    private synchronized TextToVideo model(String name) {
        return models.computeIfAbsent(name, n -> TextToVideo.builder().setRepository(repository).setName(n)
                .optDevice(device).optMaxBatch(maxBatch).build());
    }

    @Override
    public synchronized void close() {
        models.values().forEach(TextToVideo::close);
        models.clear();
    }
}
