package io.framefleet.interpolator.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Forward and backward flow of a pair, the two directions at once on two cores (each thread owns its DIS state),
 * and the grey copies of frames they, the pair classification and the warp's choice of sampling work on (each frame
 * belongs to two pairs, so the last frames' copies are kept).
 */
final class FlowEstimator implements AutoCloseable {

    /**
     * Grey (BT.601 luma) of a frame box-downscaled to flow resolution, and to the classification scale; and the
     * full-resolution grey's {@link TileDetail}.
     */
    record Grey(byte[] flow, byte[] coarse, float[] detail) {
    }

    private final int factor;
    private final int coarse;
    private final Mat rgb;
    private final Mat luma;
    private final Mat flowGrey;
    private final Mat coarseGrey;
    private final TileDetail tileDetail;
    private final byte[][] cachedFrames = new byte[2][];
    private final Grey[] cachedGreys = new Grey[2];
    private int nextSlot;
    private final DenseFlow forward;
    private final DenseFlow backward;
    private final ExecutorService second = FlowInterpolator.singleThread("flow-backward");

    FlowEstimator(int width, int height, FlowSettings settings) {
        this.factor = FramePair.flowFactor(width, settings.maxFlowWidth());
        this.coarse = FramePair.flowFactor(width, FramePair.ANALYSIS_WIDTH);
        this.rgb = new Mat(height, width, CV_8UC3);
        this.luma = new Mat(height, width, CV_8UC1);
        this.flowGrey = new Mat(height / factor, width / factor, CV_8UC1);
        this.coarseGrey = new Mat(height / coarse, width / coarse, CV_8UC1);
        this.tileDetail = new TileDetail(width, height);
        this.forward = new DenseFlow(width / factor, height / factor, settings);
        this.backward = new DenseFlow(width / factor, height / factor, settings);
    }

    /** Downscale from frame to flow resolution. */
    int factor() {
        return factor;
    }

    /** Downscale from frame to classification resolution. */
    int coarseFactor() {
        return coarse;
    }

    /** The grey copies of a frame (packed RGB), from the cache when it is one of the last two asked for. */
    Grey grey(byte[] frame) {
        for (int i = 0; i < cachedFrames.length; i++) {
            if (cachedFrames[i] == frame) {
                return cachedGreys[i];
            }
        }
        new BytePointer(rgb.data()).put(frame, 0, frame.length);
        cvtColor(rgb, luma, COLOR_RGB2GRAY);
        Grey grey = new Grey(shrink(factor, flowGrey), shrink(coarse, coarseGrey), tileDetail.of(luma));
        cachedFrames[nextSlot] = frame;
        cachedGreys[nextSlot] = grey;
        nextSlot = (nextSlot + 1) % cachedFrames.length;
        return grey;
    }

    /** Mean of each factor x factor block of the luma (the last partial row and column of blocks dropped). */
    private byte[] shrink(int f, Mat into) {
        byte[] out = new byte[into.cols() * into.rows()];
        if (f == 1) {
            new BytePointer(luma.data()).get(out);
            return out;
        }
        try (Rect whole = new Rect(0, 0, into.cols() * f, into.rows() * f);
             Mat blocks = luma.apply(whole);
             Size size = new Size(into.cols(), into.rows())) {
            resize(blocks, into, size, 0, 0, INTER_AREA);
        }
        new BytePointer(into.data()).get(out);
        return out;
    }

    /** {flow a to b, flow b to a} of two grey images at flow resolution. */
    float[][] both(byte[] a, byte[] b) {
        Future<float[]> back = second.submit(() -> backward.compute(b, a));
        float[] ahead = forward.compute(a, b);
        try {
            return new float[][] {ahead, back.get()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating flow", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("backward flow failed", e.getCause());
        }
    }

    @Override
    public void close() {
        second.shutdown();
        try {
            // DIS must not lose its buffers under a running backward pass.
            if (!second.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("backward flow did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forward.close();
        backward.close();
        rgb.close();
        luma.close();
        flowGrey.close();
        coarseGrey.close();
        tileDetail.close();
    }
}
