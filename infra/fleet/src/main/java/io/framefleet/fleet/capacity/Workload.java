package io.framefleet.fleet.capacity;

/**
 * The load to plan for: enhancement jobs of one shape arriving at a steady rate.
 *
 * @param jobsPerHour   arrivals
 * @param seconds       length of one clip
 * @param width         source width in pixels
 * @param height        source height in pixels
 * @param fps           source frame rate
 * @param fpsFactor     frame-rate multiplier (1: no interpolation stage)
 * @param scale         spatial scale (1: no upscale stage)
 * @param segmentFrames longest segment ingest cuts (framefleet.ingest.max-segment-frames)
 */
public record Workload(double jobsPerHour, double seconds, int width, int height, double fps, int fpsFactor,
                       double scale, int segmentFrames) {

    public static final int DEFAULT_SEGMENT_FRAMES = 48;

    public Workload {
        if (!(jobsPerHour > 0) || !(seconds > 0) || width < 1 || height < 1 || !(fps > 0) || fpsFactor < 1
                || !(scale >= 1) || segmentFrames < 1) {
            throw new IllegalArgumentException("a workload needs positive rates and sizes, fpsFactor and scale >= 1");
        }
    }

    public long sourceFrames() {
        return Math.round(seconds * fps);
    }

    public long outputFrames() {
        return sourceFrames() * fpsFactor;
    }

    /** Segments of one job; scene cuts would add a few more, which this ignores. */
    public long segments() {
        return (sourceFrames() + segmentFrames - 1) / segmentFrames;
    }

    public double sourceMegapixels() {
        return width * (double) height / 1e6;
    }

    public double outputMegapixels() {
        return sourceMegapixels() * scale * scale;
    }
}
