package io.framefleet.generation.shapes;

import io.framefleet.generation.AreaResampler;
import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.ShapesDomain.Colour;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import io.framefleet.generation.shapes.ShapesDomain.Motion;
import io.framefleet.generation.shapes.ShapesDomain.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what a clip of the shapes domain shows: the object's colour, shape and motion, or that
 * there is no single object to read. Works on a 32x32 base clip as well as on a finished video of
 * another size and length (each frame is area-averaged to 32x32 first; the clip is taken to span the
 * base clip's 8 frames, as the fleet's interpolation keeps the duration).
 *
 * <p>The thresholds are set from the domain's numbers, not tuned on generated clips, so a
 * generation passes only when it looks like a render; the class is validated on renders
 * ({@link GroundTruth}).
 */
public final class ShapesChecker {

    /**
     * Foreground: further than this from the background colour (RGB distance). The weakest contrast in
     * the domain is green on gray (139), so a pixel about a third covered already counts, while light
     * noise (a few levels a channel) stays an order of magnitude below.
     */
    static final double FOREGROUND_DISTANCE = 40;
    /** Smallest object, in 32x32 pixels: the smallest shape (triangle, r = 4.5) covers 26. */
    static final int MIN_OBJECT_PIXELS = 12;
    /**
     * More than this many foreground pixels in one piece is not an object of the domain but a noisy or
     * textured frame: about twice the largest shape (a circle of radius 6.5 covers 133 pixels).
     */
    static final int MAX_OBJECT_PIXELS = 300;
    /** Specks smaller than this (isolated noisy or anti-aliased pixels) are not a second object. */
    static final int MIN_SECOND_OBJECT_PIXELS = 6;
    /**
     * Still below this mean speed (32x32 pixels per base frame): half the slowest motion the domain has
     * (1.2), so both still objects with a jittering centroid and the slowest movers fall clear of it.
     */
    static final double STILL_SPEED = 0.6;
    /**
     * A track further than this (RMS, pixels) from a straight line is not a motion of the domain:
     * renders fit within a few hundredths, a quarter of the smallest radius is far outside that.
     */
    static final double MAX_TRACK_ERROR = 1.2;
    /** A measured colour further than this from every palette colour is none of them (closest pair: 92). */
    static final double MAX_COLOUR_DISTANCE = 64;
    /**
     * Below this soft IoU with the best template the silhouette is none of the shapes. Renders score 0.9
     * and more (0.86 after a 4x upscale and noise); a filled 16x16 block, bigger than any shape, scores 0.6.
     */
    static final double MIN_SHAPE_IOU = 0.75;
    /**
     * Pixels at least this fraction of the object's full contrast count as (nearly) fully covered and
     * give the object's hue; the rim of partly covered pixels is left out.
     */
    static final double WELL_COVERED = 0.8;
    static final int SHAPE_FRAMES = 8;

    private static final int SIZE = ShapesDomain.SIZE;

    /** What was found. Attributes are null where the object could not be read as any of the domain's. */
    public record Verdict(Status status, Colour colour, Shape shape, Motion motion,
                          double colourDistance, double shapeIou, double speed, double trackError) {

        public boolean colourMatches(Combination expected) {
            return status == Status.OK && colour == expected.colour();
        }

        public boolean shapeMatches(Combination expected) {
            return status == Status.OK && shape == expected.shape();
        }

        public boolean motionMatches(Combination expected) {
            return status == Status.OK && motion == expected.motion();
        }

        public boolean matches(Combination expected) {
            return colourMatches(expected) && shapeMatches(expected) && motionMatches(expected);
        }

        /** "red circle left", with "?" for what could not be read, or the status. */
        public String describe() {
            if (status != Status.OK) {
                return status.name().toLowerCase().replace('_', ' ');
            }
            return (colour == null ? "?" : colour.word()) + " " + (shape == null ? "?" : shape.word()) + " "
                    + (motion == null ? "?" : motion.word());
        }
    }

