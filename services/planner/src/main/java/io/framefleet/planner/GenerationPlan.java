package io.framefleet.planner;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.GenerationRequested;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.MediaInfo;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Segment;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text-to-video plan: rounds of KEYFRAME (sample candidates) then GATE (score them against
 * the prompt) until the best candidate reaches the threshold or the rounds run out; the chosen
 * base clip then goes through the enhancement cascade ({@link CascadePlan}) as the job's only
 * source segment, so interpolation, upscaling and evaluation are the ones enhancement uses.
 */
public final class GenerationPlan {

    /** What the base model makes when its keyframe result does not say (the t2v-shapes bundle). */
    static final int BASE_FRAMES = 8;
    static final int BASE_SIZE = 32;
    static final String GATE_PROCESSOR = "gate";

    private GenerationPlan() {
    }

    public static boolean handles(Stage stage) {
        return stage == Stage.KEYFRAME || stage == Stage.GATE;
    }

    /**
     * The first round of a new job.
     *
     * @throws IllegalArgumentException when the request is incomplete or out of range
     */
    public static Map<String, TaskState> start(GenerationRequested g, Instant now) {
        if (g.prompt() == null || g.prompt().isBlank()) {
            throw new IllegalArgumentException("the request has no prompt");
        }
        GenerateOptions o = g.options();
        if (o == null || o.seed() == null || !o.equals(o.withDefaults())) {
            throw new IllegalArgumentException("the request's options are not complete (ingest fills them and the seed)");
        }
        o.check();
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        put(tasks, keyframe(0, now));
        return tasks;
    }

    public static boolean ready(JobState job, TaskState t) {
        return t.stage() == Stage.KEYFRAME || isDone(job.task(Stage.KEYFRAME, t.segment()));
    }

    /** The message for one attempt of a keyframe or gate task. */
    public static StageTask task(JobState job, TaskState t, PlannerSettings settings) {
        GenerationState g = job.generation();
        GenerateOptions o = g.request().options();
        Map<String, String> params = new LinkedHashMap<>();
        List<ObjectRef> inputs = new ArrayList<>();
        ObjectRef output;
        int round = t.segment();
        if (t.stage() == Stage.KEYFRAME) {
            params.put("prompt", g.request().prompt());
            if (o.negativePrompt() != null) {
                params.put("negative", o.negativePrompt());
            }
            List<String> seeds = new ArrayList<>();
            for (int i = 0; i < o.candidates(); i++) {
                seeds.add(Long.toString(o.seedOf(round, i)));
            }
            params.put("seeds", String.join(",", seeds));
            params.put("steps", Integer.toString(o.steps()));
            params.put("guidance", Double.toString(o.guidance()));
            // Asked for before the model runs, so from the bundle's frame count; the bundle names no other.
            int[] fps = baseFps(BASE_FRAMES, o.seconds());
            params.put("fps", fps[0] + "/" + fps[1]);
            params.put("model", o.model());
            output = ObjectRef.of(settings.workBucket(),
                    StageTask.outputPrefix(job.jobId(), Stage.KEYFRAME, round, t.attempt()));
        } else {
            inputs.addAll(g.round(round).candidates());
            params.put("processor", GATE_PROCESSOR);
            params.put("prompt", g.request().prompt());
            params.put("threshold", Double.toString(o.threshold()));
            output = ObjectRef.of(settings.workBucket(),
                    StageTask.outputKey(job.jobId(), Stage.GATE, round, t.attempt(), "json"));
        }
        return new StageTask(StageTask.taskId(job.jobId(), t.stage(), round, t.attempt()), job.jobId(), t.stage(),
                round, t.attempt(), inputs, output, params);
    }

