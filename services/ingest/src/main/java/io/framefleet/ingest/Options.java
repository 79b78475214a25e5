package io.framefleet.ingest;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.PromptSubmitted;

import java.util.Set;

/** Checks a job's options before any work is done, so a bad request fails at the door. */
final class Options {

    static final Set<String> CODECS = Set.of("h264", "ffv1");
    static final Set<String> INTERPOLATORS = Set.of("flow", "minterpolate", "blend");
    static final Set<String> UPSCALERS = Set.of("sr-fast", "sr-quality", "lanczos", "bicubic");
    static final Set<String> MODELS = Set.of(GenerateOptions.DEFAULT_MODEL);

    private Options() {
    }

    static EnhanceOptions validate(EnhanceOptions o) throws RejectedException {
        try {
            o.check();
        } catch (IllegalArgumentException e) {
            throw new RejectedException(e.getMessage());
        }
        EnhanceOptions d = o.withDefaults();
        check("codec", d.codec(), CODECS);
        check("interpolator", d.interpolator(), INTERPOLATORS);
        check("upscaler", d.upscaler(), UPSCALERS);
        return d;
    }

    /** Checks a prompt and its options; the defaults are filled, the seed is left to the caller. */
    static GenerateOptions validate(String prompt, GenerateOptions o) throws RejectedException {
        GenerateOptions given = o == null ? GenerateOptions.defaults() : o;
        try {
            PromptSubmitted.checkPrompt(prompt);
            given.check();
        } catch (IllegalArgumentException e) {
            throw new RejectedException(e.getMessage());
        }
        GenerateOptions d = given.withDefaults();
        check("interpolator", d.interpolator(), INTERPOLATORS);
        check("upscaler", d.upscaler(), UPSCALERS);
        check("model", d.model(), MODELS);
        return d;
    }

    private static void check(String what, String value, Set<String> known) throws RejectedException {
        if (!known.contains(value)) {
            throw new RejectedException("unknown " + what + " '" + value + "'; known: " + known);
        }
    }
}
