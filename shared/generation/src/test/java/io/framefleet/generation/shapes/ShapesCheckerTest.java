package io.framefleet.generation.shapes;

import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.GroundTruth.Accuracy;
import io.framefleet.generation.shapes.GroundTruth.Form;
import io.framefleet.generation.shapes.ShapesChecker.Status;
import io.framefleet.generation.shapes.ShapesChecker.Verdict;
import io.framefleet.generation.shapes.ShapesDomain.Background;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShapesCheckerTest {

    private final ShapesChecker checker = new ShapesChecker();

    @Test
    void shouldReadBaseClipsOfEveryCombinationRight() {
        Accuracy a = GroundTruth.measure(Form.BASE, 3, 11);
        System.out.println("checker on renders, " + a.summary());
        a.misses().forEach(m -> System.out.println("  miss: " + m));
        assertAtLeast99Percent(a);
    }

    @Test
    void shouldReadUpscaledNoisyThirtyTwoFrameClipsRight() {
        Accuracy a = GroundTruth.measure(Form.FINAL, 1, 12);
        System.out.println("checker on renders, " + a.summary());
        a.misses().forEach(m -> System.out.println("  miss: " + m));
        assertAtLeast99Percent(a);
    }

    @Test
    void shouldFindNoObjectOnAnEmptyBackgroundAndClutterInNoise() {
        Clip gray = solid(32, 32, 8, 110);
        assertThat(checker.check(gray).status()).isEqualTo(Status.NO_OBJECT);
        // What an untrained model draws: noise all over the frame, which must not pass as a still object.
        Clip noise = GroundTruth.noisy(solid(32, 32, 8, 128), 60, new SplittableRandom(1));
        Verdict v = checker.check(noise);
        assertThat(v.status()).isEqualTo(Status.CLUTTER);
        assertThat(v.motionMatches(Combination.of("red circle still"))).isFalse();
    }

    @Test
    void shouldRefuseTwoObjectsRatherThanReadOne() {
        Clip a = ShapeRenderer.render(new Scene(Combination.of("red circle right"), 1.5, 5, 7, 8, Background.BLACK));
        Clip b = ShapeRenderer.render(new Scene(Combination.of("red square right"), 1.5, 5, 7, 24, Background.BLACK));
        Verdict v = checker.check(overlay(a, b));
        assertThat(v.status()).isEqualTo(Status.SEVERAL_OBJECTS);
        assertThat(v.matches(Combination.of("red circle right"))).isFalse();
        assertThat(checker.check(a).matches(Combination.of("red circle right"))).isTrue();
    }

    @Test
    void shouldNotNameAShapeForABlobOrAMotionForAJumpingObject() {
        // A filled quarter of the frame: bigger than any shape of the domain.
        Clip block = solid(32, 32, 8, 0);
        for (byte[] frame : block.rgb()) {
            for (int y = 4; y < 20; y++) {
                for (int x = 4; x < 20; x++) {
                    frame[(y * 32 + x) * 3] = (byte) 230;
                }
            }
        }
        Verdict v = checker.check(block);
        assertThat(v.status()).isEqualTo(Status.OK);
        assertThat(v.colour()).isEqualTo(ShapesDomain.Colour.RED);
        assertThat(v.shape()).isNull();

        // The same circle at random places frame to frame: no straight motion explains it.
        SplittableRandom rng = new SplittableRandom(5);
        byte[][] frames = new byte[8][];
        for (int f = 0; f < 8; f++) {
            Scene s = new Scene(Combination.of("cyan circle still"), 0, 5, 6 + 20 * rng.nextDouble(),
                    6 + 20 * rng.nextDouble(), Background.GRAY);
            frames[f] = ShapeRenderer.render(s).rgb()[0];
        }
        Verdict jumping = checker.check(new Clip(32, 32, frames));
        assertThat(jumping.status()).isEqualTo(Status.OK);
        assertThat(jumping.shape()).isEqualTo(ShapesDomain.Shape.CIRCLE);
        assertThat(jumping.motion()).isNull();
        assertThat(jumping.trackError()).isGreaterThan(ShapesChecker.MAX_TRACK_ERROR);
    }

    @Test
    void shouldNotNameAColourFarFromThePalette() {
        Clip brown = recolour(ShapeRenderer.render(new Scene(Combination.of("red circle still"), 0, 6, 16, 16,
                Background.BLACK)), 120, 60, 20);
        Verdict v = checker.check(brown);
        assertThat(v.shape()).isEqualTo(ShapesDomain.Shape.CIRCLE);
        assertThat(v.colour()).isNull();
        assertThat(v.colourDistance()).isGreaterThan(ShapesChecker.MAX_COLOUR_DISTANCE);
    }

    private static void assertAtLeast99Percent(Accuracy a) {
        assertThat(a.colour()).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * a.clips()));
        assertThat(a.shape()).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * a.clips()));
        assertThat(a.motion()).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * a.clips()));
        assertThat(a.all()).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * a.clips()));
    }

    private static Clip solid(int w, int h, int frames, int level) {
        byte[][] rgb = new byte[frames][w * h * 3];
        for (byte[] f : rgb) {
            Arrays.fill(f, (byte) level);
        }
        return new Clip(w, h, rgb);
    }

    /** The brighter of the two clips at every pixel: both objects on the shared black background. */
    private static Clip overlay(Clip a, Clip b) {
        byte[][] out = new byte[a.frames()][];
        for (int f = 0; f < a.frames(); f++) {
            out[f] = new byte[a.rgb()[f].length];
            for (int i = 0; i < out[f].length; i++) {
                out[f][i] = (byte) Math.max(a.rgb()[f][i] & 0xff, b.rgb()[f][i] & 0xff);
            }
        }
        return new Clip(a.width(), a.height(), out);
    }

    /** Red-on-black scaled onto another colour by the red channel's coverage. */
    private static Clip recolour(Clip red, int r, int g, int b) {
        byte[][] out = new byte[red.frames()][];
        for (int f = 0; f < red.frames(); f++) {
            byte[] src = red.rgb()[f];
            out[f] = new byte[src.length];
            for (int p = 0; p < src.length; p += 3) {
                double c = (src[p] & 0xff) / 230.0;
                out[f][p] = (byte) (int) Math.round(c * r);
                out[f][p + 1] = (byte) (int) Math.round(c * g);
                out[f][p + 2] = (byte) (int) Math.round(c * b);
            }
        }
        return new Clip(red.width(), red.height(), out);
    }
}
