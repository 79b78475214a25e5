package io.framefleet.generation;

/**
 * Clips of the shapes domain drawn here from docs/generation.md (a circle of radius r moving at a fixed speed,
 * 4x4 supersampled coverage blended over the background), independent of the renderer that made the training data,
 * so the scorer is tested on pictures it did not see.
 */
final class HandDrawnClips {

    static final int SIZE = 32;
    static final int FRAMES = 8;

    private HandDrawnClips() {
    }

    /** A circle of radius {@code r} starting at (x0, y0) and moving (dx, dy) px a frame over a plain background. */
    static Clip circle(int[] colour, int[] background, double r, double x0, double y0, double dx, double dy) {
        byte[][] rgb = new byte[FRAMES][SIZE * SIZE * 3];
        for (int f = 0; f < FRAMES; f++) {
            double cx = x0 + f * dx;
            double cy = y0 + f * dy;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int inside = 0;
                    for (int sy = 0; sy < 4; sy++) {
                        for (int sx = 0; sx < 4; sx++) {
                            double px = x + (sx + 0.5) / 4 - cx;
                            double py = y + (sy + 0.5) / 4 - cy;
                            if (px * px + py * py <= r * r) {
                                inside++;
                            }
                        }
                    }
                    double coverage = inside / 16.0;
                    for (int c = 0; c < 3; c++) {
                        rgb[f][(y * SIZE + x) * 3 + c] = (byte) Math.round(coverage * colour[c]
                                + (1 - coverage) * background[c]);
                    }
                }
            }
        }
        return new Clip(SIZE, SIZE, rgb);
    }

    /** {@code clip} with every frame enlarged {@code factor} times by repeating pixels, and each frame shown twice. */
    static Clip enlarged(Clip clip, int factor) {
        int w = clip.width() * factor;
        int h = clip.height() * factor;
        byte[][] rgb = new byte[clip.frames() * 2][w * h * 3];
        for (int f = 0; f < rgb.length; f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        rgb[f][(y * w + x) * 3 + c] = (byte) clip.at(f / 2, x / factor, y / factor, c);
                    }
                }
            }
        }
        return new Clip(w, h, rgb);
    }
}
