package io.framefleet.generation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextToVideoTest {

    static final String PROMPT = "red circle moving right";
    static final long[] SEEDS = {11, 12};
    static final int STEPS = 6;
    static TextToVideo t2v;

    @BeforeAll
    static void load() {
        BundledModels.assumePresent(BundledModels.BASE);
        t2v = TextToVideo.builder().setRepository(BundledModels.repository()).setName(BundledModels.BASE).build();
    }

    @AfterAll
    static void close() {
        if (t2v != null) {
            t2v.close();
        }
    }

    @Test
    void shouldMakeOneClipOfTheBundlesSizePerSeed() {
        List<Clip> clips = t2v.generate(PROMPT, null, SEEDS, STEPS, 3.0);

        assertThat(clips).hasSize(2);
        GenerationBundle b = t2v.bundle();
        assertThat(clips).allSatisfy(c -> {
            assertThat(c.frames()).isEqualTo(b.frames());
            assertThat(c.width()).isEqualTo(b.width());
            assertThat(c.height()).isEqualTo(b.height());
        });
        assertThat(digest(clips.get(0))).as("different seeds, different clips").isNotEqualTo(digest(clips.get(1)));
    }

    @Test
    void shouldGiveIdenticalBytesForTheSameInputsAcrossCallsAndLoads() {
        List<Clip> first = t2v.generate(PROMPT, "blue", SEEDS, STEPS, 3.0);
        List<Clip> again = t2v.generate(PROMPT, "blue", SEEDS, STEPS, 3.0);
        List<Clip> reloaded;
        try (TextToVideo other = TextToVideo.builder().setRepository(BundledModels.repository())
                .setName(BundledModels.BASE).build()) {
            reloaded = other.generate(PROMPT, "blue", SEEDS, STEPS, 3.0);
        }

        assertThat(digests(again)).isEqualTo(digests(first));
        assertThat(digests(reloaded)).isEqualTo(digests(first));
    }

    @Test
    void shouldGiveACandidateTheSameClipAloneOrInABatch() {
        List<Clip> batched = t2v.generate(PROMPT, null, new long[] {21, 22, 23}, STEPS, 3.0);
        List<Clip> alone = t2v.generate(PROMPT, null, new long[] {22}, STEPS, 3.0);

        assertThat(maxDifference(alone.get(0), batched.get(1))).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldChangeTheClipWithGuidance() {
        Clip unguided = t2v.generate(PROMPT, null, SEEDS, STEPS, 0.0).get(0);
        Clip guided = t2v.generate(PROMPT, null, SEEDS, STEPS, 3.0).get(0);

        assertThat(meanDifference(unguided, guided)).isGreaterThan(1.0);
    }

    @Test
    void shouldChangeTheClipWithANegativePrompt() {
        Clip plain = t2v.generate(PROMPT, null, SEEDS, STEPS, 3.0).get(0);
        Clip negative = t2v.generate(PROMPT, "gray background", SEEDS, STEPS, 3.0).get(0);

        assertThat(meanDifference(plain, negative)).isGreaterThan(1.0);
    }

    @Test
    void shouldTreatAPromptOfUnknownWordsAsTheEmptyPromptAndReportThem() {
        Clip unknown = t2v.generate("zorblax quux", null, SEEDS, STEPS, 3.0).get(0);
        Clip empty = t2v.generate("", null, SEEDS, STEPS, 3.0).get(0);

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

    @Test
    void shouldPrintTheTimeOfFourCandidatesAtSixteenSteps() {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            t2v.generate(PROMPT, null, new long[] {1, 2, 3, 4}, 16, 3.0);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("generate: 4 candidates x 16 steps on %s: %d ms (best of 3, shared CPU)%n", t2v.device(),
                best / 1_000_000);
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
