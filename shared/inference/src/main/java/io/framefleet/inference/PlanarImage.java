package io.framefleet.inference;

/**
 * An RGB image as the models see it: three float planes (R, G, B) in [0, 1], rows top to bottom. Stages of a chain
 * hand these to each other, so rounding to 8 bit happens once, at the end.
 */
public record PlanarImage(float[] data, int width, int height) {

    private static final float INV_255 = 1f / 255f;

    public PlanarImage {
        if (width < 1 || height < 1 || data.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " planar image has " + 3L * width * height
                    + " floats, got " + data.length);
        }
    }

    /** From packed RGB bytes ({@code 3 * width * height}, R G B per pixel). */
    public static PlanarImage fromRgb(byte[] rgb, int width, int height) {
        int n = width * height;
        if (rgb.length != 3 * n) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB frame has " + 3 * n
                    + " bytes, got " + rgb.length);
        }
        float[] out = new float[3 * n];
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            out[i] = (rgb[p] & 0xff) * INV_255;
            out[n + i] = (rgb[p + 1] & 0xff) * INV_255;
            out[2 * n + i] = (rgb[p + 2] & 0xff) * INV_255;
        }
        return new PlanarImage(out, width, height);
    }

    /** Packed RGB bytes, clamped to [0, 1] and rounded to the nearest level. */
    public byte[] toRgb() {
        int n = width * height;
        byte[] out = new byte[3 * n];
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            out[p] = level(data[i]);
            out[p + 1] = level(data[n + i]);
            out[p + 2] = level(data[2 * n + i]);
        }
        return out;
    }

    /** The {@code w} x {@code h} region whose top-left corner is at ({@code x}, {@code y}). */
    public PlanarImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("region " + w + "x" + h + "+" + x + "+" + y + " is outside "
                    + width + "x" + height);
        }
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(data, c * width * height + (y + row) * width + x, out, c * w * h + row * w, w);
            }
        }
        return new PlanarImage(out, w, h);
    }

    /** Copies the {@code w} x {@code h} region at ({@code sx}, {@code sy}) of {@code src} to ({@code dx}, {@code dy}). */
    public void paste(PlanarImage src, int sx, int sy, int w, int h, int dx, int dy) {
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(src.data, c * src.width * src.height + (sy + row) * src.width + sx,
                        data, c * width * height + (dy + row) * width + dx, w);
            }
        }
    }

    static byte level(float v) {
        // NaN from a broken model becomes black rather than an exception in the middle of a segment.
        float clamped = v > 0f ? (v < 1f ? v : 1f) : 0f;
        return (byte) (int) (clamped * 255f + 0.5f);
    }
}
