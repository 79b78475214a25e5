package io.framefleet.inference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tiling, chaining and resampling: the arithmetic around the models. */
class GeometryTest {

    @Test
    void shouldCoverEveryPixelOnceWithEqualWindowsThatHoldTheHalo() {
        int w = 203;
        int h = 97;
        int halo = 6;
        TileGrid grid = TileGrid.of(w, h, 64, halo);
        int[] covered = new int[w * h];
        for (TileGrid.Tile t : grid.tiles()) {
            TileGrid.Rect c = t.core();
            TileGrid.Rect win = t.window();
            assertThat(win.width()).isEqualTo(grid.windowWidth());
            assertThat(win.height()).isEqualTo(grid.windowHeight());
            assertThat(win.x()).isGreaterThanOrEqualTo(0);
            assertThat(win.x() + win.width()).isLessThanOrEqualTo(w);
            // Context on each side, unless the core touches the frame's edge there.
            assertThat(c.x() - win.x()).isGreaterThanOrEqualTo(Math.min(halo, c.x()));
            assertThat(win.x() + win.width() - c.x() - c.width()).isGreaterThanOrEqualTo(Math.min(halo, w - c.x() - c.width()));
            assertThat(c.y() - win.y()).isGreaterThanOrEqualTo(Math.min(halo, c.y()));
            assertThat(win.y() + win.height() - c.y() - c.height()).isGreaterThanOrEqualTo(Math.min(halo, h - c.y() - c.height()));
            for (int y = c.y(); y < c.y() + c.height(); y++) {
                for (int x = c.x(); x < c.x() + c.width(); x++) {
                    covered[y * w + x]++;
                }
            }
        }
        assertThat(covered).containsOnly(1);
        assertThat(grid.tiles()).hasSize(4 * 2);
        TileGrid wide = TileGrid.of(560, 320, 512, halo);
        assertThat(wide.tiles()).hasSize(2);
        assertThat(wide.windowWidth()).as("two even halves, not a full tile and a sliver").isEqualTo(280 + 2 * halo);
        assertThat(TileGrid.of(100, 80, 512, halo).tiles()).singleElement()
                .satisfies(t -> assertThat(t.window()).isEqualTo(new TileGrid.Rect(0, 0, 100, 80)));
    }

    @Test
    void shouldChainTheFewestModelsThatReachTheFactor() {
        List<Integer> both = List.of(2, 4);
        assertThat(ImageUpscaler.chain(1.0, both)).isEmpty();
        assertThat(ImageUpscaler.chain(0.5, both)).isEmpty();
        assertThat(ImageUpscaler.chain(1.5, both)).containsExactly(2);
        assertThat(ImageUpscaler.chain(2.0, both)).containsExactly(2);
        assertThat(ImageUpscaler.chain(3.0, both)).containsExactly(4);
        assertThat(ImageUpscaler.chain(4.0, both)).containsExactly(4);
        assertThat(ImageUpscaler.chain(1920 / 480.0, both)).containsExactly(4);
        assertThat(ImageUpscaler.chain(6.0, both)).containsExactly(4, 2);
        assertThat(ImageUpscaler.chain(8.0, both)).containsExactly(4, 2);
        assertThat(ImageUpscaler.chain(16.0, both)).containsExactly(4, 4);
        assertThat(ImageUpscaler.chain(4.0, List.of(2))).containsExactly(2, 2);
        assertThat(ImageUpscaler.chain(2.0, List.of(4))).containsExactly(4);
        assertThatThrownBy(() -> ImageUpscaler.chain(2.0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldResampleWithLanczosKeepingFlatAreasFlatAndEdgesSharp() {
        int w = 40;
        int h = 30;
        float[] data = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[c * w * h + y * w + x] = x < w / 2 ? 0.2f : 0.8f;
                }
            }
        }
        PlanarImage src = new PlanarImage(data, w, h);
        assertThat(Lanczos.resize(src, w, h)).isSameAs(src);
        PlanarImage up = Lanczos.resize(src, 101, 77);
        assertThat(up.width()).isEqualTo(101);
        assertThat(up.data()[0]).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(up.data()[100]).isCloseTo(0.8f, org.assertj.core.data.Offset.offset(1e-5f));
        // The step stays a step: from 0.2 to 0.8 within a few output pixels around x = 50.
        assertThat(up.data()[45]).isLessThan(0.25f);
        assertThat(up.data()[56]).isGreaterThan(0.75f);
        PlanarImage down = Lanczos.resize(src, 10, 7);
        assertThat(down.data()[0]).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void shouldRoundTripPackedRgbAndClampWhenQuantising() {
        byte[] rgb = {0, 127, (byte) 255, 10, 20, 30};
        PlanarImage p = PlanarImage.fromRgb(rgb, 2, 1);
        assertThat(p.toRgb()).isEqualTo(rgb);
        PlanarImage out = new PlanarImage(new float[] {-0.3f, 1.7f, Float.NaN, 0.5f, 0.0f, 1.0f}, 2, 1);
        // Planes R = {-0.3, 1.7}, G = {NaN, 0.5}, B = {0, 1}: pixel 0 is black, pixel 1 clamps to (255, 128, 255).
        assertThat(out.toRgb()).containsExactly(0, 0, 0, (byte) 255, (byte) 128, (byte) 255);
    }
}
