package io.framefleet.generation;

import io.framefleet.inference.BundleDescriptor;

import java.io.InputStream;

/**
 * A video-text alignment scorer's {@code model.json} (task {@value #TASK}), validated: the files {@code scorer} and
 * {@code vocabulary}, the clip size the scorer reads ({@code frames} x {@code height} x {@code width}) and
 * {@code max_tokens}. See docs/generation.md.
 */
public record ScorerBundle(BundleDescriptor descriptor, int frames, int height, int width, int maxTokens,
                           long parameters, String license, String source, String training) {

    public static final String TASK = "video-text-alignment";
    public static final String SCORER = "scorer";
    public static final String VOCABULARY = "vocabulary";

    public ScorerBundle {
        String n = descriptor.name();
        GenerationBundle.check(frames >= 1 && frames <= 1024 && height >= 1 && height <= 4096 && width >= 1
                && width <= 4096, n + ": frames, height and width must be positive, got " + frames + "x" + height
                + "x" + width);
        GenerationBundle.check(maxTokens >= 1 && maxTokens <= 4096, n + ": max_tokens must be 1 to 4096, got " + maxTokens);
        descriptor.file(SCORER);
        descriptor.file(VOCABULARY);
    }

    public static ScorerBundle parse(InputStream json, String origin) {
        return of(BundleDescriptor.parse(json, origin, TASK));
    }

    public static ScorerBundle of(BundleDescriptor d) {
        var root = d.json();
        String n = d.name();
        return new ScorerBundle(d, GenerationBundle.integer(root, "frames", n),
                GenerationBundle.integer(root, "height", n), GenerationBundle.integer(root, "width", n),
                GenerationBundle.integer(root, "max_tokens", n), root.path("parameters").asLong(0),
                root.path("license").asText(""), root.path("source").asText(""), root.path("training").asText(""));
    }

    public String name() {
        return descriptor.name();
    }

    public String tag() {
        return descriptor.tag();
    }
}
