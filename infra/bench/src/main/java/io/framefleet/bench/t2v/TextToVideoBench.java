package io.framefleet.bench.t2v;

import io.framefleet.bench.Median;
import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.Clip;
import io.framefleet.generation.TextToVideo;
import io.framefleet.generation.shapes.GroundTruth;
import io.framefleet.generation.shapes.ShapesChecker;
import io.framefleet.generation.shapes.ShapesDomain;
import io.framefleet.generation.shapes.ShapesDomain.Combination;
import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.ModelRepository;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Does the base model draw what the prompt asks for, on combinations it never saw as well as on ones it did?
 * For each combination a round of candidates is generated from the training captions' canonical prompt
 * ("a red circle moving left"), every candidate is read by {@link ShapesChecker} (validated on renders first,
 * and the validation is printed with the results), and three ways of picking are compared: the first
 * candidate alone (one sample, no gate), the scorer's pick of the round (the fleet's gate), and an oracle
 * that takes any candidate the checker passes (the ceiling a perfect gate would reach).
 */
public final class TextToVideoBench {

    /** Seen in training, fixed so runs compare: each colour three times, each shape six, every motion 4-6 times. */
    public static final List<Combination> SEEN = Arrays.stream((
            "red circle left; red square up; red triangle up; green cross down; green circle still; green square left; "
                    + "blue triangle right; blue cross up; blue circle down; yellow square still; yellow triangle left; "
                    + "yellow cross right; magenta circle up; magenta square down; magenta triangle still; "
                    + "cyan cross left; cyan circle right; cyan square up; white triangle down; white cross still; "
                    + "white circle left; orange square right; orange triangle up; orange cross still").split(";\\s*"))
            .map(Combination::of).toList();

    /**
     * @param candidates per round (the gate's choice is among these)
     * @param rounds     rounds per combination, each with fresh seeds
     * @param seed       seed of candidate 0 of the first round of the first combination; all others follow it
     * @param steps      sampler steps; 0 for the bundle's default
     * @param guidance   guidance scale; NaN for the bundle's default
     * @param models     a folder of bundles to use instead of the bundled ones, or null
     * @param minutes    no new combination starts after this long (0: no limit); the table says how many ran
     */
    public record Settings(int candidates, int rounds, long seed, int steps, double guidance, Path models,
                           InferenceDevice device, double minutes) {
    }

    /** Counts over the samples (rounds) of one split. */
    static final class Tally {
        int samples;
        int candidates;
        int noObject;
        int severalObjects;
        int clutter;
        final int[] single = new int[4];
        final int[] best = new int[4];
        final int[] oracle = new int[4];
        double bestScore;

        void add(Combination asked, List<ShapesChecker.Verdict> verdicts, float[] scores, int pick) {
            samples++;
            for (ShapesChecker.Verdict v : verdicts) {
                candidates++;
                noObject += v.status() == ShapesChecker.Status.NO_OBJECT ? 1 : 0;
                severalObjects += v.status() == ShapesChecker.Status.SEVERAL_OBJECTS ? 1 : 0;
                clutter += v.status() == ShapesChecker.Status.CLUTTER ? 1 : 0;
            }
            count(single, verdicts.get(0), asked);
            count(best, verdicts.get(pick), asked);
            boolean[] any = new boolean[4];
            for (ShapesChecker.Verdict v : verdicts) {
                any[0] |= v.colourMatches(asked);
                any[1] |= v.shapeMatches(asked);
                any[2] |= v.motionMatches(asked);
                any[3] |= v.matches(asked);
            }
            for (int i = 0; i < 4; i++) {
                oracle[i] += any[i] ? 1 : 0;
            }
            bestScore += scores[pick];
        }

        private static void count(int[] into, ShapesChecker.Verdict v, Combination asked) {
            into[0] += v.colourMatches(asked) ? 1 : 0;
            into[1] += v.shapeMatches(asked) ? 1 : 0;
            into[2] += v.motionMatches(asked) ? 1 : 0;
            into[3] += v.matches(asked) ? 1 : 0;
        }
    }

    private final Settings settings;

    public TextToVideoBench(Settings settings) {
        this.settings = settings;
    }

