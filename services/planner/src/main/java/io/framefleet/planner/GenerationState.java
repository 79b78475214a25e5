package io.framefleet.planner;

import io.framefleet.contracts.GenerationRequested;
import io.framefleet.contracts.ObjectRef;

import java.util.ArrayList;
import java.util.List;

/**
 * What a generation job has sampled and scored so far, kept in the job's state so a restarted
 * planner goes on with the same rounds.
 *
 * @param rounds by round number, each added when its keyframe task completes
 * @param chosen null until the gate loop ends
 */
public record GenerationState(GenerationRequested request, List<Round> rounds, Chosen chosen) {

    /**
     * One sampling round.
     *
     * @param candidates the base clips, in seed order
     * @param clip       frames and size of each base clip
     * @param scores     null until the round's gate task completes
     */
    public record Round(int round, List<Long> seeds, List<ObjectRef> candidates, ObjectRef preview,
                        List<String> ignoredWords, ClipShape clip, Step keyframe, List<Double> scores, Integer best,
                        Double bestScore, Step gate) {

        public boolean scored() {
            return scores != null;
        }

        Round scored(List<Double> newScores, int newBest, double newBestScore, Step gateStep) {
            return new Round(round, seeds, candidates, preview, ignoredWords, clip, keyframe, newScores, newBest,
                    newBestScore, gateStep);
        }
    }

    /** What the base model made: frames of width x height. */
    public record ClipShape(int frames, int width, int height) {
    }

    /** Which processor did a step, for the report. */
    public record Step(String processor, String version) {
    }

    /**
     * The candidate that goes on to the cascade.
     *
     * @param reason {@code threshold} when its score reached the threshold, {@code rounds} when no round did
     * @param why    the same in words
     */
    public record Chosen(int round, int index, long seed, double score, ObjectRef clip, String reason, String why) {
    }

    public Round round(int number) {
        return number < rounds.size() ? rounds.get(number) : null;
    }

    GenerationState withRound(Round r) {
        List<Round> next = new ArrayList<>(rounds);
        if (r.round() < next.size()) {
            next.set(r.round(), r);
        } else {
            next.add(r);
        }
        return new GenerationState(request, List.copyOf(next), chosen);
    }

    GenerationState withChosen(Chosen c) {
        return new GenerationState(request, rounds, c);
    }

    /** The best scored round so far; an earlier round wins a tie, so a replay chooses the same clip. */
    public Round bestRound() {
        Round best = null;
        for (Round r : rounds) {
            if (r.scored() && (best == null || r.bestScore() > best.bestScore())) {
                best = r;
            }
        }
        return best;
    }
}
