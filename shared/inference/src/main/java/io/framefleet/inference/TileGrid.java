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
        // A frame that fits in one window needs no halo at all: the model sees everything.
        int windowW = width <= coreSize ? width : Math.min(width, coreSize + 2 * halo);
        int windowH = height <= coreSize ? height : Math.min(height, coreSize + 2 * halo);
        List<Tile> tiles = new ArrayList<>();
        for (int cy = 0; cy < height; cy += coreSize) {
            int ch = Math.min(coreSize, height - cy);
            int wy = Math.max(0, Math.min(cy - halo, height - windowH));
            for (int cx = 0; cx < width; cx += coreSize) {
                int cw = Math.min(coreSize, width - cx);
                int wx = Math.max(0, Math.min(cx - halo, width - windowW));
                tiles.add(new Tile(new Rect(cx, cy, cw, ch), new Rect(wx, wy, windowW, windowH)));
            }
        }
        return new TileGrid(width, height, windowW, windowH, List.copyOf(tiles));
    }
}
