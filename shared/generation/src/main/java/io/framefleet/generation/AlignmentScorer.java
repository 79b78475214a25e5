package io.framefleet.generation;

import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.InferenceException;
import io.framefleet.inference.ModelRepository;
import io.framefleet.inference.Tensor;
import io.framefleet.inference.TorchScriptModule;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * How well clips match a prompt: the cosine similarity, in [-1, 1], of a contrastively trained video embedding and
 * text embedding ({@code scorer.pt}). Clips of any size and length are first resampled to the scorer's
 * ({@link VideoResampler}), so the base candidates and the finished, upscaled video are scored alike.
 * Loaded once and shared: {@link #score} may be called from several threads.
 */
public final class AlignmentScorer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AlignmentScorer.class);

    private final ScorerBundle bundle;
    private final Tokenizer tokenizer;
    private final TorchScriptModule scorer;
    private final InferenceDevice device;
    private final int maxBatch;

    private AlignmentScorer(ScorerBundle bundle, Tokenizer tokenizer, TorchScriptModule scorer,
                            InferenceDevice device, int maxBatch) {
        this.bundle = bundle;
        this.tokenizer = tokenizer;
        this.scorer = scorer;
        this.device = device;
        this.maxBatch = maxBatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One score per clip, in order. */
    public float[] score(String prompt, List<Clip> clips) {
        float[] scores = new float[clips.size()];
        long[] ids = tokenizer.encode(prompt);
        int f = bundle.frames();
        int h = bundle.height();
        int w = bundle.width();
        int size = f * 3 * h * w;
        int l = tokenizer.maxTokens();
        for (int start = 0; start < clips.size(); start += maxBatch) {
            int n = Math.min(maxBatch, clips.size() - start);
            float[] video = new float[n * size];
            long[] tokens = new long[n * l];
            for (int i = 0; i < n; i++) {
                System.arraycopy(VideoResampler.planar(clips.get(start + i), f, w, h), 0, video, i * size, size);
                System.arraycopy(ids, 0, tokens, i * l, l);
            }
            Tensor out = scorer.forwardOne(Tensor.of(video, n, f, 3, h, w), Tensor.ofLongs(tokens, n, l));
            if (out.floats().length != n) {
                throw new InferenceException(bundle.tag() + ": scorer.pt returned " + out + " for " + n + " clips");
            }
            System.arraycopy(out.floats(), 0, scores, start, n);
        }
        return scores;
    }

    public ScorerBundle bundle() {
        return bundle;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        scorer.close();
    }

    @Override
    public String toString() {
        return bundle.tag() + " on " + device;
    }

    public static final class Builder {
        private ModelRepository repository;
        private String name;
        private InferenceDevice device = InferenceDevice.CPU;
        private int maxBatch = 16;

        private Builder() {
        }

        public Builder setRepository(ModelRepository repository) {
            this.repository = repository;
            return this;
        }

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** Defaults to the CPU. */
        public Builder optDevice(InferenceDevice device) {
            this.device = device;
            return this;
        }

        /** Clips per forward pass. Defaults to 16. */
        public Builder optMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        public AlignmentScorer build() {
            if (repository == null || name == null) {
                throw new IllegalStateException("setRepository and setName are required");
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
            }
            device.requireUsable();
            ModelRepository.LocalBundle local = repository.resolveBundle(name, ScorerBundle.TASK);
            ScorerBundle bundle = ScorerBundle.of(local.descriptor());
            Tokenizer tokenizer = Tokenizer.read(local.file(ScorerBundle.VOCABULARY), bundle.maxTokens());
            TorchScriptModule scorer = TorchScriptModule.load(local.file(ScorerBundle.SCORER), device,
                    bundle.name() + "/" + ScorerBundle.SCORER);
            LOG.infof("loaded alignment scorer %s (%d parameters, %dx%dx%d) on %s from %s", bundle.tag(),
                    bundle.parameters(), bundle.frames(), bundle.width(), bundle.height(), device, repository);
            return new AlignmentScorer(bundle, tokenizer, scorer, device, maxBatch);
        }
    }
}
