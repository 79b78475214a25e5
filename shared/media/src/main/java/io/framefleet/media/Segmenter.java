package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts a source video into lossless FFV1/Matroska segments that workers process independently: a segment never
 * spans a scene cut, and none is longer than {@code maxFrames}. The source is decoded once and each segment
 * written in turn; pixels keep the decoder's format (yuv420p stays yuv420p, 10-bit stays 10-bit), rotation is
 * left to the final assembly, audio stays in the source.
 */
public final class Segmenter {

    private Segmenter() {
    }

    public static List<SegmentFile> split(Path source, MediaInfo info, List<Long> cuts, int maxFrames, Path outDir) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, got " + maxFrames);
        }
        TreeSet<Long> cutSet = new TreeSet<>(cuts);
        if (!cutSet.isEmpty() && (cutSet.first() <= 0 || cutSet.last() >= info.frames())) {
            throw new IllegalArgumentException("scene cuts must lie in 1.." + (info.frames() - 1) + ", got " + cuts);
        }
        createDirectories(outDir);
        List<SegmentFile> segments = new ArrayList<>();
        try (FrameReader frames = FrameReader.open(source)) {
            VideoWriter writer = null;
            long segmentStart = 0;
            long shotStart = 0;
            try {
                while (frames.next()) {
                    long i = frames.index();
                    boolean cut = cutSet.contains(i);
                    if (cut) {
                        shotStart = i;
                    }
                    if (writer == null || cut || (i - shotStart) % maxFrames == 0) {
                        if (writer != null) {
                            writer.close();
                            segments.add(segment(segments.size(), segmentStart, writer, cutSet, outDir));
                        }
                        segmentStart = i;
                        writer = new VideoWriter(fileFor(outDir, segments.size()), VideoWriter.FFV1,
                                info.fpsNum(), info.fpsDen(), 0, null);
                    }
                    writer.write(frames.frame());
                }
            } finally {
                if (writer != null) {
                    writer.close();
                }
            }
            if (writer != null) {
                segments.add(segment(segments.size(), segmentStart, writer, cutSet, outDir));
            }
        }
        long total = segments.stream().mapToLong(SegmentFile::frames).sum();
        if (total != info.frames()) {
            // Probe and split decode the same way, so a difference means the file changed or decodes unreliably.
            throw new MediaException("the video decoded to " + total + " frames, but the probe counted "
                    + info.frames() + "; the file is damaged or changed while being read");
        }
        return segments;
    }

    private static SegmentFile segment(int index, long first, VideoWriter writer, TreeSet<Long> cuts, Path outDir) {
        return new SegmentFile(index, first, (int) writer.frames(), first == 0 || cuts.contains(first),
                fileFor(outDir, index));
    }

    static Path fileFor(Path outDir, int index) {
        return outDir.resolve(String.format("segment-%05d.mkv", index));
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
