package io.framefleet.ingest;

import io.framefleet.contracts.EnhanceOptions;

import java.util.Set;

/** Checks a job's options before any work is done, so a bad request fails at the door. */
final class Options {

    static final Set<String> CODECS = Set.of("h264", "ffv1");
    static final Set<String> INTERPOLATORS = Set.of("minterpolate", "blend");
    static final Set<String> UPSCALERS = Set.of("lanczos", "bicubic");

    private Options() {
    }

    static EnhanceOptions validate(EnhanceOptions o) throws RejectedException {
        if (o.fpsFactor() != null && o.fps() != null) {
            throw new RejectedException("give fpsFactor or fps, not both");
        }
        if (o.fpsFactor() != null && (o.fpsFactor() < 1 || o.fpsFactor() > 8)) {
            throw new RejectedException("fpsFactor must be 1..8 but was " + o.fpsFactor());
        }
        if (o.fps() != null && !(o.fps() > 0 && o.fps() <= 240)) {
            throw new RejectedException("fps must be in (0, 240] but was " + o.fps());
        }
        if (o.scale() != null && (o.width() != null || o.height() != null)) {
            throw new RejectedException("give scale or width/height, not both");
        }
        if (o.scale() != null && !(o.scale() >= 1 && o.scale() <= 8)) {
            throw new RejectedException("scale must be 1..8 but was " + o.scale());
        }
        for (Integer side : new Integer[] {o.width(), o.height()}) {
            if (side != null && (side < 16 || side > 8192)) {
                throw new RejectedException("width and height must be 16..8192 but got " + side);
            }
        }
        EnhanceOptions d = o.withDefaults();
        check("codec", d.codec(), CODECS);
        check("interpolator", d.interpolator(), INTERPOLATORS);
        check("upscaler", d.upscaler(), UPSCALERS);
        return d;
    }

    private static void check(String what, String value, Set<String> known) throws RejectedException {
        if (!known.contains(value)) {
            throw new RejectedException("unknown " + what + " '" + value + "'; known: " + known);
        }
    }
}
