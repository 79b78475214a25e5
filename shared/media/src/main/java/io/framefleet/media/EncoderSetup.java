package io.framefleet.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avutil.*;

/** The per-codec choices behind {@link VideoWriter}: what makes segments lossless and MP4s play everywhere. */
final class EncoderSetup {

    static final String FFV1 = "ffv1";
    /**
     * FFmpeg's extended HuffYUV: lossless, several times cheaper to encode than FFV1. Packed RGB is stored as
     * {@code bgr0} (the same samples reordered, a fourth byte unused), so decoding gives the RGB back exactly.
     */
    static final String FFVHUFF = "ffvhuff";
    static final String H264 = "h264";
    static final String PNG = "png";

    /** H.264 bits per pixel and frame: about twice what streaming services use, so the encode is not the weak link. */
    static final double H264_BITS_PER_PIXEL = 0.25;

    private EncoderSetup() {
    }

    static String muxer(String codec) {
        switch (codec) {
            case FFV1:
            case FFVHUFF:
                return "matroska";
            case H264: return "mp4";
            case PNG: return "image2";
            default: throw new IllegalArgumentException("codec must be ffv1, ffvhuff, h264 or png, got " + codec);
        }
    }

    /** An opened encoder for frames like {@code first} at fpsNum/fpsDen. */
    static AVCodecContext open(String codec, AVFrame first, int fpsNum, int fpsDen, AVOutputFormat muxer) {
        boolean h264 = codec.equals(H264);
        // FFmpeg's own H.264 encoder is GPL-only (x264); the LGPL build carries Cisco's OpenH264.
        AVCodec encoder = avcodec_find_encoder_by_name(h264 ? "libopenh264" : codec);
        if (encoder == null) {
            throw new IllegalStateException("this FFmpeg build has no " + codec + " encoder");
        }
        AVCodecContext enc = avcodec_alloc_context3(encoder);
        // 4:2:0 H.264 needs even sides; dropping the last row or column beats rescaling the whole picture.
        enc.width(h264 ? first.width() & ~1 : first.width()).height(h264 ? first.height() & ~1 : first.height());
        if (enc.width() == 0 || enc.height() == 0) {
            avcodec_free_context(enc);
            throw new MediaException("a " + first.width() + "x" + first.height() + " picture is too small for H.264");
        }
        enc.pix_fmt(h264 ? AV_PIX_FMT_YUV420P : pixelFormat(encoder, first));
        enc.time_base(av_make_q(fpsDen, fpsNum));
        enc.framerate(av_make_q(fpsNum, fpsDen));
        if (first.sample_aspect_ratio().num() > 0) {
            enc.sample_aspect_ratio(first.sample_aspect_ratio());
        }
        copyColourTags(enc, first);
        enc.thread_count(0);
        AVDictionary options = new AVDictionary(null);
        if (codec.equals(FFV1)) {
            // Version 3 with per-slice CRCs: multithreaded, self-checking, every frame a keyframe.
            av_dict_set(options, "level", "3", 0);
            av_dict_set(options, "slicecrc", "1", 0);
            enc.gop_size(1);
        } else if (h264) {
            enc.bit_rate((long) (H264_BITS_PER_PIXEL * enc.width() * enc.height() * fpsNum / fpsDen));
            enc.gop_size((int) Math.max(1, Math.round(2.0 * fpsNum / fpsDen)));
            enc.max_b_frames(0);
            av_dict_set(options, "profile", "high", 0);
            // A skipped frame would silently break the one-output-frame-per-input-frame accounting.
            av_dict_set(options, "allow_skip_frames", "0", 0);
        }
        if ((muxer.flags() & AVFMT_GLOBALHEADER) != 0) {
            enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        try {
            int ret = avcodec_open2(enc, encoder, options);
            if (ret < 0) {
                avcodec_free_context(enc);
                Av.check(ret, "opening the " + codec + " encoder");
            }
        } finally {
            av_dict_free(options);
        }
        return enc;
    }

    /** Keeps the source layout when the encoder can store it (lossless), else the closest one it can. */
    private static int pixelFormat(AVCodec encoder, AVFrame first) {
        int source = Av.unJpeg(first.format());
        PointerPointer<Pointer> list = new PointerPointer<>(1);
        IntPointer count = new IntPointer(1);
        Av.check(avcodec_get_supported_config(null, encoder, AV_CODEC_CONFIG_PIX_FORMAT, 0, list, count),
                "avcodec_get_supported_config");
        IntPointer formats = new IntPointer(list.get(0));
        for (int i = 0; i < count.get(); i++) {
            if (formats.get(i) == source) {
                return source;
            }
        }
        boolean alpha = (av_pix_fmt_desc_get(source).flags() & AV_PIX_FMT_FLAG_ALPHA) != 0;
        return avcodec_find_best_pix_fmt_of_list(formats, source, alpha ? 1 : 0, (IntPointer) null);
    }

    /** Players guess colours when the file does not say; say what the pixels are (or, from RGB, what we made). */
    private static void copyColourTags(AVCodecContext enc, AVFrame first) {
        if (Av.isRgb(enc.pix_fmt())) {
            return;
        }
        boolean fromRgb = Av.isRgb(first.format());
        enc.colorspace(fromRgb ? Av.matrix(first) : first.colorspace());
        enc.color_range(!fromRgb && Av.fullRange(first) ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG);
        if (!fromRgb) {
            enc.color_primaries(first.color_primaries());
            enc.color_trc(first.color_trc());
        }
    }

    /**
     * Players rotate by this matrix; the pixels stay as decoded. av_display_rotation_set takes a clockwise angle,
     * and av_display_rotation_get (ffprobe's "rotation") reads it back counter-clockwise: 90 here shows as -90.
     */
    static void addDisplayMatrix(AVCodecParameters par, int clockwiseDegrees) {
        AVPacketSideData array = par.coded_side_data();
        if (array == null) {
            array = new AVPacketSideData((Pointer) null);
        }
        int[] count = {par.nb_coded_side_data()};
        AVPacketSideData matrix = av_packet_side_data_new(array, count, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0);
        if (matrix == null) {
            throw new IllegalStateException("cannot allocate the display matrix");
        }
        av_display_rotation_set(new IntPointer(matrix.data()), clockwiseDegrees);
        par.coded_side_data(array);
        par.nb_coded_side_data(count[0]);
    }
}