    public enum Status {
        /** One object: its attributes were read (each may still be unrecognised). */
        OK,
        /** Nothing stands out from the background in most frames. */
        NO_OBJECT,
        /** Two or more separate objects in most frames. */
        SEVERAL_OBJECTS,
        /** Foreground everywhere in most frames: noise or texture, far larger than any object of the domain. */
        CLUTTER
    }

    private final TemplateBank templates = TemplateBank.shared();

    public Verdict check(Clip clip) {
        int n = clip.frames();
        double[][] frames = new double[n][];
        for (int f = 0; f < n; f++) {
            frames[f] = AreaResampler.toSize(clip, f, SIZE, SIZE);
        }
        double[] bg = background(frames);
        double[][] distance = new double[n][SIZE * SIZE];
        for (int f = 0; f < n; f++) {
            for (int p = 0; p < SIZE * SIZE; p++) {
                distance[f][p] = dist(frames[f], p, bg);
            }
        }

        List<Integer> objectFrames = new ArrayList<>();
        boolean[][] object = new boolean[n][];
        int several = 0;
        int cluttered = 0;
        for (int f = 0; f < n; f++) {
            Components comps = Components.of(distance[f], FOREGROUND_DISTANCE, SIZE, SIZE);
            cluttered += comps.largestArea() > MAX_OBJECT_PIXELS ? 1 : 0;
            if (comps.largestArea() >= MIN_OBJECT_PIXELS) {
                objectFrames.add(f);
                object[f] = comps.mask(comps.largest());
                if (comps.secondArea() >= MIN_SECOND_OBJECT_PIXELS) {
                    several++;
                }
            }
        }
        if (objectFrames.size() * 2 < n || objectFrames.isEmpty()) {
            return new Verdict(Status.NO_OBJECT, null, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (cluttered * 2 >= n) {
            return new Verdict(Status.CLUTTER, null, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (several * 2 >= n) {
            return new Verdict(Status.SEVERAL_OBJECTS, null, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        double[] fg = meanWellCovered(frames, distance, object, objectFrames, bg);
        Colour colour = null;
        double colourDistance = Double.POSITIVE_INFINITY;
        for (Colour c : Colour.values()) {
            double d = Math.sqrt(sq(fg[0] - c.channel(0)) + sq(fg[1] - c.channel(1)) + sq(fg[2] - c.channel(2)));
            if (d < colourDistance) {
                colourDistance = d;
                colour = c;
            }
        }
        if (colourDistance > MAX_COLOUR_DISTANCE) {
            colour = null;
        }

        float[][] coverage = new float[n][];
        double[] cx = new double[n];
        double[] cy = new double[n];
        for (int f : objectFrames) {
            coverage[f] = coverage(frames[f], object[f], bg, fg);
            double sum = 0;
            double sx = 0;
            double sy = 0;
            for (int p = 0; p < SIZE * SIZE; p++) {
                sum += coverage[f][p];
                sx += coverage[f][p] * (p % SIZE + 0.5);
                sy += coverage[f][p] * (p / SIZE + 0.5);
            }
            cx[f] = sx / sum;
            cy[f] = sy / sum;
        }

        Track track = Track.fit(objectFrames, cx, cy, (double) ShapesDomain.FRAMES / n);
        // One frame (a still image) shows no motion at all, not a still object.
        Motion motion = objectFrames.size() < 2 ? null : track.motion(STILL_SPEED, MAX_TRACK_ERROR);

        double bestIou = -1;
        Shape shape = null;
        for (Shape s : Shape.values()) {
            double total = 0;
            int counted = 0;
            for (int k = 0; k < Math.min(SHAPE_FRAMES, objectFrames.size()); k++) {
                int f = objectFrames.get(pick(k, Math.min(SHAPE_FRAMES, objectFrames.size()), objectFrames.size()));
                total += templates.bestIou(s, coverage[f], cx[f], cy[f]);
                counted++;
            }
            double iou = total / counted;
            if (iou > bestIou) {
                bestIou = iou;
                shape = s;
            }
        }
        if (bestIou < MIN_SHAPE_IOU) {
            shape = null;
        }
        return new Verdict(Status.OK, colour, shape, motion, colourDistance, bestIou, track.speed(), track.error());
    }

    /** Index {@code i} of {@code count} spread evenly over {@code n}. */
    private static int pick(int i, int count, int n) {
        return count == 1 ? n / 2 : (int) Math.round(i * (n - 1) / (double) (count - 1));
    }

    /** Per-channel median over every pixel of every frame: the object covers at most about an eighth. */
    private static double[] background(double[][] frames) {
        double[] bg = new double[3];
        for (int c = 0; c < 3; c++) {
            int[] histogram = new int[256];
            int total = 0;
            for (double[] frame : frames) {
                for (int p = c; p < frame.length; p += 3) {
                    histogram[(int) Math.max(0, Math.min(255, Math.rint(frame[p])))]++;
                    total++;
                }
            }
            int seen = 0;
            for (int v = 0; v < 256; v++) {
                seen += histogram[v];
                if (seen * 2 >= total) {
                    bg[c] = v;
                    break;
                }
            }
        }
        return bg;
    }

    /**
     * The object's colour: the direction from the background of the mean of the pixels it covers (nearly)
     * fully, at the length of its full contrast (the 90th percentile, so a few hot pixels do not set it).
     * Blends of object and background lie on that line, so a rim of partly covered pixels, wide after an
     * upscale, shortens the mean but does not turn it.
     */
    private static double[] meanWellCovered(double[][] frames, double[][] distance, boolean[][] object,
                                            List<Integer> objectFrames, double[] bg) {
        List<Double> ds = new ArrayList<>();
        for (int f : objectFrames) {
            for (int p = 0; p < SIZE * SIZE; p++) {
                if (object[f][p]) {
                    ds.add(distance[f][p]);
                }
            }
        }
        ds.sort(null);
        double full = ds.get((int) Math.floor(0.9 * (ds.size() - 1)));
        double[] sum = new double[3];
        int count = 0;
        for (int f : objectFrames) {
            for (int p = 0; p < SIZE * SIZE; p++) {
                if (object[f][p] && distance[f][p] >= WELL_COVERED * full) {
                    for (int c = 0; c < 3; c++) {
                        sum[c] += frames[f][p * 3 + c] - bg[c];
                    }
                    count++;
                }
            }
        }
        double length = Math.sqrt(sq(sum[0]) + sq(sum[1]) + sq(sum[2]));
        double[] colour = new double[3];
        for (int c = 0; c < 3; c++) {
            colour[c] = bg[c] + sum[c] / length * full;
        }
        return colour;
    }

    /**
     * How much of each pixel the object covers, by projecting its colour on the background-to-object
     * line (the renderer's blend inverted). Only the object's component and the ring of pixels around it
     * count, so the faint anti-aliased edge belongs to the silhouette but other blobs do not.
     */
    private static float[] coverage(double[] frame, boolean[] object, double[] bg, double[] fg) {
        double[] axis = {fg[0] - bg[0], fg[1] - bg[1], fg[2] - bg[2]};
        double norm = sq(axis[0]) + sq(axis[1]) + sq(axis[2]);
        float[] out = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (!nearObject(object, x, y)) {
                    continue;
                }
                int p = y * SIZE + x;
                double dot = 0;
                for (int c = 0; c < 3; c++) {
                    dot += (frame[p * 3 + c] - bg[c]) * axis[c];
                }
                out[p] = (float) Math.max(0, Math.min(1, dot / norm));
            }
        }
        return out;
    }

    private static boolean nearObject(boolean[] object, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < SIZE && yy < SIZE && object[yy * SIZE + xx]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double dist(double[] frame, int p, double[] bg) {
        return Math.sqrt(sq(frame[p * 3] - bg[0]) + sq(frame[p * 3 + 1] - bg[1]) + sq(frame[p * 3 + 2] - bg[2]));
    }

    private static double sq(double v) {
        return v * v;
    }
}
