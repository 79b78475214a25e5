package io.framefleet.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * How a frame is cut into tiles for a model with a given halo. Each tile has a core it is responsible for and a
 * window (core plus up to {@code halo} pixels of context on every side) that the model sees; the output keeps
 * only the core's pixels, so as long as the halo covers the model's receptive field, the stitched output equals
 * the whole-frame output. All windows have the same size (windows at the right and bottom edges slide inwards
 * instead of shrinking) so that tiles batch together.
 *
 * @param core the part of the frame this tile's output covers, in input pixels
 * @param window the part of the frame fed to the model; contains {@code core}
 */
public record TileGrid(int frameWidth, int frameHeight, int windowWidth, int windowHeight, List<Tile> tiles) {

    public record Rect(int x, int y, int width, int height) {
    }

    public record Tile(Rect core, Rect window) {
    }

    /** Tiles of at most {@code coreSize} x {@code coreSize} core pixels with {@code halo} pixels of context. */
    public static TileGrid of(int width, int height, int coreSize, int halo) {
        if (width < 1 || height < 1 || coreSize < 1 || halo < 0) {
            throw new IllegalArgumentException("invalid tiling of " + width + "x" + height + " with core " + coreSize
                    + " and halo " + halo);
        }
        // As few tiles as the core size allows, with the frame shared evenly between them: a 560-wide frame with
        // 512-pixel cores is two 280-pixel cores, not 512 + 48, where the second window would redo most of the first.
        int coreW = ceilDiv(width, ceilDiv(width, coreSize));
        int coreH = ceilDiv(height, ceilDiv(height, coreSize));
        // A frame that fits in one window needs no halo at all: the model sees everything.
        int windowW = width <= coreSize ? width : Math.min(width, coreW + 2 * halo);
        int windowH = height <= coreSize ? height : Math.min(height, coreH + 2 * halo);
        List<Tile> tiles = new ArrayList<>();
        for (int cy = 0; cy < height; cy += coreH) {
            int ch = Math.min(coreH, height - cy);
            int wy = Math.max(0, Math.min(cy - halo, height - windowH));
            for (int cx = 0; cx < width; cx += coreW) {
                int cw = Math.min(coreW, width - cx);
                int wx = Math.max(0, Math.min(cx - halo, width - windowW));
                tiles.add(new Tile(new Rect(cx, cy, cw, ch), new Rect(wx, wy, windowW, windowH)));
            }
        }
        return new TileGrid(width, height, windowW, windowH, List.copyOf(tiles));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
