package io.framefleet.keyframe;

import io.framefleet.contracts.StageTask;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.Rational;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a keyframe task asks for, checked: every way a task can be wrong is found here, before any model runs, and
 * reported as bad input (the planner fails the job with the reason rather than retrying). An empty prompt, or one
 * whose words the vocabulary lacks, is not wrong: it asks for the unconditional clip.
 *
 * @param negative null when the task gives none
 * @param output   the key prefix the candidates and preview go under, ending in {@code /}
 */
public record KeyframeRequest(String prompt, String negative, long[] seeds, int steps, double guidance, Rational fps,
                              String model, String output) {

    public static final int MAX_SEEDS = 16;
    public static final int MAX_STEPS = 200;
    public static final double MAX_GUIDANCE = 30;
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public static KeyframeRequest of(StageTask task, String defaultModel) throws BadInputException {
        String prompt = required(task, "prompt");
        String negative = task.params().get("negative");
        long[] seeds = seeds(required(task, "seeds"));
        int steps = integer(task, "steps");
        if (steps < 1 || steps > MAX_STEPS) {
            throw new BadInputException("steps must be 1 to " + MAX_STEPS + ", got " + steps);
        }
        double guidance = decimal(task, "guidance");
        if (!(guidance >= 0 && guidance <= MAX_GUIDANCE)) {
            throw new BadInputException("guidance must be 0 to " + MAX_GUIDANCE + ", got " + task.params().get("guidance"));
        }
        Rational fps;
        try {
            fps = Rational.parse(required(task, "fps"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("fps must be a positive rate such as 4/1, got '" + task.params().get("fps") + "'");
        }
        String model = task.params().getOrDefault("model", defaultModel);
        // The name becomes a folder or key of the model repository: nothing but a plain name may reach it.
        if (!MODEL.matcher(model).matches() || model.contains("..")) {
            throw new BadInputException("model must be a model name such as t2v-shapes, got '" + model + "'");
        }
        String output = task.output().key().endsWith("/") ? task.output().key() : task.output().key() + "/";
        return new KeyframeRequest(prompt, negative == null || negative.isBlank() ? null : negative, seeds, steps,
                guidance, fps, model, output);
    }

    static long[] seeds(String text) throws BadInputException {
        String[] parts = text.split(",", -1);
        if (text.isBlank()) {
            throw new BadInputException("seeds must name at least one seed, got none");
        }
        if (parts.length > MAX_SEEDS) {
            throw new BadInputException("at most " + MAX_SEEDS + " seeds (candidates) per task, got " + parts.length);
        }
        long[] seeds = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                seeds[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("seed " + i + " is not an integer: '" + parts[i].trim() + "'");
            }
        }
        return seeds;
    }

    private static String required(StageTask task, String name) throws BadInputException {
        String value = task.params().get(name);
        if (value == null) {
            throw new BadInputException("keyframe task " + task.taskId() + " lacks parameter '" + name + "'");
        }
        return value;
    }

    private static int integer(StageTask task, String name) throws BadInputException {
        String value = required(task, name);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static double decimal(StageTask task, String name) throws BadInputException {
        String value = required(task, name);
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " must be a number, got '" + value + "'");
        }
    }

    @Override
    public long[] seeds() {
        return seeds.clone();
    }

    @Override
    public String toString() {
        return "KeyframeRequest[prompt=" + prompt + ", negative=" + negative + ", seeds=" + Arrays.toString(seeds)
                + ", steps=" + steps + ", guidance=" + guidance + ", fps=" + fps + ", model=" + model + "]";
    }
}
