package io.framefleet.ingest.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.ingest.IngestConfig;
import io.framefleet.storage.ObjectInfo;
import io.framefleet.storage.ObjectStore;
import io.framefleet.worker.StorageConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For stores that cannot notify (the local store, S3Mock, some S3 services): lists the inbox
 * prefix and publishes the same S3 event notification JSON a bucket would, onto the same
 * topic, so one code path handles both. An object is announced once its size and time have
 * held still for one interval, so a file still being copied is not read half-written. After
 * a restart everything is announced again; ingest's dedupe makes that harmless.
 */
@ApplicationScoped
public class InboxWatcher {

    private static final Logger LOG = Logger.getLogger(InboxWatcher.class);

    @Inject
    ObjectStore store;
    @Inject
    StorageConfig storage;
    @Inject
    IngestConfig config;
    @Inject
    @Channel("uploads-out")
    MutinyEmitter<String> uploads;

    private final Map<String, ObjectInfo> lastSeen = new HashMap<>();
    private final Set<String> announced = new HashSet<>();
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent ev) {
        if (!config.inboxWatch().enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "inbox-watcher"));
        long every = config.inboxWatch().interval().toMillis();
        timer.scheduleWithFixedDelay(this::scan, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("watching %s/%s every %d ms", storage.buckets().inbox(), config.inboxWatch().prefix(), every);
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    synchronized void scan() {
        try {
            String bucket = storage.buckets().inbox();
            List<ObjectInfo> listed = store.list(bucket, config.inboxWatch().prefix());
            Set<String> present = new HashSet<>();
            for (ObjectInfo o : listed) {
                String id = o.key() + "#" + o.eTag();
                present.add(id);
                ObjectInfo before = lastSeen.get(o.key());
                boolean settled = before != null && before.size() == o.size()
                        && java.util.Objects.equals(before.lastModified(), o.lastModified());
                if (settled && announced.add(id)) {
                    announce(o);
                }
            }
            // Forget what left the inbox, so a long-running watcher holds only its current listing.
            lastSeen.clear();
            listed.forEach(o -> lastSeen.put(o.key(), o));
            announced.retainAll(present);
        } catch (Exception e) {
            LOG.warnf("inbox scan failed, trying again next interval: %s", e.getMessage());
        }
    }

    private void announce(ObjectInfo o) {
        ObjectNode root = CloudEvents.json().createObjectNode();
        ObjectNode r = root.putArray("Records").addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "framefleet:inbox-watcher");
        r.put("awsRegion", "");
        r.put("eventTime", Instant.now().toString());
        r.put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.putObject("bucket").put("name", o.bucket()).put("arn", "arn:aws:s3:::" + o.bucket());
        ObjectNode obj = s3.putObject("object");
        obj.put("key", URLEncoder.encode(o.key(), StandardCharsets.UTF_8));
        obj.put("size", o.size());
        obj.put("eTag", o.eTag());
        obj.put("sequencer", Long.toHexString(o.lastModified() == null ? 0 : o.lastModified().toEpochMilli()));
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(o.bucket() + "/" + o.key()).build();
        uploads.sendMessageAndAwait(Message.of(root.toString()).addMetadata(meta));
        LOG.infof("announced %s/%s (%d bytes)", o.bucket(), o.key(), o.size());
    }
}
