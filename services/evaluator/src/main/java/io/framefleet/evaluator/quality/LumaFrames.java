package io.framefleet.evaluator.quality;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import io.framefleet.media.MediaException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the video stream of a file frame by frame into {@link LumaFrame}s: 8-bit full-range
 * luma (BT.601 weights where the stream is RGB), optionally resized.
 *
 * <p>Why not the grabber's own GRAY8 conversion: JavaCV hands swscale only the pixel format, so
 * a {@code yuv420p} stream tagged full range (phones, FFV1 intermediates) would be expanded a
 * second time and clip its highlights. Here the grabber runs in RAW mode and this class drives
 * swscale itself with the range of each decoded frame. Limited-range Y (16–235) is stretched to
 * 0–255 so that the same picture stored either way gives the same luma, and thresholds are in
 * one scale.
 *
 * <p>Resizing (swscale, set per call rather than through the grabber, which only exposes it for
 * its own conversion): {@code SWS_AREA} when neither side grows, because averaging over each
 * output pixel's footprint is the anti-aliased inverse of an upscaler and keeps mean brightness
 * (measured on cityCC0 upscaled 2× with Lanczos: scaled back with area 42.6 dB, with bicubic
 * 41.0 dB, so bicubic would charge the enhancer for the evaluator's own filter);
 * {@code SWS_BICUBIC} when a side grows. {@code SWS_ACCURATE_RND} asks for swscale's exact
 * rounding instead of its x86 SIMD approximations, so scores do not depend on the worker's CPU.
 * Pixels are taken as stored: the sample aspect ratio is ignored.
 *
 * <p>Not thread-safe; one instance per file and thread. Decode errors are {@link MediaException}s
 * (bad input).
 */
public final class LumaFrames implements AutoCloseable {

    private static final int ALIGNMENT = 64;
    private static final Set<Integer> JPEG_RANGE_FORMATS = Set.of(AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P,
            AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUVJ411P);

    private final Path video;
    private final FFmpegFrameGrabber grabber;
    private final int width;
    private final int height;
    private final int stride;
    private final BytePointer scaled;
    private final PointerPointer<?> scaledPlanes;
    private final IntPointer scaledStrides;
    private SwsContext scaler;
    private long configuredScaler;
    private int configuredRange = -1;
    private boolean closed;

    private LumaFrames(Path video, FFmpegFrameGrabber grabber, int width, int height) {
        this.video = video;
        this.grabber = grabber;
        this.width = width;
        this.height = height;
        this.stride = (width + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        // av_malloc, not a JavaCPP allocation: swscale's SIMD paths want 64-byte aligned rows.
        this.scaled = new BytePointer(av_malloc((long) stride * height)).capacity((long) stride * height);
        this.scaledPlanes = new PointerPointer<>(1).put(0, scaled);
        this.scaledStrides = new IntPointer(1).put(0, stride);
    }

    /** Frames at the size they are stored. */
    public static LumaFrames open(Path video) {
        FFmpegFrameGrabber grabber = start(video);
        return new LumaFrames(video, grabber, grabber.getImageWidth(), grabber.getImageHeight());
    }

    /** Frames resized to exactly {@code width}×{@code height}. */
    public static LumaFrames open(Path video, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        return new LumaFrames(video, start(video), width, height);
    }

    /**
     * Frames no wider than {@code maxWidth}, height following the stored aspect; never enlarged,
     * for measures that only need coarse luma and should not pay for full resolution.
     */
    public static LumaFrames openDownscaled(Path video, int maxWidth) {
        if (maxWidth <= 0) {
            throw new IllegalArgumentException("maxWidth must be positive: " + maxWidth);
        }
        FFmpegFrameGrabber grabber = start(video);
        int storedWidth = grabber.getImageWidth();
        int storedHeight = grabber.getImageHeight();
        if (storedWidth <= maxWidth) {
            return new LumaFrames(video, grabber, storedWidth, storedHeight);
        }
        int scaledHeight = Math.max(1, (int) Math.round((double) storedHeight * maxWidth / storedWidth));
        return new LumaFrames(video, grabber, maxWidth, scaledHeight);
    }

    /**
     * Decoded pictures in the video stream. Decodes everything (no conversion): container frame
     * counts are estimates from duration × rate and are wrong for many files.
     */
    public static int countFrames(Path video) {
        try (LumaFrames frames = open(video)) {
            int count = 0;
            while (frames.skip()) {
                count++;
            }
            return count;
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Average frame rate of the video stream, frames per second. */
    public double frameRate() {
        double rate = grabber.getVideoFrameRate();
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new MediaException("video has no usable frame rate (" + rate + "): " + video);
        }
        return rate;
    }

    /** The next frame in decode-output (presentation) order, or empty at the end of the stream. */
    public Optional<LumaFrame> next() {
        Frame frame = grab();
        if (frame == null) {
            return Optional.empty();
        }
        return Optional.of(toLuma((AVFrame) frame.opaque));
    }

    /** Decodes the next frame without converting it; false at the end of the stream. */
    public boolean skip() {
        return grab() != null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("could not close decoder for " + video, e);
        } finally {
            sws_freeContext(scaler);
            scaler = null;
            av_free(scaled);
            scaledPlanes.close();
            scaledStrides.close();
        }
    }

    private static FFmpegFrameGrabber start(Path video) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        // RAW keeps the decoded AVFrame (with its colour range) for our own swscale call.
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber, e);
            throw new MediaException("cannot open video " + video + ": " + e.getMessage(), e);
        }
        if (!grabber.hasVideo()) {
            MediaException noVideo = new MediaException("no video stream in " + video);
            closeQuietly(grabber, noVideo);
            throw noVideo;
        }
        return grabber;
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber, Exception primary) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            primary.addSuppressed(e);
        }
    }

    private Frame grab() {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("cannot decode video " + video + ": " + e.getMessage(), e);
        }
    }

    private LumaFrame toLuma(AVFrame picture) {
        int sourceWidth = picture.width();
        int sourceHeight = picture.height();
        int format = picture.format();
        boolean grows = width > sourceWidth || height > sourceHeight;
        int flags = (grows ? SWS_BICUBIC : SWS_AREA) | SWS_ACCURATE_RND;
        scaler = sws_getCachedContext(scaler, sourceWidth, sourceHeight, format, width, height,
                AV_PIX_FMT_GRAY8, flags, null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new MediaException("cannot convert pixel format " + format + " of " + video + " to luma");
        }
        applyRange(picture, format);
        sws_scale(scaler, picture.data(), picture.linesize(), 0, sourceHeight, scaledPlanes, scaledStrides);

        byte[] pixels = new byte[width * height];
        for (int row = 0; row < height; row++) {
            scaled.position((long) row * stride).get(pixels, row * width, width);
        }
        scaled.position(0);
        return new LumaFrame(width, height, pixels);
    }

    /**
     * Tells swscale whether the source Y is full range. Only YUV sources need it: RGB is always
     * full range and gray is taken as full range by swscale. Re-applied only when the context or
     * the range changes, as it rebuilds swscale's tables.
     */
    private void applyRange(AVFrame picture, int format) {
        AVPixFmtDescriptor descriptor = av_pix_fmt_desc_get(format);
        boolean yuv = descriptor != null && (descriptor.flags() & AV_PIX_FMT_FLAG_RGB) == 0
                && descriptor.nb_components() >= 3;
        if (!yuv) {
            return;
        }
        int sourceRange = picture.color_range() == AVCOL_RANGE_JPEG || JPEG_RANGE_FORMATS.contains(format) ? 1 : 0;
        if (scaler.address() == configuredScaler && sourceRange == configuredRange) {
            return;
        }
        IntPointer bt601 = sws_getCoefficients(SWS_CS_ITU601);
        // brightness 0, contrast and saturation 1.0 in 16.16 fixed point: no adjustment.
        sws_setColorspaceDetails(scaler, bt601, sourceRange, bt601, 1, 0, 1 << 16, 1 << 16);
        configuredScaler = scaler.address();
        configuredRange = sourceRange;
    }
}
