package io.framefleet.superres;

import io.framefleet.contracts.StageTask;
import io.framefleet.inference.ImageUpscaler;
import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.ModelDescriptor;
import io.framefleet.inference.ModelRepository;
import io.framefleet.inference.SrModel;
import io.framefleet.media.FrameReader;
import io.framefleet.media.MediaException;
import io.framefleet.media.RgbSegmentWriter;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Rational;
import io.framefleet.worker.StageProcessor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Upscaling with learned models ({@code sr-fast}, {@code sr-quality}): frames are decoded to RGB, run through the
 * chain of models that reaches the task's size (x2, x4, x4 then x2, ...; Lanczos to the exact size), and written to
 * a lossless RGB segment with exactly the task's frame count, like {@link FfmpegScaler}.
 * <p>
 * The models load on the first task, not at construction: the runtime instantiates every processor to list their
 * names, and a worker that only runs {@code lanczos} should not pay for models. They are then shared by all tasks;
 * each task gets its own predictors.
 */
public class ModelUpscaler implements StageProcessor {

    private final String name;
    private final List<String> modelNames;
    private final ModelRepository repository;
    private final InferenceDevice device;
    private final SuperResConfig config;
    private List<SrModel> models;

    public ModelUpscaler(String name, List<String> modelNames, ModelRepository repository, InferenceDevice device,
                         SuperResConfig config) {
        this.name = name;
        this.modelNames = List.copyOf(modelNames);
        this.repository = repository;
        this.device = device;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    /** The models' tags, e.g. {@code sr-fast-x2@1.0.0+3fa1b2c4d5e6,sr-fast-x4@1.0.0+...}: what ran, exactly. */
    @Override
    public String version() {
        List<SrModel> loaded;
        synchronized (this) {
            loaded = models;
        }
        // Once loaded, the models that actually ran: a bucket may have changed since, and asking the repository
        // again would cost a descriptor read per task.
        Stream<ModelDescriptor> descriptors = loaded != null
                ? loaded.stream().map(SrModel::descriptor)
                : modelNames.stream().map(repository::find).flatMap(Optional::stream);
        return descriptors.map(ModelDescriptor::tag).collect(Collectors.joining(","));
    }

    @Override
    public boolean usesGpu() {
        return device.isGpu();
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) throws BadInputException {
        int width = Integer.parseInt(task.param("width"));
        int height = Integer.parseInt(task.param("height"));
        Rational fps = Rational.parse(task.param("fps"));
        long frames = Long.parseLong(task.param("frames"));
        if (width < 1 || height < 1 || frames < 1) {
            throw new BadInputException("invalid target " + width + "x" + height + " with " + frames + " frames");
        }
        Path out = workDir.resolve("upscaled.mkv");
        int batch = Math.max(1, config.batchSize());
        try (ImageUpscaler upscaler = upscaler();
             FrameReader in = FrameReader.open(inputs.get(0));
             RgbSegmentWriter writer = RgbSegmentWriter.open(out, width, height, fps.num(), fps.den())) {
            List<byte[]> pending = new ArrayList<>(batch);
            int w = -1;
            int h = -1;
            byte[] last = null;
            while (writer.frames() + pending.size() < frames && in.next()) {
                if (w < 0) {
                    w = in.width();
                    h = in.height();
                } else if (in.width() != w || in.height() != h) {
                    throw new BadInputException("frame " + in.index() + " is " + in.width() + "x" + in.height()
                            + ", the segment started at " + w + "x" + h);
                }
                pending.add(in.rgb());
                if (pending.size() == batch) {
                    last = flush(upscaler, pending, w, h, width, height, writer);
                }
            }
            if (!pending.isEmpty()) {
                last = flush(upscaler, pending, w, h, width, height, writer);
            }
            if (last == null) {
                throw new BadInputException("segment " + inputs.get(0).getFileName() + " has no frames");
            }
            // Same accounting as the FFmpeg scalers: a short segment holds its last frame.
            while (writer.frames() < frames) {
                writer.write(last);
            }
            return ProcessorResult.single(out, task.output(), writer.frames());
        } catch (MediaException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static byte[] flush(ImageUpscaler upscaler, List<byte[]> pending, int w, int h, int width, int height,
                                RgbSegmentWriter writer) {
        byte[] last = null;
        for (byte[] frame : upscaler.upscale(pending, w, h, width, height)) {
            writer.write(frame);
            last = frame;
        }
        pending.clear();
        return last;
    }

    ImageUpscaler upscaler() {
        ImageUpscaler.Builder b = ImageUpscaler.builder().setModels(models())
                .optTileSize(config.tileSize()).optMinTileSize(config.minTileSize()).optBatchSize(config.batchSize());
        config.maxBatchBytes().ifPresent(b::optMaxBatchBytes);
        return b.build();
    }

    /** Loads the configured models once; those not in the repository are left out, all absent is an error. */
    synchronized List<SrModel> models() {
        if (models == null) {
            List<SrModel> loaded = new ArrayList<>();
            for (String model : modelNames) {
                if (repository.find(model).isPresent()) {
                    loaded.add(SrModel.builder().setRepository(repository).setName(model).optDevice(device).build());
                }
            }
            if (loaded.isEmpty()) {
                throw new IllegalStateException("processor " + name + " has none of its models " + modelNames
                        + " in " + repository);
            }
            models = List.copyOf(loaded);
        }
        return models;
    }

    /** Frees the models; the processor loads them again if asked. */
    public synchronized void close() {
        if (models != null) {
            models.forEach(SrModel::close);
            models = null;
        }
    }
}
