package io.framefleet.generation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlignmentScorerTest {

    static final int[] RED = {230, 30, 30};
    static final int[] GREEN = {30, 200, 40};
    static final int[] BLUE = {40, 60, 230};
    static final int[] YELLOW = {240, 230, 40};
    static final int[] BLACK = {0, 0, 0};
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

    @Test
    void shouldRankAPromptsOwnClipAboveClipsOfOtherColours() {
        Clip red = HandDrawnClips.circle(RED, BLACK, 5.5, 8, 16, 2, 0);
        Clip green = HandDrawnClips.circle(GREEN, BLACK, 5.5, 8, 16, 2, 0);
        Clip blue = HandDrawnClips.circle(BLUE, BLACK, 5.5, 8, 16, 2, 0);

        float[] scores = scorer.score("a red circle moving right", List.of(red, green, blue));
        System.out.printf("scores of 'a red circle moving right' for red, green, blue circles: %.3f %.3f %.3f%n",
                scores[0], scores[1], scores[2]);

        assertThat(scores[0]).isGreaterThan(scores[1]).isGreaterThan(-1f).isLessThan(1f);
        assertThat(scores[0]).isGreaterThan(scores[2]);
    }

    @Test
    void shouldRankTheClipThatMatchesEachPromptFirst() {
        Clip yellow = HandDrawnClips.circle(YELLOW, BLACK, 5.0, 24, 16, -2, 0);
        Clip blue = HandDrawnClips.circle(BLUE, BLACK, 5.0, 24, 16, -2, 0);

        float[] forYellow = scorer.score("yellow circle moving left", List.of(yellow, blue));
        float[] forBlue = scorer.score("blue circle moving left", List.of(yellow, blue));

        assertThat(forYellow[0]).isGreaterThan(forYellow[1]);
        assertThat(forBlue[1]).isGreaterThan(forBlue[0]);
    }

    @Test
    void shouldScoreALargerLongerCopyOfAClipAsTheClipItself() {
        Clip red = HandDrawnClips.circle(RED, BLACK, 5.5, 8, 16, 2, 0);
        // 4x larger with every frame twice: the 8 evenly picked frames of 16 are 0, 2, 4, 6, 9, 11, 13, 15,
        // which are frames 0, 1, 2, 3, 4, 5, 6, 7 of the original, and the 4x4 area mean is the original pixel.
        Clip big = HandDrawnClips.enlarged(red, 4);

        float[] scores = scorer.score("red circle moving right", List.of(red, big));

        assertThat(scores[1]).isCloseTo(scores[0], within(1e-5f));
    }

    @Test
    void shouldScoreInBatchesAsOneByOne() {
        List<Clip> clips = List.of(HandDrawnClips.circle(RED, BLACK, 5.5, 8, 16, 2, 0),
                HandDrawnClips.circle(GREEN, BLACK, 6, 16, 8, 0, 2), HandDrawnClips.circle(BLUE, BLACK, 4.5, 16, 16, 0, 0));

        float[] together = scorer.score("green circle moving down", clips);
        for (int i = 0; i < clips.size(); i++) {
            assertThat(scorer.score("green circle moving down", List.of(clips.get(i)))[0]).isCloseTo(together[i], within(1e-4f));
        }
    }
}