    /**
     * Records a round's candidates and preview (the status shows the preview at once) and asks for their scores.
     *
     * @throws IllegalArgumentException when the result does not hold the round's candidates and preview
     */
    static JobState afterKeyframe(JobState job, TaskCompleted c, Instant now) {
        GenerationState g = job.generation();
        GenerateOptions o = g.request().options();
        List<ObjectRef> candidates = new ArrayList<>();
        ObjectRef preview = null;
        for (ObjectRef out : c.outputs()) {
            if (out.key().endsWith(".png")) {
                preview = out;
            } else {
                candidates.add(out);
            }
        }
        if (candidates.size() != o.candidates() || preview == null) {
            throw new IllegalArgumentException("keyframe round " + c.segment() + " returned " + candidates.size()
                    + " candidates" + (preview == null ? " and no preview" : "") + " but " + o.candidates()
                    + " candidates and a preview were asked for");
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < o.candidates(); i++) {
            seeds.add(o.seedOf(c.segment(), i));
        }
        String ignored = c.results() == null ? null : c.results().get("ignoredWords");
        List<String> ignoredWords = ignored == null || ignored.isBlank() ? List.of()
                : Arrays.stream(ignored.split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
        GenerationState.Round r = new GenerationState.Round(c.segment(), List.copyOf(seeds), List.copyOf(candidates),
                preview, ignoredWords, shape(c), new GenerationState.Step(c.processor(), c.processorVersion()), null,
                null, null, null);
        Map<String, TaskState> tasks = new LinkedHashMap<>(job.tasks());
        put(tasks, new TaskState(Stage.GATE, c.segment(), 1, TaskState.Status.WAITING, now, null, null, null, null,
                null));
        return job.withGeneration(g.withRound(r), tasks, List.of(preview), now);
    }

    /**
     * Records a round's scores; samples another round while the best is below the threshold and
     * rounds are left, else chooses the best candidate and plans its cascade.
     *
     * @throws IllegalArgumentException when the scores do not fit the round
     */
    static JobState afterGate(JobState job, TaskCompleted c, Instant now) {
        GenerationState g = job.generation();
        GenerateOptions o = g.request().options();
        GenerationState.Round round = g.round(c.segment());
        if (round == null) {
            throw new IllegalArgumentException("gate result for round " + c.segment() + ", which has no candidates");
        }
        List<Double> scores = new ArrayList<>();
        for (String s : c.result("scores").split(",")) {
            scores.add(Double.parseDouble(s.trim()));
        }
        if (scores.size() != round.candidates().size()) {
            throw new IllegalArgumentException("gate round " + c.segment() + " scored " + scores.size()
                    + " candidates but the round has " + round.candidates().size());
        }
        int best = argmax(scores);
        g = g.withRound(round.scored(List.copyOf(scores), best, scores.get(best),
                new GenerationState.Step(c.processor(), c.processorVersion())));
        GenerationState.Round bestRound = g.bestRound();
        double score = bestRound.bestScore();
        Map<String, TaskState> tasks = new LinkedHashMap<>(job.tasks());
        if (score < o.threshold() && c.segment() + 1 < o.maxRounds()) {
            put(tasks, keyframe(c.segment() + 1, now));
            return job.withGeneration(g, tasks, job.outputs(), now);
        }
        boolean reached = score >= o.threshold();
        String why = reached
                ? String.format(Locale.ROOT, "%.3f reached the threshold %.3f in round %d", score, o.threshold(),
                        bestRound.round())
                : String.format(Locale.ROOT, "no candidate reached the threshold %.3f in %d rounds; the best, %.3f "
                        + "from round %d, goes on", o.threshold(), o.maxRounds(), score, bestRound.round());
        GenerationState.Chosen chosen = new GenerationState.Chosen(bestRound.round(), bestRound.best(),
                bestRound.seeds().get(bestRound.best()), score, bestRound.candidates().get(bestRound.best()),
                reached ? "threshold" : "rounds", why);
        JobRequested cascade = cascadeRequest(g.request(), chosen.clip(), bestRound.clip());
        tasks.putAll(CascadePlan.tasks(cascade, Targets.of(cascade.options(), cascade.media()), now));
        return job.withGeneration(g.withChosen(chosen), tasks, job.outputs(), now).withRequest(cascade);
    }

    /** The enhancement request that takes the chosen base clip to the asked-for video (or image). */
    static JobRequested cascadeRequest(GenerationRequested g, ObjectRef clip, GenerationState.ClipShape shape) {
        GenerateOptions o = g.options();
        int[] fps = baseFps(shape.frames(), o.seconds());
        MediaInfo media = new MediaInfo(shape.width(), shape.height(), fps[0], fps[1], shape.frames(), o.seconds(), 0,
                "matroska", "ffv1", null, null, null);
        // A still keeps the base rate, so nothing is interpolated: only the size changes.
        EnhanceOptions options = new EnhanceOptions(null, o.image() ? null : o.fps(), null, o.width(), o.height(),
                o.codec(), o.interpolator(), o.upscaler());
        return new JobRequested(g.jobId(), g.submittedAt(), g.origin(), clip, g.outputBucket(), options, media,
                List.of(new Segment(0, 0, shape.frames(), true, clip)));
    }

    /** The base clips' frames and size as the keyframe service reports them, else the bundle's. */
    private static GenerationState.ClipShape shape(TaskCompleted c) {
        return new GenerationState.ClipShape(number(c, "frames", BASE_FRAMES), number(c, "width", BASE_SIZE),
                number(c, "height", BASE_SIZE));
    }

    private static int number(TaskCompleted c, String name, int absent) {
        String value = c.results() == null ? null : c.results().get(name);
        int n = value == null ? absent : Integer.parseInt(value.trim());
        if (n < 1) {
            throw new IllegalArgumentException(name + " of the base clips must be positive but was " + n);
        }
        return n;
    }

    /** What the evaluator puts in report.json and manifest.json about the rounds and the choice. */
    static Map<String, Object> summary(GenerationState g) {
        GenerateOptions o = g.request().options();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("request", g.request());
        s.put("model", o.model());
        s.put("threshold", o.threshold());
        s.put("candidates", o.candidates());
        s.put("maxRounds", o.maxRounds());
        s.put("rounds", g.rounds());
        GenerationState.Chosen c = g.chosen();
        if (c != null) {
            Map<String, Object> chosen = new LinkedHashMap<>();
            chosen.put("round", c.round());
            chosen.put("index", c.index());
            chosen.put("seed", c.seed());
            chosen.put("score", c.score());
            chosen.put("clip", c.clip());
            s.put("chosen", chosen);
            s.put("reason", c.reason());
            s.put("why", c.why());
        }
        return s;
    }

    /** {@code frames / seconds} as a reduced fraction; seconds are taken to the millisecond. */
    static int[] baseFps(int frames, double seconds) {
        int num = frames * 1000;
        int den = (int) Math.round(seconds * 1000);
        int g = gcd(num, den);
        return new int[] {num / g, den / g};
    }

    private static TaskState keyframe(int round, Instant now) {
        return new TaskState(Stage.KEYFRAME, round, 1, TaskState.Status.PENDING, now, null, null, null, null, null);
    }

    private static int argmax(List<Double> scores) {
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i) > scores.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private static boolean isDone(TaskState t) {
        return t != null && t.status() == TaskState.Status.DONE;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void put(Map<String, TaskState> tasks, TaskState t) {
        tasks.put(t.key(), t);
    }
}
