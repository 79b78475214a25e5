package io.framefleet.evaluator;

import io.framefleet.generation.AlignmentScorer;

import java.util.function.Supplier;

/**
 * The scorer, loaded on first use and then shared: enhancement jobs never need it, so an evaluator that
 * only assembles enhancements neither waits for nor depends on it. A failed load is not remembered; the
 * next task tries again (the runtime retries it as an engine failure).
 */
final class LazyScorer implements Supplier<AlignmentScorer>, AutoCloseable {

    private final Supplier<AlignmentScorer> loader;
    private AlignmentScorer scorer;

    LazyScorer(Supplier<AlignmentScorer> loader) {
        this.loader = loader;
    }

    @Override
    public synchronized AlignmentScorer get() {
        if (scorer == null) {
            scorer = loader.get();
        }
        return scorer;
    }

    @Override
    public synchronized void close() {
        if (scorer != null) {
            scorer.close();
            scorer = null;
        }
    }
}
