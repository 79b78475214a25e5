package io.framefleet.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * The audio of a source file, muxed next to new video: packets are copied when the output container suits the
 * codec (no generation loss) and re-encoded to AAC otherwise. Time zero is the source's first video frame, so
 * lip sync survives re-timing the video; audio before it or past the video's end is dropped.
 */
final class AudioTrack implements AutoCloseable {

    private final Path source;
    private final AVFormatContext in;
    private final AVStream inStream;
    private final long zero;
    private final AVPacket packet = av_packet_alloc();
    private AVFormatContext out;
    private AVStream outStream;
    private AacTranscoder transcoder;
    private boolean pending;
    private boolean exhausted;

    private AudioTrack(Path source, AVFormatContext in, AVStream inStream, long zero) {
        this.source = source;
        this.in = in;
        this.inStream = inStream;
        this.zero = zero;
    }

    /** The audio of a file, or null when it has none. */
    static AudioTrack open(Path source) {
        Av.init();
        AVFormatContext in = new AVFormatContext(null);
        if (avformat_open_input(in, source.toString(), null, null) < 0) {
            throw new MediaException("cannot read the audio source " + source.getFileName());
        }
        if (avformat_find_stream_info(in, (PointerPointer<?>) null) < 0) {
            avformat_close_input(in);
            throw new MediaException("cannot read the streams of " + source.getFileName());
        }
        int audioIndex = av_find_best_stream(in, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
        if (audioIndex < 0) {
            avformat_close_input(in);
            return null;
        }
        AVStream audio = in.streams(audioIndex);
        int videoIndex = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        long zero = 0;
        if (videoIndex >= 0 && in.streams(videoIndex).start_time() != AV_NOPTS_VALUE) {
            AVStream video = in.streams(videoIndex);
            zero = av_rescale_q(video.start_time(), video.time_base(), audio.time_base());
        }
        return new AudioTrack(source, in, audio, zero);
    }

    /**
     * Matroska takes nearly any codec as is. An MP4 is for people, so only codecs that browsers and phones play are
     * copied into it; PCM, Vorbis, MP2 and the like, which FFmpeg could store there, become AAC.
     */
    static boolean canCopy(AVFormatContext output, int codecId) {
        boolean mp4 = output.oformat().name().getString().equals("mp4");
        boolean playable = codecId == AV_CODEC_ID_AAC || codecId == AV_CODEC_ID_MP3 || codecId == AV_CODEC_ID_AC3
                || codecId == AV_CODEC_ID_EAC3 || codecId == AV_CODEC_ID_OPUS || codecId == AV_CODEC_ID_FLAC
                || codecId == AV_CODEC_ID_ALAC;
        return (!mp4 || playable) && avformat_query_codec(output.oformat(), codecId, FF_COMPLIANCE_NORMAL) == 1;
    }

    /** Adds the output stream; must run before the output header is written. */
    void attach(AVFormatContext output) {
        out = output;
        outStream = avformat_new_stream(out, null);
        if (canCopy(out, inStream.codecpar().codec_id())) {
            Av.check(avcodec_parameters_copy(outStream.codecpar(), inStream.codecpar()), "copying audio parameters");
            outStream.codecpar().codec_tag(0);
            outStream.time_base(inStream.time_base());
        } else {
            transcoder = new AacTranscoder(inStream, out, outStream, source.getFileName().toString());
        }
    }

    /** Writes the audio that starts before {@code seconds} (output time). */
    void writeUntil(double seconds) {
        while (!exhausted) {
            if (!pending && !readPacket()) {
                exhausted = true;
                if (transcoder != null) {
                    transcoder.decode(null);
                }
                return;
            }
            pending = true;
            if (packetSeconds() >= seconds) {
                return;
            }
            if (transcoder != null) {
                transcoder.decode(packet);
            } else if (packet.pts() >= 0) {
                av_packet_rescale_ts(packet, inStream.time_base(), outStream.time_base());
                packet.stream_index(outStream.index());
                Av.check(av_interleaved_write_frame(out, packet), "writing audio");
            }
            av_packet_unref(packet);
            pending = false;
        }
    }

    /** Writes the rest of the audio up to {@code endSeconds} and flushes. */
    void finish(double endSeconds) {
        writeUntil(endSeconds);
        if (transcoder != null) {
            transcoder.finish(endSeconds);
        }
    }

    private boolean readPacket() {
        while (av_read_frame(in, packet) >= 0) {
            if (packet.stream_index() == inStream.index()) {
                if (packet.pts() == AV_NOPTS_VALUE) {
                    packet.pts(packet.dts());
                }
                if (packet.pts() != AV_NOPTS_VALUE) {
                    packet.pts(packet.pts() - zero);
                }
                if (packet.dts() != AV_NOPTS_VALUE) {
                    packet.dts(packet.dts() - zero);
                }
                return true;
            }
            av_packet_unref(packet);
        }
        return false;
    }

    private double packetSeconds() {
        AVRational tb = inStream.time_base();
        return packet.pts() == AV_NOPTS_VALUE ? 0 : (double) packet.pts() * tb.num() / tb.den();
    }

    @Override
    public void close() {
        if (transcoder != null) {
            transcoder.close();
        }
        avformat_close_input(in);
        av_packet_free(packet);
    }
}
