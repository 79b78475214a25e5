package io.framefleet.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

/** Small shared pieces of the raw FFmpeg API that every media class needs. */
final class Av {

    static {
        // FFmpeg logs at INFO to stderr by default, and JavaCV's grabber dumps every stream it opens at that level.
        av_log_set_level(AV_LOG_ERROR);
    }

    private Av() {
    }

    /** Touching this class sets the log level before any FFmpeg call is made. */
    static void init() {
    }

    static String describe(int errorCode) {
        BytePointer buf = new BytePointer(AV_ERROR_MAX_STRING_SIZE);
        av_make_error_string(buf, AV_ERROR_MAX_STRING_SIZE, errorCode);
        return buf.getString();
    }

    /**
     * Fails on a negative FFmpeg return code. Writing failures are engine problems (disk, codec setup), not the
     * user's input, so they are not {@link MediaException}s and stay retryable.
     */
    static int check(int ret, String action) {
        if (ret < 0) {
            throw new IllegalStateException(action + " failed: " + describe(ret));
        }
        return ret;
    }

    /** JPEG-range pixel formats are plain YUV layouts with a range flag; encoders such as FFV1 only know the latter. */
    static int unJpeg(int pixFmt) {
        switch (pixFmt) {
            case AV_PIX_FMT_YUVJ420P: return AV_PIX_FMT_YUV420P;
            case AV_PIX_FMT_YUVJ422P: return AV_PIX_FMT_YUV422P;
            case AV_PIX_FMT_YUVJ444P: return AV_PIX_FMT_YUV444P;
            case AV_PIX_FMT_YUVJ440P: return AV_PIX_FMT_YUV440P;
            case AV_PIX_FMT_YUVJ411P: return AV_PIX_FMT_YUV411P;
            default: return pixFmt;
        }
    }

    static boolean fullRange(AVFrame frame) {
        return frame.color_range() == AVCOL_RANGE_JPEG || unJpeg(frame.format()) != frame.format();
    }

    /** The YUV matrix of a frame, guessing as players do when the file does not say: BT.709 for HD, else BT.601. */
    static int matrix(AVFrame frame) {
        int space = frame.colorspace();
        if (space == AVCOL_SPC_UNSPECIFIED || space == AVCOL_SPC_RGB || space == AVCOL_SPC_RESERVED) {
            return frame.height() >= 720 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M;
        }
        return space;
    }

    /**
     * Tells swscale which matrix and ranges to use; without this it assumes BT.601 limited range on both sides,
     * which shifts the colours of HD (BT.709) and JPEG (full range) material. The matrix stays the same on both
     * sides: converting between matrices would need a primaries conversion swscale does not do.
     */
    static void colorspace(SwsContext sws, int matrix, boolean srcFullRange, boolean dstFullRange) {
        IntPointer coefficients = sws_getCoefficients(matrix);
        sws_setColorspaceDetails(sws, coefficients, srcFullRange ? 1 : 0, coefficients, dstFullRange ? 1 : 0,
                0, 1 << 16, 1 << 16);
    }

    static int bitsPerComponent(int pixFmt) {
        return av_pix_fmt_desc_get(pixFmt).comp(0).depth();
    }

    static boolean isRgb(int pixFmt) {
        return (av_pix_fmt_desc_get(pixFmt).flags() & AV_PIX_FMT_FLAG_RGB) != 0;
    }
}
