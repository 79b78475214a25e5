package io.framefleet.interpolator.flow;

import io.framefleet.media.FrameReader;
import io.framefleet.media.MediaException;
import io.framefleet.media.RgbSegmentWriter;
import io.framefleet.worker.Rational;

import java.nio.file.Path;

/**
 * Frame-rate conversion by dense optical flow: reads a segment (plus the next segment's first frame, when given),
 * writes exactly {@code expectedFrames} RGB frames at the target rate to a lossless segment. Plain Java, no CDI, so
 * the benchmark runs the very code the service runs.
 * <p>
 * Frame accounting is the one {@link io.framefleet.media.FrameFilter} gives FFmpeg's filters: output frame k lies at
 * source position k * src / dst ({@link Timeline}); without a lookahead the last frame is held.
 */
public final class FlowInterpolator {

    private final FlowSettings settings;
    private long pairs;
    private long cuts;
    private long duplicates;
    private long unreliable;

    public FlowInterpolator(FlowSettings settings) {
        this.settings = settings;
    }

    /** Algorithm and parameters. */
    public String version() {
        return settings.version();
    }

    /**
     * Converts {@code segment} from {@code src} to {@code dst} frames per second.
     *
     * @return frames written, always {@code expectedFrames}
     */
    public long interpolate(Path segment, Path lookahead, Rational src, Rational dst, long expectedFrames, Path out) {
        if (expectedFrames < 1) {
            throw new IllegalArgumentException("expectedFrames must be at least 1, got " + expectedFrames);
        }
        Timeline timeline = new Timeline(src, dst);
        try (Source frames = new Source(segment, lookahead)) {
            int width = frames.width();
            int height = frames.height();
            try (FlowEstimator flows = new FlowEstimator(width, height, settings);
                 Analyses analyses = new Analyses(width, height, settings, flows);
                 Warp warp = new Warp(width, height, flows.factor());
                 RgbSegmentWriter encoded = RgbSegmentWriter.open(out, width, height, dst.num(), dst.den());
                 OrderedWriter writer = new OrderedWriter(encoded)) {
                FramePair pair = null;
                long pairStart = -1;
                for (long k = 0; k < expectedFrames; k++) {
                    long i = timeline.frameBefore(k);
                    double t = timeline.fraction(k);
                    byte[] before = frames.segmentFrame(i);
                    if (before == null) {
                        // Past the segment's last frame: held, as FrameFilter holds it.
                        writer.write(frames.lastSegmentFrame());
                        continue;
                    }
                    byte[] after = t > 0 ? frames.following(i) : null;
                    if (after == null) {
                        writer.write(before);
                        continue;
                    }
                    if (pairStart != i) {
                        FramePair previous = pairStart == i - 1 ? pair : null;
                        analyses.request(i, before, after);
                        byte[] afterNext = frames.following(i + 1);
                        if (afterNext != null) {
                            analyses.request(i + 1, after, afterNext);
                        }
                        pair = analyses.take(i);
                        pairStart = i;
                        count(pair.kind());
                        FramePair next = afterNext == null ? null : analyses.peek(i + 1);
                        pair.neighbours(previous, next);
                        // The pair after next is analysed while this one is warped: the two overlap on the cores.
                        byte[] third = afterNext == null ? null : frames.following(i + 2);
                        if (third != null) {
                            analyses.request(i + 2, afterNext, third);
                        }
                    }
                    writer.write(pair.at(t, warp));
                }
                writer.finish();
                return encoded.frames();
            }
        }
    }

    /** An executor with one daemon thread of that name: a stuck native call must not keep the JVM alive. */
    static java.util.concurrent.ExecutorService singleThread(String name) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private void count(FramePair.Kind kind) {
        pairs++;
        switch (kind) {
            case CUT -> cuts++;
            case DUPLICATE -> duplicates++;
            case UNRELIABLE -> unreliable++;
            default -> { }
        }
    }

    /** Pairs interpolated so far, and how many of them were cuts, repeated frames or blended for want of flow. */
    public String statistics() {
        return pairs + " pairs: " + cuts + " cuts, " + duplicates + " duplicates, " + unreliable + " blended";
    }

    /**
     * Encodes frames on a thread of its own, in order, while the next ones are computed: lossless RGB encoding is
     * single-threaded and would otherwise leave a core idle. At most a few frames wait, to bound memory.
     */
    private static final class OrderedWriter implements AutoCloseable {

        private final RgbSegmentWriter segment;
        private final java.util.concurrent.ExecutorService encoder = singleThread("flow-encoder");
        private final java.util.concurrent.Semaphore pending = new java.util.concurrent.Semaphore(3);
        private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();

        OrderedWriter(RgbSegmentWriter segment) {
            this.segment = segment;
        }

