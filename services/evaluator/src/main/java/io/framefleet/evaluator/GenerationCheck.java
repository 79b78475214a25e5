package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.evaluator.quality.NoReferenceScores;
import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.ShapesChecker;
import io.framefleet.generation.shapes.ShapesDomain;
import io.framefleet.worker.BadInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How well a generation job's result matches its prompt, measured on what the caller gets: the scorer's
 * cosine for the finished video (resampled to the scorer's size) next to the chosen base clip's, and, for
 * a prompt of the shapes domain, what {@link ShapesChecker} reads in each. A finished video that scores
 * far below its base clip, or reads differently, was damaged by the cascade.
 *
 * @param asked what the prompt asks for, when it is a prompt of the shapes domain
 */
record GenerationCheck(String prompt, JsonNode generation, String scorer, float baseScore, float finalScore,
                       Optional<ShapesDomain.Combination> asked, ShapesChecker.Verdict base,
                       ShapesChecker.Verdict output) {

    private static final ObjectMapper JSON = CloudEvents.json();

    static GenerationCheck measure(String prompt, String generationJson, Path chosenClip, Path output,
                                   AlignmentScorer scorer, ShapesChecker checker) throws BadInputException {
        JsonNode generation;
        try {
            generation = JSON.readTree(generationJson);
        } catch (IOException e) {
            throw new BadInputException("the generation parameter is not JSON: " + e.getMessage());
        }
        if (generation == null || !generation.isObject()) {
            throw new BadInputException("the generation parameter must be a JSON object");
        }
        Clip base = ClipFiles.read(chosenClip, "the chosen base clip");
        Clip result = ClipFiles.read(output, "the finished " + (output.toString().endsWith(".png") ? "image" : "video"));
        float[] scores = scorer.score(prompt, List.of(base, result));
        Optional<ShapesDomain.Combination> asked = ShapesDomain.parse(prompt);
        return new GenerationCheck(prompt, generation, scorer.bundle().tag(), scores[0], scores[1], asked,
                asked.isPresent() ? checker.check(base) : null, asked.isPresent() ? checker.check(result) : null);
    }

    /** The {@code generation} section of report.json. */
    ObjectNode report(NoReferenceScores nr) {
        ObjectNode g = JSON.createObjectNode();
        JsonNode options = generation.path("request").path("options");
        g.put("prompt", prompt);
        if (options.hasNonNull("negativePrompt")) {
            g.put("negativePrompt", options.get("negativePrompt").asText());
        }
        g.put("model", generation.path("model").asText(options.path("model").asText()));
        g.set("threshold", generation.path("threshold"));
        g.set("candidatesPerRound", generation.path("candidates"));
        g.set("maxRounds", generation.path("maxRounds"));
        ArrayNode rounds = g.putArray("rounds");
        for (JsonNode r : generation.path("rounds")) {
            ObjectNode round = rounds.addObject();
            for (String field : new String[] {"round", "seeds", "scores", "best", "bestScore", "ignoredWords"}) {
                if (r.has(field)) {
                    round.set(field, r.get(field));
                }
            }
        }
        g.set("chosen", generation.path("chosen"));
        g.set("reason", generation.path("reason"));
        g.set("why", generation.path("why"));

        ObjectNode alignment = g.putObject("alignment");
        alignment.put("scorer", scorer);
        alignment.put("method", "cosine of the scorer's video and prompt embeddings; the finished video is first"
                + " resampled to the scorer's frames and size (evenly picked frames, area averaging)");
        alignment.put("chosenClip", GateProcessor.round(baseScore));
        alignment.put("finished", GateProcessor.round(finalScore));
        alignment.put("change", GateProcessor.round(finalScore - baseScore));

        ObjectNode shapes = g.putObject("shapes");
        if (asked.isEmpty()) {
            shapes.putNull("asked");
            shapes.put("note", "the prompt names no single colour, shape and motion of the shapes domain; not checked");
        } else {
            shapes.put("asked", asked.get().toString());
            shapes.put("heldOut", asked.get().heldOut());
            shapes.set("chosenClip", verdict(base, asked.get()));
            shapes.set("finished", verdict(output, asked.get()));
        }
        ObjectNode noRef = g.putObject("noReference");
        noRef.put("temporalFlicker", Math.round(nr.temporalFlicker() * 1000) / 1000.0);
        noRef.put("frozenFrames", nr.frozenFrames());
        noRef.put("blackFrames", nr.blackFrames());
        noRef.put("frames", nr.frames());
        return g;
    }

    /** What a replay needs, added to manifest.json: the request as it ran, every seed tried, the models. */
    void manifest(ObjectNode m) {
        JsonNode request = generation.path("request");
        JsonNode options = request.path("options");
        m.put("prompt", prompt);
        if (options.hasNonNull("negativePrompt")) {
            m.put("negativePrompt", options.get("negativePrompt").asText());
        }
        m.set("seed", options.path("seed"));
        m.set("steps", options.path("steps"));
        m.set("guidance", options.path("guidance"));
        m.set("threshold", generation.path("threshold"));
        ArrayNode seeds = m.putArray("seeds");
        String baseModel = null;
        String gateScorer = null;
        for (JsonNode r : generation.path("rounds")) {
            r.path("seeds").forEach(seeds::add);
            if (baseModel == null && r.path("keyframe").hasNonNull("version")) {
                baseModel = r.path("keyframe").path("version").asText();
            }
            if (gateScorer == null && r.path("gate").hasNonNull("version")) {
                gateScorer = r.path("gate").path("version").asText();
            }
        }
        ObjectNode models = m.putObject("models");
        models.put("base", baseModel);
        models.put("gateScorer", gateScorer);
        models.put("evaluationScorer", scorer);
        m.set("generation", generation);
    }

    private static ObjectNode verdict(ShapesChecker.Verdict v, ShapesDomain.Combination asked) {
        ObjectNode o = JSON.createObjectNode();
        o.put("matches", v.matches(asked));
        // Apart, because an image shows colour and shape but never motion.
        o.put("colourMatches", v.colourMatches(asked));
        o.put("shapeMatches", v.shapeMatches(asked));
        o.put("motionMatches", v.motionMatches(asked));
        o.put("status", v.status().name());
        o.put("read", v.describe());
        o.put("colour", v.colour() == null ? null : v.colour().word());
        o.put("shape", v.shape() == null ? null : v.shape().word());
        o.put("motion", v.motion() == null ? null : v.motion().word());
        if (v.status() == ShapesChecker.Status.OK) {
            o.put("colourDistance", Math.round(v.colourDistance() * 10) / 10.0);
            o.put("shapeIou", Math.round(v.shapeIou() * 1000) / 1000.0);
            o.put("speed", Math.round(v.speed() * 100) / 100.0);
            o.put("trackError", Math.round(v.trackError() * 100) / 100.0);
        }
        return o;
    }
}
