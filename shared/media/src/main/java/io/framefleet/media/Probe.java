package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

/** Reads what a source file holds and rejects what the fleet cannot process, with a message the uploader can act on. */
public final class Probe {

    /** Largest width or height accepted: beyond 8K nothing downstream (models, H.264 levels) copes. */
    public static final int MAX_DIMENSION = 8192;

    private Probe() {
    }

    /**
     * Probes a video or still image. The frame count is exact: it is counted by decoding, the way every later stage
     * reads the file, because container counts are missing (MPEG-PS, Matroska) or differ after edit lists.
     */
    public static MediaInfo probe(Path file) {
        requireNonEmpty(file);
        rejectTruncatedIsoMedia(file);
        try (FrameReader reader = FrameReader.open(file)) {
            FFmpegFrameGrabber grabber = reader.grabber();
            if (!grabber.hasVideo()) {
                throw new MediaException("not a video: " + file.getFileName() + " has no video stream");
            }
            checkDimensions(grabber.getImageWidth(), grabber.getImageHeight(), file);
            boolean still = isStillFormat(grabber.getFormat());
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            long frames = 0;
            while (reader.next()) {
                frames++;
            }
            if (frames == 0) {
                throw new MediaException("not a video: no frame of " + file.getFileName() + " can be decoded");
            }
            if (!still && frames < 2) {
                throw new MediaException("too short: " + file.getFileName() + " has only one frame; upload it as an image");
            }
            int[] fps = still ? new int[] {1, 1} : frameRate(video, file);
            AVCodecParameters audio = grabber.hasAudio()
                    ? grabber.getFormatContext().streams(grabber.getAudioStream()).codecpar() : null;
            return new MediaInfo(grabber.getImageWidth(), grabber.getImageHeight(), fps[0], fps[1], frames,
                    (double) frames * fps[1] / fps[0], reader.rotation(), grabber.getFormat(),
                    avcodec_get_name(video.codecpar().codec_id()).getString(),
                    audio == null ? null : avcodec_get_name(audio.codec_id()).getString(),
                    audio == null ? null : audio.sample_rate(),
                    audio == null ? null : audio.ch_layout().nb_channels());
        }
    }

    /** True for single-picture formats (PNG, JPEG, ...): they probe as one frame at 1 fps. */
    public static boolean isStillImage(Path file) {
        requireNonEmpty(file);
        try (FrameReader reader = FrameReader.open(file)) {
            return reader.grabber().hasVideo() && isStillFormat(reader.grabber().getFormat());
        }
    }

    static boolean isStillFormat(String format) {
        // FFmpeg names its single-image demuxers "<codec>_pipe" (png_pipe, jpeg_pipe, ...) or "image2" by extension.
        return format != null && (format.endsWith("_pipe") || format.equals("image2"));
    }

    static void checkDimensions(int width, int height, Path file) {
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new MediaException("unsupported resolution " + width + "x" + height + " in " + file.getFileName()
                    + ": each side must be between 1 and " + MAX_DIMENSION + " pixels");
        }
    }

    /**
     * The average rate is the one that keeps audio in sync over the whole clip; the "real" base rate is a better
     * fraction when the average is a long decimal approximation of it (1000000/33367 instead of 30000/1001).
     */
    private static int[] frameRate(AVStream video, Path file) {
        AVRational avg = video.avg_frame_rate();
        AVRational base = video.r_frame_rate();
        boolean avgValid = avg.num() > 0 && avg.den() > 0;
        boolean baseValid = base.num() > 0 && base.den() > 0;
        if (avgValid && baseValid && avg.den() > 1001
                && Math.abs((double) avg.num() / avg.den() - (double) base.num() / base.den()) < 0.01) {
            return new int[] {base.num(), base.den()};
        }
        if (avgValid) {
            return new int[] {avg.num(), avg.den()};
        }
        if (baseValid) {
            return new int[] {base.num(), base.den()};
        }
        throw new MediaException("not a video: " + file.getFileName() + " declares no frame rate");
    }

    private static void requireNonEmpty(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new MediaException("no such file: " + file.getFileName());
            }
            if (Files.size(file) == 0) {
                throw new MediaException("empty file: " + file.getFileName() + " has zero bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MP4/MOV files are a chain of boxes, each starting with its size. A box that claims to run past the end of the
     * file means the upload was cut short; FFmpeg would only say "moov atom not found" or silently lose the tail.
     */
    private static void rejectTruncatedIsoMedia(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            long fileSize = Files.size(file);
            long offset = 0;
            byte[] header = new byte[16];
            while (offset < fileSize) {
                int read = in.readNBytes(header, 0, 8);
                if (read == 0) {
                    break;
                }
                if (read < 8) {
                    throw truncated(file, "box header", fileSize, offset + 8);
                }
                ByteBuffer box = ByteBuffer.wrap(header);
                long size = Integer.toUnsignedLong(box.getInt(0));
                String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
                if (offset == 0 && !type.equals("ftyp")) {
                    return;
                }
                int headerSize = 8;
                if (size == 1) {
                    if (in.readNBytes(header, 8, 8) < 8) {
                        throw truncated(file, type, fileSize, offset + 16);
                    }
                    size = box.getLong(8);
                    headerSize = 16;
                } else if (size == 0) {
                    return; // "extends to end of file": nothing to compare against
                }
                if (size < headerSize || offset + size > fileSize) {
                    throw truncated(file, type, fileSize, offset + size);
                }
                in.skipNBytes(size - headerSize);
                offset += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MediaException truncated(Path file, String box, long fileSize, long needed) {
        return new MediaException("truncated MP4/MOV: " + file.getFileName() + " ends inside its '" + box + "' ("
                + fileSize + " of at least " + needed + " bytes); upload the complete file again");
    }
}
