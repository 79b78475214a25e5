package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameFilterTest {

    @TempDir
    Path tmp;

    @Test
    void shouldDoubleTheFrameRateWithMinterpolateIntoExactlyTwiceTheFrames() {
        Path piece = TestMedia.cityPiece(0, 10);
        Path next = TestMedia.cityPiece(10, 1);
        Path out = tmp.resolve("x2.mkv");
        long expected = FrameFilter.expectedFrames(10, 25, 50);

        long written = FrameFilter.apply(piece, next, 25, 1, FrameFilter.minterpolateGraph(50, Map.of()), expected, out);

        MediaInfo info = Probe.probe(out);
        assertThat(written).isEqualTo(20);
        assertThat(info.frames()).isEqualTo(20);
        assertThat(info.fpsNum()).isEqualTo(50);
        assertThat(info.fpsDen()).isEqualTo(1);
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.videoCodec()).isEqualTo("ffv1");

        List<byte[]> in = TestMedia.lumas(piece);
        List<byte[]> doubled = TestMedia.lumas(out);
        // Even output frames sit on input times and are the input frames.
        assertThat(doubled.get(8)).isEqualTo(in.get(4));
        byte[] between = doubled.get(9);
        byte[] mean = mean(in.get(4), in.get(5));
        assertThat(TestMedia.meanAbsoluteDifference(between, in.get(4))).isGreaterThan(1.0);
        assertThat(TestMedia.meanAbsoluteDifference(between, in.get(5))).isGreaterThan(1.0);
        assertThat(TestMedia.meanAbsoluteDifference(between, mean))
                .isLessThan(TestMedia.meanAbsoluteDifference(between, new byte[between.length]))
                .isLessThan(TestMedia.meanAbsoluteDifference(in.get(4), in.get(5)));
        // The last frame lies between the segment's last frame and the lookahead: no seam at the boundary.
        byte[] lookahead = TestMedia.lumas(next).get(0);
        assertThat(TestMedia.meanAbsoluteDifference(doubled.get(19), in.get(9))).isGreaterThan(1.0);
        assertThat(TestMedia.meanAbsoluteDifference(doubled.get(19), lookahead)).isGreaterThan(1.0);
    }

    @Test
    void shouldDoubleTheSizeWithLanczos() {
        Path out = tmp.resolve("big.mkv");

        long written = FrameFilter.apply(TestMedia.cityPiece(0, 10), null, 25, 1, FrameFilter.lanczosGraph(1440, 810),
                10, out);

        MediaInfo info = Probe.probe(out);
        assertThat(written).isEqualTo(10);
        assertThat(info.width()).isEqualTo(1440);
        assertThat(info.height()).isEqualTo(810);
        assertThat(info.frames()).isEqualTo(10);
        assertThat(info.fpsNum()).isEqualTo(25);
    }

    @Test
    void shouldPadWithTheLastFrameWhenTheFilterComesOutShort() {
        Path piece = TestMedia.cityPiece(0, 10);
        Path out = tmp.resolve("padded.mkv");

        long written = FrameFilter.apply(piece, null, 25, 1, "select='lt(n,4)'", 10, out);

        List<byte[]> in = TestMedia.lumas(piece);
        List<byte[]> padded = TestMedia.lumas(out);
        assertThat(written).isEqualTo(10);
        assertThat(padded).hasSize(10);
        assertThat(padded.get(3)).isEqualTo(in.get(3));
        assertThat(padded.get(9)).isEqualTo(in.get(3));
    }

    @Test
    void shouldDropTheSurplusTail() {
        Path piece = TestMedia.cityPiece(0, 10);
        Path out = tmp.resolve("short.mkv");

        long written = FrameFilter.apply(piece, TestMedia.cityPiece(10, 1), 25, 1, "null", 6, out);

        List<byte[]> in = TestMedia.lumas(piece);
        List<byte[]> kept = TestMedia.lumas(out);
        assertThat(written).isEqualTo(6);
        assertThat(kept).hasSize(6);
        assertThat(kept.get(5)).isEqualTo(in.get(5));
    }

    @Test
    void shouldHoldTheLastFrameAtTheEndOfAShot() {
        Path piece = TestMedia.cityPiece(0, 10);
        Path out = tmp.resolve("held.mkv");

        // fps=50 duplicates frames and, like minterpolate, stops at the last input's time: 19 frames, not 20.
        long written = FrameFilter.apply(piece, null, 25, 1, "fps=50", 20, out);

        List<byte[]> in = TestMedia.lumas(piece);
        List<byte[]> doubled = TestMedia.lumas(out);
        assertThat(written).isEqualTo(20);
        assertThat(doubled.get(18)).isEqualTo(in.get(9));
        assertThat(doubled.get(19)).isEqualTo(in.get(9));
    }

    @Test
    void shouldRejectAnInvalidFilterGraph() {
        assertThatThrownBy(() -> FrameFilter.apply(TestMedia.cityPiece(0, 10), null, 25, 1, "nosuchfilter=3", 10,
                tmp.resolve("bad.mkv"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuchfilter");
    }

    @Test
    void shouldBuildGraphsAndFrameCounts() {
        assertThat(FrameFilter.minterpolateGraph(50, Map.of()))
                .isEqualTo("minterpolate=fps=50:mc_mode=aobmc:me_mode=bidir:mi_mode=mci:vsbmc=1");
        assertThat(FrameFilter.minterpolateGraph(60000.0 / 1001, Map.of("mi_mode", "blend")))
                .isEqualTo("minterpolate=fps=60000/1001:mc_mode=aobmc:me_mode=bidir:mi_mode=blend:vsbmc=1");
        assertThatThrownBy(() -> FrameFilter.minterpolateGraph(50, Map.of("mi_mode", "mci,scale=2:2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FrameFilter.lanczosGraph(1440, 810)).isEqualTo("scale=1440:810:flags=lanczos");
        assertThat(FrameFilter.expectedFrames(10, 25, 50)).isEqualTo(20);
        assertThat(FrameFilter.expectedFrames(7, 24, 60)).isEqualTo(18);
        assertThat(FrameFilter.expectedFrames(1001, 30000.0 / 1001, 60)).isEqualTo(2004);
    }

    private static byte[] mean(byte[] a, byte[] b) {
        byte[] mean = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            mean[i] = (byte) (((a[i] & 0xff) + (b[i] & 0xff) + 1) / 2);
        }
        return mean;
    }
}
