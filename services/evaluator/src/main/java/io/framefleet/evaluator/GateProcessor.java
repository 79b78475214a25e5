package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.StageTask;
import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.ShapesChecker;
import io.framefleet.generation.shapes.ShapesDomain;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.StageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gate of a generation round (docs/generation.md): scores the round's candidate base clips against the
 * prompt before any expensive stage runs, so the planner can keep the best or sample again. Writes the scores
 * as JSON to the task's output and answers {@code scores}, {@code best} and {@code bestScore} in the result.
 * Where the prompt is one of the shapes domain's, the JSON also says what the checker reads in each
 * candidate: it does not steer the choice (the scorer does) but shows whether the scorer chose well.
 */
public class GateProcessor implements StageProcessor {

    public static final String NAME = "gate";
    private static final ObjectMapper JSON = CloudEvents.json();

    private final Supplier<AlignmentScorer> scorer;
    private final ShapesChecker checker = new ShapesChecker();

    public GateProcessor(Supplier<AlignmentScorer> scorer) {
        this.scorer = scorer;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The scorer's tag ({@code name@version+digest}): the gate's answer depends on nothing else. */
    @Override
    public String version() {
        return scorer.get().bundle().tag();
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) throws IOException, BadInputException {
        String prompt = task.params().get("prompt");
        if (prompt == null) {
            throw new BadInputException("gate task " + task.taskId() + " lacks parameter 'prompt'");
        }
        double threshold = threshold(task);
        if (inputs.isEmpty()) {
            throw new BadInputException("gate task " + task.taskId() + " has no candidates to score");
        }
        List<Clip> clips = new ArrayList<>();
        long frames = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Clip clip = ClipFiles.read(inputs.get(i), "candidate " + i + " (" + task.inputs().get(i).key() + ")");
            clips.add(clip);
            frames += clip.frames();
        }
        AlignmentScorer s = scorer.get();
        float[] scores = s.score(prompt, clips);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }

        ObjectNode out = JSON.createObjectNode();
        out.put("jobId", task.jobId());
        out.put("round", task.segment());
        out.put("prompt", prompt);
        out.put("threshold", threshold);
        out.put("scorer", s.bundle().tag());
        ArrayNode ignored = out.putArray("ignoredWords");
        s.tokenizer().tokenize(prompt).ignored().forEach(ignored::add);
        ArrayNode list = out.putArray("scores");
        for (float v : scores) {
            list.add(round(v));
        }
        out.put("best", best);
        out.put("bestScore", round(scores[best]));
        out.put("reachedThreshold", scores[best] >= threshold);
        out.set("candidates", JSON.valueToTree(task.inputs()));
        Optional<ShapesDomain.Combination> asked = ShapesDomain.parse(prompt);
        if (asked.isPresent()) {
            ObjectNode shapes = out.putObject("shapes");
            shapes.put("asked", asked.get().toString());
            shapes.put("heldOut", asked.get().heldOut());
            ArrayNode seen = shapes.putArray("candidates");
            for (Clip clip : clips) {
                ShapesChecker.Verdict v = checker.check(clip);
                seen.addObject().put("read", v.describe()).put("matches", v.matches(asked.get()));
            }
        }
        Path file = workDir.resolve("gate.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));

        Map<String, String> results = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < scores.length; i++) {
            csv.append(i == 0 ? "" : ",").append(decimal(scores[i]));
        }
        results.put("scores", csv.toString());
        results.put("best", Integer.toString(best));
        results.put("bestScore", decimal(scores[best]));
        return new ProcessorResult(List.of(new ProcessorResult.Output(file, task.output())), frames, results);
    }

    private static double threshold(StageTask task) throws BadInputException {
        String value = task.params().get("threshold");
        if (value == null) {
            throw new BadInputException("gate task " + task.taskId() + " lacks parameter 'threshold'");
        }
        try {
            double t = Double.parseDouble(value.trim());
            if (!(t >= -1 && t <= 1)) {
                throw new BadInputException("threshold must be a cosine, -1 to 1, got " + value);
            }
            return t;
        } catch (NumberFormatException e) {
            throw new BadInputException("threshold must be a number, got '" + value + "'");
        }
    }

    /** Six decimals: far finer than the scorer's own precision, short enough to read. */
    static String decimal(float v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
