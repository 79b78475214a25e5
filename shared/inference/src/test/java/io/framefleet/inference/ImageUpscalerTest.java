package io.framefleet.inference;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageUpscalerTest {

    static final String X2 = "sr-fast-x2";
    static SrModel model;

    @BeforeAll
    static void load() {
        BundledModels.assumePresent(X2);
        model = SrModel.builder().setRepository(BundledModels.repository()).setName(X2).build();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    /** A photo-like frame: smooth gradients, edges and noise, so that every tile has structure the model reacts to. */
    static byte[] frame(int w, int h, long seed) {
        Random random = new Random(seed);
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                boolean edge = ((x / 17) + (y / 11)) % 2 == 0;
                rgb[p] = (byte) Math.min(255, (x * 255 / w) + (edge ? 40 : 0) + random.nextInt(12));
                rgb[p + 1] = (byte) Math.min(255, (y * 255 / h) + random.nextInt(12));
                rgb[p + 2] = (byte) (edge ? 200 - random.nextInt(30) : 30 + random.nextInt(30));
            }
        }
        return rgb;
    }

    @Test
    void shouldStitchTilesWithoutSeams() {
        assertSeamless(model, 157, 101);
    }

    @Test
    void shouldStitchTilesOfTheX4ModelWithoutSeams() {
        BundledModels.assumePresent("sr-fast-x4");
        try (SrModel x4 = SrModel.builder().setRepository(BundledModels.repository()).setName("sr-fast-x4").build()) {
            assertSeamless(x4, 97, 83);
        }
    }

    static void assertSeamless(SrModel model, int w, int h) {
        int s = model.scale();
        byte[] in = frame(w, h, 1);
        byte[] whole;
        byte[] tiled;
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).optTileSize(512).build()) {
            whole = up.upscale(in, w, h, s * w, s * h);
        }
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).optTileSize(40).optMinTileSize(8)
                .optBatchSize(3).build()) {
            assertThat(TileGrid.of(w, h, 40, model.descriptor().halo()).tiles()).hasSizeGreaterThanOrEqualTo(6);
            tiled = up.upscale(in, w, h, s * w, s * h);
        }
        assertThat(maxDifference(whole, tiled)).isLessThanOrEqualTo(1);
        // The model must actually change the picture, or the comparison above proves nothing.
        assertThat(maxDifference(whole, nearest(in, w, h, s))).isGreaterThan(10);
    }

    @Test
    void shouldRetryWithSmallerTilesWhenABatchIsAboveTheMemoryCeiling() {
        int w = 120;
        int h = 90;
        byte[] in = frame(w, h, 2);
        byte[] reference;
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).build()) {
            reference = up.upscale(in, w, h, 2 * w, 2 * h);
        }
        // A whole 120x90 frame needs 4 * 3 * 120 * 90 * 5 = 648000 bytes of tensors; 64x64 windows fit in 300000.
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).optTileSize(256)
                .optMinTileSize(16).optMaxBatchBytes(300_000).build()) {
            byte[] out = up.upscale(in, w, h, 2 * w, 2 * h);
            assertThat(up.retries()).isGreaterThanOrEqualTo(1);
            assertThat(up.tileSize()).isLessThan(256);
            assertThat(maxDifference(reference, out)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void shouldGiveUpWhenEvenTheSmallestTileIsTooLarge() {
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).optTileSize(64)
                .optMinTileSize(32).optMaxBatchBytes(1000).build()) {
            assertThatThrownBy(() -> up.upscale(frame(100, 80, 3), 100, 80, 200, 160))
                    .isInstanceOf(EngineOutOfMemoryException.class).hasMessageContaining("even with 32 px tiles");
            assertThat(up.retries()).isEqualTo(1);
        }
    }

    @Test
    void shouldRecogniseTheEnginesOwnOutOfMemoryError() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            // 16 TiB: libtorch's CPU allocator refuses it at once, the same path a too-large tile takes.
            Throwable thrown = null;
            try {
                manager.zeros(new Shape(1L << 42));
            } catch (RuntimeException e) {
                thrown = e;
            }
            assertThat(thrown).as("allocating 16 TiB should fail").isNotNull();
            assertThat(EngineOutOfMemoryException.isOutOfMemory(thrown)).as(String.valueOf(thrown)).isTrue();
            assertThat(EngineOutOfMemoryException.isOutOfMemory(new IllegalStateException("shape mismatch"))).isFalse();
        }
    }

    @Test
    void shouldReachAnyTargetSizeWithAFinalResample() {
        int w = 64;
        int h = 48;
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).build()) {
            assertThat(up.plan(w, h, 3 * w, 3 * h)).hasSize(2);
            byte[] out = up.upscale(frame(w, h, 4), w, h, 201, 150);
            assertThat(out).hasSize(3 * 201 * 150);
            // Exactly x2: the model's output untouched by any resample.
            List<byte[]> two = up.upscale(List.of(frame(w, h, 5), frame(w, h, 6)), w, h, 2 * w, 2 * h);
            assertThat(two).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(3 * 4 * w * h));
        }
    }

    @Test
    void shouldBatchFramesLikeOneAtATime() {
        int w = 80;
        int h = 60;
        List<byte[]> frames = List.of(frame(w, h, 7), frame(w, h, 8), frame(w, h, 9));
        List<byte[]> single;
        List<byte[]> batched;
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).build()) {
            single = up.upscale(frames, w, h, 2 * w, 2 * h);
        }
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).optBatchSize(3).build()) {
            batched = up.upscale(frames, w, h, 2 * w, 2 * h);
        }
        for (int i = 0; i < frames.size(); i++) {
            assertThat(maxDifference(single.get(i), batched.get(i))).isLessThanOrEqualTo(1);
        }
    }

    static int maxDifference(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }

    static byte[] nearest(byte[] rgb, int w, int h, int s) {
        byte[] out = new byte[3 * s * s * w * h];
        for (int y = 0; y < s * h; y++) {
            for (int x = 0; x < s * w; x++) {
                System.arraycopy(rgb, 3 * ((y / s) * w + x / s), out, 3 * (y * s * w + x), 3);
            }
        }
        return out;
    }
}
