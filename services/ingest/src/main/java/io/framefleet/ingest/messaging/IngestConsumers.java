package io.framefleet.ingest.messaging;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.JobIds;
import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.JobSubmitted;
import io.framefleet.contracts.MalformedEventException;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.PromptSubmitted;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.ingest.IngestConfig;
import io.framefleet.ingest.IngestService;
import io.framefleet.ingest.JobView;
import io.framefleet.ingest.RejectedException;
import io.framefleet.worker.Events;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.framefleet.worker.telemetry.Traced;
import io.framefleet.worker.telemetry.Tracing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.eventnotifications.s3.model.S3Object;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Kafka doors of ingest. Bucket notifications arrive at least once, so the job id is derived
 * from bucket + key + version (eTag, versionId or sequencer): the same upload always maps
 * to the same job. A rejection is not an error of the consumer: the job is recorded failed.
 */
@ApplicationScoped
public class IngestConsumers {

    private static final Logger LOG = Logger.getLogger(IngestConsumers.class);

    @Inject
    IngestService ingest;
    @Inject
    JobView view;
    @Inject
    IngestConfig config;
    @Inject
    Tracing tracing;

    @Incoming("uploads")
    @Blocking(ordered = true)
    public void onUpload(ConsumerRecord<String, String> record) throws IOException {
        try (Traced traced = tracing.consume(record)) {
            onUploadTraced(record);
        }
    }

    private void onUploadTraced(ConsumerRecord<String, String> record) throws IOException {
        S3EventNotification notification;
        try {
            notification = S3EventNotification.fromJson(record.value());
        } catch (RuntimeException e) {
            throw new MalformedEventException("not an S3 event notification: " + e.getMessage(), e);
        }
        if (notification.getRecords() == null || notification.getRecords().isEmpty()) {
            throw new MalformedEventException("S3 event notification without records");
        }
        for (S3EventNotificationRecord r : notification.getRecords()) {
            if (r.getEventName() == null || !r.getEventName().startsWith("ObjectCreated")) {
                LOG.debugf("ignoring %s", r.getEventName());
                continue;
            }
            if (r.getS3() == null || r.getS3().getBucket() == null || r.getS3().getObject() == null
                    || r.getS3().getObject().getKey() == null) {
                throw new MalformedEventException("S3 record without bucket or object key");
            }
            String bucket = r.getS3().getBucket().getName();
            S3Object object = r.getS3().getObject();
            // Keys in notifications are URL-encoded (spaces as '+').
            String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
            String version = firstNonNull(object.getVersionId(), object.getETag(), object.getSequencer());
            String jobId = JobIds.derive(bucket, key, version);
            try {
                IngestConfig.Uploads u = config.uploads();
                EnhanceOptions options = new EnhanceOptions(u.fpsFactor(), null, u.scale(), null, null, u.codec(),
                        null, null);
                ingest.submit(jobId, "upload", ObjectRef.of(bucket, key), null, options, true);
            } catch (RejectedException e) {
                LOG.debugf("upload %s/%s rejected: %s", bucket, key, e.getMessage());
            }
        }
    }

    @Incoming("submissions")
    @Blocking(ordered = true)
    public void onSubmission(ConsumerRecord<String, String> record) throws IOException {
        try (Traced traced = tracing.consume(record)) {
            onSubmissionTraced(record);
        }
    }

    private void onSubmissionTraced(ConsumerRecord<String, String> record) throws IOException {
        JobSubmitted s = Events.parse(record, JobSubmitted.class);
        if (s.source() == null) {
            throw new MalformedEventException("submission without source");
        }
        if (s.jobId() != null && !JobIds.isValid(s.jobId())) {
            throw new MalformedEventException("invalid job id '" + s.jobId() + "'");
        }
        String jobId = s.jobId() != null ? s.jobId()
                : JobIds.derive(s.source().bucket(), s.source().key(), String.valueOf(s.source().sha256()));
        try {
            ingest.submit(jobId, "event", s.source(), s.outputBucket(), s.options(), true);
        } catch (RejectedException e) {
            LOG.debugf("submission %s rejected: %s", jobId, e.getMessage());
        }
    }

    /** The job id comes from the CloudEvent's source and id, so a re-published event is the same job. */
    @Incoming("prompts")
    @Blocking(ordered = true)
    public void onPrompt(ConsumerRecord<String, String> record) throws IOException {
        try (Traced traced = tracing.consume(record)) {
            onPromptTraced(record);
        }
    }

    private void onPromptTraced(ConsumerRecord<String, String> record) throws IOException {
        PromptSubmitted p = Events.parse(record, PromptSubmitted.class);
        String source = Events.header(record, CloudEvents.H_SOURCE);
        String id = Events.header(record, CloudEvents.H_ID);
        if (source == null || source.isBlank() || id == null || id.isBlank()) {
            throw new MalformedEventException("prompt event without ce_source or ce_id; the job id is derived from both");
        }
        String jobId = JobIds.derive("prompt", source, id);
        try {
            ingest.generate(jobId, "event", p.prompt(), p.options(), p.outputBucket(), true);
        } catch (RejectedException e) {
            LOG.debugf("prompt %s rejected: %s", jobId, e.getMessage());
        }
    }

    @Incoming("status")
    public void onStatus(ConsumerRecord<String, String> record) {
        try {
            view.update(Events.parse(record, JobStatus.class));
        } catch (MalformedEventException e) {
            LOG.warnf("skipping unreadable status record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
