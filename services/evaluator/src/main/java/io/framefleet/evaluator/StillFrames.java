package io.framefleet.evaluator;

import io.framefleet.media.FrameReader;
import io.framefleet.worker.BadInputException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One chosen frame of a segment as an 8-bit RGB PNG: a text-to-image job keeps the middle frame of its
 * upscaled clip, where the object is furthest from the start and end of its motion.
 */
final class StillFrames {

    private StillFrames() {
    }

    static void writePng(Path segment, int index, Path png) throws BadInputException, IOException {
        try (FrameReader reader = FrameReader.open(segment)) {
            while (reader.next()) {
                if (reader.index() == index) {
                    int w = reader.width();
                    int h = reader.height();
                    byte[] rgb = reader.rgb();
                    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                    for (int p = 0; p < w * h; p++) {
                        image.setRGB(p % w, p / w, (rgb[p * 3] & 0xff) << 16 | (rgb[p * 3 + 1] & 0xff) << 8
                                | rgb[p * 3 + 2] & 0xff);
                    }
                    if (!ImageIO.write(image, "png", png.toFile())) {
                        throw new IOException("no PNG writer in this Java runtime");
                    }
                    return;
                }
            }
            throw new BadInputException("frame " + index + " was asked for but the segment has "
                    + (reader.index() + 1) + " frames");
        }
    }
}
