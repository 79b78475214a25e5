package io.framefleet.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

/**
 * Re-encodes one audio stream to AAC at its own rate and channel layout. AAC takes exactly 1024 samples a frame
 * while decoders hand out any count, hence the FIFO. Samples are laid end to end from the first one's time: gaps
 * inside the source audio are not reproduced.
 */
final class AacTranscoder implements AutoCloseable {

    private static final long BITS_PER_CHANNEL = 96_000;

    private final AVStream in;
    private final AVFormatContext out;
    private final AVStream outStream;
    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    private final SwrContext resampler;
    private final AVAudioFifo fifo;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame converted = av_frame_alloc();
    private final AVFrame chunk = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();
    private long nextSample = Long.MIN_VALUE;

    /** Configures {@code outStream} of {@code out}; must run before the output header is written. */
    AacTranscoder(AVStream in, AVFormatContext out, AVStream outStream, String sourceName) {
        this.in = in;
        this.out = out;
        this.outStream = outStream;
        AVCodec decoderCodec = avcodec_find_decoder(in.codecpar().codec_id());
        AVCodec aac = avcodec_find_encoder_by_name("aac");
        if (decoderCodec == null || aac == null) {
            throw new MediaException("cannot convert the audio of " + sourceName + " to AAC");
        }
        decoder = avcodec_alloc_context3(decoderCodec);
        Av.check(avcodec_parameters_to_context(decoder, in.codecpar()), "audio decoder parameters");
        decoder.pkt_timebase(in.time_base());
        Av.check(avcodec_open2(decoder, decoderCodec, (PointerPointer<?>) null), "opening the audio decoder");
        if (decoder.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
            av_channel_layout_default(decoder.ch_layout(), decoder.ch_layout().nb_channels());
        }
        encoder = avcodec_alloc_context3(aac);
        encoder.sample_rate(decoder.sample_rate());
        Av.check(av_channel_layout_copy(encoder.ch_layout(), decoder.ch_layout()), "audio channel layout");
        encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
        encoder.bit_rate(BITS_PER_CHANNEL * decoder.ch_layout().nb_channels());
        encoder.time_base(av_make_q(1, decoder.sample_rate()));
        if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        Av.check(avcodec_open2(encoder, aac, (PointerPointer<?>) null), "opening the AAC encoder");
        Av.check(avcodec_parameters_from_context(outStream.codecpar(), encoder), "AAC parameters");
        outStream.time_base(encoder.time_base());
        resampler = new SwrContext(null);
        Av.check(swr_alloc_set_opts2(resampler, encoder.ch_layout(), AV_SAMPLE_FMT_FLTP, encoder.sample_rate(),
                decoder.ch_layout(), decoder.sample_fmt(), decoder.sample_rate(), 0, null), "swr_alloc_set_opts2");
        Av.check(swr_init(resampler), "swr_init");
        fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, encoder.ch_layout().nb_channels(), encoder.frame_size());
    }

    /** Decodes one packet (timestamps already relative to the output's zero), or flushes on null. */
    void decode(AVPacket packet) {
        if (avcodec_send_packet(decoder, packet) < 0) {
            return; // a damaged packet costs a few milliseconds of sound, not the job
        }
        while (avcodec_receive_frame(decoder, decoded) >= 0) {
            if (nextSample == Long.MIN_VALUE) {
                long pts = decoded.pts() == AV_NOPTS_VALUE ? 0 : decoded.pts();
                nextSample = av_rescale_q(pts, in.time_base(), encoder.time_base());
            }
            converted.ch_layout(encoder.ch_layout());
            converted.sample_rate(encoder.sample_rate());
            converted.format(AV_SAMPLE_FMT_FLTP);
            Av.check(swr_convert_frame(resampler, converted, decoded), "resampling audio");
            Av.check(av_audio_fifo_write(fifo, converted.extended_data(), converted.nb_samples()), "audio FIFO");
            av_frame_unref(converted);
            av_frame_unref(decoded);
            if (nextSample < 0) {
                // Audio before the first video frame is cut away.
                int drop = (int) Math.min(-nextSample, av_audio_fifo_size(fifo));
                av_audio_fifo_drain(fifo, drop);
                nextSample += drop;
            }
            while (av_audio_fifo_size(fifo) >= encoder.frame_size()) {
                encodeChunk(encoder.frame_size());
            }
        }
    }

    /** Encodes what is left up to {@code endSeconds}, to the sample, and flushes the encoder. */
    void finish(double endSeconds) {
        long endSample = Math.round(endSeconds * encoder.sample_rate());
        while (av_audio_fifo_size(fifo) > 0 && nextSample < endSample) {
            encodeChunk((int) Math.min(Math.min(av_audio_fifo_size(fifo), encoder.frame_size()), endSample - nextSample));
        }
        encodeFrame(null);
    }

    private void encodeChunk(int samples) {
        chunk.nb_samples(samples);
        chunk.ch_layout(encoder.ch_layout());
        chunk.format(AV_SAMPLE_FMT_FLTP);
        chunk.sample_rate(encoder.sample_rate());
        Av.check(av_frame_get_buffer(chunk, 0), "audio frame");
        av_audio_fifo_read(fifo, chunk.extended_data(), samples);
        chunk.pts(nextSample);
        nextSample += samples;
        encodeFrame(chunk);
        av_frame_unref(chunk);
    }

    private void encodeFrame(AVFrame frame) {
        Av.check(avcodec_send_frame(encoder, frame), "encoding audio");
        while (avcodec_receive_packet(encoder, encoded) >= 0) {
            av_packet_rescale_ts(encoded, encoder.time_base(), outStream.time_base());
            encoded.stream_index(outStream.index());
            Av.check(av_interleaved_write_frame(out, encoded), "writing audio");
        }
    }

    @Override
    public void close() {
        avcodec_free_context(decoder);
        avcodec_free_context(encoder);
        swr_free(resampler);
        av_audio_fifo_free(fifo);
        av_frame_free(decoded);
        av_frame_free(converted);
        av_frame_free(chunk);
        av_packet_free(encoded);
    }
}
