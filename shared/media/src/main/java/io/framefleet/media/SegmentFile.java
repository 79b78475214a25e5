package io.framefleet.media;

import java.nio.file.Path;

/**
 * One lossless piece of a source video.
 *
 * @param index      position in the video, from 0
 * @param firstFrame source index of its first frame
 * @param frames     number of frames it holds
 * @param sceneCut   true when it starts a shot (segment 0, or a detected cut): interpolation must not look back
 *                   across its start
 * @param file       the FFV1/Matroska file
 */
public record SegmentFile(int index, long firstFrame, int frames, boolean sceneCut, Path file) {
}
