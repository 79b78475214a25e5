package io.framefleet.ingest;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.GenerationRequested;
import io.framefleet.storage.ObjectStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Turns a prompt into a complete, replayable generation request: options checked, defaults
 * filled, the seed drawn when absent. The request is recorded under the job's prefix before it
 * is published, so a repeated submission finds it and gets the same request (and seed) back.
 * Plain Java, so tests run it without Kafka.
 */
public class PromptIntake {

    /** The request and whether it was made now or found from an earlier submission. */
    public record Outcome(GenerationRequested request, boolean duplicate) {
    }

    private final ObjectStore store;
    private final String workBucket;
    private final LongSupplier seeds;

    public PromptIntake(ObjectStore store, String workBucket, LongSupplier seeds) {
        this.store = store;
        this.workBucket = workBucket;
        this.seeds = seeds;
    }

    /**
     * @throws RejectedException for an empty prompt or options out of range, saying which
     * @throws IOException when storage fails (worth retrying)
     */
    public Outcome intake(String jobId, String origin, String prompt, GenerateOptions options, String outputBucket,
                          Instant submittedAt) throws IOException, RejectedException {
        String marker = Intake.requestKey(jobId);
        if (store.head(workBucket, marker).isPresent()) {
            String json = new String(store.read(workBucket, marker), StandardCharsets.UTF_8);
            return new Outcome(CloudEvents.parse(GenerationRequested.class, json), true);
        }
        GenerateOptions filled = Options.validate(prompt, options);
        if (filled.seed() == null) {
            filled = filled.withSeed(seeds.getAsLong());
        }
        GenerationRequested request = new GenerationRequested(jobId, submittedAt, origin, prompt.strip(), filled,
                outputBucket);
        store.put(workBucket, marker, CloudEvents.toJson(request).getBytes(StandardCharsets.UTF_8), "application/json");
        return new Outcome(request, false);
    }

    /** A seed short enough to type back in. */
    public static long drawSeed() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 31);
    }
}
