package io.framefleet.generation.shapes;

import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.ShapesDomain.Shape;

/**
 * Draws scenes exactly as the training data was drawn: each pixel is the coverage-weighted blend of
 * object and background colour, coverage measured on a 4x4 grid of sample points at the centres of
 * the pixel's sub-cells, then rounded half-to-even to 8 bits (as the training code's tensor round does).
 */
public final class ShapeRenderer {

    private static final double COS30 = Math.cos(Math.PI / 6);

    private ShapeRenderer() {
    }

    /** Whether the point at offset (u, w) from the centre (w grows downwards) lies in the shape. */
    static boolean inside(Shape shape, double u, double w, double r) {
        double au = Math.abs(u);
        double aw = Math.abs(w);
        switch (shape) {
            case CIRCLE:
                return u * u + w * w <= r * r;
            case SQUARE:
                return au <= 0.8 * r && aw <= 0.8 * r;
            case TRIANGLE:
                // Apex up at (0, -r); base vertices at 210 and 330 degrees on the circle of radius r.
                return w <= 0.5 * r && -COS30 * u - 0.5 * w <= 0.5 * r && COS30 * u - 0.5 * w <= 0.5 * r;
            case CROSS:
                double arm = r / 3.0;
                return au <= r && aw <= arm || au <= arm && aw <= r;
            default:
                throw new IllegalArgumentException(shape.name());
        }
    }

    /**
     * Coverage (0..1, in sixteenths) of each pixel of a {@code width x height} window whose top-left
     * pixel is at ({@code left}, {@code top}), by a shape centred at ({@code cx}, {@code cy}).
     */
    static float[] coverage(Shape shape, double radius, double cx, double cy, int left, int top, int width, int height) {
        int n = ShapesDomain.SUPERSAMPLING;
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int hits = 0;
                for (int sy = 0; sy < n; sy++) {
                    double w = top + y + (sy + 0.5) / n - cy;
                    for (int sx = 0; sx < n; sx++) {
                        if (inside(shape, left + x + (sx + 0.5) / n - cx, w, radius)) {
                            hits++;
                        }
                    }
                }
                out[y * width + x] = hits / (float) (n * n);
            }
        }
        return out;
    }

    /** The scene's 8-frame 32x32 clip. */
    public static Clip render(Scene scene) {
        return render(scene, ShapesDomain.FRAMES);
    }

    /**
     * The scene over the same span in {@code frames} frames, frame j at base time {@code j * 8 / frames}
     * and the object held where base frame 7 leaves it after that: what a perfect interpolator makes of
     * the base clip (the fleet's interpolator repeats the last frame past the base clip's end).
     */
    public static Clip render(Scene scene, int frames) {
        int size = ShapesDomain.SIZE;
        byte[][] rgb = new byte[frames][];
        for (int f = 0; f < frames; f++) {
            double t = Math.min((double) f * ShapesDomain.FRAMES / frames, ShapesDomain.FRAMES - 1);
            float[] cov = coverage(scene.what().shape(), scene.radius(), scene.x(t), scene.y(t), 0, 0, size, size);
            byte[] frame = new byte[size * size * 3];
            for (int p = 0; p < size * size; p++) {
                for (int c = 0; c < 3; c++) {
                    float back = scene.background().level;
                    float fore = scene.what().colour().channel(c);
                    frame[p * 3 + c] = (byte) (int) Math.rint(back + (fore - back) * cov[p]);
                }
            }
            rgb[f] = frame;
        }
        return new Clip(size, size, rgb);
    }
}
