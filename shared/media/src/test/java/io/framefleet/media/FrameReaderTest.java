package io.framefleet.media;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FrameReaderTest {

    @Test
    void shouldHandOutLumaAndColourOfEveryFrame() {
        try (FrameReader frames = FrameReader.open(TestMedia.cityPiece(0, 10))) {
            assertThatThrownBy(frames::luma).isInstanceOf(IllegalStateException.class);
            int count = 0;
            while (frames.next()) {
                assertThat(frames.index()).isEqualTo(count++);
            }
            assertThat(count).isEqualTo(10);
        }
        try (FrameReader frames = FrameReader.open(TestMedia.cityPiece(0, 10))) {
            frames.next();
            int pixels = frames.width() * frames.height();
            byte[] luma = frames.luma();
            byte[] rgb = frames.rgb();
            byte[] bgr = frames.bgr();
            assertThat(frames.width()).isEqualTo(720);
            assertThat(luma).hasSize(pixels);
            assertThat(rgb).hasSize(3 * pixels);
            assertThat(bgr[0]).isEqualTo(rgb[2]);
            assertThat(bgr[3 * pixels - 1]).isEqualTo(rgb[3 * pixels - 3]);
            // SD material: BT.601 limited range, so Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255.
            double error = 0;
            for (int i = 0; i < pixels; i++) {
                double y = 16 + (65.481 * (rgb[3 * i] & 0xff) + 128.553 * (rgb[3 * i + 1] & 0xff)
                        + 24.966 * (rgb[3 * i + 2] & 0xff)) / 255;
                error += Math.abs(y - (luma[i] & 0xff));
            }
            assertThat(error / pixels).isLessThan(1.5);
        }
    }

    @Test
    void shouldDownscaleLumaByAveraging() {
        try (FrameReader frames = FrameReader.open(TestMedia.cityPiece(0, 10))) {
            frames.next();
            byte[] thumb = frames.luma(64, 36);

            assertThat(thumb).hasSize(64 * 36);
            assertThat(mean(thumb)).isCloseTo(mean(frames.luma()), within(2.0));
        }
    }

    @Test
    void shouldNameTheFileItCannotOpen() {
        assertThatThrownBy(() -> FrameReader.open(Path.of("/nonexistent/clip.mp4")))
                .isInstanceOf(MediaException.class).hasMessage("no such file: clip.mp4");
    }

    private static double mean(byte[] values) {
        long sum = 0;
        for (byte v : values) {
            sum += v & 0xff;
        }
        return (double) sum / values.length;
    }
}
