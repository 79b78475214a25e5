package io.framefleet.evaluator.quality;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FFV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FFVHUFF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes luma frames as test videos with JavaCV. Lossless codecs, so a test controls every pixel
 * the code under test will decode; FFVHUFF rather than FFV1 by default because it decodes about
 * 4× faster, which keeps the suite quick on two cores.
 */
final class ClipWriter {

    enum Format {
        /** Lossless gray: decodes to exactly the frames written. */
        LOSSLESS_GRAY(AV_CODEC_ID_FFVHUFF, AV_PIX_FMT_GRAY8),
        /** Same pixels through a different decoder. */
        FFV1_GRAY(AV_CODEC_ID_FFV1, AV_PIX_FMT_GRAY8),
        /** Limited-range yuv420p: the recorder squeezes 0–255 into Y 16–235. */
        LIMITED_RANGE_YUV(AV_CODEC_ID_FFVHUFF, AV_PIX_FMT_YUV420P);

        final int codec;
        final int pixelFormat;

        Format(int codec, int pixelFormat) {
            this.codec = codec;
            this.pixelFormat = pixelFormat;
        }
    }

    private ClipWriter() {
    }

    static Path write(Path file, Format format, double fps, List<LumaFrame> frames) throws FrameRecorder.Exception {
        LumaFrame first = frames.get(0);
        return writeScaled(file, format, fps, first.width(), first.height(), 0, frames);
    }

    /** Frames resized by the recorder's swscale to {@code width}×{@code height} with {@code swsFlags}. */
    static Path writeScaled(Path file, Format format, double fps, int width, int height, int swsFlags,
            List<LumaFrame> frames) throws FrameRecorder.Exception {
        try (FFmpegFrameRecorder recorder = recorder(file, format, fps, width, height)) {
            if (swsFlags != 0) {
                recorder.setImageScalingFlags(swsFlags);
            }
            recorder.start();
            for (LumaFrame luma : frames) {
                try (Frame frame = new Frame(luma.width(), luma.height(), Frame.DEPTH_UBYTE, 1)) {
                    ByteBuffer image = (ByteBuffer) frame.image[0];
                    for (int row = 0; row < luma.height(); row++) {
                        image.position(row * frame.imageStride);
                        image.put(luma.pixels(), row * luma.width(), luma.width());
                    }
                    image.position(0);
                    recorder.record(frame, AV_PIX_FMT_GRAY8);
                }
            }
            recorder.stop();
        }
        return file;
    }

    /**
     * yuv420p tagged full range (as phones and some intermediates store it), the luma written
     * as is and neutral chroma: the case JavaCV's own GRAY8 conversion gets wrong.
     */
    static Path writeFullRangeYuv(Path file, double fps, List<LumaFrame> frames) throws FrameRecorder.Exception {
        LumaFrame first = frames.get(0);
        int width = first.width();
        int height = first.height();
        int chromaSamples = 2 * ((width + 1) / 2) * ((height + 1) / 2);
        try (FFmpegFrameRecorder recorder = recorder(file, Format.LIMITED_RANGE_YUV, fps, width, height)) {
            recorder.setVideoOption("color_range", "pc");
            recorder.start();
            ByteBuffer planes = ByteBuffer.allocateDirect(width * height + chromaSamples);
            for (LumaFrame luma : frames) {
                planes.clear();
                planes.put(luma.pixels());
                for (int i = 0; i < chromaSamples; i++) {
                    planes.put((byte) 128);
                }
                planes.flip();
                // Same size and pixel format as the encoder: the recorder passes the planes through untouched.
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, AV_PIX_FMT_YUV420P, planes);
            }
            recorder.stop();
        }
        return file;
    }

    private static FFmpegFrameRecorder recorder(Path file, Format format, double fps, int width, int height) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("matroska");
        recorder.setVideoCodec(format.codec);
        recorder.setPixelFormat(format.pixelFormat);
        recorder.setFrameRate(fps);
        return recorder;
    }
}
