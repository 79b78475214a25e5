package io.framefleet.generation;

import io.framefleet.generation.shapes.Scene;
import io.framefleet.generation.shapes.ShapeRenderer;
import io.framefleet.generation.shapes.ShapesDomain.Background;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlignmentScorerTest {

    static AlignmentScorer scorer;

    @BeforeAll
    static void load() {
        BundledModels.assumePresent(BundledModels.SCORER);
        scorer = AlignmentScorer.builder().setRepository(BundledModels.repository()).setName(BundledModels.SCORER).build();
    }

    @AfterAll
    static void close() {
        if (scorer != null) {
            scorer.close();
        }
    }

    /** The scene of {@code words} ("red circle right") with the object and its path fixed. */
    static Clip render(String words, Background background) {
        return ShapeRenderer.render(new Scene(Combination.of(words), 1.7, 5.5, 10, 16, background));
    }

    @Test
    void shouldRankAPromptsOwnClipAboveClipsOfOtherColours() {
        Clip red = render("red circle right", Background.BLACK);
        Clip green = render("green circle right", Background.BLACK);
        Clip blue = render("blue circle right", Background.BLACK);

        float[] scores = scorer.score("a red circle moving right", List.of(red, green, blue));
        System.out.printf("scores of 'a red circle moving right' for red, green, blue circles: %.3f %.3f %.3f%n",
                scores[0], scores[1], scores[2]);

        assertThat(scores[0]).isGreaterThan(scores[1]).isGreaterThan(-1f).isLessThan(1f);
        assertThat(scores[0]).isGreaterThan(scores[2]);
    }

    @Test
    void shouldRankTheClipThatMatchesEachPromptFirst() {
        Clip yellow = ShapeRenderer.render(new Scene(Combination.of("yellow square left"), 1.5, 5, 22, 12, Background.GRAY));
        Clip magenta = ShapeRenderer.render(new Scene(Combination.of("magenta square left"), 1.5, 5, 22, 12, Background.GRAY));

        float[] forYellow = scorer.score("yellow square moving left on gray", List.of(yellow, magenta));
        float[] forMagenta = scorer.score("magenta square moving left on gray", List.of(yellow, magenta));

        assertThat(forYellow[0]).isGreaterThan(forYellow[1]);
        assertThat(forMagenta[1]).isGreaterThan(forMagenta[0]);
    }

    @Test
    void shouldScoreALargerLongerCopyOfAClipAsTheClipItself() {
        Clip red = render("red circle right", Background.BLACK);
        // 4x larger with every frame twice: the 8 evenly picked frames of 16 are 0, 2, 4, 6, 9, 11, 13, 15,
        // which are frames 0, 1, 2, 3, 4, 5, 6, 7 of the original, and the 4x4 area mean is the original pixel.
        Clip big = enlarged(red, 4);

        float[] scores = scorer.score("red circle moving right", List.of(red, big));

        assertThat(scores[1]).isCloseTo(scores[0], within(1e-5f));
    }

    @Test
    void shouldScoreInBatchesAsOneByOne() {
        List<Clip> clips = List.of(render("red circle right", Background.BLACK),
                render("green cross down", Background.GRAY), render("blue triangle still", Background.BLACK));

        float[] together = scorer.score("green circle moving down", clips);
        for (int i = 0; i < clips.size(); i++) {
            assertThat(scorer.score("green circle moving down", List.of(clips.get(i)))[0]).isCloseTo(together[i], within(1e-4f));
        }
    }

    /** {@code clip} with every frame enlarged {@code factor} times by repeating pixels, and each frame shown twice. */
    static Clip enlarged(Clip clip, int factor) {
        int w = clip.width() * factor;
        int h = clip.height() * factor;
        byte[][] rgb = new byte[clip.frames() * 2][w * h * 3];
        for (int f = 0; f < rgb.length; f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        rgb[f][(y * w + x) * 3 + c] = (byte) clip.at(f / 2, x / factor, y / factor, c);
                    }
                }
            }
        }
        return new Clip(w, h, rgb);
    }
}
