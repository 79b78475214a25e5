package io.framefleet.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.inference.BundleDescriptor;
import io.framefleet.inference.InvalidModelException;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A text-to-video base model's {@code model.json} (task {@value #TASK}), validated: the files {@code text},
 * {@code denoiser} and {@code vocabulary} (and {@code decoder} for a latent model), the clip it makes
 * ({@code frames} x {@code height} x {@code width} RGB), the shape of the sample the sampler integrates, and the
 * defaults a request falls back to. See docs/generation.md.
 *
 * @param sampleShape the shape of one candidate's sample: {@code [frames, 3, height, width]} for a pixel model
 */
public record GenerationBundle(BundleDescriptor descriptor, int frames, int height, int width, int[] sampleShape,
                               boolean latent, int embedding, int maxTokens, int defaultSteps,
                               double defaultGuidance, long parameters, String license, String source,
                               String training) {

    public static final String TASK = "text-to-video";
    public static final String OBJECTIVE = "rectified-flow";
    public static final String TEXT = "text";
    public static final String DENOISER = "denoiser";
    public static final String DECODER = "decoder";
    public static final String VOCABULARY = "vocabulary";

    public GenerationBundle {
        String n = descriptor.name();
        check(frames >= 1 && frames <= 1024 && height >= 1 && height <= 4096 && width >= 1 && width <= 4096,
                n + ": frames, height and width must be positive, got " + frames + "x" + height + "x" + width);
        check(sampleShape.length == 4 && Arrays.stream(sampleShape).allMatch(d -> d >= 1),
                n + ": sample.shape must be four positive sizes [F, C, H, W], got " + Arrays.toString(sampleShape));
        check(latent || Arrays.equals(sampleShape, new int[] {frames, 3, height, width}),
                n + ": without a decoder the sample is the clip, so sample.shape must be [" + frames + ", 3, "
                        + height + ", " + width + "], got " + Arrays.toString(sampleShape));
        check(embedding >= 1, n + ": embedding must be positive, got " + embedding);
        check(maxTokens >= 1 && maxTokens <= 4096, n + ": max_tokens must be 1 to 4096, got " + maxTokens);
        check(defaultSteps >= 1 && defaultSteps <= 1000, n + ": defaults.steps must be 1 to 1000, got " + defaultSteps);
        check(defaultGuidance >= 0 && defaultGuidance <= 100, n + ": defaults.guidance must be 0 to 100, got " + defaultGuidance);
        sampleShape = sampleShape.clone();
        descriptor.file(TEXT);
        descriptor.file(DENOISER);
        descriptor.file(VOCABULARY);
    }

    /** Parses and validates {@code model.json}; {@code origin} names it in error messages. */
    public static GenerationBundle parse(InputStream json, String origin) {
        return of(BundleDescriptor.parse(json, origin, TASK));
    }

    /** Validates the task's own fields of a descriptor already parsed by a model repository. */
    public static GenerationBundle of(BundleDescriptor d) {
        JsonNode root = d.json();
        String n = d.name();
        JsonNode sample = root.get("sample");
        check(sample != null && sample.isObject(), n + ": sample is required ({shape, range, decoder})");
        JsonNode range = sample.get("range");
        check(range != null && range.isArray() && range.size() == 2 && range.get(0).asDouble(0) == -1.0
                && range.get(1).asDouble(0) == 1.0, n + ": sample.range must be [-1.0, 1.0], got " + range);
        JsonNode shape = sample.get("shape");
        check(shape != null && shape.isArray(), n + ": sample.shape is required (an array)");
        int[] sampleShape = new int[shape.size()];
        for (int i = 0; i < sampleShape.length; i++) {
            check(shape.get(i).isIntegralNumber(), n + ": sample.shape must hold integers, got " + shape);
            sampleShape[i] = shape.get(i).asInt();
        }
        String objective = root.path("objective").asText(null);
        check(OBJECTIVE.equals(objective), n + ": objective must be " + OBJECTIVE + ", got " + objective);
        boolean latent = d.files().containsKey(DECODER);
        JsonNode declared = sample.get("decoder");
        check(latent == (declared != null && !declared.isNull()), n + ": sample.decoder and files.decoder must be"
                + " both present or both absent");
        JsonNode defaults = root.path("defaults");
        return new GenerationBundle(d, integer(root, "frames", n), integer(root, "height", n),
                integer(root, "width", n), sampleShape, latent, integer(root, "embedding", n),
                integer(root, "max_tokens", n), defaults.path("steps").asInt(16),
                defaults.path("guidance").asDouble(3.0), root.path("parameters").asLong(0),
                root.path("license").asText(""), root.path("source").asText(""), root.path("training").asText(""));
    }

    @Override
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Values in one candidate's sample. */
    public int sampleSize() {
        return sampleShape[0] * sampleShape[1] * sampleShape[2] * sampleShape[3];
    }

    public String name() {
        return descriptor.name();
    }

    /** {@code name@version+digest}: what ran, for results and manifests. */
    public String tag() {
        return descriptor.tag();
    }

    static int integer(JsonNode root, String key, String name) {
        JsonNode n = root.get(key);
        check(n != null && n.isIntegralNumber() && n.canConvertToInt(), name + ": " + key + " is required (an integer)");
        return n.asInt();
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidModelException(message);
        }
    }
}
