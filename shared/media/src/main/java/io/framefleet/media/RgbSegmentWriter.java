package io.framefleet.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Writes packed RGB frames (as {@link FrameReader#rgb()} gives them) to a lossless segment at a constant rate: how
 * stages that compute pixels themselves (models, optical flow) hand frames to the next stage. The segment stores
 * the RGB samples unchanged (FFmpeg's HuffYUV variant in Matroska, as {@code bgr0}: reordered, not converted), so
 * nothing is lost between stages; the final encode converts once. HuffYUV rather than FFV1: about five times
 * cheaper to encode for under three times the bytes, and the encode is on the critical path of every stage that
 * writes it.
 */
public final class RgbSegmentWriter implements AutoCloseable {

    private final VideoWriter writer;
    private final int width;
    private final int height;
    private final AVFrame frame = av_frame_alloc();
    private BytePointer pixels;

    private RgbSegmentWriter(VideoWriter writer, int width, int height) {
        this.writer = writer;
        this.width = width;
        this.height = height;
    }

    /** A writer of {@code width}x{@code height} frames at fpsNum/fpsDen frames per second. */
    public static RgbSegmentWriter open(Path out, int width, int height, int fpsNum, int fpsDen) {
        Av.init();
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        return new RgbSegmentWriter(new VideoWriter(out, VideoWriter.FFVHUFF, fpsNum, fpsDen, 0, null), width, height);
    }

    /** Appends one frame of 3 * width * height bytes, rows top to bottom, R G B per pixel. */
    public void write(byte[] rgb) {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB frame has " + 3 * width * height
                    + " bytes, got " + rgb.length);
        }
        if (pixels == null) {
            pixels = new BytePointer(av_malloc(rgb.length)).capacity(rgb.length);
            frame.format(AV_PIX_FMT_RGB24).width(width).height(height);
            frame.data(0, pixels);
            frame.linesize(0, 3 * width);
        }
        pixels.put(rgb);
        writer.write(frame);
    }

    /** Frames written so far. */
    public long frames() {
        return writer.frames();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            frame.data(0, null);
            av_frame_free(frame);
            if (pixels != null) {
                av_free(pixels);
                pixels = null;
            }
        }
    }
}
