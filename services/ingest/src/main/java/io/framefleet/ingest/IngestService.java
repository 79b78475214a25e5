package io.framefleet.ingest;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.GenerationRequested;
import io.framefleet.contracts.JobCancelRequested;
import io.framefleet.contracts.JobRejected;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.storage.ObjectStore;
import io.framefleet.worker.Events;
import io.framefleet.worker.StorageConfig;
import io.framefleet.worker.telemetry.Traced;
import io.framefleet.worker.telemetry.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The doors (REST, bucket notifications, submission and prompt events) meet here: one job id per
 * source, one request per job id (recorded in storage, so redelivery re-publishes the same
 * request instead of making a second job), a rejection for bad input.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    static final String SOURCE = "framefleet/ingest";

    @Inject
    ObjectStore store;
    @Inject
    StorageConfig storage;
    @Inject
    IngestConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    Tracing tracing;
    @Inject
    @Channel("requests")
    MutinyEmitter<String> requests;

    private Intake intake;
    private PromptIntake prompts;

    @PostConstruct
    void init() {
        intake = new Intake(store, storage.buckets().work(), config.maxSegmentFrames(), config.sceneThreshold(),
                config.maxSourceBytes());
        prompts = new PromptIntake(store, storage.buckets().work(), PromptIntake::drawSeed);
    }

    /**
     * A text-to-video job: the same job id always gives the same request (a repeated event
     * re-publishes it, the planner ignores the second copy).
     *
     * @param publishRejection as for {@link #submit}
     */
    public GenerationRequested generate(String jobId, String origin, String prompt, GenerateOptions options,
                                        String outputBucket, boolean publishRejection)
            throws IOException, RejectedException {
        try (Traced traced = tracing.work("ingest prompt", jobId, null)) {
            traced.attribute("framefleet.origin", origin);
            return intakePrompt(jobId, origin, prompt, options, outputBucket, publishRejection);
        }
    }

    private GenerationRequested intakePrompt(String jobId, String origin, String prompt, GenerateOptions options,
                                             String outputBucket, boolean publishRejection)
            throws IOException, RejectedException {
        Instant now = Instant.now();
        try {
            PromptIntake.Outcome o = prompts.intake(jobId, origin, prompt, options,
                    outputBucket == null ? storage.buckets().outputs() : outputBucket, now);
            publish(o.request());
            metrics.counter("framefleet.ingest.requests", "origin", origin, "outcome",
                    o.duplicate() ? "duplicate" : "accepted").increment();
            LOG.infof("generation job %s %s from %s: seed %d", jobId, o.duplicate() ? "re-published" : "accepted",
                    origin, o.request().options().seed());
            return o.request();
        } catch (RejectedException e) {
            metrics.counter("framefleet.ingest.requests", "origin", origin, "outcome", "rejected").increment();
            LOG.warnf("generation job %s rejected: %s", jobId, e.getMessage());
            if (publishRejection) {
                publish(new JobRejected(jobId, now, origin, null, e.getMessage()));
            }
            throw e;
        }
    }

    /**
     * @param publishRejection true where no caller waits for the answer (events, uploads): the
     *                         rejection then becomes a failed job others can see
     */
    public JobRequested submit(String jobId, String origin, ObjectRef source, String outputBucket,
                               EnhanceOptions options, boolean publishRejection) throws IOException, RejectedException {
        // The root of the job's trace, or a child of the request or event that brought it.
        try (Traced traced = tracing.work("ingest", jobId, null)) {
            traced.attribute("framefleet.origin", origin).attribute("framefleet.source", source.bucket() + "/" + source.key());
            return intake(jobId, origin, source, outputBucket, options, publishRejection);
        }
    }

    private JobRequested intake(String jobId, String origin, ObjectRef source, String outputBucket,
                                EnhanceOptions options, boolean publishRejection) throws IOException, RejectedException {
        String marker = Intake.requestKey(jobId);
        if (store.head(storage.buckets().work(), marker).isPresent()) {
            JobRequested previous = CloudEvents.parse(JobRequested.class,
                    new String(store.read(storage.buckets().work(), marker), StandardCharsets.UTF_8));
            LOG.infof("job %s was already requested; re-publishing the same request", jobId);
            metrics.counter("framefleet.ingest.requests", "origin", origin, "outcome", "duplicate").increment();
            publish(previous);
            return previous;
        }
        Instant now = Instant.now();
        try {
            String out = outputBucket == null ? storage.buckets().outputs() : outputBucket;
            JobRequested request = intake.intake(jobId, origin, source, out, options, now);
            store.put(storage.buckets().work(), marker, CloudEvents.toJson(request).getBytes(StandardCharsets.UTF_8),
                    "application/json");
            publish(request);
            metrics.counter("framefleet.ingest.requests", "origin", origin, "outcome", "accepted").increment();
            LOG.infof("job %s accepted from %s: %s, %d segments", jobId, origin, source, request.segments().size());
            return request;
        } catch (RejectedException e) {
            metrics.counter("framefleet.ingest.requests", "origin", origin, "outcome", "rejected").increment();
            LOG.warnf("job %s rejected: %s", jobId, e.getMessage());
            if (publishRejection) {
                publish(new JobRejected(jobId, now, origin, source, e.getMessage()));
            }
            throw e;
        }
    }

    public void cancel(String jobId, String reason) {
        publish(new JobCancelRequested(jobId, Instant.now(), reason));
    }

    private void publish(FleetEvent event) {
        requests.sendMessageAndAwait(Events.message(event, SOURCE));
    }
}