    /** Runs the whole benchmark; returns the Markdown section and prints progress to stderr. */
    public String run() {
        StringBuilder md = new StringBuilder("## Text-to-video (shapes domain)\n\n");
        GroundTruth.Accuracy base = GroundTruth.measure(GroundTruth.Form.BASE, 3, 11);
        GroundTruth.Accuracy finals = GroundTruth.measure(GroundTruth.Form.FINAL, 1, 12);
        System.err.println("t2v: checker on renders, " + base.summary());
        System.err.println("t2v: checker on renders, " + finals.summary());

        ModelRepository repository = settings.models() != null ? ModelRepository.folder(settings.models())
                : ModelRepository.classpath(Path.of(System.getProperty("java.io.tmpdir"), "framefleet-models"));
        try (TextToVideo t2v = TextToVideo.builder().setRepository(repository).setName("t2v-shapes")
                .optDevice(settings.device()).build();
             AlignmentScorer scorer = AlignmentScorer.builder().setRepository(repository).setName("t2v-scorer")
                     .optDevice(settings.device()).build()) {
            int steps = settings.steps() > 0 ? settings.steps() : t2v.bundle().defaultSteps();
            double guidance = Double.isNaN(settings.guidance()) ? t2v.bundle().defaultGuidance() : settings.guidance();
            ShapesChecker checker = new ShapesChecker();

            // The engine's first calls are slow; one small generation keeps them out of the timings.
            t2v.generate("a red circle moving left", null, new long[] {0}, 1, guidance);
            scorer.score("a red circle moving left", t2v.generate("", null, new long[] {0}, 1, 0));

            Tally heldOut = new Tally();
            Tally seen = new Tally();
            List<Double> generateSeconds = new ArrayList<>();
            List<Double> scoreSeconds = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            List<Combination> all = new ArrayList<>(ShapesDomain.HELD_OUT);
            all.addAll(SEEN);
            // Held-out and seen alternate, so a run cut short by its time limit still compares the two.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ShapesDomain.HELD_OUT.size() || i < SEEN.size(); i++) {
                if (i < ShapesDomain.HELD_OUT.size()) {
                    order.add(i);
                }
                if (i < SEEN.size()) {
                    order.add(ShapesDomain.HELD_OUT.size() + i);
                }
            }
            long t0 = System.nanoTime();
            int ran = 0;
            for (int k : order) {
                if (settings.minutes() > 0 && System.nanoTime() - t0 > settings.minutes() * 60e9) {
                    break;
                }
                ran++;
                Combination asked = all.get(k);
                String prompt = asked.caption();
                int[] combo = new int[3];
                List<String> picked = new ArrayList<>();
                for (int r = 0; r < settings.rounds(); r++) {
                    long[] seeds = new long[settings.candidates()];
                    for (int i = 0; i < seeds.length; i++) {
                        seeds[i] = settings.seed() + ((long) k * settings.rounds() + r) * settings.candidates() + i;
                    }
                    long g0 = System.nanoTime();
                    List<Clip> clips = t2v.generate(prompt, null, seeds, steps, guidance);
                    long g1 = System.nanoTime();
                    float[] scores = scorer.score(prompt, clips);
                    long g2 = System.nanoTime();
                    generateSeconds.add((g1 - g0) / 1e9);
                    scoreSeconds.add((g2 - g1) / 1e9);
                    int pick = 0;
                    for (int i = 1; i < scores.length; i++) {
                        pick = scores[i] > scores[pick] ? i : pick;
                    }
                    List<ShapesChecker.Verdict> verdicts = clips.stream().map(checker::check).toList();
                    (asked.heldOut() ? heldOut : seen).add(asked, verdicts, scores, pick);
                    combo[0] += verdicts.get(0).matches(asked) ? 1 : 0;
                    combo[1] += verdicts.get(pick).matches(asked) ? 1 : 0;
                    combo[2] += verdicts.stream().anyMatch(v -> v.matches(asked)) ? 1 : 0;
                    picked.add(verdicts.get(pick).describe());
                }
                rows.add(String.format(Locale.ROOT, "| %s | %s | %d/%d | %d/%d | %d/%d | %s |", asked,
                        asked.heldOut() ? "held out" : "seen", combo[0], settings.rounds(), combo[1],
                        settings.rounds(), combo[2], settings.rounds(), String.join("; ", picked)));
                System.err.printf(Locale.ROOT, "t2v: %2d/%d %-24s single %d best %d oracle %d of %d (%.0f s so far)%n",
                        ran, all.size(), asked, combo[0], combo[1], combo[2], settings.rounds(),
                        (System.nanoTime() - t0) / 1e9);
            }

            md.append("Does the base model draw the colour, shape and motion a prompt asks for? For each of the 24 "
                    + "combinations held out of all training (docs/generation.md) and 24 fixed seen ones "
                    + "(`TextToVideoBench.SEEN`), ").append(settings.rounds()).append(settings.rounds() == 1
                    ? " round" : " rounds").append(" of ").append(settings.candidates())
                    .append(" candidates are generated from the canonical caption (\"a red circle moving left\", "
                            + "\"a red circle staying still\"), and every candidate is read by the shapes checker. "
                            + "*Single sample*: candidate 0 alone, as without a gate. *Best of ")
                    .append(settings.candidates()).append("*: the scorer's pick of the round, as the fleet's gate "
                            + "picks. *Oracle any of ").append(settings.candidates())
                    .append("*: the round counts if any candidate passes, the ceiling of a perfect gate.\n\n");
            md.append("- Models: `").append(t2v.bundle().tag()).append("` (").append(t2v.bundle().parameters())
                    .append(" parameters) and scorer `").append(scorer.bundle().tag()).append("` (")
                    .append(scorer.bundle().parameters()).append(" parameters), on ").append(settings.device())
                    .append(", DJL PyTorch engine.\n");
            md.append(String.format(Locale.ROOT, "- Sampler: %d Euler steps, guidance %.1f, no negative prompt; seeds %d "
                            + "upwards, candidate i of round r of combination k (held-out first, in the listed order) "
                            + "uses seed + (k x rounds + r) x candidates + i.%n",
                    steps, guidance, settings.seed()));
            md.append("- Checker (`ShapesChecker`) on ground-truth renders of all 160 combinations, random geometry, "
                    + "both backgrounds: ").append(base.summary()).append("; ").append(finals.summary()).append(".\n");
            md.append("- A sample passes an attribute only when the checker finds exactly one object and reads that "
                    + "attribute right; *all three* needs colour, shape and motion right together.\n\n");

            md.append("| split | pick | colour | shape | motion | all three |\n|---|---|---:|---:|---:|---:|\n");
            for (Tally t : List.of(heldOut, seen)) {
                String split = (t == heldOut ? "held out" : "seen") + " (" + t.samples + " rounds)";
                md.append(row(split, "single sample", t.single, t.samples));
                md.append(row(split, "best of " + settings.candidates() + " (scorer)", t.best, t.samples));
                md.append(row(split, "oracle any of " + settings.candidates(), t.oracle, t.samples));
            }
            md.append('\n');
            for (Tally t : List.of(heldOut, seen)) {
                md.append(String.format(Locale.ROOT, "- %s: of %d candidates, %d show no object, %d several objects, "
                                + "%d clutter (noise or texture all over); mean scorer cosine of the picked candidate "
                                + "%.3f.%n",
                        t == heldOut ? "Held out" : "Seen", t.candidates, t.noObject, t.severalObjects, t.clutter,
                        t.bestScore / Math.max(1, t.samples)));
            }
            md.append(String.format(Locale.ROOT, "- Time: one `generate` of %d candidates at %d steps takes %.3f s "
                            + "(fastest of %d; median %.3f s), %.3f s a candidate; scoring the round %.4f s (fastest; "
                            + "median %.4f s). The machine was shared with other work, hence the fastest as well "
                            + "as the median.%n",
                    settings.candidates(), steps, min(generateSeconds), generateSeconds.size(), median(generateSeconds),
                    min(generateSeconds) / settings.candidates(), min(scoreSeconds), median(scoreSeconds)));
            md.append("- Finished videos (interpolated and upscaled through the fleet) are not part of this run: "
                    + "the checker reads them as well as base clips (the 128x128 line above) and every generation "
                    + "job's report.json carries its verdict (`generation.shapes.finished`).\n\n");
            md.append("Per combination (rounds passing all three; what the scorer's pick of each round reads as):\n\n");
            md.append("| combination | split | single | best of ").append(settings.candidates()).append(" | oracle | scorer's picks read as |\n|---|---|---:|---:|---:|---|\n");
            rows.forEach(r -> md.append(r).append('\n'));
            return md.toString();
        }
    }

    private static String row(String split, String pick, int[] counts, int samples) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", split, pick, pct(counts[0], samples),
                pct(counts[1], samples), pct(counts[2], samples), pct(counts[3], samples));
    }

    private static String pct(int n, int of) {
        return String.format(Locale.ROOT, "%.1f%% (%d)", 100.0 * n / Math.max(1, of), n);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> v) {
        return Median.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
