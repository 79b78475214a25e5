package io.framefleet.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avutil.*;

/** Still pictures in and out of the segment world, so a photo goes through the same stages as a video. */
public final class Stills {

    private Stills() {
    }

    /**
     * Writes a PNG/JPEG (any single picture FFmpeg reads) as a one-frame FFV1/Matroska segment at 1 fps, keeping
     * its pixels exactly: JPEG's full-range YUV stays YUV with a full-range tag, RGB becomes a lossless RGB layout.
     */
    public static void toSegment(Path image, Path out) {
        if (!Probe.isStillImage(image)) {
            throw new MediaException("not a still image: " + image.getFileName());
        }
        try (FrameReader reader = FrameReader.open(image);
             VideoWriter writer = new VideoWriter(out, VideoWriter.FFV1, 1, 1, 0, null)) {
            if (!reader.next()) {
                throw new MediaException("no picture can be decoded from " + image.getFileName());
            }
            Probe.checkDimensions(reader.width(), reader.height(), image);
            writer.write(reader.frame());
        }
    }

    /** Writes the last frame of a segment as PNG (8-bit RGB, or deeper/alpha layouts when the source has them). */
    public static void writePng(Path segment, Path png) {
        AVFrame last = av_frame_alloc();
        try (FrameReader reader = FrameReader.open(segment)) {
            while (reader.next()) {
                av_frame_unref(last);
                Av.check(av_frame_ref(last, reader.frame()), "av_frame_ref");
            }
            if (reader.index() < 0) {
                throw new MediaException("segment " + segment.getFileName() + " has no frames");
            }
            try (VideoWriter writer = new VideoWriter(png, VideoWriter.PNG, 1, 1, 0, null)) {
                writer.write(last);
            }
        } finally {
            av_frame_free(last);
        }
    }
}
