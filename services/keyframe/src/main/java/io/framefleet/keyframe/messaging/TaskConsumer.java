package io.framefleet.keyframe.messaging;

import io.framefleet.worker.TaskRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The keyframe service's task channel; the runtime does the rest. One task at a time: the work is CPU- or GPU-bound. */
@ApplicationScoped
public class TaskConsumer {

    public static final String CHANNEL = "tasks";

    @Inject
    TaskRunner runner;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, String> task) throws Exception {
        runner.run(task);
    }
}
