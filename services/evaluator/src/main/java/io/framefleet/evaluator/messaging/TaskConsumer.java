package io.framefleet.evaluator.messaging;

import io.framefleet.worker.TaskRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The evaluator's task channels; the runtime does the rest (the task's {@code processor} parameter picks
 * assemble or gate). One task at a time per channel: the work is CPU-bound, and a gate task, a fraction of a
 * second, never waits behind a long assembly.
 */
@ApplicationScoped
public class TaskConsumer {

    public static final String CHANNEL = "tasks";
    public static final String GATE_CHANNEL = "gate";

    @Inject
    TaskRunner runner;

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, String> task) throws Exception {
        runner.run(task);
    }

    @Incoming(GATE_CHANNEL)
    @Blocking(ordered = true)
    public void consumeGate(ConsumerRecord<String, String> task) throws Exception {
        runner.run(task);
    }
}
