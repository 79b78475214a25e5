package io.framefleet.worker;

import io.framefleet.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the object store answers: a worker that cannot read its inputs or write its outputs should get
 * no traffic. Asks for a key that need not exist in the work bucket; an answer of "not there" is healthy, an error
 * (unreachable endpoint, bad credentials, missing bucket) is not.
 */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    static final String PROBE_KEY = ".framefleet/health";

    @Inject
    ObjectStore store;
    @Inject
    StorageConfig config;

    @Override
    public HealthCheckResponse call() {
        String bucket = config.buckets().work();
        var response = HealthCheckResponse.named("object storage").withData("type", config.storage().type())
                .withData("bucket", bucket);
        try {
            store.head(bucket, PROBE_KEY);
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
