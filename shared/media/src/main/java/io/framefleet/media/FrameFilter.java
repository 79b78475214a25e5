package io.framefleet.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Runs an FFmpeg filter graph over one lossless segment and writes a lossless segment with exactly the number of
 * frames the plan expects, so that segments processed apart re-assemble to the right duration.
 * <p>
 * Why the accounting: a rate-changing filter emits its last frame at the last input's time, so n input frames
 * give 2n - 1 frames at twice the rate, one short, and minterpolate also holds its last two inputs back at the end
 * of the stream (10 frames in, 17 out). Appending the first frame of the next segment of the same shot (the
 * lookahead) lets it interpolate across the segment boundary; copies of the last input then flush what the filter
 * holds, and the surplus tail is dropped. Without a lookahead (end of a shot) the last frame is held.
 * Filters that emit nothing until the end of the stream (reverse) do not fit this scheme.
 */
public final class FrameFilter {

    /** Debian's ffmpeg baseline for frame interpolation: motion-compensated, overlapped blocks, bidirectional. */
    public static final Map<String, String> MINTERPOLATE_DEFAULTS = Map.of(
            "mi_mode", "mci", "mc_mode", "aobmc", "me_mode", "bidir", "vsbmc", "1");

    /** Copies of the last input pushed at most to flush a filter's look-ahead; minterpolate needs two. */
    static final int MAX_TAIL_REPEATS = 8;

    private static final Pattern OPTION_KEY = Pattern.compile("[a-z_]+");
    private static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9_.+/-]+");

    private FrameFilter() {
    }

    /**
     * Filters {@code segment} (plus the first frame of {@code lookahead}, when given) through {@code filterGraph}
     * and writes exactly {@code expectedFrames} frames to {@code out} (FFV1/Matroska) at the graph's output rate.
     *
     * @return the number of frames written, always {@code expectedFrames}
     */
    public static long apply(Path segment, Path lookahead, int fpsNum, int fpsDen, String filterGraph,
                             long expectedFrames, Path out) {
        if (expectedFrames < 1) {
            throw new IllegalArgumentException("expectedFrames must be at least 1, got " + expectedFrames);
        }
        try (FrameReader in = FrameReader.open(segment)) {
            if (!in.next()) {
                throw new MediaException("segment " + segment.getFileName() + " has no frames");
            }
            AVFrame first = in.frame();
            int width = first.width();
            int height = first.height();
            try (FilterPass pass = FilterPass.start(filterGraph, first, fpsNum, fpsDen);
                 VideoWriter writer = new VideoWriter(out, VideoWriter.FFV1, pass.outputFpsNum(), pass.outputFpsDen(),
                         0, null)) {
                do {
                    pass.push(in.frame(), writer, expectedFrames);
                } while (in.next());
                if (lookahead != null) {
                    try (FrameReader next = FrameReader.open(lookahead)) {
                        if (next.next()) {
                            if (next.width() != width || next.height() != height) {
                                throw new MediaException("lookahead " + lookahead.getFileName() + " is "
                                        + next.width() + "x" + next.height() + ", segment is " + width + "x" + height);
                            }
                            pass.push(next.frame(), writer, expectedFrames);
                        }
                    }
                }
                // Temporal filters hold their last inputs back until they see later ones (minterpolate keeps
                // two), so the tail is flushed with copies of the last frame rather than lost.
                for (int i = 0; i < MAX_TAIL_REPEATS && writer.frames() < expectedFrames; i++) {
                    pass.repeat(writer, expectedFrames);
                }
                pass.end(writer, expectedFrames);
                if (writer.frames() == 0) {
                    throw new MediaException("the filter graph produced no frames: " + filterGraph);
                }
                while (writer.frames() < expectedFrames) {
                    writer.repeatLast();
                }
                return writer.frames();
            }
        }
    }

    /** The FFmpeg library version these filters run on, e.g. {@code 8.0.1}: part of every processor's version. */
    public static String ffmpegVersion() {
        return org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
    }

    /** A minterpolate graph to {@code targetFps}; {@code opts} override {@link #MINTERPOLATE_DEFAULTS}. */
    public static String minterpolateGraph(double targetFps, Map<String, String> opts) {
        if (!(targetFps > 0)) {
            throw new IllegalArgumentException("target fps must be positive, got " + targetFps);
        }
        Map<String, String> merged = new LinkedHashMap<>(new TreeMap<>(MINTERPOLATE_DEFAULTS));
        merged.putAll(opts);
        merged.forEach((key, value) -> {
            // The graph is a string FFmpeg parses: a stray ':' ',' or '[' would smuggle in another filter.
            if (!OPTION_KEY.matcher(key).matches() || !OPTION_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("invalid minterpolate option " + key + "=" + value);
            }
        });
        merged.remove("fps");
        return "minterpolate=fps=" + rate(targetFps) + merged.entrySet().stream()
                .map(e -> ":" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    /** A Lanczos rescale to w x h, the upscaling baseline. */
    public static String lanczosGraph(int w, int h) {
        if (w < 1 || h < 1 || w > Probe.MAX_DIMENSION * 2 || h > Probe.MAX_DIMENSION * 2) {
            throw new IllegalArgumentException("invalid target size " + w + "x" + h);
        }
        return "scale=" + w + ":" + h + ":flags=lanczos";
    }

    /** Output frames that cover the same duration as {@code frames} input frames: round(frames * dst / src). */
    public static long expectedFrames(int frames, double srcFps, double dstFps) {
        return Math.round(frames * dstFps / srcFps);
    }

    /** Rates such as 59.94 are written as the exact fraction (60000/1001) FFmpeg would otherwise approximate. */
    static String rate(double fps) {
        if (Math.abs(fps - Math.rint(fps)) < 1e-9) {
            return Long.toString(Math.round(fps));
        }
        AVRational q = av_d2q(fps, 1_001_000);
        return q.num() + "/" + q.den();
    }
}
