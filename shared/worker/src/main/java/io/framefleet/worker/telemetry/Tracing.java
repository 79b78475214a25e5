package io.framefleet.worker.telemetry;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.JobIds;
import io.framefleet.worker.Events;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Starts the fleet's spans: one per consumed event, and one per unit of work under a job's stored context. */
@ApplicationScoped
public class Tracing {

    public static final String ATTR_JOB = "framefleet.job.id";
    public static final String ATTR_EVENT_TYPE = "framefleet.event.type";
    public static final String ATTR_STAGE = "framefleet.stage";
    public static final String ATTR_TASK = "framefleet.task.id";

    @Inject
    Tracer tracer;

    /**
     * A consumer span continuing the trace the record was sent in (a new trace when it carries none, as a bucket
     * notification does), named {@code "<topic> process"} after the messaging conventions.
     */
    public Traced consume(ConsumerRecord<String, String> record) {
        var span = tracer.spanBuilder(record.topic() + " process")
                .setParent(JobTrace.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .startSpan();
        // Events are keyed by job id; stage tasks by job/stage/segment (see Events.key), named by the task itself.
        String jobId = record.key() != null && JobIds.isValid(record.key()) ? record.key() : null;
        if (jobId != null) {
            span.setAttribute(ATTR_JOB, jobId);
        }
        String type = Events.header(record, CloudEvents.H_TYPE);
        if (type != null) {
            span.setAttribute(ATTR_EVENT_TYPE, type);
        }
        return new Traced(span, jobId);
    }

    /**
     * An internal span for work on a job: a child of the current span when there is one, else of the job's stored
     * context (a {@code traceparent}; null starts a new trace).
     */
    public Traced work(String name, String jobId, String storedTraceparent) {
        Context current = Context.current();
        Context parent = JobTrace.hasSpan(current) ? current : JobTrace.fromTraceparent(storedTraceparent);
        var span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL).startSpan();
        if (jobId != null) {
            span.setAttribute(ATTR_JOB, jobId);
        }
        return new Traced(span, jobId);
    }
}
