package io.framefleet.ingest;

import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.GenerationRequested;
import io.framefleet.storage.LocalObjectStore;
import io.framefleet.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prompt door on a local store: no Kafka needed. */
class PromptIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");

    @TempDir
    Path root;
    private ObjectStore store;
    private final AtomicLong nextSeed = new AtomicLong(1000);
    private PromptIntake intake;

    @BeforeEach
    void setUp() throws Exception {
        store = new LocalObjectStore(root);
        store.ensureBucket("work");
        intake = new PromptIntake(store, "work", nextSeed::getAndIncrement);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static GenerateOptions opts(Double seconds, Integer width, Integer candidates, String upscaler, Long seed) {
        return new GenerateOptions(null, seconds, null, width, width, seed, null, null, candidates, null, null, null,
                null, upscaler, null, null);
    }

    @Test
    void shouldFillDefaultsDrawSeedAndRecordTheRequest() throws Exception {
        PromptIntake.Outcome o = intake.intake("g1", "rest", "  a red circle moving right ", null, "outputs", NOW);
        GenerationRequested r = o.request();
        assertThat(o.duplicate()).isFalse();
        assertThat(r.prompt()).isEqualTo("a red circle moving right");
        assertThat(r.options()).isEqualTo(GenerateOptions.defaults().withSeed(1000));
        assertThat(r.outputBucket()).isEqualTo("outputs");
        assertThat(store.head("work", "jobs/g1/ingest/request.json")).isPresent();
    }

    @Test
    void shouldKeepGivenSeedAndChoices() throws Exception {
        GenerationRequested r = intake.intake("g2", "event", "a blue square", opts(1.0, 64, 2, "lanczos", 7L),
                "outputs", NOW).request();
        assertThat(r.options().seed()).isEqualTo(7);
        assertThat(r.options().seconds()).isEqualTo(1.0);
        assertThat(r.options().width()).isEqualTo(64);
        assertThat(r.options().candidates()).isEqualTo(2);
        assertThat(r.options().upscaler()).isEqualTo("lanczos");
        assertThat(nextSeed.get()).as("no seed drawn").isEqualTo(1000);
    }

    @Test
    void shouldGiveTheSameRequestForARepeatedSubmission() throws Exception {
        GenerationRequested first = intake.intake("g3", "event", "a green cross", null, "outputs", NOW).request();
        PromptIntake.Outcome again = intake.intake("g3", "event", "a green cross", null, "outputs",
                NOW.plusSeconds(5));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.request()).isEqualTo(first);
        assertThat(store.list("work", "jobs/g3/")).hasSize(1);
    }

    @Test
    void shouldRejectBadPromptsAndOptionsWithReasonsAndRecordNothing() throws Exception {
        assertThatThrownBy(() -> intake.intake("b1", "rest", " ", null, "outputs", NOW))
                .isInstanceOf(RejectedException.class).hasMessageContaining("prompt must not be empty");
        assertThatThrownBy(() -> intake.intake("b2", "rest", "x", opts(45.0, null, null, null, null), "outputs", NOW))
                .isInstanceOf(RejectedException.class).hasMessageContaining("seconds must be in (0, 30]");
        assertThatThrownBy(() -> intake.intake("b3", "rest", "x", opts(null, 127, null, null, null), "outputs", NOW))
                .isInstanceOf(RejectedException.class).hasMessageContaining("even for h264");
        assertThatThrownBy(() -> intake.intake("b4", "rest", "x", opts(null, 4096, null, null, null), "outputs", NOW))
                .isInstanceOf(RejectedException.class).hasMessageContaining("16..2048");
        assertThatThrownBy(() -> intake.intake("b5", "rest", "x", opts(null, null, 0, null, null), "outputs", NOW))
                .isInstanceOf(RejectedException.class).hasMessageContaining("candidates must be 1..16");
        assertThatThrownBy(() -> intake.intake("b6", "rest", "x", opts(null, null, null, "magic", null), "outputs", NOW))
                .isInstanceOf(RejectedException.class).hasMessageContaining("unknown upscaler 'magic'");
        assertThat(store.list("work", "jobs/")).as("nothing recorded for rejected prompts").isEmpty();
    }
}
