package io.framefleet.generation.shapes;

import io.framefleet.generation.shapes.ShapesDomain.Shape;

/**
 * Rendered coverage of every shape at radii around the domain's range and at every quarter-pixel
 * centre phase, so fitting a silhouette is a lookup and a window sum rather than fresh rendering.
 * A quarter-pixel grid is the renderer's own sampling grid: centres on it reproduce its samples exactly.
 */
final class TemplateBank {

    static final double MIN_RADIUS = 4.0;
    static final double RADIUS_STEP = 0.25;
    static final int RADII = 13;
    /** Window half-width: the largest radius, 7, plus the pixel the centre lies in. */
    static final int HALF = 8;
    static final int WINDOW = 2 * HALF;
    /** Centres tried around the centroid: up to +-0.5 px in quarter steps (the centroid of every shape is its centre). */
    static final int SEARCH = 2;

    private static final int PHASES = ShapesDomain.SUPERSAMPLING;
    private static final TemplateBank SHARED = new TemplateBank();

    /** [shape][radius][phase y][phase x] -> WINDOW x WINDOW coverage, window origin (X - HALF + 1, Y - HALF + 1). */
    private final float[][][][][] bank;

    /** Whole pixels a template of each radius index reaches from the centre's pixel. */
    private final int[] extent = new int[RADII];

    private TemplateBank() {
        for (int r = 0; r < RADII; r++) {
            extent[r] = (int) Math.ceil(MIN_RADIUS + r * RADIUS_STEP);
        }
        Shape[] shapes = Shape.values();
        bank = new float[shapes.length][RADII][PHASES][PHASES][];
        for (Shape s : shapes) {
            for (int r = 0; r < RADII; r++) {
                for (int py = 0; py < PHASES; py++) {
                    for (int px = 0; px < PHASES; px++) {
                        bank[s.ordinal()][r][py][px] = ShapeRenderer.coverage(s, MIN_RADIUS + r * RADIUS_STEP,
                                (double) px / PHASES, (double) py / PHASES, -HALF + 1, -HALF + 1, WINDOW, WINDOW);
                    }
                }
            }
        }
    }

    static TemplateBank shared() {
        return SHARED;
    }

    /**
     * The best soft IoU (sum of minima over sum of maxima) of the 32x32 coverage map against the shape
     * at any radius, centred within a quarter pixel of ({@code cx}, {@code cy}) and then wherever a walk
     * of quarter-pixel and radius steps keeps improving it (at most {@link #SEARCH} quarters away).
     */
    double bestIou(Shape shape, float[] coverage, double cx, double cy) {
        double total = 0;
        for (float c : coverage) {
            total += c;
        }
        int qx = (int) Math.round(cx * PHASES);
        int qy = (int) Math.round(cy * PHASES);
        double best = -1;
        int bx = 0;
        int by = 0;
        int br = 0;
        for (int oy = -1; oy <= 1; oy++) {
            for (int ox = -1; ox <= 1; ox++) {
                // Every other radius: the walk below settles the one between.
                for (int r = 0; r < RADII; r += 2) {
                    double iou = iou(shape, r, qx + ox, qy + oy, coverage, total);
                    if (iou > best) {
                        best = iou;
                        bx = ox;
                        by = oy;
                        br = r;
                    }
                }
            }
        }
        boolean moved = true;
        while (moved) {
            moved = false;
            int cx0 = bx;
            int cy0 = by;
            int cr0 = br;
            for (int dr = -1; dr <= 1; dr++) {
                for (int oy = -1; oy <= 1; oy++) {
                    for (int ox = -1; ox <= 1; ox++) {
                        int r = cr0 + dr;
                        int x = cx0 + ox;
                        int y = cy0 + oy;
                        if (r < 0 || r >= RADII || Math.abs(x) > SEARCH || Math.abs(y) > SEARCH
                                || dr == 0 && ox == 0 && oy == 0) {
                            continue;
                        }
                        double iou = iou(shape, r, qx + x, qy + y, coverage, total);
                        if (iou > best + 1e-12) {
                            best = iou;
                            bx = x;
                            by = y;
                            br = r;
                            moved = true;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** Soft IoU with the template of radius index {@code r} centred at ({@code qx}, {@code qy}) quarter pixels. */
    private double iou(Shape shape, int r, int qx, int qy, float[] coverage, double total) {
        int size = ShapesDomain.SIZE;
        int x = Math.floorDiv(qx, PHASES);
        int y = Math.floorDiv(qy, PHASES);
        float[] t = bank[shape.ordinal()][r][Math.floorMod(qy, PHASES)][Math.floorMod(qx, PHASES)];
        int left = x - HALF + 1;
        int top = y - HALF + 1;
        // Outside the template's own extent it is zero, which adds nothing to either sum.
        int lo = HALF - 1 - extent[r];
        int hi = HALF + 1 + extent[r];
        double inter = 0;
        double extra = 0;
        for (int j = lo; j < hi; j++) {
            int yy = top + j;
            boolean rowInside = yy >= 0 && yy < size;
            for (int i = lo; i < hi; i++) {
                float tv = t[j * WINDOW + i];
                int xx = left + i;
                float cv = rowInside && xx >= 0 && xx < size ? coverage[yy * size + xx] : 0f;
                inter += Math.min(tv, cv);
                extra += Math.max(tv - cv, 0f);
            }
        }
        return inter / (total + extra);
    }
}
