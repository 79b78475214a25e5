package io.framefleet.keyframe;

import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.generation.Clip;
import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.ModelRepository;
import io.framefleet.media.FrameReader;
import io.framefleet.media.Probe;
import io.framefleet.worker.BadInputException;
import io.framefleet.worker.ProcessorResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KeyframeSamplerTest {

    static final Path MODELS = Path.of(System.getProperty("keyframe.test.models",
            "../../shared/generation/src/main/resources/framefleet/models"));
    static final String MODEL = "t2v-shapes";
    static KeyframeSampler sampler;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isRegularFile(MODELS.resolve(MODEL).resolve("model.json")),
                "no " + MODEL + " in " + MODELS.toAbsolutePath().normalize() + "; skipping");
        sampler = new KeyframeSampler(ModelRepository.folder(MODELS), InferenceDevice.CPU, MODEL, 4);
    }

    @AfterAll
    static void close() {
        if (sampler != null) {
            sampler.close();
        }
    }

    static StageTask task(Map<String, String> params) {
        return new StageTask("job-1/keyframe/2/1", "job-1", Stage.KEYFRAME, 2, 1, List.of(),
                ObjectRef.of("work", StageTask.outputPrefix("job-1", Stage.KEYFRAME, 2, 1)), params);
    }

    @Test
    void shouldWriteOneLosslessClipPerSeedAndAPreviewOfThemAll(@TempDir Path work) throws Exception {
        List<ProcessorResult.Output> early = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ProcessorResult result = sampler.process(task(Map.of("prompt", "red zorblax circle moving left",
                "seeds", "5,6", "steps", "1", "guidance", "3", "fps", "4/1")), List.of(), work, (outputs, note) -> {
                    early.addAll(outputs);
                    notes.add(note);
                });

        assertThat(result.outputs()).extracting(o -> o.target().key()).containsExactly(
                "jobs/job-1/keyframe/2-a1/c0.mkv", "jobs/job-1/keyframe/2-a1/c1.mkv",
                "jobs/job-1/keyframe/2-a1/preview.png");
        assertThat(result.results()).containsEntry("ignoredWords", "zorblax").containsEntry("frames", "8")
                .containsEntry("width", "32").containsEntry("height", "32");
        assertThat(result.frames()).isEqualTo(16);
        assertThat(sampler.version()).startsWith("t2v-shapes@");

        // The first candidate is sampled alone (for the early preview), the rest as one batch: here seed 6 alone.
        List<Clip> expected = List.of(
                sampler.load().generate("red zorblax circle moving left", null, new long[] {5}, 1, 3.0).get(0),
                sampler.load().generate("red zorblax circle moving left", null, new long[] {6}, 1, 3.0).get(0));
        Path c1 = result.outputs().get(1).file();
        assertThat(Probe.probe(c1).fps()).isEqualTo(4.0);
        try (FrameReader reader = FrameReader.open(c1)) {
            int f = 0;
            while (reader.next()) {
                assertThat(reader.width()).isEqualTo(32);
                assertThat(reader.rgb()).as("frame %d is stored losslessly", f).isEqualTo(expected.get(1).rgb()[f]);
                f++;
            }
            assertThat(f).isEqualTo(8);
        }
        BufferedImage preview = ImageIO.read(result.outputs().get(2).file().toFile());
        assertThat(preview.getWidth()).isEqualTo(8 * 32);
        assertThat(preview.getHeight()).isEqualTo(2 * 32);
        Clip c1Clip = expected.get(1);
        int rgb = preview.getRGB(5 * 32 + 10, 32 + 20) & 0xffffff;
        assertThat(rgb).as("row 1, frame 5, pixel (10, 20)")
                .isEqualTo(c1Clip.at(5, 10, 20, 0) << 16 | c1Clip.at(5, 10, 20, 1) << 8 | c1Clip.at(5, 10, 20, 2));

        // Before the second candidate was sampled, the first one's preview went out as progress.
        assertThat(notes).containsExactly("candidate 1 of 2");
        assertThat(early).extracting(o -> o.target().key()).containsExactly("jobs/job-1/keyframe/2-a1/first/preview.png");
        BufferedImage first = ImageIO.read(early.get(0).file().toFile());
        assertThat(first.getWidth() + "x" + first.getHeight()).isEqualTo("256x32");
        Clip c0Clip = expected.get(0);
        assertThat(first.getRGB(5 * 32 + 10, 20) & 0xffffff).as("frame 5, pixel (10, 20) of the first candidate")
                .isEqualTo(c0Clip.at(5, 10, 20, 0) << 16 | c0Clip.at(5, 10, 20, 1) << 8 | c0Clip.at(5, 10, 20, 2));
    }

    @Test
    void shouldSampleUnconditionallyWhenNoWordIsKnown(@TempDir Path work) throws Exception {
        ProcessorResult result = sampler.process(task(Map.of("prompt", "zorblax quux", "seeds", "9", "steps", "1",
                "guidance", "3", "fps", "4/1")), List.of(), work);

        assertThat(result.outputs()).hasSize(2);
        assertThat(result.results()).containsEntry("ignoredWords", "zorblax,quux");
    }

    @Test
    void shouldRefuseAModelTheRepositoryLacks(@TempDir Path work) {
        assertThatThrownBy(() -> sampler.process(task(Map.of("prompt", "red", "seeds", "1", "steps", "2",
                "guidance", "3", "fps", "4/1", "model", "t2v-nothing")), List.of(), work))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no text-to-video model t2v-nothing");
    }
}
