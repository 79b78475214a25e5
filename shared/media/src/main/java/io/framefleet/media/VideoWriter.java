package io.framefleet.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * Encodes frames at a constant rate (frame i at i / fps) into one file, optionally with an audio track.
 * <p>
 * Written on the raw FFmpeg API rather than JavaCV's recorder because the recorder rescales odd widths even for
 * lossless codecs, defaults FFV1 to RGB32 and cannot take a decoder's frame as is. Size, pixel format and colour
 * tags are taken from the first frame, so callers never restate what the source already says.
 */
final class VideoWriter implements AutoCloseable {

    static final String FFV1 = EncoderSetup.FFV1;
    static final String FFVHUFF = EncoderSetup.FFVHUFF;
    static final String H264 = EncoderSetup.H264;
    static final String PNG = EncoderSetup.PNG;

    private final Path out;
    private final String codec;
    private final int fpsNum;
    private final int fpsDen;
    private final int rotation;
    private final AudioTrack audio;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame staged = av_frame_alloc();
    private final AVFrame last = av_frame_alloc();
    private AVFormatContext oc;
    private AVCodecContext enc;
    private AVStream stream;
    private SwsContext sws;
    private int srcWidth;
    private int srcHeight;
    private long written;
    private boolean closed;

    VideoWriter(Path out, String codec, int fpsNum, int fpsDen, int rotation, AudioTrack audio) {
        EncoderSetup.muxer(codec); // fails fast on an unknown codec
        if (fpsNum <= 0 || fpsDen <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fpsNum + "/" + fpsDen);
        }
        this.out = out;
        this.codec = codec;
        this.fpsNum = fpsNum;
        this.fpsDen = fpsDen;
        this.rotation = rotation;
        this.audio = audio;
    }

    long frames() {
        return written;
    }

    /** Appends a frame; the caller keeps ownership of it. */
    void write(AVFrame frame) {
        if (enc == null) {
            open(frame);
        } else if (frame.width() != srcWidth || frame.height() != srcHeight) {
            throw new MediaException("frame " + written + " is " + frame.width() + "x" + frame.height()
                    + " but the video started at " + srcWidth + "x" + srcHeight);
        }
        stage(frame);
        encode();
    }

    /** Appends the previous frame once more: pads a stage output that came out short. */
    void repeatLast() {
        if (written == 0) {
            throw new IllegalStateException("nothing to repeat: no frame written yet");
        }
        Av.check(av_frame_ref(staged, last), "av_frame_ref");
        encode();
    }

    private void stage(AVFrame frame) {
        int srcFormat = Av.unJpeg(frame.format());
        if (srcFormat == enc.pix_fmt() && frame.width() == enc.width() && frame.height() == enc.height()) {
            Av.check(av_frame_ref(staged, frame), "av_frame_ref");
            staged.format(srcFormat);
            staged.color_range(enc.color_range());
            return;
        }
        staged.format(enc.pix_fmt()).width(enc.width()).height(enc.height());
        Av.check(av_frame_get_buffer(staged, 0), "av_frame_get_buffer");
        sws = sws_getCachedContext(sws, enc.width(), enc.height(), frame.format(), enc.width(), enc.height(),
                enc.pix_fmt(), SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("swscale cannot convert " + av_get_pix_fmt_name(frame.format()).getString()
                    + " to " + av_get_pix_fmt_name(enc.pix_fmt()).getString());
        }
        Av.colorspace(sws, Av.matrix(frame), Av.fullRange(frame), enc.color_range() == AVCOL_RANGE_JPEG);
        // Source rows beyond the encoder's even height are simply not read: a crop, not a rescale.
        sws_scale(sws, frame.data(), frame.linesize(), 0, enc.height(), staged.data(), staged.linesize());
        staged.color_range(enc.color_range());
    }

    private void encode() {
        if (audio != null) {
            audio.writeUntil(secondsAt(written));
        }
        staged.pts(written);
        int ret;
        while ((ret = avcodec_send_frame(enc, staged)) == AVERROR_EAGAIN()) {
            drain();
        }
        Av.check(ret, "encoding frame " + written);
        av_frame_unref(last);
        av_frame_move_ref(last, staged);
        written++;
        drain();
    }

    private void drain() {
        int ret;
        while ((ret = avcodec_receive_packet(enc, packet)) >= 0) {
            av_packet_rescale_ts(packet, enc.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            Av.check(av_interleaved_write_frame(oc, packet), "writing " + out.getFileName());
        }
        if (ret != AVERROR_EAGAIN() && ret != AVERROR_EOF) {
            Av.check(ret, "encoding " + out.getFileName());
        }
    }

    private double secondsAt(long frame) {
        return (double) frame * fpsDen / fpsNum;
    }

    private void open(AVFrame first) {
        srcWidth = first.width();
        srcHeight = first.height();
        String muxer = EncoderSetup.muxer(codec);
        oc = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(oc, null, muxer, out.toString()), "creating " + muxer + " output");
        enc = EncoderSetup.open(codec, first, fpsNum, fpsDen, oc.oformat());
        stream = avformat_new_stream(oc, null);
        Av.check(avcodec_parameters_from_context(stream.codecpar(), enc), "avcodec_parameters_from_context");
        stream.time_base(enc.time_base());
        stream.avg_frame_rate(enc.framerate());
        stream.r_frame_rate(enc.framerate());
        if (rotation != 0) {
            EncoderSetup.addDisplayMatrix(stream.codecpar(), rotation);
        }
        if (audio != null) {
            audio.attach(oc);
        }
        if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "opening " + out);
            oc.pb(pb);
        }
        AVDictionary muxOptions = new AVDictionary(null);
        if (codec.equals(H264)) {
            // Index first, so players and browsers start before the whole file has arrived.
            av_dict_set(muxOptions, "movflags", "+faststart", 0);
        } else if (codec.equals(PNG)) {
            // One picture to one fixed file name, not a numbered image sequence.
            av_dict_set(muxOptions, "update", "1", 0);
        }
        try {
            Av.check(avformat_write_header(oc, muxOptions), "writing the header of " + out.getFileName());
        } finally {
            av_dict_free(muxOptions);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (enc != null) {
                Av.check(avcodec_send_frame(enc, null), "flushing " + out.getFileName());
                drain();
                if (audio != null) {
                    audio.finish(secondsAt(written));
                }
                Av.check(av_write_trailer(oc), "finishing " + out.getFileName());
            }
        } finally {
            release();
        }
    }

    private void release() {
        if (audio != null) {
            audio.close();
        }
        if (oc != null) {
            if (oc.pb() != null) {
                avio_closep(oc.pb());
                oc.pb(null);
            }
            avformat_free_context(oc);
            oc = null;
        }
        if (enc != null) {
            avcodec_free_context(enc);
            enc = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        av_frame_free(staged);
        av_frame_free(last);
        av_packet_free(packet);
    }
}
