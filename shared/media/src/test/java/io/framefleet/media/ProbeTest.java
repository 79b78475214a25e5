package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeTest {

    @TempDir
    Path tmp;

    @Test
    void shouldProbeCityClipWithDecodedFrameCount() {
        // ffprobe: mpeg2video 720x405 yuv420p, 25/1, no nb_frames in MPEG-PS, -count_frames 190, duration 7.6 s.
        MediaInfo info = Probe.probe(TestMedia.city());

        assertThat(info).isEqualTo(new MediaInfo(720, 405, 25, 1, 190, 7.6, 0, "mpeg", "mpeg2video",
                null, null, null));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void shouldProbeMovieWithAudio() {
        // ffprobe: h264 560x320 30/1, 166 frames (nb_frames and -count_frames agree); aac 48000 Hz mono.
        MediaInfo info = Probe.probe(TestMedia.movie());

        assertThat(info.width()).isEqualTo(560);
        assertThat(info.height()).isEqualTo(320);
        assertThat(info.fpsNum()).isEqualTo(30);
        assertThat(info.fpsDen()).isEqualTo(1);
        assertThat(info.frames()).isEqualTo(166);
        assertThat(info.durationSeconds()).isCloseTo(166 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(info.format()).contains("mp4");
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioSampleRate()).isEqualTo(48000);
        assertThat(info.audioChannels()).isEqualTo(1);
    }

    @Test
    void shouldProbeStillImagesAsOneFrameAtOneFps() {
        Path jpeg = TestMedia.kivyFile(TestMedia.KIWI_JPEG);
        Path png = TestMedia.kivyFile(TestMedia.ROSE_PNG);

        assertThat(Probe.isStillImage(jpeg)).isTrue();
        assertThat(Probe.isStillImage(png)).isTrue();
        assertThat(Probe.isStillImage(TestMedia.city())).isFalse();
        MediaInfo info = Probe.probe(jpeg);
        assertThat(info.frames()).isEqualTo(1);
        assertThat(info.fpsNum()).isEqualTo(1);
        assertThat(info.fpsDen()).isEqualTo(1);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.videoCodec()).isEqualTo("mjpeg");
        assertThat(Probe.probe(png).videoCodec()).isEqualTo("png");
    }

    @Test
    void shouldRejectZeroByteFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("upload.mp4"));

        assertThatThrownBy(() -> Probe.probe(empty)).isInstanceOf(MediaException.class)
                .hasMessageContaining("empty file").hasMessageContaining("upload.mp4");
    }

    @Test
    void shouldRejectMissingFile() {
        assertThatThrownBy(() -> Probe.probe(tmp.resolve("nothing.mp4"))).isInstanceOf(MediaException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void shouldRejectTextFileNamedMp4() throws IOException {
        Path text = Files.writeString(tmp.resolve("video.mp4"), "<html><body>403 Forbidden</body></html>\n".repeat(10));

        assertThatThrownBy(() -> Probe.probe(text)).isInstanceOf(MediaException.class)
                .hasMessage("not a video: video.mp4 holds plain text");
    }

    @Test
    void shouldRejectUnknownBinaryFile() throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Path junk = Files.write(tmp.resolve("junk.mp4"), noise);

        assertThatThrownBy(() -> Probe.probe(junk)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("not a video: junk.mp4");
    }

    @Test
    void shouldRejectTruncatedMp4() {
        // movie.mp4 keeps its index (moov) at the end, so its first 30% is all media data and no index.
        Path truncated = TestMedia.copyPrefix(TestMedia.movie(), 0.3, tmp.resolve("cut.mp4"));

        assertThatThrownBy(() -> Probe.probe(truncated)).isInstanceOf(MediaException.class)
                .hasMessageStartingWith("truncated MP4/MOV: cut.mp4 ends inside its 'mdat'");
    }

    @Test
    void shouldRejectTruncatedFastStartMp4() {
        // Our own MP4s put the index first; cutting them leaves a valid index pointing past the end.
        Path whole = tmp.resolve("whole.mp4");
        Assembler.assemble(java.util.List.of(TestMedia.citySegments().get(3).file()), null, 25, 1, "h264", whole);
        Path truncated = TestMedia.copyPrefix(whole, 0.7, tmp.resolve("half.mp4"));

        assertThat(Probe.probe(whole).frames()).isEqualTo(14);
        assertThatThrownBy(() -> Probe.probe(truncated)).isInstanceOf(MediaException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectOneFrameVideo() throws IOException {
        Path oneFrame = y4m(tmp.resolve("one.y4m"), 16, 16, 1);

        assertThatThrownBy(() -> Probe.probe(oneFrame)).isInstanceOf(MediaException.class)
                .hasMessageContaining("too short").hasMessageContaining("only one frame");
        assertThat(Probe.probe(y4m(tmp.resolve("two.y4m"), 16, 16, 2)).frames()).isEqualTo(2);
    }

    @Test
    void shouldRejectAbsurdResolution() throws IOException {
        Path wide = y4m(tmp.resolve("wide.y4m"), 9000, 2, 2);

        assertThatThrownBy(() -> Probe.probe(wide)).isInstanceOf(MediaException.class)
                .hasMessageContaining("unsupported resolution 9000x2");
    }

    @Test
    void shouldRejectZeroOrOversizedDimensionsInTheGuard() {
        Path name = Path.of("x.mp4");

        assertThatThrownBy(() -> Probe.checkDimensions(0, 480, name)).isInstanceOf(MediaException.class)
                .hasMessageContaining("0x480");
        assertThatThrownBy(() -> Probe.checkDimensions(640, 8193, name)).isInstanceOf(MediaException.class);
        Probe.checkDimensions(8192, 8192, name);
    }

    @Test
    void shouldRejectAudioOnlyFile() {
        Path wav = TestMedia.kivyFile(TestMedia.CLAP_WAV);

        assertThatThrownBy(() -> Probe.probe(wav)).isInstanceOf(MediaException.class)
                .hasMessageContaining("has no video stream");
    }

    /** YUV4MPEG2: the simplest real video container, written by hand so any size and length can be had. */
    static Path y4m(Path file, int width, int height, int frames) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F25:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int chroma = 2 * ((width + 1) / 2) * ((height + 1) / 2);
            for (int i = 0; i < frames; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(filled(width * height, 40 * i + 16));
                out.write(filled(chroma, 128));
            }
        }
        return file;
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
