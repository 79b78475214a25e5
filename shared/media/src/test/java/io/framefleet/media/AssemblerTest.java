package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AssemblerTest {

    @TempDir
    Path tmp;

    @Test
    void shouldAssembleH264WithTheSourceAudioTrimmedToTheVideo() {
        List<SegmentFile> segments = TestMedia.movieSegments();
        Path out = tmp.resolve("video.mp4");

        long frames = Assembler.assemble(List.of(segments.get(0).file(), segments.get(1).file()), TestMedia.movie(),
                30, 1, "h264", out);

        MediaInfo info = Probe.probe(out);
        assertThat(frames).isEqualTo(80);
        assertThat(info.frames()).isEqualTo(80);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.fpsNum()).isEqualTo(30);
        assertThat(info.width()).isEqualTo(560);
        assertThat(info.height()).isEqualTo(320);
        // The source's AAC is copied (its codec plays in MP4) and cut at the video's end, 2.67 s of 5.57 s.
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioSampleRate()).isEqualTo(48000);
        assertThat(TestMedia.audioSeconds(out)).isCloseTo(80 / 30.0, within(1 / 30.0 + 1024 / 48000.0));
    }

    @Test
    void shouldTranscodeAudioMp4PlayersCannotTakeToAac() {
        Path wav = TestMedia.toneWav(tmp.resolve("tone.wav"), 3.0);
        Path out = tmp.resolve("toned.mp4");

        long frames = Assembler.assemble(List.of(TestMedia.cityPiece(0, 10)), wav, 25, 1, "h264", out);

        MediaInfo info = Probe.probe(out);
        assertThat(frames).isEqualTo(10);
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.audioChannels()).isEqualTo(2);
        assertThat(TestMedia.audioSeconds(out)).isCloseTo(0.4, within(1 / 25.0));
        // 4:2:0 H.264 needs even sides: the 405th row is dropped, not the picture rescaled.
        assertThat(info.height()).isEqualTo(404);
    }

    @Test
    void shouldAssembleLosslessFfv1FrameForFrameWithCopiedAudio() {
        List<Path> segments = List.of(TestMedia.cityPiece(0, 10), TestMedia.citySegments().get(3).file());
        Path wav = TestMedia.kivyFile(TestMedia.CLAP_WAV);
        Path out = tmp.resolve("video.mkv");

        long frames = Assembler.assemble(segments, wav, 25, 1, "ffv1", out);

        assertThat(frames).isEqualTo(24);
        List<byte[]> expected = new ArrayList<>();
        segments.forEach(s -> expected.addAll(TestMedia.lumas(s)));
        List<byte[]> actual = TestMedia.lumas(out);
        assertThat(actual).hasSize(24);
        for (int i = 0; i < 24; i++) {
            assertThat(actual.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
        MediaInfo info = Probe.probe(out);
        assertThat(info.videoCodec()).isEqualTo("ffv1");
        assertThat(info.durationSeconds()).isCloseTo(24 / 25.0, within(1e-9));
        // Matroska takes PCM as is; the 0.13 s clap is shorter than the video and stays whole.
        assertThat(info.audioCodec()).isEqualTo("pcm_s16le");
        assertThat(TestMedia.audioSeconds(out)).isCloseTo(TestMedia.audioSeconds(wav), within(1e-3));
    }

    @Test
    void shouldCarryTheDisplayRotation() {
        Path segment = TestMedia.cityPiece(0, 2);
        Path rotated = tmp.resolve("rotated.mp4");
        Path again = tmp.resolve("again.mkv");

        Assembler.assemble(List.of(segment), null, 90, 25, 1, "h264", rotated);
        Assembler.assemble(List.of(segment), rotated, 25, 1, "ffv1", again);

        assertThat(Probe.probe(rotated).rotation()).isEqualTo(90);
        assertThat(Probe.probe(again).rotation()).isEqualTo(90);
        assertThat(Probe.probe(rotated).width()).isEqualTo(720);
    }

    @Test
    void shouldRejectWhatItCannotAssemble() {
        Path out = tmp.resolve("x.mp4");
        Path segment = TestMedia.cityPiece(0, 2);

        assertThatThrownBy(() -> Assembler.assemble(List.of(), null, 25, 1, "h264", out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Assembler.assemble(List.of(segment), null, 25, 1, "vp9", out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Assembler.assemble(List.of(segment, TestMedia.movieSegments().get(0).file()), null,
                25, 1, "ffv1", tmp.resolve("mixed.mkv")))
                .isInstanceOf(MediaException.class).hasMessageContaining("560x320");
    }
}
