package io.framefleet.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upscales packed RGB frames to any size with a set of models of different scales: the models are chained
 * (x4 then x2, ...) until the frame is at least as large as the target, then a Lanczos resample hits the exact
 * size. Each stage cuts the frames into tiles with the model's halo as overlap ({@link TileGrid}), runs the
 * tiles of all frames in batches of {@code batchSize}, and stitches the cores back. When the engine runs out of
 * memory, the stage is run again with tiles half as wide, down to {@code minTileSize}; the smaller size sticks for
 * the rest of this upscaler's life, as the next frames will not need less memory.
 * <p>
 * One upscaler per thread: it holds one predictor per model. The models are shared and outlive it.
 */
public final class ImageUpscaler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImageUpscaler.class);

    private final List<SrModel> models;
    private final int batchSize;
    private final int minTileSize;
    private final long maxBatchBytes;
    private final Map<SrModel, Predictor<PlanarImage, PlanarImage>> predictors = new HashMap<>();
    private int tileSize;
    private int retries;

    private ImageUpscaler(Builder b) {
        this.models = b.models.stream().sorted(Comparator.comparingInt(SrModel::scale)).toList();
        this.batchSize = b.batchSize;
        this.minTileSize = b.minTileSize;
        this.maxBatchBytes = b.maxBatchBytes;
        this.tileSize = b.tileSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The scales to chain for an enlargement by {@code factor}: fewest steps that reach it, largest first while
     * more than x2 is still missing. Empty when no model is needed (factor at most 1).
     */
    public static List<Integer> chain(double factor, List<Integer> scales) {
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("no model scales to chain");
        }
        List<Integer> sorted = scales.stream().distinct().sorted().toList();
        List<Integer> steps = new ArrayList<>();
        double reached = 1;
        // A tiny tolerance: 1920/480 is exactly 4, but 1919.9999/480 from a rounded aspect ratio is not worth a step.
        while (reached * (1 + 1e-6) < factor) {
            double missing = factor / reached;
            int pick = sorted.get(sorted.size() - 1);
            for (int s : sorted) {
                if (s >= missing) {
                    pick = s;
                    break;
                }
            }
            steps.add(pick);
            reached *= pick;
        }
        return steps;
    }

    /** The models this upscaler would run, in order, for {@code width}x{@code height} to the target size. */
    public List<SrModel> plan(int width, int height, int targetWidth, int targetHeight) {
        double factor = Math.max((double) targetWidth / width, (double) targetHeight / height);
        List<SrModel> plan = new ArrayList<>();
        for (int scale : chain(factor, models.stream().map(SrModel::scale).toList())) {
            plan.add(models.stream().filter(m -> m.scale() == scale).findFirst().orElseThrow());
        }
        return plan;
    }

    /** Upscales one frame of packed RGB. */
    public byte[] upscale(byte[] rgb, int width, int height, int targetWidth, int targetHeight) {
        return upscale(List.of(rgb), width, height, targetWidth, targetHeight).get(0);
    }

    /** Upscales frames of one size together, so that small frames fill a batch. */
    public List<byte[]> upscale(List<byte[]> frames, int width, int height, int targetWidth, int targetHeight) {
        List<PlanarImage> images = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            images.add(PlanarImage.fromRgb(f, width, height));
        }
        List<byte[]> out = new ArrayList<>(frames.size());
        for (PlanarImage image : upscalePlanar(images, targetWidth, targetHeight)) {
            out.add(image.toRgb());
        }
        return out;
    }

    /** Like {@link #upscale(List, int, int, int, int)} on float planes, unclamped after the last resample. */
    public List<PlanarImage> upscalePlanar(List<PlanarImage> images, int targetWidth, int targetHeight) {
        if (images.isEmpty()) {
            return List.of();
        }
        int width = images.get(0).width();
        int height = images.get(0).height();
        for (PlanarImage image : images) {
            if (image.width() != width || image.height() != height) {
                throw new IllegalArgumentException("frames of one call must share a size: " + width + "x" + height
                        + " and " + image.width() + "x" + image.height());
            }
        }
        List<PlanarImage> current = images;
        boolean first = true;
        for (SrModel model : plan(width, height, targetWidth, targetHeight)) {
            if (!first) {
                // The next model was trained on [0, 1]; the last stage's overshoot is clamped once, in toRgb.
                current.forEach(ImageUpscaler::clampInPlace);
            }
            current = runStage(model, current);
            first = false;
        }
        List<PlanarImage> out = new ArrayList<>(current.size());
        for (PlanarImage image : current) {
            out.add(Lanczos.resize(image, targetWidth, targetHeight));
        }
        return out;
    }

    /** The tile size now in use; smaller than configured after an out-of-memory retry. */
    public int tileSize() {
        return tileSize;
    }

    /** How often a stage was retried with smaller tiles. */
    public int retries() {
        return retries;
    }

    /** One model over all frames, retried with smaller tiles while the engine runs out of memory. */
    List<PlanarImage> runStage(SrModel model, List<PlanarImage> images) {
        while (true) {
            try {
                return runTiled(model, images, tileSize);
            } catch (RuntimeException e) {
                if (!EngineOutOfMemoryException.isOutOfMemory(e)) {
                    throw e;
                }
                if (tileSize <= minTileSize) {
                    throw new EngineOutOfMemoryException("out of memory running " + model + " even with "
                            + tileSize + " px tiles in batches of " + batchSize, e);
                }
                int smaller = Math.max(minTileSize, tileSize / 2);
                LOG.warnf("%s ran out of memory with %d px tiles (%s); retrying with %d px", model, tileSize,
                        e.getMessage(), smaller);
                tileSize = smaller;
                retries++;
            }
        }
    }

    private List<PlanarImage> runTiled(SrModel model, List<PlanarImage> images, int coreSize) {
        int scale = model.scale();
        int width = images.get(0).width();
        int height = images.get(0).height();
        TileGrid grid = TileGrid.of(width, height, coreSize, model.descriptor().halo());
        long batchBytes = 4L * 3 * grid.windowWidth() * grid.windowHeight() * (1 + (long) scale * scale)
                * Math.min(batchSize, (long) images.size() * grid.tiles().size());
        if (batchBytes > maxBatchBytes) {
            throw new EngineOutOfMemoryException("a batch of " + grid.windowWidth() + "x" + grid.windowHeight()
                    + " tiles needs " + batchBytes + " bytes of tensors, above the memory ceiling of " + maxBatchBytes);
        }
        if (grid.tiles().size() == 1) {
            // Whole frames: the model's outputs are the frames, no stitching copy.
            List<PlanarImage> outputs = new ArrayList<>(images.size());
            for (int start = 0; start < images.size(); start += batchSize) {
                List<PlanarImage> results = predict(model, images.subList(start, Math.min(images.size(), start + batchSize)));
                for (PlanarImage result : results) {
                    checkScale(model, width, height, result);
                    outputs.add(result);
                }
            }
            return outputs;
        }
        List<PlanarImage> outputs = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            outputs.add(new PlanarImage(new float[3 * width * scale * height * scale], width * scale, height * scale));
        }
        int total = images.size() * grid.tiles().size();
        List<PlanarImage> batch = new ArrayList<>(batchSize);
        for (int start = 0; start < total; start += batchSize) {
            int end = Math.min(total, start + batchSize);
            batch.clear();
            for (int j = start; j < end; j++) {
                TileGrid.Rect w = grid.tiles().get(j % grid.tiles().size()).window();
                PlanarImage image = images.get(j / grid.tiles().size());
                boolean whole = w.width() == width && w.height() == height;
                batch.add(whole ? image : image.crop(w.x(), w.y(), w.width(), w.height()));
            }
            List<PlanarImage> results = predict(model, batch);
            for (int j = start; j < end; j++) {
                TileGrid.Tile t = grid.tiles().get(j % grid.tiles().size());
                PlanarImage result = results.get(j - start);
                checkScale(model, t.window().width(), t.window().height(), result);
                outputs.get(j / grid.tiles().size()).paste(result,
                        (t.core().x() - t.window().x()) * scale, (t.core().y() - t.window().y()) * scale,
                        t.core().width() * scale, t.core().height() * scale,
                        t.core().x() * scale, t.core().y() * scale);
            }
        }
        return outputs;
    }

    private static void checkScale(SrModel model, int width, int height, PlanarImage result) {
        if (result.width() != width * model.scale() || result.height() != height * model.scale()) {
            throw new InferenceException(model + " turned a " + width + "x" + height + " tile into " + result.width()
                    + "x" + result.height() + ", not x" + model.scale());
        }
    }

    private List<PlanarImage> predict(SrModel model, List<PlanarImage> batch) {
        Predictor<PlanarImage, PlanarImage> predictor = predictors.computeIfAbsent(model, SrModel::newPredictor);
        try {
            return batch.size() == 1 ? List.of(predictor.predict(batch.get(0))) : predictor.batchPredict(batch);
        } catch (TranslateException e) {
            throw new InferenceException("running " + model + " failed: " + e.getMessage(), e);
        }
    }

    private static void clampInPlace(PlanarImage image) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            d[i] = v > 0f ? (v < 1f ? v : 1f) : 0f;
        }
    }

    @Override
    public void close() {
        predictors.values().forEach(Predictor::close);
        predictors.clear();
    }

    public static final class Builder {
        private final List<SrModel> models = new ArrayList<>();
        private int tileSize = 512;
        private int minTileSize = 32;
        private int batchSize = 1;
        private long maxBatchBytes = Long.MAX_VALUE;

        private Builder() {
        }

        /** The models to chain; at most one per scale. At least one is required. */
        public Builder setModels(List<SrModel> models) {
            this.models.clear();
            this.models.addAll(models);
            return this;
        }

        /** Core size of a tile in input pixels (a frame that fits is not tiled). Defaults to 512. */
        public Builder optTileSize(int tileSize) {
            this.tileSize = tileSize;
            return this;
        }

        /** Smallest tile an out-of-memory retry goes down to. Defaults to 32. */
        public Builder optMinTileSize(int minTileSize) {
            this.minTileSize = minTileSize;
            return this;
        }

        /** Tiles (of one or several frames) per forward pass. Defaults to 1. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Most bytes of input plus output tensors in one forward pass; a batch above it is treated as out of
         * memory before it reaches the engine, so a worker that shares its device keeps to its share. Defaults to
         * no limit (the engine's own out-of-memory errors still trigger the retry).
         */
        public Builder optMaxBatchBytes(long maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        public ImageUpscaler build() {
            if (models.isEmpty()) {
                throw new IllegalStateException("setModels needs at least one model");
            }
            if (models.stream().map(SrModel::scale).distinct().count() != models.size()) {
                throw new IllegalArgumentException("at most one model per scale, got " + models);
            }
            if (tileSize < 1 || minTileSize < 1 || minTileSize > tileSize || batchSize < 1 || maxBatchBytes < 1) {
                throw new IllegalArgumentException("need 1 <= minTileSize (" + minTileSize + ") <= tileSize ("
                        + tileSize + "), batchSize >= 1 (" + batchSize + "), maxBatchBytes >= 1");
            }
            return new ImageUpscaler(this);
        }
    }
}
