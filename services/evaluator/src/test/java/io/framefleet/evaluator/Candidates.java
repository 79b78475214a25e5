package io.framefleet.evaluator;

import io.framefleet.generation.AlignmentScorer;
import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.Scene;
import io.framefleet.generation.shapes.ShapeRenderer;
import io.framefleet.generation.shapes.ShapesDomain;
import io.framefleet.inference.ModelRepository;
import io.framefleet.media.RgbSegmentWriter;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/** Base clips of the shapes domain written the way the keyframe stage writes them, and the bundled scorer. */
final class Candidates {

    static final String SCORER = "t2v-scorer";

    private Candidates() {
    }

    static Path write(Path file, Clip clip, int fps) {
        try (RgbSegmentWriter writer = RgbSegmentWriter.open(file, clip.width(), clip.height(), fps, 1)) {
            for (byte[] frame : clip.rgb()) {
                writer.write(frame);
            }
        }
        return file;
    }

    static Clip render(String combination, double x0, double y0) {
        return ShapeRenderer.render(new Scene(ShapesDomain.Combination.of(combination), 1.8, 5.5, x0, y0,
                ShapesDomain.Background.BLACK));
    }

    /** A folder of bundles to test with instead of the bundled ones ({@code -Devaluator.test.models=DIR}). */
    private static final String FOLDER = System.getProperty("evaluator.test.models");

    /** Skips the calling test, saying why, when the scorer bundle is not on the class path yet. */
    static void assumeScorerBundled() {
        Assumptions.assumeTrue(FOLDER != null
                        || Candidates.class.getResource("/framefleet/models/" + SCORER + "/model.json") != null,
                "the " + SCORER + " bundle is not on the class path; skipping");
    }

    static AlignmentScorer scorer(Path cache) {
        ModelRepository repository = FOLDER != null ? ModelRepository.folder(Path.of(FOLDER))
                : ModelRepository.classpath(cache);
        return AlignmentScorer.builder().setRepository(repository).setName(SCORER).build();
    }
}
