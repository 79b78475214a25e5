package io.framefleet.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * Decodes the video frames of any file FFmpeg reads, one at a time, in decode order = display order, and hands them
 * out as plain arrays for quality metrics: 8-bit luma planes (full size or downscaled) and packed RGB/BGR.
 * <p>
 * Every stage counts frames with this reader, so probe counts, scene-cut indices and segment boundaries agree.
 * Arrays returned are fresh copies; the reader is not thread-safe. Typical use:
 * <pre>{@code
 * try (FrameReader frames = FrameReader.open(path)) {
 *     while (frames.next()) {
 *         byte[] y = frames.luma();   // width() * height() bytes
 *     }
 * }
 * }</pre>
 */
public final class FrameReader implements AutoCloseable {

    private final FFmpegFrameGrabber grabber;
    private final Path file;
    private AVFrame current;
    private long index = -1;
    private SwsContext sws;

    private FrameReader(FFmpegFrameGrabber grabber, Path file) {
        this.grabber = grabber;
        this.file = file;
    }

    /** Opens a file for decoding; {@link MediaException} when it does not exist, is empty or FFmpeg cannot read it. */
    public static FrameReader open(Path file) {
        Av.init();
        if (!Files.isRegularFile(file)) {
            throw new MediaException("no such file: " + file.getFileName());
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        // RAW keeps the decoder's own pixel format: no conversion cost, and lossless stages stay lossless.
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new MediaException("not a video: " + file.getFileName() + (isText(file)
                    ? " holds plain text" : " is in an unknown or damaged format"), e);
        }
        return new FrameReader(grabber, file);
    }

    /** Uploads of a web page or an error body saved as .mp4 are common enough to be named for what they are. */
    private static boolean isText(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            for (byte b : head) {
                if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                    return false;
                }
            }
            return head.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Decodes the next video frame; false at the end of the stream. */
    public boolean next() {
        try {
            Frame frame = grabber.grabImage();
            current = frame == null ? null : (AVFrame) frame.opaque;
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("cannot decode frame " + (index + 1) + " of " + file.getFileName(), e);
        }
        if (current == null) {
            return false;
        }
        index++;
        return true;
    }

    /** Zero-based index of the current frame. */
    public long index() {
        return index;
    }

    public int width() {
        return frame().width();
    }

    public int height() {
        return frame().height();
    }

    /** The luma (Y) plane of the current frame, width() * height() bytes, as coded (no range expansion). */
    public byte[] luma() {
        AVFrame f = frame();
        int fmt = f.format();
        boolean plainLuma = !Av.isRgb(fmt) && Av.bitsPerComponent(fmt) == 8
                && av_pix_fmt_desc_get(fmt).comp(0).step() == 1;
        if (!plainLuma) {
            return convert(f.width(), f.height(), AV_PIX_FMT_GRAY8, SWS_POINT, 1);
        }
        byte[] out = new byte[f.width() * f.height()];
        BytePointer plane = f.data(0);
        for (int y = 0; y < f.height(); y++) {
            plane.position((long) y * f.linesize(0)).get(out, y * f.width(), f.width());
        }
        plane.position(0);
        return out;
    }

    /** The luma plane scaled to w x h with area averaging: a cheap, noise-robust thumbnail for motion and cut tests. */
    public byte[] luma(int w, int h) {
        return convert(w, h, AV_PIX_FMT_GRAY8, SWS_AREA, 1);
    }

    /** The current frame as packed RGB, 3 * width() * height() bytes. */
    public byte[] rgb() {
        return convert(width(), height(), AV_PIX_FMT_RGB24, SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, 3);
    }

    /** The current frame as packed BGR (OpenCV's order), 3 * width() * height() bytes. */
    public byte[] bgr() {
        return convert(width(), height(), AV_PIX_FMT_BGR24, SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, 3);
    }

    /** The decoder's frame; valid until the next call to {@link #next()}. */
    AVFrame frame() {
        if (current == null) {
            throw new IllegalStateException("no current frame: call next() first");
        }
        return current;
    }

    FFmpegFrameGrabber grabber() {
        return grabber;
    }

    /**
     * Clockwise rotation a player applies, 0/90/180/270. FFmpeg reports the display matrix angle counter-clockwise;
     * the old "rotate" tag, which some demuxers still set, is already clockwise.
     */
    int rotation() {
        double angle = -grabber.getDisplayRotation();
        String tag = grabber.getVideoMetadata("rotate");
        if (angle == 0 && tag != null && tag.matches("-?\\d+(\\.\\d+)?")) {
            angle = Double.parseDouble(tag);
        }
        return (int) ((Math.round(angle / 90.0) * 90 % 360 + 360) % 360);
    }

    private byte[] convert(int w, int h, int dstFormat, int flags, int bytesPerPixel) {
        AVFrame f = frame();
        sws = sws_getCachedContext(sws, f.width(), f.height(), f.format(), w, h, dstFormat, flags,
                null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("swscale cannot convert " + av_get_pix_fmt_name(f.format()).getString());
        }
        // Luma keeps the source range (metrics compare like with like); RGB is full range by definition.
        Av.colorspace(sws, Av.matrix(f), Av.fullRange(f), Av.fullRange(f));
        byte[] out = new byte[w * h * bytesPerPixel];
        try (BytePointer dst = new BytePointer((long) out.length);
             PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(dst, null, null, null);
             IntPointer dstStrides = new IntPointer(w * bytesPerPixel, 0, 0, 0)) {
            sws_scale(sws, f.data(), f.linesize(), 0, f.height(), dstPlanes, dstStrides);
            dst.get(out);
        }
        return out;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // Nothing useful can be done with a failure to free native memory; the decode result stands.
        }
    }
}
