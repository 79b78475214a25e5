package io.framefleet.evaluator.quality;

import static io.framefleet.evaluator.quality.ClipWriter.Format.LIMITED_RANGE_YUV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.framefleet.media.MediaException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LumaFramesTest {

    @TempDir
    Path dir;

    @Test
    void shouldExpandLimitedRangeLumaToFullRange() throws Exception {
        List<LumaFrame> extremes = List.of(LumaEdits.uniform(64, 48, 0), LumaEdits.uniform(64, 48, 255));
        Path limited = ClipWriter.write(dir.resolve("limited.mkv"), LIMITED_RANGE_YUV, 25, extremes);
        assertThat(firstStoredY(limited)).as("stored black is limited-range Y").isEqualTo(16);

        List<LumaFrame> decoded = readAll(LumaFrames.open(limited));

        assertThat(decoded).extracting(LumaFrame::meanLuma).containsExactly(0.0, 255.0);
    }

    @Test
    void shouldNotExpandFullRangeTaggedYuvTwice() throws Exception {
        List<LumaFrame> frames = CityClip.firstFrames(3);
        Path fullRange = ClipWriter.writeFullRangeYuv(dir.resolve("full.mkv"), CityClip.FPS, frames);

        List<LumaFrame> decoded = readAll(LumaFrames.open(fullRange));

        assertThat(decoded).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(decoded.get(i).pixels()).isEqualTo(frames.get(i).pixels());
        }
    }

    @Test
    void shouldDecodeTheRealClipAtItsSize() {
        CityClip.assumePresent();
        try (LumaFrames frames = LumaFrames.open(CityClip.PATH)) {
            assertThat(frames.width()).isEqualTo(CityClip.WIDTH);
            assertThat(frames.height()).isEqualTo(CityClip.HEIGHT);
            assertThat(frames.frameRate()).isEqualTo(CityClip.FPS);
            LumaFrame first = frames.next().orElseThrow();
            // A daylight street: neither crushed nor blown out.
            assertThat(first.meanLuma()).isBetween(80.0, 160.0);
        }
    }

    @Test
    void shouldCountEveryDecodedFrame() {
        CityClip.assumePresent();

        assertThat(LumaFrames.countFrames(CityClip.PATH)).isEqualTo(CityClip.FRAMES);
    }

    @Test
    void shouldResizeToTheRequestedSize() {
        CityClip.assumePresent();
        try (LumaFrames half = LumaFrames.open(CityClip.PATH, 360, 203)) {
            LumaFrame frame = half.next().orElseThrow();
            assertThat(frame.width()).isEqualTo(360);
            assertThat(frame.height()).isEqualTo(203);
        }
        try (LumaFrames small = LumaFrames.openDownscaled(CityClip.PATH, 160)) {
            assertThat(small.width()).isEqualTo(160);
            assertThat(small.height()).isEqualTo(90);
        }
        try (LumaFrames notEnlarged = LumaFrames.openDownscaled(CityClip.PATH, 4000)) {
            assertThat(notEnlarged.width()).isEqualTo(CityClip.WIDTH);
        }
    }

    @Test
    void shouldKeepBrightnessWhenDownscaling() {
        CityClip.assumePresent();
        LumaFrame full;
        LumaFrame small;
        try (LumaFrames frames = LumaFrames.open(CityClip.PATH)) {
            full = frames.next().orElseThrow();
        }
        try (LumaFrames frames = LumaFrames.openDownscaled(CityClip.PATH, 160)) {
            small = frames.next().orElseThrow();
        }

        assertThat(small.meanLuma()).isCloseTo(full.meanLuma(), within(0.5));
    }

    @Test
    void shouldRejectFileWithoutVideoAsBadInput() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a video");

        assertThatThrownBy(() -> LumaFrames.open(text)).isInstanceOf(MediaException.class)
                .hasMessageContaining("notes.txt");
    }

    private static List<LumaFrame> readAll(LumaFrames reader) {
        try (reader) {
            List<LumaFrame> frames = new ArrayList<>();
            for (var frame = reader.next(); frame.isPresent(); frame = reader.next()) {
                frames.add(frame.get());
            }
            return frames;
        }
    }

    /** The first Y sample of the first frame as stored, without any range conversion. */
    private static int firstStoredY(Path video) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            Frame frame = grabber.grabImage();
            return ((ByteBuffer) frame.image[0]).get(0) & 0xFF;
        }
    }
}
