package io.framefleet.generation;

import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.InferenceException;
import io.framefleet.inference.ModelRepository;
import io.framefleet.inference.Tensor;
import io.framefleet.inference.TorchScriptModule;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A text-to-video base model: prompt and seeds in, one short low-resolution clip per seed out. The rectified-flow
 * sampler runs here in Java, exactly as docs/generation.md defines it, so a clip is reproducible from its manifest
 * (prompt, negative prompt, seeds, steps, guidance, model digest) on any machine that loads the same weights:
 * <ul>
 * <li>candidate <i>i</i> starts from {@link GaussianNoise} of {@code seeds[i]};</li>
 * <li>Euler steps from t = 1 to t = 0 on {@code t_k = 1 - k / steps}:
 * {@code x += (t_{k+1} - t_k) * (v_u + g * (v_c - v_u))}, classifier-free guidance where {@code v_u} is the velocity
 * under the negative prompt (or the empty prompt) and {@code v_c} under the prompt;</li>
 * <li>the conditional and unconditional rows of all candidates go through the denoiser as one batch of up to
 * {@code maxBatch} rows;</li>
 * <li>a latent model's sample goes through its decoder; pixels are {@code round((clamp(x, -1, 1) + 1) * 127.5)}.</li>
 * </ul>
 * Loaded once and shared: {@link #generate} may be called from several threads.
 * <pre>{@code
 * try (TextToVideo t2v = TextToVideo.builder().setRepository(repo).setName("t2v-shapes").build()) {
 *     List<Clip> clips = t2v.generate("red circle moving left", null, new long[] {7, 8}, 16, 3.0);
 * }
 * }</pre>
 */
public final class TextToVideo implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TextToVideo.class);

    private final GenerationBundle bundle;
    private final Tokenizer tokenizer;
    private final TorchScriptModule text;
    private final TorchScriptModule denoiser;
    private final TorchScriptModule decoder;
    private final InferenceDevice device;
    private final int maxBatch;

    private TextToVideo(GenerationBundle bundle, Tokenizer tokenizer, TorchScriptModule text,
                        TorchScriptModule denoiser, TorchScriptModule decoder, InferenceDevice device, int maxBatch) {
        this.bundle = bundle;
        this.tokenizer = tokenizer;
        this.text = text;
        this.denoiser = denoiser;
        this.decoder = decoder;
        this.device = device;
        this.maxBatch = maxBatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One clip per seed, in seed order. {@code negative} null or blank means the empty prompt; a prompt whose words
     * are all unknown is the empty prompt too (the unconditional clip), never an error.
     *
     * @param steps    Euler steps, at least 1
     * @param guidance classifier-free guidance scale g, at least 0 (0 ignores the prompt, 1 is plain conditional)
     */
    public List<Clip> generate(String prompt, String negative, long[] seeds, int steps, double guidance) {
        if (seeds == null || seeds.length == 0) {
            throw new IllegalArgumentException("at least one seed is needed");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be a finite number >= 0, got " + guidance);
        }
        float[][] embeddings = embed(prompt, negative);
        int perGroup = Math.max(1, maxBatch / 2);
        List<Clip> clips = new ArrayList<>(seeds.length);
        for (int start = 0; start < seeds.length; start += perGroup) {
            long[] group = Arrays.copyOfRange(seeds, start, Math.min(seeds.length, start + perGroup));
            clips.addAll(sampleGroup(group, embeddings[0], embeddings[1], steps, (float) guidance));
        }
        return clips;
    }

    /** Words of the prompt and the negative prompt that the vocabulary lacks, each once, in order. */
    public List<String> ignoredWords(String prompt, String negative) {
        Set<String> words = new LinkedHashSet<>(tokenizer.tokenize(prompt).ignored());
        words.addAll(tokenizer.tokenize(negative).ignored());
        return List.copyOf(words);
    }

    /** The prompt's and the unconditional (negative or empty) prompt's embeddings, in one forward pass. */
    float[][] embed(String prompt, String negative) {
        long[] cond = tokenizer.encode(prompt);
        long[] uncond = tokenizer.encode(negative == null || negative.isBlank() ? "" : negative);
        int l = tokenizer.maxTokens();
        long[] tokens = new long[2 * l];
        System.arraycopy(cond, 0, tokens, 0, l);
        System.arraycopy(uncond, 0, tokens, l, l);
        Tensor out = text.forwardOne(Tensor.ofLongs(tokens, 2, l));
        int n = bundle.embedding();
        if (!out.hasShape(2, n)) {
            throw new InferenceException(bundle.tag() + ": text.pt returned " + out + ", expected [2, " + n + "]");
        }
        float[] e = out.floats();
        return new float[][] {Arrays.copyOfRange(e, 0, n), Arrays.copyOfRange(e, n, 2 * n)};
    }

    private List<Clip> sampleGroup(long[] seeds, float[] cond, float[] uncond, int steps, float guidance) {
        int k = seeds.length;
        int size = bundle.sampleSize();
        int[] s = bundle.sampleShape();
        int e = bundle.embedding();
        float[] x = new float[k * size];
        for (int i = 0; i < k; i++) {
            System.arraycopy(GaussianNoise.draw(seeds[i], size), 0, x, i * size, size);
        }
        // The text rows are the same at every step: the first k rows condition on the prompt, the next k on the
        // negative (or empty) prompt.
        float[] conditions = new float[2 * k * e];
        for (int i = 0; i < k; i++) {
            System.arraycopy(cond, 0, conditions, i * e, e);
            System.arraycopy(uncond, 0, conditions, (k + i) * e, e);
        }
        long[] batchShape = {2L * k, s[0], s[1], s[2], s[3]};
        float[] doubled = new float[2 * k * size];
        float[] times = new float[2 * k];
        for (int step = 0; step < steps; step++) {
            double t = 1.0 - (double) step / steps;
            double next = 1.0 - (double) (step + 1) / steps;
            float dt = (float) (next - t);
            System.arraycopy(x, 0, doubled, 0, k * size);
            System.arraycopy(x, 0, doubled, k * size, k * size);
            Arrays.fill(times, (float) t);
            Tensor out = denoiser.forwardOne(Tensor.of(doubled, batchShape), Tensor.of(times, 2L * k),
                    Tensor.of(conditions, 2L * k, e));
            if (!out.hasShape(batchShape)) {
                throw new InferenceException(bundle.tag() + ": denoiser.pt returned " + out + " for a sample of "
                        + Arrays.toString(batchShape));
            }
            float[] v = out.floats();
            int half = k * size;
            for (int j = 0; j < half; j++) {
                float vu = v[half + j];
                x[j] += dt * (vu + guidance * (v[j] - vu));
            }
        }
        float[] pixels = bundle.latent() ? decode(x, k) : x;
        List<Clip> clips = new ArrayList<>(k);
        int clipSize = bundle.frames() * 3 * bundle.height() * bundle.width();
        for (int i = 0; i < k; i++) {
            clips.add(toClip(pixels, i * clipSize));
        }
        return clips;
    }

    private float[] decode(float[] z, int k) {
        int[] s = bundle.sampleShape();
        long[] expected = {k, bundle.frames(), 3, bundle.height(), bundle.width()};
        Tensor out = decoder.forwardOne(Tensor.of(z, k, s[0], s[1], s[2], s[3]));
        if (!out.hasShape(expected)) {
            throw new InferenceException(bundle.tag() + ": decoder.pt returned " + out + ", expected "
                    + Arrays.toString(expected));
        }
        return out.floats();
    }

    /** Planar {@code [F, 3, H, W]} in [-1, 1] from {@code offset} to a clip of packed RGB bytes. */
    private Clip toClip(float[] planar, int offset) {
        int f = bundle.frames();
        int h = bundle.height();
        int w = bundle.width();
        int plane = h * w;
        byte[][] rgb = new byte[f][3 * plane];
        for (int fi = 0; fi < f; fi++) {
            int base = offset + fi * 3 * plane;
            byte[] frame = rgb[fi];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    frame[p * 3 + c] = (byte) toByte(planar[base + c * plane + p]);
                }
            }
        }
        return new Clip(w, h, rgb);
    }

    /** {@code round((clamp(x, -1, 1) + 1) * 127.5)}, halves to even as torch.round does; NaN (a broken model) becomes 0. */
    static int toByte(float x) {
        float c = x > -1f ? (x < 1f ? x : 1f) : -1f;
        return (int) Math.rint((c + 1f) * 127.5f);
    }

    public GenerationBundle bundle() {
        return bundle;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public InferenceDevice device() {
        return device;
    }

    /** Denoiser rows per forward pass (two per candidate). */
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public void close() {
        text.close();
        denoiser.close();
        if (decoder != null) {
            decoder.close();
        }
    }

    @Override
    public String toString() {
        return bundle.tag() + " on " + device;
    }

    public static final class Builder {
        private ModelRepository repository;
        private String name;
        private InferenceDevice device = InferenceDevice.CPU;
        private int maxBatch = 32;

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

        /**
         * Most denoiser rows per forward pass; each candidate takes two (conditional and unconditional), so more
         * candidates than {@code maxBatch / 2} run in several groups. Defaults to 32.
         */
        public Builder optMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        /**
         * Loads the bundle; {@link io.framefleet.inference.InvalidModelException} when it is missing, malformed,
         * damaged or not TorchScript, {@link io.framefleet.inference.DeviceUnavailableException} when the device is
         * not usable.
         */
        public TextToVideo build() {
            if (repository == null || name == null) {
                throw new IllegalStateException("setRepository and setName are required");
            }
            if (maxBatch < 2) {
                throw new IllegalArgumentException("maxBatch must be at least 2 (one candidate's two rows), got " + maxBatch);
            }
            // The device first: a GPU worker on a GPU-less node must fail before it spends time on anything else.
            device.requireUsable();
            ModelRepository.LocalBundle local = repository.resolveBundle(name, GenerationBundle.TASK);
            GenerationBundle bundle = GenerationBundle.of(local.descriptor());
            Tokenizer tokenizer = Tokenizer.read(local.file(GenerationBundle.VOCABULARY), bundle.maxTokens());
            List<TorchScriptModule> loaded = new ArrayList<>();
            try {
                TorchScriptModule text = load(loaded, local, GenerationBundle.TEXT, bundle);
                TorchScriptModule denoiser = load(loaded, local, GenerationBundle.DENOISER, bundle);
                TorchScriptModule decoder = bundle.latent() ? load(loaded, local, GenerationBundle.DECODER, bundle) : null;
                LOG.infof("loaded text-to-video model %s (%d parameters, %dx%dx%d, %d-word vocabulary) on %s from %s",
                        bundle.tag(), bundle.parameters(), bundle.frames(), bundle.width(), bundle.height(),
                        tokenizer.size(), device, repository);
                return new TextToVideo(bundle, tokenizer, text, denoiser, decoder, device, maxBatch);
            } catch (RuntimeException e) {
                loaded.forEach(TorchScriptModule::close);
                throw e;
            }
        }

        private TorchScriptModule load(List<TorchScriptModule> loaded, ModelRepository.LocalBundle local, String role,
                                       GenerationBundle bundle) {
            TorchScriptModule module = TorchScriptModule.load(local.file(role), device, bundle.name() + "/" + role);
            loaded.add(module);
            return module;
        }
    }
}
