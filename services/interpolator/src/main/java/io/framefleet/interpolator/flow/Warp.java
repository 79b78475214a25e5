package io.framefleet.interpolator.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.stream.IntStream;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.scaleAdd;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Full-resolution warping of a pair towards time t, in OpenCV: the flow-resolution fields are upsampled
 * bilinearly, both frames are sampled bicubically along them ({@code remap}, threaded), and the two warped frames
 * and the cross-fade are mixed once, in 1/4096 fixed point, with a single rounding at the end. One instance per
 * interpolation (it reuses its buffers); not thread-safe.
 */
final class Warp implements AutoCloseable {

    private final int width;
    private final int height;
    private final int factor;
    private final Size full;
    private final Mat grid;
    private final Mat frame0;
    private final Mat frame1;
    private final Mat small0;
    private final Mat small1;
    private final Mat smallMix;
    private final Mat map0;
    private final Mat map1;
    private final Mat mix;
    private final Mat warped0;
    private final Mat warped1;
    private final Mat noMap = new Mat();
    private final Scalar border = new Scalar(0.0);
    private final byte[] w0;
    private final byte[] w1;
    private final float[] weights;

    Warp(int width, int height, int factor) {
        this.width = width;
        this.height = height;
        this.factor = factor;
        int fw = width / factor;
        int fh = height / factor;
        this.full = new Size(width, height);
        this.grid = new Mat(height, width, CV_32FC2);
        float[] xy = new float[2 * width * height];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                xy[i++] = x;
                xy[i++] = y;
            }
        }
        new FloatPointer(grid.data()).put(xy);
        this.frame0 = new Mat(height, width, CV_8UC3);
        this.frame1 = new Mat(height, width, CV_8UC3);
        this.small0 = new Mat(fh, fw, CV_32FC2);
        this.small1 = new Mat(fh, fw, CV_32FC2);
        this.smallMix = new Mat(fh, fw, CV_32FC2);
        this.map0 = new Mat(height, width, CV_32FC2);
        this.map1 = new Mat(height, width, CV_32FC2);
        this.mix = new Mat(height, width, CV_32FC2);
        this.warped0 = new Mat(height, width, CV_8UC3);
        this.warped1 = new Mat(height, width, CV_8UC3);
        this.w0 = new byte[3 * width * height];
        this.w1 = new byte[3 * width * height];
        this.weights = new float[2 * width * height];
    }

    /**
     * The frame at t: each frame sampled at {@code x + factor * flow} (flows to frame 0 and to frame 1, at flow
     * resolution, interleaved x y), mixed as {@code reliable * (share0 * warped0 + (1 - share0) * warped1)
     * + (1 - reliable) * ((1 - t) * frame0 + t * frame1)} ({@code mixFields}: share0, reliable interleaved).
     */
    byte[] at(byte[] rgb0, byte[] rgb1, float[] flow0, float[] flow1, float[] mixFields, float t) {
        new FloatPointer(small0.data()).put(flow0);
        new FloatPointer(small1.data()).put(flow1);
        new FloatPointer(smallMix.data()).put(mixFields);
        new BytePointer(frame0.data()).put(rgb0, 0, rgb0.length);
        new BytePointer(frame1.data()).put(rgb1, 0, rgb1.length);
        sample(frame0, small0, map0, warped0, w0);
        sample(frame1, small1, map1, warped1, w1);
        resize(smallMix, mix, full, 0, 0, INTER_LINEAR);
        new FloatPointer(mix.data()).get(weights);
        byte[] out = new byte[rgb0.length];
        IntStream.range(0, height).parallel().forEach(y -> mixRow(y, rgb0, rgb1, t, out));
        return out;
    }

    /**
     * One row of the final mix. The four weights are convex (each in [0, 1], summing to 1), so the result needs no
     * clamping.
     */
    private void mixRow(int y, byte[] rgb0, byte[] rgb1, float t, byte[] out) {
        float[] weights = this.weights;
        byte[] w0 = this.w0;
        byte[] w1 = this.w1;
        for (int p = y * width, end = p + width; p < end; p++) {
            float share0 = weights[2 * p];
            float reliable = weights[2 * p + 1];
            // Weights in 1/4096ths summing to 4096 exactly, so the sum rounds like the float mix would.
            int k0 = (int) (reliable * share0 * 4096f + 0.5f);
            int k1 = (int) (reliable * 4096f + 0.5f) - k0;
            int f1 = Math.min((int) ((1 - reliable) * t * 4096f + 0.5f), 4096 - k0 - k1);
            int f0 = 4096 - k0 - k1 - f1;
            int o = 3 * p;
            out[o] = (byte) ((k0 * (w0[o] & 0xff) + k1 * (w1[o] & 0xff) + f0 * (rgb0[o] & 0xff)
                    + f1 * (rgb1[o] & 0xff) + 2048) >> 12);
            out[o + 1] = (byte) ((k0 * (w0[o + 1] & 0xff) + k1 * (w1[o + 1] & 0xff) + f0 * (rgb0[o + 1] & 0xff)
                    + f1 * (rgb1[o + 1] & 0xff) + 2048) >> 12);
            out[o + 2] = (byte) ((k0 * (w0[o + 2] & 0xff) + k1 * (w1[o + 2] & 0xff) + f0 * (rgb0[o + 2] & 0xff)
                    + f1 * (rgb1[o + 2] & 0xff) + 2048) >> 12);
        }
    }

    private void sample(Mat frame, Mat flow, Mat map, Mat warped, byte[] into) {
        resize(flow, map, full, 0, 0, INTER_LINEAR);
        scaleAdd(map, factor, grid, map);
        remap(frame, warped, map, noMap, INTER_CUBIC, BORDER_REPLICATE, border);
        new BytePointer(warped.data()).get(into);
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {grid, frame0, frame1, small0, small1, smallMix, map0, map1, mix, warped0, warped1,
                noMap}) {
            m.close();
        }
        border.close();
        full.close();
    }
}
