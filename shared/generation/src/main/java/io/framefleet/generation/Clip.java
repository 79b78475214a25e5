package io.framefleet.generation;

import java.util.Objects;

/**
 * A short video held in memory: {@code frames} frames of packed 8-bit RGB, row-major, each
 * {@code width * height * 3} bytes. Base clips and the frames the scorer and checker read are this small.
 */
public record Clip(int width, int height, byte[][] rgb) {

    public Clip {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1 || rgb.length < 1) {
            throw new IllegalArgumentException("a clip needs at least one frame of at least 1x1, got "
                    + rgb.length + " frames of " + width + "x" + height);
        }
        for (byte[] frame : rgb) {
            if (frame == null || frame.length != width * height * 3) {
                throw new IllegalArgumentException("every frame must hold " + width * height * 3 + " bytes");
            }
        }
    }

    public int frames() {
        return rgb.length;
    }

    /** Channel {@code c} (0 = R) of pixel (x, y) in frame {@code f}, 0..255. */
    public int at(int f, int x, int y, int c) {
        return rgb[f][(y * width + x) * 3 + c] & 0xff;
    }
}
