package io.framefleet.evaluator.quality;

import java.util.Arrays;
import java.util.Random;

/** Pixel-level edits that make the derived test clips; all clip to 0–255. */
final class LumaEdits {

    private LumaEdits() {
    }

    static LumaFrame uniform(int width, int height, int level) {
        byte[] pixels = new byte[width * height];
        Arrays.fill(pixels, (byte) level);
        return new LumaFrame(width, height, pixels);
    }

    /** Adds rounded Gaussian noise of standard deviation {@code sigma} levels. */
    static LumaFrame withNoise(LumaFrame frame, double sigma, Random random) {
        byte[] source = frame.pixels();
        byte[] pixels = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            pixels[i] = clip((source[i] & 0xFF) + (int) Math.round(random.nextGaussian() * sigma));
        }
        return new LumaFrame(frame.width(), frame.height(), pixels);
    }

    static LumaFrame plus(LumaFrame frame, int offset) {
        byte[] source = frame.pixels();
        byte[] pixels = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            pixels[i] = clip((source[i] & 0xFF) + offset);
        }
        return new LumaFrame(frame.width(), frame.height(), pixels);
    }

    static LumaFrame times(LumaFrame frame, double gain) {
        byte[] source = frame.pixels();
        byte[] pixels = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            pixels[i] = clip((int) Math.round((source[i] & 0xFF) * gain));
        }
        return new LumaFrame(frame.width(), frame.height(), pixels);
    }

    /** Mean over a (2r+1)² box, edges clamped. */
    static LumaFrame boxBlurred(LumaFrame frame, int radius) {
        int width = frame.width();
        int height = frame.height();
        byte[] source = frame.pixels();
        byte[] pixels = new byte[source.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    int row = Math.min(height - 1, Math.max(0, y + dy)) * width;
                    for (int dx = -radius; dx <= radius; dx++) {
                        sum += source[row + Math.min(width - 1, Math.max(0, x + dx))] & 0xFF;
                    }
                }
                int side = 2 * radius + 1;
                pixels[y * width + x] = (byte) Math.round((float) sum / (side * side));
            }
        }
        return new LumaFrame(width, height, pixels);
    }

    private static byte clip(int value) {
        return (byte) Math.max(0, Math.min(255, value));
    }
}
