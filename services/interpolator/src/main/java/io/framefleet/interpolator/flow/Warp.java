package io.framefleet.interpolator.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
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
 * bilinearly, both frames are sampled along them ({@code remap}), and the two warped frames and the cross-fade are
 * mixed once, in 1/4096 fixed point, with a single rounding at the end. One instance per interpolation (it reuses
 * its buffers); not thread-safe.
 * <p>
 * Sampling is bicubic where the picture has detail and bilinear where it is smooth. OpenCV's bicubic remap has no
 * vector path and costs about four times the bilinear one, yet on a smooth picture the two differ by less than a
 * grey level: bilinear there is as good and, on soft or noisy footage, a little better (it does not ring). The
 * picture is cut into {@value #TILE}-pixel tiles; a tile of the output is sampled bicubically when the source
 * tiles around the place its centre comes from (along the flow) have a mean absolute Laplacian of
 * {@value #DETAIL} grey levels or more.
 */
final class Warp implements AutoCloseable {

    /** Side of the square tiles the choice of sampling is made for. */
    static final int TILE = 32;

    /** Mean absolute 4-neighbour Laplacian of the grey picture (levels) from which a tile is sampled bicubically. */
    static final float DETAIL = 6f;

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
    private final int tilesX;
    private final int tilesY;

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
        this.tilesX = TileDetail.tiles(width);
        this.tilesY = TileDetail.tiles(height);
    }

    /**
     * The frame at t: each frame sampled at {@code x + factor * flow} (flows to frame 0 and to frame 1, at flow
     * resolution, interleaved x y), mixed as {@code reliable * (share0 * warped0 + (1 - share0) * warped1)
     * + (1 - reliable) * ((1 - t) * frame0 + t * frame1)} ({@code mixFields}: share0, reliable interleaved).
     * {@code detail0} and {@code detail1}: the frames' {@link TileDetail}, which choose bicubic or bilinear sampling.
     */
    byte[] at(byte[] rgb0, byte[] rgb1, float[] detail0, float[] detail1, float[] flow0, float[] flow1,
              float[] mixFields, float t) {
        new FloatPointer(small0.data()).put(flow0);
        new FloatPointer(small1.data()).put(flow1);
        new FloatPointer(smallMix.data()).put(mixFields);
        new BytePointer(frame0.data()).put(rgb0, 0, rgb0.length);
        new BytePointer(frame1.data()).put(rgb1, 0, rgb1.length);
        sample(frame0, detail0, flow0, small0, map0, warped0, w0);
        sample(frame1, detail1, flow1, small1, map1, warped1, w1);
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

    /**
     * Samples {@code frame} (its {@link TileDetail} {@code tileDetail}) along {@code flow} (also in {@code small})
     * into {@code into}.
     */
    private void sample(Mat frame, float[] tileDetail, float[] flow, Mat small, Mat map, Mat warped, byte[] into) {
        resize(small, map, full, 0, 0, INTER_LINEAR);
        scaleAdd(map, factor, grid, map);
        boolean[] bicubic = bicubicTiles(tileDetail, flow);
        IntStream.range(0, tilesY).parallel().forEach(ty -> {
            int y0 = ty * TILE;
            int rows = Math.min(TILE, height - y0);
            // One remap per run of tiles sampled alike, so a smooth or a detailed row is a single call.
            for (int tx = 0; tx < tilesX; ) {
                boolean cubic = bicubic[ty * tilesX + tx];
                int end = tx + 1;
                while (end < tilesX && bicubic[ty * tilesX + end] == cubic) {
                    end++;
                }
                int x0 = tx * TILE;
                try (Rect run = new Rect(x0, y0, Math.min(width, end * TILE) - x0, rows);
                     Mat out = warped.apply(run);
                     Mat along = map.apply(run)) {
                    remap(frame, out, along, noMap, cubic ? INTER_CUBIC : INTER_LINEAR, BORDER_REPLICATE, border);
                }
                tx = end;
            }
        });
        new BytePointer(warped.data()).get(into);
    }

    /**
     * Per output tile, whether to sample it bicubically: whether any of the 3 x 3 source tiles around the place the
     * tile's centre comes from (the flow at the centre, at flow resolution) is detailed.
     */
    private boolean[] bicubicTiles(float[] tileDetail, float[] flow) {
        int fw = width / factor;
        int fh = height / factor;
        boolean[] bicubic = new boolean[tilesX * tilesY];
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                int cx = Math.min(width - 1, tx * TILE + TILE / 2);
                int cy = Math.min(height - 1, ty * TILE + TILE / 2);
                int f = 2 * (Math.min(fh - 1, cy / factor) * fw + Math.min(fw - 1, cx / factor));
                int sx = clamp((int) Math.floor((cx + factor * flow[f]) / TILE), tilesX);
                int sy = clamp((int) Math.floor((cy + factor * flow[f + 1]) / TILE), tilesY);
                float most = 0;
                for (int y = Math.max(0, sy - 1); y <= Math.min(tilesY - 1, sy + 1); y++) {
                    for (int x = Math.max(0, sx - 1); x <= Math.min(tilesX - 1, sx + 1); x++) {
                        most = Math.max(most, tileDetail[y * tilesX + x]);
                    }
                }
                bicubic[ty * tilesX + tx] = most >= DETAIL;
            }
        }
        return bicubic;
    }

    private static int clamp(int tile, int tiles) {
        return Math.min(tiles - 1, Math.max(0, tile));
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
