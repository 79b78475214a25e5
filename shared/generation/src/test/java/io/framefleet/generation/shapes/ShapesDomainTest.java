package io.framefleet.generation.shapes;

import io.framefleet.generation.shapes.ShapesDomain.Colour;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import io.framefleet.generation.shapes.ShapesDomain.Motion;
import io.framefleet.generation.shapes.ShapesDomain.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShapesDomainTest {

    @Test
    void shouldHoldOutTwentyFourOfTheHundredAndSixtyCombinations() {
        assertThat(ShapesDomain.combinations()).hasSize(160).doesNotHaveDuplicates();
        assertThat(ShapesDomain.HELD_OUT).hasSize(24).doesNotHaveDuplicates();
        assertThat(ShapesDomain.combinations()).containsAll(ShapesDomain.HELD_OUT);
        assertThat(ShapesDomain.HELD_OUT.get(0)).isEqualTo(new Combination(Colour.BLUE, Shape.CIRCLE, Motion.LEFT));
        assertThat(ShapesDomain.HELD_OUT.get(23)).isEqualTo(new Combination(Colour.WHITE, Shape.TRIANGLE, Motion.STILL));
        assertThat(new Combination(Colour.MAGENTA, Shape.CROSS, Motion.STILL).heldOut()).isTrue();
        assertThat(new Combination(Colour.MAGENTA, Shape.CROSS, Motion.LEFT).heldOut()).isFalse();
    }

    @Test
    void shouldParseEveryCanonicalCaptionBackToItsCombination() {
        for (Combination c : ShapesDomain.combinations()) {
            assertThat(ShapesDomain.parse(c.caption())).as(c.caption()).contains(c);
        }
        assertThat(new Combination(Colour.RED, Shape.CIRCLE, Motion.LEFT).caption()).isEqualTo("a red circle moving left");
        assertThat(new Combination(Colour.RED, Shape.CIRCLE, Motion.STILL).caption()).isEqualTo("a red circle staying still");
    }

    @Test
    void shouldParseTheTrainingCaptionsSynonyms() {
        assertThat(ShapesDomain.parse("the green box falls")).contains(Combination.of("green square down"));
        assertThat(ShapesDomain.parse("on grey, a cross in white staying in place")).contains(Combination.of("white cross still"));
        assertThat(ShapesDomain.parse("one small orange plus sign that does not move")).contains(Combination.of("orange cross still"));
        assertThat(ShapesDomain.parse("A Yellow Ball drifting towards the top")).contains(Combination.of("yellow circle up"));
        assertThat(ShapesDomain.parse("a clip where a cyan triangle is gliding rightwards on a black backdrop"))
                .contains(Combination.of("cyan triangle right"));
        assertThat(ShapesDomain.parse("not moving, a magenta disc")).contains(Combination.of("magenta circle still"));
    }

    @Test
    void shouldFindNothingToCheckInPromptsOutsideTheDomain() {
        assertThat(ShapesDomain.parse("a dog running on the beach")).isEmpty();
        assertThat(ShapesDomain.parse("a red and blue circle moving left")).isEmpty();
        assertThat(ShapesDomain.parse("a red circle and a square moving left")).isEmpty();
        assertThat(ShapesDomain.parse("a red circle moving left then up")).isEmpty();
        assertThat(ShapesDomain.parse("a red circle")).isEmpty();
        assertThat(ShapesDomain.parse("")).isEmpty();
    }
}
