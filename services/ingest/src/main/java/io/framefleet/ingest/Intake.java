package io.framefleet.ingest;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.MediaInfo;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Segment;
import io.framefleet.media.MediaException;
import io.framefleet.media.Probe;
import io.framefleet.media.SceneDetector;
import io.framefleet.media.SegmentFile;
import io.framefleet.media.Segmenter;
import io.framefleet.media.Stills;
import io.framefleet.storage.ObjectInfo;
import io.framefleet.storage.ObjectStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a source object into a job request: checks the options, reads the source once,
 * probes it, finds scene cuts and stores lossless segments under {@code jobs/<job>/ingest/}.
 * Plain Java, so tests run it without Kafka.
 */
public class Intake {

    private final ObjectStore store;
    private final String workBucket;
    private final int maxSegmentFrames;
    private final double sceneThreshold;
    private final long maxSourceBytes;

    public Intake(ObjectStore store, String workBucket, int maxSegmentFrames, double sceneThreshold, long maxSourceBytes) {
        this.store = store;
        this.workBucket = workBucket;
        this.maxSegmentFrames = maxSegmentFrames;
        this.sceneThreshold = sceneThreshold;
        this.maxSourceBytes = maxSourceBytes;
    }

    /**
     * @throws RejectedException for anything the caller must fix (missing object, not a video, bad options)
     * @throws IOException when storage fails (worth retrying)
     */
    public JobRequested intake(String jobId, String origin, ObjectRef source, String outputBucket,
                               EnhanceOptions options, Instant submittedAt) throws IOException, RejectedException {
        EnhanceOptions opts = Options.validate(options == null ? new EnhanceOptions(null, null, null, null, null, null,
                null, null) : options);
        Optional<ObjectInfo> info = store.head(source.bucket(), source.key());
        if (info.isEmpty()) {
            throw new RejectedException("source " + source + " does not exist");
        }
        if (info.get().size() == 0) {
            throw new RejectedException("source " + source + " is empty (0 bytes)");
        }
        if (info.get().size() > maxSourceBytes) {
            throw new RejectedException("source " + source + " is " + info.get().size() + " bytes, above the limit of "
                    + maxSourceBytes);
        }
        Path dir = Files.createTempDirectory("framefleet-ingest-");
        try {
            Path local = dir.resolve("source" + extension(source.key()));
            store.download(source.bucket(), source.key(), local);
            MediaInfo media = Probe.probe(local);
            List<SegmentFile> files;
            if (Probe.isStillImage(local)) {
                // A still goes through the same stages as a one-frame segment and comes out as a PNG.
                Path segment = dir.resolve("still.mkv");
                Stills.toSegment(local, segment);
                files = List.of(new SegmentFile(0, 0, 1, true, segment));
            } else {
                List<Long> cuts = SceneDetector.detectCuts(local,
                        sceneThreshold > 0 ? sceneThreshold : SceneDetector.DEFAULT_THRESHOLD);
                files = Segmenter.split(local, media, cuts, maxSegmentFrames,
                        Files.createDirectories(dir.resolve("segments")));
            }
            List<Segment> segments = new ArrayList<>();
            for (SegmentFile f : files) {
                String key = "jobs/" + jobId + "/ingest/" + f.index() + ".mkv";
                ObjectRef ref = store.put(workBucket, key, f.file());
                segments.add(new Segment(f.index(), f.firstFrame(), f.frames(), f.sceneCut(), ref));
            }
            ObjectRef measured = new ObjectRef(source.bucket(), source.key(), info.get().size(), null);
            return new JobRequested(jobId, submittedAt, origin, measured, outputBucket, opts, media, segments);
        } catch (MediaException e) {
            throw new RejectedException(e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    /** Where a request is recorded once made, so a redelivered notification reuses it. */
    public static String requestKey(String jobId) {
        return "jobs/" + jobId + "/ingest/request.json";
    }

    private static String extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.length() - dot <= 6 ? name.substring(dot) : "";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
