package io.framefleet.interpolator.flow;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Forward and backward flow of a pair, the two directions at once on two cores (each thread owns its DIS state).
 */
final class FlowEstimator implements AutoCloseable {

    private final int factor;
    private final DenseFlow forward;
    private final DenseFlow backward;
    private final ExecutorService second = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "flow-backward");
        thread.setDaemon(true);
        return thread;
    });

    FlowEstimator(int width, int height, FlowSettings settings) {
        this.factor = FramePair.flowFactor(width, settings.maxFlowWidth());
        this.forward = new DenseFlow(width / factor, height / factor, settings);
        this.backward = new DenseFlow(width / factor, height / factor, settings);
    }

    /** Downscale from frame to flow resolution. */
    int factor() {
        return factor;
    }

    /** {flow a to b, flow b to a} of two grey images at flow resolution. */
    float[][] both(byte[] a, byte[] b) {
        Future<float[]> back = second.submit(() -> backward.compute(b, a));
        float[] ahead = forward.compute(a, b);
        try {
            return new float[][] {ahead, back.get()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating flow", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("backward flow failed", e.getCause());
        }
    }

    @Override
    public void close() {
        second.shutdown();
        try {
            // DIS must not lose its buffers under a running backward pass.
            if (!second.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("backward flow did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forward.close();
        backward.close();
    }
}
