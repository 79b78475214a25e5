package io.framefleet.media;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds hard cuts, so interpolation never blends two unrelated shots and segments start on a new shot.
 * <p>
 * Measure: mean absolute difference of the luma of consecutive frames, downscaled to 64x36 by area averaging (which
 * removes noise and grain). A cut is a difference far above the recent typical difference of the same shot (camera
 * motion raises it everywhere, a cut only for one frame) and above an absolute floor (so a near-static shot cannot
 * turn a small change into a cut). On cityCC0.mpg the cut frame scores about 22 times the running median, ordinary
 * frames below 1.5 times.
 */
public final class SceneDetector {

    /** A cut is a frame whose difference is at least this many times the running median difference. */
    public static final double DEFAULT_THRESHOLD = 6.0;

    /** Below this mean luma difference (0-255 scale) nothing is a cut, whatever the ratio. */
    static final double MIN_DIFFERENCE = 8.0;

    /** Medians below this are treated as this, so a static shot (median ~0.1) needs a real change to cut. */
    static final double MEDIAN_FLOOR = 1.0;

    /** Recent frame differences that form the "typical" motion of the shot. */
    static final int WINDOW = 15;

    /** Shots shorter than this are taken as flashes or glitches, not shots: nothing gains from cutting there. */
    static final int MIN_SHOT_FRAMES = 4;

    private static final int THUMB_W = 64;
    private static final int THUMB_H = 36;

    private SceneDetector() {
    }

    /** Frame indices (always > 0) where a new shot starts, ascending. */
    public static List<Long> detectCuts(Path file, double threshold) {
        if (!(threshold > 1.0)) {
            throw new IllegalArgumentException("threshold must be a ratio above 1, got " + threshold);
        }
        List<Long> cuts = new ArrayList<>();
        Deque<Double> recent = new ArrayDeque<>();
        long lastCut = 0;
        try (FrameReader frames = FrameReader.open(file)) {
            byte[] previous = null;
            while (frames.next()) {
                byte[] thumb = frames.luma(THUMB_W, THUMB_H);
                if (previous != null) {
                    double difference = meanAbsoluteDifference(previous, thumb);
                    long index = frames.index();
                    if (isCut(difference, recent, threshold) && index - lastCut >= MIN_SHOT_FRAMES) {
                        cuts.add(index);
                        lastCut = index;
                        // The old shot's motion says nothing about the new one.
                        recent.clear();
                    }
                    recent.addLast(difference);
                    if (recent.size() > WINDOW) {
                        recent.removeFirst();
                    }
                }
                previous = thumb;
            }
        }
        return cuts;
    }

    static boolean isCut(double difference, Deque<Double> recent, double threshold) {
        // With no history there is no "typical" to compare with; MIN_SHOT_FRAMES keeps that window short.
        if (difference < MIN_DIFFERENCE || recent.isEmpty()) {
            return false;
        }
        return difference >= threshold * Math.max(median(recent), MEDIAN_FLOOR);
    }

    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }

    private static double median(Deque<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
