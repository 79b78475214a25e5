package io.framefleet.media;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Locale;

import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * One run of frames through a JavaCV {@link FFmpegFrameFilter}, translating between the decoder's frames and the
 * packed buffers JavaCV takes and gives, and writing what comes out (up to a limit) as it comes.
 */
final class FilterPass implements AutoCloseable {

    private final FFmpegFrameFilter filter;
    private final int width;
    private final int height;
    private final int format;
    private final int fpsNum;
    private final int fpsDen;
    private final BytePointer packed;
    private final AVFrame wrapper = av_frame_alloc();
    private final AVFrame colour = av_frame_alloc();
    private final Frame pushed = new Frame();
    private long pushedCount;
    private boolean started;
    private AVRational outputRate;

    private FilterPass(FFmpegFrameFilter filter, AVFrame first, int fpsNum, int fpsDen) {
        this.filter = filter;
        this.width = first.width();
        this.height = first.height();
        this.format = first.format();
        this.fpsNum = fpsNum;
        this.fpsDen = fpsDen;
        this.packed = new BytePointer(av_image_get_buffer_size(format, width, height, 1));
        av_frame_copy_props(colour, first);
        pushed.imageWidth = width;
        pushed.imageHeight = height;
        pushed.imageDepth = Frame.DEPTH_UBYTE;
        pushed.imageChannels = 1;
        // JavaCV takes planar images as one tightly packed buffer whose "stride" is the first plane's row size.
        pushed.imageStride = av_image_get_linesize(format, width, 0);
        pushed.image = new Buffer[] {packed.asByteBuffer()};
    }

    /** A started graph for frames like {@code first} at fpsNum/fpsDen; IllegalArgumentException if FFmpeg rejects it. */
    static FilterPass start(String graph, AVFrame first, int fpsNum, int fpsDen) {
        FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, first.width(), first.height());
        filter.setPixelFormat(first.format());
        filter.setFrameRate((double) fpsNum / fpsDen);
        AVRational sar = first.sample_aspect_ratio();
        // Exact rational rate and time base: JavaCV would otherwise derive them from a double.
        filter.setVideoFilterArgs(new String[] {String.format(Locale.ROOT,
                "video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=%d/%d:frame_rate=%d/%d",
                first.width(), first.height(), first.format(), fpsDen, fpsNum,
                Math.max(sar.num(), 1), Math.max(sar.den(), 1), fpsNum, fpsDen)});
        FilterPass pass = new FilterPass(filter, first, fpsNum, fpsDen);
        try {
            filter.start();
        } catch (FFmpegFrameFilter.Exception e) {
            pass.close();
            throw new IllegalArgumentException("FFmpeg rejects the filter graph \"" + graph + "\"", e);
        }
        pass.started = true;
        pass.outputRate = av_d2q(filter.getFrameRate(), 1_001_000);
        return pass;
    }

    int outputFpsNum() {
        return outputRate.num();
    }

    int outputFpsDen() {
        return outputRate.den();
    }

    /** Feeds a frame and writes whatever the graph releases, while the writer holds fewer than {@code limit}. */
    void push(AVFrame frame, VideoWriter writer, long limit) {
        av_image_copy_to_buffer(packed, (int) packed.capacity(), frame.data(), frame.linesize(), format,
                width, height, 1);
        repeat(writer, limit);
    }

    /** Feeds the last frame again, one frame period later. */
    void repeat(VideoWriter writer, long limit) {
        pushed.timestamp = Math.round(pushedCount++ * 1_000_000.0 * fpsDen / fpsNum);
        try {
            filter.push(pushed, format);
        } catch (FFmpegFrameFilter.Exception e) {
            throw new IllegalStateException("the filter graph failed on input frame " + (pushedCount - 1), e);
        }
        pull(writer, limit);
    }

    /** Signals the end of the stream and writes what the graph still releases. */
    void end(VideoWriter writer, long limit) {
        try {
            filter.push(null);
        } catch (FFmpegFrameFilter.Exception e) {
            throw new IllegalStateException("the filter graph failed at the end of the stream", e);
        }
        pull(writer, limit);
    }

    private void pull(VideoWriter writer, long limit) {
        try {
            Frame frame;
            while ((frame = filter.pullImage()) != null) {
                if (writer.frames() < limit) {
                    writer.write(toAvFrame(frame));
                }
            }
        } catch (FFmpegFrameFilter.Exception e) {
            throw new IllegalStateException("the filter graph failed", e);
        }
    }

    private AVFrame toAvFrame(Frame frame) {
        AVFrame out;
        if (frame.opaque instanceof AVFrame) {
            out = (AVFrame) frame.opaque; // packed formats: JavaCV hands out the sink's frame itself
        } else {
            // planar formats: JavaCV copied the planes into one tight buffer; describe it to FFmpeg again
            int outFormat = filter.getPixelFormat();
            wrapper.format(outFormat).width(frame.imageWidth).height(frame.imageHeight);
            av_image_fill_arrays(wrapper.data(), wrapper.linesize(),
                    new BytePointer((ByteBuffer) frame.image[0]), outFormat, frame.imageWidth, frame.imageHeight, 1);
            out = wrapper;
        }
        // The buffer source does not carry colour tags through the graph; the pixels keep the input's meaning.
        out.color_range(colour.color_range());
        out.colorspace(colour.colorspace());
        out.color_primaries(colour.color_primaries());
        out.color_trc(colour.color_trc());
        return out;
    }

    @Override
    public void close() {
        try {
            filter.release();
        } catch (FFmpegFrameFilter.Exception e) {
            // Freeing native memory failed; the frames written stand.
        } catch (NullPointerException e) {
            // JavaCV 1.5.13 frees the graph of a filter whose start() failed, then trips over its unset time base;
            // only that case is expected here.
            if (started) {
                throw e;
            }
        }
        av_frame_free(wrapper);
        av_frame_free(colour);
        packed.close();
    }
}
