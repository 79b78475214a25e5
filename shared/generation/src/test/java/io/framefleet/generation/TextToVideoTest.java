package io.framefleet.generation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled model is a few million parameters of convolutions and attention over 8 frames: one denoiser pass
 * costs about a second on two cores, so these tests share one reference generation and use two Euler steps
 * (the sampler's arithmetic is the same at any step count).
 */
class TextToVideoTest {

    static final String PROMPT = "a red circle moving right";
    static final long[] SEEDS = {11, 12};
    static final int STEPS = 2;
    static TextToVideo t2v;
    static List<Clip> reference;

    @BeforeAll
    static void load() {
        BundledModels.assumePresent(BundledModels.BASE);
        t2v = TextToVideo.builder().setRepository(BundledModels.repository()).setName(BundledModels.BASE).build();
        reference = t2v.generate(PROMPT, null, SEEDS, STEPS, 3.0);
    }

    @AfterAll
    static void close() {
        if (t2v != null) {
            t2v.close();
        }
    }

    @Test
    void shouldMakeOneClipOfTheBundlesSizePerSeed() {
        assertThat(reference).hasSize(2);
        GenerationBundle b = t2v.bundle();
        assertThat(reference).allSatisfy(c -> {
            assertThat(c.frames()).isEqualTo(b.frames());
            assertThat(c.width()).isEqualTo(b.width());
            assertThat(c.height()).isEqualTo(b.height());
        });
        assertThat(digest(reference.get(0))).as("different seeds, different clips").isNotEqualTo(digest(reference.get(1)));
    }

    @Test
    void shouldGiveIdenticalBytesForTheSameInputsAcrossCallsAndLoads() {
        List<Clip> again = t2v.generate(PROMPT, null, SEEDS, STEPS, 3.0);
        List<Clip> reloaded;
        try (TextToVideo other = TextToVideo.builder().setRepository(BundledModels.repository())
                .setName(BundledModels.BASE).build()) {
            reloaded = other.generate(PROMPT, null, SEEDS, STEPS, 3.0);
        }

        assertThat(digests(again)).isEqualTo(digests(reference));
        assertThat(digests(reloaded)).isEqualTo(digests(reference));
    }

    @Test
    void shouldGiveACandidateTheSameClipAloneOrInABatch() {
        Clip alone = t2v.generate(PROMPT, null, new long[] {SEEDS[1]}, STEPS, 3.0).get(0);

        assertThat(maxDifference(alone, reference.get(1))).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldChangeTheClipWithGuidance() {
        Clip unguided = t2v.generate(PROMPT, null, new long[] {SEEDS[0]}, STEPS, 0.0).get(0);

        assertThat(meanDifference(unguided, reference.get(0))).isGreaterThan(1.0);
    }

    @Test
    void shouldChangeTheClipWithANegativePrompt() {
        Clip negative = t2v.generate(PROMPT, "red circle on a gray background", new long[] {SEEDS[0]}, STEPS, 3.0).get(0);

        assertThat(meanDifference(negative, reference.get(0))).isGreaterThan(1.0);
    }

    @Test
    void shouldTreatAPromptOfUnknownWordsAsTheEmptyPromptAndReportThem() {
        Clip unknown = t2v.generate("zorblax quux", null, new long[] {5}, 1, 3.0).get(0);
        Clip empty = t2v.generate("", null, new long[] {5}, 1, 3.0).get(0);

        assertThat(digest(unknown)).isEqualTo(digest(empty));
        assertThat(t2v.ignoredWords("zorblax red quux", "zorblax gleep")).containsExactly("zorblax", "quux", "gleep");
    }

    @Test
    void shouldRefuseRequestsTheSamplerCannotRun() {
        assertThatThrownBy(() -> t2v.generate(PROMPT, null, new long[0], STEPS, 3.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> t2v.generate(PROMPT, null, SEEDS, 0, 3.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> t2v.generate(PROMPT, null, SEEDS, STEPS, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guidance");
    }

    /** Minutes on a shared two-core CPU, so only on request: {@code -Dgeneration.timing=true}. */
    @Test
    @EnabledIfSystemProperty(named = "generation.timing", matches = "true")
    void shouldPrintTheTimeOfFourCandidatesAtSixteenSteps() {
        long t0 = System.nanoTime();
        t2v.generate(PROMPT, null, new long[] {1, 2, 3, 4}, 16, 3.0);
        System.out.printf("generate: 4 candidates x 16 steps on %s: %d ms (one run, on a CPU shared with other work)%n",
                t2v.device(), (System.nanoTime() - t0) / 1_000_000);
    }

    static String digest(Clip clip) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] frame : clip.rgb()) {
                d.update(frame);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> digests(List<Clip> clips) {
        return clips.stream().map(TextToVideoTest::digest).toList();
    }

    static double meanDifference(Clip a, Clip b) {
        long sum = 0;
        long n = 0;
        for (int f = 0; f < a.frames(); f++) {
            for (int i = 0; i < a.rgb()[f].length; i++) {
                sum += Math.abs((a.rgb()[f][i] & 0xff) - (b.rgb()[f][i] & 0xff));
                n++;
            }
        }
        return (double) sum / n;
    }

    static int maxDifference(Clip a, Clip b) {
        int max = 0;
        for (int f = 0; f < a.frames(); f++) {
            for (int i = 0; i < a.rgb()[f].length; i++) {
                max = Math.max(max, Math.abs((a.rgb()[f][i] & 0xff) - (b.rgb()[f][i] & 0xff)));
            }
        }
        return max;
    }
}
