package io.framefleet.evaluator.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class StructuralSimilarityTest {

    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;

    /** A busy deterministic texture; the expected values below come from running this in Python. */
    private static int texture(int x, int y) {
        return (x * x + 3 * x * y + 7 * y) % 256;
    }

    /*
     * Expected values: scikit-image 0.19 structural_similarity(a, b, gaussian_weights=True,
     * sigma=1.5, use_sample_covariance=False, data_range=255) on the same arrays built with numpy.
     */
    @Test
    void shouldMatchReferenceImplementationOnPerturbedTexture() {
        LumaFrame reference = frame(StructuralSimilarityTest::texture);
        LumaFrame perturbed = frame((x, y) -> clip(texture(x, y) + (x * 31 + y * 17) % 61 - 30));

        assertThat(StructuralSimilarity.mean(reference, perturbed)).isCloseTo(0.9736050283482004, within(1e-6));
    }

    @Test
    void shouldMatchReferenceImplementationOnContrastChange() {
        LumaFrame reference = frame(StructuralSimilarityTest::texture);
        LumaFrame flattened = frame((x, y) -> texture(x, y) / 2 + 40);

        assertThat(StructuralSimilarity.mean(reference, flattened)).isCloseTo(0.7842906238193194, within(1e-6));
    }

    @Test
    void shouldBeExactlyOneForIdenticalPictures() {
        LumaFrame picture = frame(StructuralSimilarityTest::texture);

        assertThat(StructuralSimilarity.mean(picture, frame(StructuralSimilarityTest::texture))).isEqualTo(1.0);
    }

    @Test
    void shouldRejectPicturesSmallerThanTheWindow() {
        LumaFrame tiny = LumaEdits.uniform(10, 40, 0);

        assertThatThrownBy(() -> StructuralSimilarity.mean(tiny, tiny)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LumaFrame frame(IntBinaryOperator valueAt) {
        byte[] pixels = new byte[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                pixels[y * WIDTH + x] = (byte) valueAt.applyAsInt(x, y);
            }
        }
        return new LumaFrame(WIDTH, HEIGHT, pixels);
    }

    private static int clip(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
