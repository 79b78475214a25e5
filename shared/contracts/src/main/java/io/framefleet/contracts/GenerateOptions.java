package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;

/**
 * What the caller wants made from a prompt. Every field is optional on the way in; ingest fills
 * the defaults and draws the seed, so the request the planner sees (and the manifest records) is
 * complete and can be replayed.
 *
 * @param negativePrompt what the clip should not look like (its embedding replaces the empty prompt's in guidance)
 * @param seconds        length of the video, in (0, 30]
 * @param fps            frame rate of the video, in (0, 240]
 * @param width          width of the video in pixels, 16..2048 (even for h264)
 * @param height         height of the video in pixels, 16..2048 (even for h264)
 * @param seed           seed of candidate 0 of round 0; candidate i of round r uses {@code seed + r * candidates + i}
 * @param steps          sampler steps, 1..200
 * @param guidance       classifier-free guidance scale, 0..30
 * @param candidates     base clips sampled per round, 1..16
 * @param threshold      scorer cosine (-1..1) a round's best candidate must reach to stop sampling
 * @param maxRounds      sampling rounds at most, 1..10
 * @param codec          {@code h264} (MP4) or {@code ffv1} (lossless Matroska)
 * @param interpolator   processor name of the interpolation stage
 * @param upscaler       processor name of the super-resolution stage
 * @param image          true for one still image (PNG) instead of a video
 * @param model          name of the base model bundle
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateOptions(String negativePrompt, Double seconds, Double fps, Integer width, Integer height,
                              Long seed, Integer steps, Double guidance, Integer candidates, Double threshold,
                              Integer maxRounds, String codec, String interpolator, String upscaler, Boolean image,
                              String model) {

    public static final double DEFAULT_SECONDS = 2;
    public static final double DEFAULT_FPS = 16;
    public static final int DEFAULT_SIZE = 128;
    public static final int DEFAULT_STEPS = 16;
    public static final double DEFAULT_GUIDANCE = 3.0;
    public static final int DEFAULT_CANDIDATES = 4;
    /** Provisional: to be calibrated on the scorer's cosines of held-out prompts. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int DEFAULT_MAX_ROUNDS = 3;
    public static final String DEFAULT_MODEL = "t2v-shapes";
    /** Seeds stay below 2^53 so that they survive any JSON reader as exact integers. */
    public static final long MAX_SEED = (1L << 53) - 1;
    public static final int MAX_NEGATIVE_PROMPT = 500;

    /** All defaults, no seed. */
    public static GenerateOptions defaults() {
        return new GenerateOptions(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null).withDefaults();
    }

    /**
     * Checks every given value; absent ones are checked as their defaults would be.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public GenerateOptions check() {
        if (negativePrompt != null && negativePrompt.length() > MAX_NEGATIVE_PROMPT) {
            throw new IllegalArgumentException("negativePrompt must be at most " + MAX_NEGATIVE_PROMPT
                    + " characters but has " + negativePrompt.length());
        }
        if (seconds != null && !(seconds > 0 && seconds <= 30)) {
            throw new IllegalArgumentException("seconds must be in (0, 30] but was " + seconds);
        }
        if (fps != null && !(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be in (0, 240] but was " + fps);
        }
        String c = codec == null ? EnhanceOptions.DEFAULT_CODEC : codec;
        if (!c.equals("h264") && !c.equals("ffv1")) {
            throw new IllegalArgumentException("codec must be h264 or ffv1 but was '" + codec + "'");
        }
        for (Integer side : new Integer[] {width, height}) {
            if (side != null && (side < 16 || side > 2048)) {
                throw new IllegalArgumentException("width and height must be 16..2048 but got " + side);
            }
            if (side != null && c.equals("h264") && side % 2 != 0) {
                throw new IllegalArgumentException("width and height must be even for h264 but got " + side);
            }
        }
        if (seed != null && (seed < 0 || seed > MAX_SEED)) {
            throw new IllegalArgumentException("seed must be 0.." + MAX_SEED + " but was " + seed);
        }
        if (steps != null && (steps < 1 || steps > 200)) {
            throw new IllegalArgumentException("steps must be 1..200 but was " + steps);
        }
        if (guidance != null && !(guidance >= 0 && guidance <= 30)) {
            throw new IllegalArgumentException("guidance must be 0..30 but was " + guidance);
        }
        if (candidates != null && (candidates < 1 || candidates > 16)) {
            throw new IllegalArgumentException("candidates must be 1..16 but was " + candidates);
        }
        if (threshold != null && !(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be -1..1 (a cosine) but was " + threshold);
        }
        if (maxRounds != null && (maxRounds < 1 || maxRounds > 10)) {
            throw new IllegalArgumentException("maxRounds must be 1..10 but was " + maxRounds);
        }
        for (String name : new String[] {interpolator, upscaler, model}) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("interpolator, upscaler and model must not be blank");
            }
        }
        long frames = Math.round((seconds == null ? DEFAULT_SECONDS : seconds) * (fps == null ? DEFAULT_FPS : fps));
        if (!Boolean.TRUE.equals(image) && frames < 1) {
            throw new IllegalArgumentException("seconds x fps must give at least one frame but gives " + frames);
        }
        return this;
    }

    /** Fills the defaults, leaving the caller's choices (and a missing seed) alone. */
    public GenerateOptions withDefaults() {
        return new GenerateOptions(negativePrompt == null || negativePrompt.isBlank() ? null : negativePrompt,
                seconds == null ? DEFAULT_SECONDS : seconds,
                fps == null ? DEFAULT_FPS : fps,
                width == null ? DEFAULT_SIZE : width,
                height == null ? DEFAULT_SIZE : height,
                seed,
                steps == null ? DEFAULT_STEPS : steps,
                guidance == null ? DEFAULT_GUIDANCE : guidance,
                candidates == null ? DEFAULT_CANDIDATES : candidates,
                threshold == null ? DEFAULT_THRESHOLD : threshold,
                maxRounds == null ? DEFAULT_MAX_ROUNDS : maxRounds,
                codec == null ? EnhanceOptions.DEFAULT_CODEC : codec.toLowerCase(Locale.ROOT),
                interpolator == null ? EnhanceOptions.DEFAULT_INTERPOLATOR : interpolator,
                upscaler == null ? EnhanceOptions.DEFAULT_UPSCALER : upscaler,
                image != null && image,
                model == null ? DEFAULT_MODEL : model);
    }

    public GenerateOptions withSeed(long newSeed) {
        return new GenerateOptions(negativePrompt, seconds, fps, width, height, newSeed, steps, guidance, candidates,
                threshold, maxRounds, codec, interpolator, upscaler, image, model);
    }

    /** Seed of candidate {@code index} of round {@code round} (both from 0); needs the defaults filled. */
    public long seedOf(int round, int index) {
        return seed + (long) round * candidates + index;
    }

    /** Frames of the finished video: {@code round(seconds x fps)}; needs the defaults filled. */
    public long frames() {
        return Math.round(seconds * fps);
    }
}
