package io.framefleet.contracts;

/** The stages of an enhancement job, in cascade order. */
public enum Stage {
    INTERPOLATE, UPSCALE, EVALUATE;

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
