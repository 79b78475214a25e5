package io.framefleet.interpolator.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

/**
 * OpenCV's DIS optical flow between two grey images of one size: for every pixel of the first image, where it moved
 * to in the second ({@code dx, dy} interleaved, in pixels). One instance per thread: DIS keeps per-call state.
 */
final class DenseFlow implements AutoCloseable {

    private final DISOpticalFlow dis;
    private final int width;
    private final int height;
    private final Mat from;
    private final Mat to;

    DenseFlow(int width, int height, FlowSettings settings) {
        this.width = width;
        this.height = height;
        this.dis = DISOpticalFlow.create(settings.preset().code());
        this.from = new Mat(height, width, CV_8UC1);
        this.to = new Mat(height, width, CV_8UC1);
    }

    /** Flow from {@code a} to {@code b} (grey, width * height bytes each), 2 * width * height floats. */
    float[] compute(byte[] a, byte[] b) {
        new BytePointer(from.data()).put(a, 0, width * height);
        new BytePointer(to.data()).put(b, 0, width * height);
        // A fresh output every time: given a preallocated one, DIS reads its stale contents and can crash on them.
        try (Mat result = new Mat()) {
            dis.calc(from, to, result);
            float[] out = new float[2 * width * height];
            new FloatPointer(result.data()).get(out);
            return out;
        }
    }

    @Override
    public void close() {
        to.close();
        from.close();
        dis.close();
    }
}