        void write(byte[] rgb) {
            rethrow();
            pending.acquireUninterruptibly();
            encoder.execute(() -> {
                try {
                    if (failure.get() == null) {
                        segment.write(rgb);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    pending.release();
                }
            });
        }

        /** Waits until every frame is encoded; rethrows the first encoding failure. */
        void finish() {
            pending.acquireUninterruptibly(3);
            pending.release(3);
            rethrow();
        }

        private void rethrow() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void close() {
            encoder.shutdown();
            try {
                // The segment writer is closed after this: no frame may still be in flight.
                encoder.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Pair analyses (classification and flow) by the index of the pair's first frame, run in order on a thread of
     * their own so that the next pairs are analysed while the current one is warped. Only that thread uses the
     * {@link FlowEstimator}.
     */
    private static final class Analyses implements AutoCloseable {

        private final int width;
        private final int height;
        private final FlowSettings settings;
        private final FlowEstimator flows;
        private final java.util.concurrent.ExecutorService worker = singleThread("flow-analysis");
        private final java.util.NavigableMap<Long, java.util.concurrent.Future<FramePair>> pending =
                new java.util.TreeMap<>();

        Analyses(int width, int height, FlowSettings settings, FlowEstimator flows) {
            this.width = width;
            this.height = height;
            this.settings = settings;
            this.flows = flows;
        }

        /** Starts analysing the pair at {@code index} (frames a and b) unless it is already under way. */
        void request(long index, byte[] a, byte[] b) {
            pending.computeIfAbsent(index, i -> worker.submit(
                    () -> FramePair.analyse(a, b, width, height, settings, flows)));
        }

        /** The pair at {@code index}, waiting for it; analyses of earlier pairs are dropped. */
        FramePair take(long index) {
            pending.headMap(index, false).clear();
            return peek(index);
        }

        /** The pair at {@code index}, waiting for it; it stays available. */
        FramePair peek(long index) {
            java.util.concurrent.Future<FramePair> future = pending.get(index);
            if (future == null) {
                throw new IllegalStateException("pair " + index + " was never requested");
            }
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while analysing frames", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw new IllegalStateException("frame analysis failed", e.getCause());
            }
        }

        @Override
        public void close() {
            worker.shutdownNow();
            boolean interrupted = false;
            // The flow estimator is closed after this: no analysis may still be running on it.
            while (true) {
                try {
                    if (worker.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The segment's frames by index, read forward on demand, keeping the last four, and the lookahead's first
     * frame as the one after the last. Decoding runs a couple of frames ahead on a thread of its own, so it
     * overlaps the flow and warping work instead of stalling it.
     */
    private static final class Source implements AutoCloseable {

        private static final Object END = new Object();

        private final FrameReader reader;
        private final java.util.concurrent.BlockingQueue<Object> decoded =
                new java.util.concurrent.ArrayBlockingQueue<>(2);
        private final Thread decoder;
        private volatile boolean closing;
        private final Path lookahead;
        private final int width;
        private final int height;
        private boolean ended;
        private long lastIndex;
        private byte[] last;
        private byte[] previous;
        private byte[] older;
        private byte[] oldest;
        private byte[] lookaheadFrame;
        private boolean lookaheadRead;

        Source(Path segment, Path lookahead) {
            this.reader = FrameReader.open(segment);
            this.lookahead = lookahead;
            if (!reader.next()) {
                reader.close();
                throw new MediaException("segment " + segment.getFileName() + " has no frames");
            }
            last = reader.rgb();
            width = reader.width();
            height = reader.height();
            decoder = new Thread(this::decode, "flow-decoder");
            decoder.setDaemon(true);
            decoder.start();
        }

        private void decode() {
            Object item = END;
            try {
                while (!closing && reader.next()) {
                    decoded.put(reader.rgb());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // Handed to the reading thread, which would otherwise wait for a frame forever.
                item = e;
            }
            try {
                decoded.put(item);
            } catch (InterruptedException e) {
                // closing: nobody waits for the end any more
            }
        }

        /** The next decoded frame, or null at the end. */
        private byte[] nextDecoded() {
            Object item;
            try {
                item = decoded.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding", e);
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item instanceof Error e) {
                throw e;
            }
            return item == END ? null : (byte[]) item;
        }

        int width() {
            return width;
        }

        int height() {
            return height;
        }

        /** Frame {@code index} of the segment, or null past its end. */
        byte[] segmentFrame(long index) {
            while (lastIndex < index && !ended) {
                byte[] frame = nextDecoded();
                if (frame == null) {
                    ended = true;
                    break;
                }
                oldest = older;
                older = previous;
                previous = last;
                last = frame;
                lastIndex++;
            }
            if (index == lastIndex) {
                return last;
            }
            if (index == lastIndex - 1 && previous != null) {
                return previous;
            }
            if (index == lastIndex - 2 && older != null) {
                return older;
            }
            if (index == lastIndex - 3 && oldest != null) {
                return oldest;
            }
            if (index > lastIndex) {
                return null;
            }
            throw new IllegalStateException("frame " + index + " was already dropped");
        }

        /** The frame after segment frame {@code index}: the next segment frame or the lookahead; null if none. */
        byte[] following(long index) {
            byte[] next = segmentFrame(index + 1);
            if (next != null) {
                return next;
            }
            if (index == lastIndex) {
                return lookaheadFrame();
            }
            return null;
        }

        byte[] lastSegmentFrame() {
            return last;
        }

        private byte[] lookaheadFrame() {
            if (lookaheadRead || lookahead == null) {
                return lookaheadFrame;
            }
            lookaheadRead = true;
            try (FrameReader next = FrameReader.open(lookahead)) {
                if (next.next()) {
                    if (next.width() != width || next.height() != height) {
                        throw new MediaException("lookahead " + lookahead.getFileName() + " is " + next.width()
                                + "x" + next.height() + ", segment is " + width + "x" + height);
                    }
                    lookaheadFrame = next.rgb();
                }
            }
            return lookaheadFrame;
        }

        @Override
        public void close() {
            closing = true;
            decoder.interrupt();
            boolean interrupted = false;
            // The reader must not be closed under a running decode: wait for it even when interrupted.
            while (decoder.isAlive()) {
                try {
                    decoder.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            reader.close();
        }
    }
}
