package io.framefleet.evaluator;

import io.framefleet.generation.Clip;
import io.framefleet.media.FrameReader;
import io.framefleet.media.MediaException;
import io.framefleet.worker.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Decoded videos as in-memory clips, for the scorer and the shapes checker. */
final class ClipFiles {

    /**
     * Limits far above what a generation job makes (8 frames of 32x32 candidates, a few hundred frames of
     * the finished video), so a wrong input fails with a reason instead of exhausting the heap.
     */
    static final int MAX_FRAMES = 2048;
    static final long MAX_BYTES = 1L << 30;

    private ClipFiles() {
    }

    /** Every frame of the video as packed RGB; bad input when it cannot be decoded or is too large. */
    static Clip read(Path file, String what) throws BadInputException {
        List<byte[]> frames = new ArrayList<>();
        int width = 0;
        int height = 0;
        try (FrameReader reader = FrameReader.open(file)) {
            while (reader.next()) {
                if (frames.isEmpty()) {
                    width = reader.width();
                    height = reader.height();
                } else if (reader.width() != width || reader.height() != height) {
                    throw new BadInputException(what + " changes size from " + width + "x" + height + " to "
                            + reader.width() + "x" + reader.height() + " at frame " + reader.index());
                }
                if (frames.size() >= MAX_FRAMES || (frames.size() + 1L) * width * height * 3 > MAX_BYTES) {
                    throw new BadInputException(what + " is too long to score: more than " + frames.size()
                            + " frames of " + width + "x" + height);
                }
                frames.add(reader.rgb());
            }
        } catch (MediaException e) {
            throw new BadInputException(what + " cannot be read: " + e.getMessage());
        }
        if (frames.isEmpty()) {
            throw new BadInputException(what + " has no video frames");
        }
        return new Clip(width, height, frames.toArray(new byte[0][]));
    }
}
