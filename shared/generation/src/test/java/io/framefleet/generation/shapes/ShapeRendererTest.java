package io.framefleet.generation.shapes;

import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.ShapesDomain.Background;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShapeRendererTest {

    @Test
    void shouldBlendPartlyCoveredPixelsAndRoundHalfToEven() {
        // A square of radius 5 has half-side 4: centred at x = 16.25 it spans [12.25, 20.25], so pixel 12
        // holds three of its four sample columns and pixel 20 one.
        Clip clip = ShapeRenderer.render(new Scene(Combination.of("red square still"), 0, 5, 16.25, 16, Background.BLACK));
        assertThat(clip.frames()).isEqualTo(8);
        assertThat(clip.width()).isEqualTo(32);
        assertThat(rgb(clip, 0, 16, 16)).containsExactly(230, 30, 30);
        // 230 * 0.75 = 172.5 and 30 * 0.75 = 22.5 round to the even neighbour, as the training renders do.
        assertThat(rgb(clip, 0, 12, 16)).containsExactly(172, 22, 22);
        assertThat(rgb(clip, 0, 20, 16)).containsExactly(58, 8, 8);
        assertThat(rgb(clip, 0, 11, 16)).containsExactly(0, 0, 0);
        assertThat(rgb(clip, 0, 21, 16)).containsExactly(0, 0, 0);
        assertThat(rgb(clip, 7, 12, 16)).containsExactly(172, 22, 22);
    }

    @Test
    void shouldDrawTheTriangleApexUpAndTheCrossWithThinArms() {
        Clip triangle = ShapeRenderer.render(new Scene(Combination.of("white triangle still"), 0, 6, 16, 16, Background.GRAY));
        // Apex at y = 10, base at y = 19: the row above the base is wide, the row under the apex narrow.
        assertThat(width(triangle, 18)).isGreaterThan(width(triangle, 11) + 6);
        assertThat(rgb(triangle, 0, 16, 8)).containsExactly(110, 110, 110);
        assertThat(rgb(triangle, 0, 16, 20)).containsExactly(110, 110, 110);
        Clip cross = ShapeRenderer.render(new Scene(Combination.of("green cross still"), 0, 6, 16, 16, Background.BLACK));
        assertThat(rgb(cross, 0, 11, 11)).containsExactly(0, 0, 0);
        assertThat(rgb(cross, 0, 11, 16)).containsExactly(30, 200, 40);
        assertThat(rgb(cross, 0, 16, 11)).containsExactly(30, 200, 40);
    }

    @Test
    void shouldMoveTheObjectAtItsSpeedAndKeepItInsideEveryFrame() {
        SplittableRandom rng = new SplittableRandom(3);
        for (Combination c : ShapesDomain.combinations()) {
            Scene s = Scene.random(c, rng);
            for (int f = 0; f < ShapesDomain.FRAMES; f++) {
                assertThat(s.x(f) - s.radius()).isGreaterThanOrEqualTo(0);
                assertThat(s.x(f) + s.radius()).isLessThanOrEqualTo(32);
                assertThat(s.y(f) - s.radius()).isGreaterThanOrEqualTo(0);
                assertThat(s.y(f) + s.radius()).isLessThanOrEqualTo(32);
            }
        }
        Scene right = new Scene(Combination.of("blue circle right"), 2, 5, 8, 16, Background.BLACK);
        Clip clip = ShapeRenderer.render(right);
        assertThat(centroidX(clip, 7) - centroidX(clip, 0)).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.05));
        Clip longer = ShapeRenderer.render(right, 32);
        assertThat(longer.frames()).isEqualTo(32);
        assertThat(longer.rgb()[4]).isEqualTo(clip.rgb()[1]);
        assertThat(longer.rgb()[31]).isEqualTo(clip.rgb()[7]);
    }

    private static int[] rgb(Clip clip, int f, int x, int y) {
        return new int[] {clip.at(f, x, y, 0), clip.at(f, x, y, 1), clip.at(f, x, y, 2)};
    }

    private static int width(Clip clip, int y) {
        int n = 0;
        for (int x = 0; x < clip.width(); x++) {
            n += clip.at(0, x, y, 0) > 180 ? 1 : 0;
        }
        return n;
    }

    private static double centroidX(Clip clip, int f) {
        double sum = 0;
        double sx = 0;
        for (int y = 0; y < clip.height(); y++) {
            for (int x = 0; x < clip.width(); x++) {
                double v = clip.at(f, x, y, 2);
                sum += v;
                sx += v * (x + 0.5);
            }
        }
        return sx / sum;
    }
}
