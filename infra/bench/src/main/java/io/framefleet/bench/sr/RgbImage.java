package io.framefleet.bench.sr;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

/** A packed 8-bit RGB image, as the upscalers take and give frames. */
record RgbImage(byte[] rgb, int width, int height) {

    RgbImage {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + 3 * width * height + " bytes");
        }
    }

    /**
     * Reads the file's raw samples. Not {@code BufferedImage.getRGB}: that applies the embedded ICC profile
     * (astronaut and chelsea carry one), and the protocol, like PIL, scores the stored values.
     */
    static RgbImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not an image ImageIO reads: " + file);
        }
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        if (bands < 3 || raster.getSampleModel().getSampleSize(0) != 8) {
            throw new IOException(file + " is not 8-bit RGB");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w * bands];
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * w + x) + c] = (byte) row[x * bands + c];
                }
            }
        }
        return new RgbImage(rgb, w, h);
    }

    /** The protocol's crop: centred, min(480, side) rounded down to a multiple of 8. */
    RgbImage centreCrop(int limit) {
        int cw = Math.min(limit, width) / 8 * 8;
        int ch = Math.min(limit, height) / 8 * 8;
        int x0 = (width - cw) / 2;
        int y0 = (height - ch) / 2;
        byte[] out = new byte[3 * cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(rgb, 3 * ((y0 + y) * width + x0), out, 3 * y * cw, 3 * cw);
        }
        return new RgbImage(out, cw, ch);
    }

    void writePng(Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int[] row = new int[3 * width];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < 3 * width; i++) {
                row[i] = rgb[3 * y * width + i] & 0xff;
            }
            image.getRaster().setPixels(0, y, width, 1, row);
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
