package io.framefleet.superres;

import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.inference.DeviceUnavailableException;
import io.framefleet.inference.ModelRepository;
import io.framefleet.media.FrameReader;
import io.framefleet.media.RgbSegmentWriter;
import io.framefleet.worker.ProcessorResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelUpscalerTest {

    static final Path MOVIE = Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4");
    static final TestConfig CONFIG = new TestConfig();
    static ModelRepository repository;
    static ModelUpscaler fast;

    @BeforeAll
    static void setUp() {
        repository = ModelRepository.classpath(CONFIG.modelCache());
        assumeTrue(repository.find("sr-fast-x2").isPresent(), "no bundled sr-fast-x2 model; skipping");
        fast = new ModelUpscaler("sr-fast", CONFIG.fastModels(), repository,
                io.framefleet.inference.InferenceDevice.CPU, CONFIG);
    }

    @AfterAll
    static void tearDown() {
        if (fast != null) {
            fast.close();
        }
    }

    static StageTask task(int width, int height, long frames) {
        return new StageTask("job/upscale/0/1", "job", Stage.UPSCALE, 0, 1, List.of(ObjectRef.of("work", "in.mkv")),
                ObjectRef.of("work", "out.mkv"), Map.of("processor", "sr-fast", "width", Integer.toString(width),
                "height", Integer.toString(height), "fps", "30/1", "frames", Long.toString(frames)));
    }

    @Test
    void shouldUpscaleARealClipToTheTaskSizeAndFrameCount(@TempDir Path work) throws Exception {
        assumeTrue(Files.isRegularFile(MOVIE), MOVIE + " is missing: apt-get install -y python3-hug-doc");
        ProcessorResult result = fast.process(task(1120, 640, 3), List.of(MOVIE), work);

        assertThat(result.frames()).isEqualTo(3);
        List<byte[]> source = frames(MOVIE, 3);
        List<byte[]> upscaled = frames(result.outputs().get(0).file(), Integer.MAX_VALUE);
        assertThat(upscaled).hasSize(3);
        try (FrameReader r = FrameReader.open(result.outputs().get(0).file())) {
            r.next();
            assertThat(r.width()).isEqualTo(1120);
            assertThat(r.height()).isEqualTo(640);
        }
        // Averaging the output back down must give the input again: the model enlarged this picture, not another.
        for (int i = 0; i < 3; i++) {
            assertThat(psnr(source.get(i), boxDown2(upscaled.get(i), 1120, 640))).isGreaterThan(30);
        }
    }

    @Test
    void shouldHoldTheLastFrameWhenTheSegmentIsShort(@TempDir Path work) throws Exception {
        Path segment = work.resolve("short.mkv");
        byte[] a = gradient(96, 64, 0);
        byte[] b = gradient(96, 64, 90);
        try (RgbSegmentWriter w = RgbSegmentWriter.open(segment, 96, 64, 30, 1)) {
            w.write(a);
            w.write(b);
        }
        Path out = Files.createDirectories(work.resolve("out"));
        ProcessorResult result = fast.process(task(150, 100, 4), List.of(segment), out);

        assertThat(result.frames()).isEqualTo(4);
        List<byte[]> written = frames(result.outputs().get(0).file(), Integer.MAX_VALUE);
        assertThat(written).hasSize(4);
        assertThat(written.get(3)).isEqualTo(written.get(1));
        assertThat(written.get(0)).isNotEqualTo(written.get(1));
    }

    @Test
    void shouldNameTheModelsItRunsInItsVersion() {
        assertThat(fast.version()).matches("sr-fast-x2@[^+,]+\\+[0-9a-f]{12}(,sr-fast-x4@[^+,]+\\+[0-9a-f]{12})?");
    }

    @Test
    void shouldRefuseToStartOnAGpuThatIsNotThere() {
        Processors processors = new Processors();
        processors.config = new TestConfig("gpu", 1);
        assertThatThrownBy(() -> processors.checkDevice(null))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("gpu:0").hasMessageContaining("refusing to start");
    }

    static List<byte[]> frames(Path file, int max) {
        List<byte[]> out = new ArrayList<>();
        try (FrameReader r = FrameReader.open(file)) {
            while (out.size() < max && r.next()) {
                out.add(r.rgb());
            }
        }
        return out;
    }

    static byte[] gradient(int w, int h, int shift) {
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                rgb[p] = (byte) (x * 2 + shift);
                rgb[p + 1] = (byte) (y * 3);
                rgb[p + 2] = (byte) ((x ^ y) * 4 + shift);
            }
        }
        return rgb;
    }

    static byte[] boxDown2(byte[] rgb, int w, int h) {
        byte[] out = new byte[3 * (w / 2) * (h / 2)];
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                for (int c = 0; c < 3; c++) {
                    int s = (rgb[3 * ((2 * y) * w + 2 * x) + c] & 0xff) + (rgb[3 * ((2 * y) * w + 2 * x + 1) + c] & 0xff)
                            + (rgb[3 * ((2 * y + 1) * w + 2 * x) + c] & 0xff) + (rgb[3 * ((2 * y + 1) * w + 2 * x + 1) + c] & 0xff);
                    out[3 * (y * (w / 2) + x) + c] = (byte) ((s + 2) / 4);
                }
            }
        }
        return out;
    }

    static double psnr(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            se += d * d;
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / a.length));
    }
}
