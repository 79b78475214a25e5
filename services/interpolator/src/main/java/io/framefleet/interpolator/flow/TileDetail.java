package io.framefleet.interpolator.flow;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Arrays;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.convertScaleAbs;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;

/**
 * How much detail each {@value Warp#TILE}-pixel tile of a grey picture has: the mean absolute 4-neighbour Laplacian,
 * in grey levels, per tile (row-major, the last partial tiles included). {@link Warp} samples bicubically where it
 * is {@value Warp#DETAIL} or more. Reuses its buffers; not thread-safe.
 */
final class TileDetail implements AutoCloseable {

    private final int width;
    private final int height;
    private final int tilesX;
    private final int tilesY;
    private final Mat laplacian = new Mat();
    private final Mat magnitude;
    private final byte[] magnitudes;

    TileDetail(int width, int height) {
        this.width = width;
        this.height = height;
        this.tilesX = tiles(width);
        this.tilesY = tiles(height);
        this.magnitude = new Mat(height, width, CV_8UC1);
        this.magnitudes = new byte[width * height];
    }

    /** Tiles along a side of {@code size} pixels, the last one partial. */
    static int tiles(int size) {
        return (size + Warp.TILE - 1) / Warp.TILE;
    }

    /** @param grey width x height, 8-bit, one channel */
    float[] of(Mat grey) {
        Laplacian(grey, laplacian, CV_16S, 1, 1, 0, BORDER_REPLICATE);
        convertScaleAbs(laplacian, magnitude);
        new BytePointer(magnitude.data()).get(magnitudes);
        float[] sums = new float[tilesX * tilesY];
        int[] row = new int[tilesX];
        for (int y = 0; y < height; y++) {
            Arrays.fill(row, 0);
            for (int x = 0, i = y * width; x < width; x++, i++) {
                row[x / Warp.TILE] += magnitudes[i] & 0xff;
            }
            for (int tx = 0, t = (y / Warp.TILE) * tilesX; tx < tilesX; tx++, t++) {
                sums[t] += row[tx];
            }
        }
        for (int ty = 0; ty < tilesY; ty++) {
            int rows = Math.min(height, (ty + 1) * Warp.TILE) - ty * Warp.TILE;
            for (int tx = 0; tx < tilesX; tx++) {
                int columns = Math.min(width, (tx + 1) * Warp.TILE) - tx * Warp.TILE;
                sums[ty * tilesX + tx] /= columns * rows;
            }
        }
        return sums;
    }

    @Override
    public void close() {
        laplacian.close();
        magnitude.close();
    }
}
