package io.framefleet.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;

class StillsTest {

    @TempDir
    Path tmp;

    @Test
    void shouldRoundTripAPngThroughALosslessSegment() {
        Path png = TestMedia.kivyFile(TestMedia.ROSE_PNG);
        Path segment = tmp.resolve("still.mkv");
        Path back = tmp.resolve("back.png");

        Stills.toSegment(png, segment);
        Stills.writePng(segment, back);

        // A one-frame segment is not an upload Probe would take ("too short"), so read it directly.
        assertThat(TestMedia.countFrames(segment)).isEqualTo(1);
        try (FrameReader stored = FrameReader.open(segment)) {
            stored.next();
            assertThat(stored.width()).isEqualTo(498);
            assertThat(stored.grabber().getVideoCodecName()).isEqualTo("ffv1");
        }
        assertThat(rgb(back)).isEqualTo(rgb(png));
    }

    @Test
    void shouldKeepJpegPixelsAsFullRangeYuv() {
        Path jpeg = TestMedia.kivyFile(TestMedia.KIWI_JPEG);
        Path segment = tmp.resolve("kiwi.mkv");

        Stills.toSegment(jpeg, segment);

        try (FrameReader original = FrameReader.open(jpeg); FrameReader stored = FrameReader.open(segment)) {
            original.next();
            stored.next();
            assertThat(stored.frame().format()).isEqualTo(AV_PIX_FMT_YUV444P);
            assertThat(stored.frame().color_range()).isEqualTo(AVCOL_RANGE_JPEG);
            assertThat(stored.luma()).isEqualTo(original.luma());
            assertThat(stored.rgb()).isEqualTo(original.rgb());
        }
    }

    @Test
    void shouldWriteTheLastFrameOfASegmentAsPng() {
        SegmentFile segment = TestMedia.citySegments().get(1);
        Path png = tmp.resolve("last.png");

        Stills.writePng(segment.file(), png);

        assertThat(Probe.isStillImage(png)).isTrue();
        assertThat(Probe.probe(png).videoCodec()).isEqualTo("png");
        byte[] lastFrame = null;
        try (FrameReader frames = FrameReader.open(segment.file())) {
            while (frames.next()) {
                lastFrame = frames.rgb();
            }
        }
        assertThat(rgb(png)).isEqualTo(lastFrame);
    }

    @Test
    void shouldRefuseAVideoAsAStill() {
        assertThatThrownBy(() -> Stills.toSegment(TestMedia.city(), tmp.resolve("x.mkv")))
                .isInstanceOf(MediaException.class).hasMessageContaining("not a still image");
    }

    private static byte[] rgb(Path file) {
        try (FrameReader frames = FrameReader.open(file)) {
            frames.next();
            return frames.rgb();
        }
    }
}
