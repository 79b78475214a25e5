package io.framefleet.contracts;

/**
 * The stages of a job, in cascade order. A generation job starts with {@code KEYFRAME} and
 * {@code GATE}; an enhancement job starts at {@code INTERPOLATE}. Nothing may rely on the
 * ordinals: events and state carry the names.
 */
public enum Stage {
    KEYFRAME, GATE, INTERPOLATE, UPSCALE, EVALUATE;

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
