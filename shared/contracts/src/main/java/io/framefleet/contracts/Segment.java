package io.framefleet.contracts;

/**
 * One lossless piece of a source video, cut by ingest.
 *
 * @param index      0-based position in the video
 * @param firstFrame index of its first frame in the source
 * @param frames     number of frames
 * @param sceneCut   true when the segment starts a new scene, so nothing is interpolated across its start
 * @param object     where the lossless segment lies
 */
public record Segment(int index, long firstFrame, int frames, boolean sceneCut, ObjectRef object) {
}
