package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

class SegmenterTest {

    @TempDir
    Path tmp;

    @Test
    void shouldSplitAtSceneCutsAndEveryMaxFrames() {
        List<SegmentFile> segments = TestMedia.citySegments();

        assertThat(segments).extracting(SegmentFile::index).containsExactly(0, 1, 2, 3);
        assertThat(segments).extracting(SegmentFile::firstFrame).containsExactly(0L, 60L, 116L, 176L);
        assertThat(segments).extracting(SegmentFile::frames).containsExactly(60, 56, 60, 14);
        assertThat(segments).extracting(SegmentFile::sceneCut).containsExactly(true, false, true, false);
        assertThat(segments.stream().mapToLong(SegmentFile::frames).sum()).isEqualTo(TestMedia.cityInfo().frames());
    }

    @Test
    void shouldWriteFfv1MatroskaSegmentsInTheSourcePixelFormatAndRate() {
        for (SegmentFile segment : TestMedia.citySegments()) {
            assertThat(segment.file().getFileName().toString()).isEqualTo(
                    String.format("segment-%05d.mkv", segment.index()));
            try (FrameReader frames = FrameReader.open(segment.file())) {
                frames.next();
                assertThat(frames.grabber().getFormat()).contains("matroska");
                assertThat(frames.grabber().getVideoCodecName()).isEqualTo("ffv1");
                assertThat(frames.grabber().getVideoFrameRate()).isEqualTo(25.0);
                assertThat(frames.frame().format()).isEqualTo(AV_PIX_FMT_YUV420P);
                assertThat(frames.width()).isEqualTo(720);
                assertThat(frames.height()).isEqualTo(405);
            }
        }
    }

    @Test
    void shouldPutEverySourceFrameInExactlyOneSegmentUnchanged() {
        List<SegmentFile> segments = TestMedia.citySegments();
        long compared = 0;
        try (FrameReader source = FrameReader.open(TestMedia.city())) {
            for (SegmentFile segment : segments) {
                try (FrameReader part = FrameReader.open(segment.file())) {
                    while (part.next()) {
                        assertThat(source.next()).isTrue();
                        assertThat(source.index()).isEqualTo(segment.firstFrame() + part.index());
                        assertThat(part.luma()).as("frame %d", source.index()).isEqualTo(source.luma());
                        compared++;
                    }
                    assertThat(part.index() + 1).isEqualTo(segment.frames());
                }
            }
            assertThat(source.next()).isFalse();
        }
        assertThat(compared).isEqualTo(190);
    }

    @Test
    void shouldRejectCutsOutsideTheVideo() {
        MediaInfo info = TestMedia.cityInfo();

        assertThatThrownBy(() -> Segmenter.split(TestMedia.city(), info, List.of(190L), 60, tmp))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Segmenter.split(TestMedia.city(), info, List.of(0L), 60, tmp))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseWhenProbeAndDecodeDisagree() {
        MediaInfo wrong = new MediaInfo(16, 16, 25, 1, 3, 0.12, 0, "yuv4mpegpipe", "rawvideo", null, null, null);
        Path twoFrames = TestMedia.copyPrefix(TestMedia.cityPiece(0, 2), 1.0, tmp.resolve("two.mkv"));

        assertThatThrownBy(() -> Segmenter.split(twoFrames, wrong, List.of(), 60, tmp.resolve("out")))
                .isInstanceOf(MediaException.class).hasMessageContaining("decoded to 2 frames");
    }
}
