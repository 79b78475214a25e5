package io.framefleet.media;

import java.nio.file.Path;
import java.util.List;

/**
 * Joins processed segments, in order, into the deliverable video: H.264 in MP4 for people, or FFV1 in Matroska
 * when the result feeds another lossless stage. Frame i of the result is shown at i / fps, whatever the segments'
 * own timestamps said, so there are no gaps or overlaps at the joins.
 */
public final class Assembler {

    private Assembler() {
    }

    /**
     * Assembles with the rotation of {@code audioSource} (the original upload), if any.
     *
     * @param audioSource the original upload: its audio track (trimmed to the video) and rotation are carried over;
     *                    null for silent video without rotation
     * @param codec       "h264" (MP4, libopenh264, yuv420p, even size) or "ffv1" (Matroska, lossless)
     * @return the number of frames written
     */
    public static long assemble(List<Path> segments, Path audioSource, int fpsNum, int fpsDen, String codec, Path out) {
        int rotation = 0;
        if (audioSource != null) {
            try (FrameReader reader = FrameReader.open(audioSource)) {
                rotation = reader.grabber().hasVideo() ? reader.rotation() : 0;
            }
        }
        return assemble(segments, audioSource, rotation, fpsNum, fpsDen, codec, out);
    }

    /** As {@link #assemble(List, Path, int, int, String, Path)} with an explicit clockwise display rotation. */
    public static long assemble(List<Path> segments, Path audioSource, int rotation, int fpsNum, int fpsDen,
                                String codec, Path out) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments to assemble");
        }
        if (!codec.equals(VideoWriter.H264) && !codec.equals(VideoWriter.FFV1)) {
            throw new IllegalArgumentException("codec must be h264 or ffv1, got " + codec);
        }
        if (rotation % 90 != 0) {
            throw new IllegalArgumentException("rotation must be a multiple of 90, got " + rotation);
        }
        AudioTrack audio = audioSource == null ? null : AudioTrack.open(audioSource);
        VideoWriter writer;
        try {
            writer = new VideoWriter(out, codec, fpsNum, fpsDen, rotation, audio);
        } catch (RuntimeException e) {
            if (audio != null) {
                audio.close();
            }
            throw e;
        }
        try (writer) {
            for (Path segment : segments) {
                try (FrameReader frames = FrameReader.open(segment)) {
                    while (frames.next()) {
                        writer.write(frames.frame());
                    }
                }
            }
            if (writer.frames() == 0) {
                throw new MediaException("the segments hold no frames");
            }
        }
        return writer.frames();
    }
}
