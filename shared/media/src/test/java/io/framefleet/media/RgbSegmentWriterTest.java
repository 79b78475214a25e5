package io.framefleet.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RgbSegmentWriterTest {

    @Test
    void shouldStoreRgbFramesLosslessly(@TempDir Path dir) {
        int w = 37, h = 21;
        Random random = new Random(7);
        byte[][] frames = new byte[3][3 * w * h];
        for (byte[] f : frames) {
            random.nextBytes(f);
        }
        Path out = dir.resolve("rgb.mkv");
        try (RgbSegmentWriter writer = RgbSegmentWriter.open(out, w, h, 30, 1)) {
            for (byte[] f : frames) {
                writer.write(f);
            }
            assertThat(writer.frames()).isEqualTo(3);
        }
        try (FrameReader reader = FrameReader.open(out)) {
            for (byte[] f : frames) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.width()).isEqualTo(w);
                assertThat(reader.rgb()).isEqualTo(f);
            }
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldRejectAFrameOfTheWrongSize(@TempDir Path dir) {
        try (RgbSegmentWriter writer = RgbSegmentWriter.open(dir.resolve("x.mkv"), 4, 4, 25, 1)) {
            assertThatThrownBy(() -> writer.write(new byte[10])).hasMessageContaining("4x4 RGB frame has 48 bytes");
            writer.write(new byte[48]);
        }
    }
}
